using System.Buffers;
using System.Globalization;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// What point reads take from one stored discharge run, kept per pool by a long-lived reader (<c>traza serve</c>; issue 16
/// item 6): the stored lot totals of a pool (what <see cref="LotBalances"/> reads of it: ~40 % of a page of balances' CPU)
/// and the custody summary of its lots (<see cref="LotLookup"/>'s <c>custody_summary</c>: decoding each of the pool's stored
/// allocations, ~2/3 of a lookup's CPU before). Both change only when a run is stored. An entry holds what the pool held
/// under the run it was read under (its totals; its allocations dated on or before the run's as-of, which is all of them)
/// and is used only at an as-of on or after that date while the latest run is that run (key: as-of, times, last batch,
/// allocations, digest); any other run drops every entry. Entries are kept only when the run read before and after their
/// pools is the same, so a run stored meanwhile by another process is never filed under the run before it. Thread-safe.
/// </summary>
public sealed class StoredRunCache
{
    /// <summary>The most pools kept of each kind (all of that kind are dropped when full).</summary>
    public const int MaxPools = 50_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(string Client, string Part), Dictionary<PoolLotKey, LotCustody>> custody = [];
    private readonly Dictionary<(string Client, string Part), PoolTotals> totals = [];
    private string? run;
    private long misses;

    /// <summary>How many pools were read from the store rather than from here (for tests and benchmarks).</summary>
    public long Misses => Interlocked.Read(ref misses);

    /// <summary>The key of a stored run: it differs for every run stored (the times of the run and the digest of its data).</summary>
    internal static string KeyOf(DischargeRunRecord run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.AsOf:yyyy-MM-dd}|{run.StartedAt}|{run.FinishedAt}|{run.LastBatch}|{run.Allocations}|{run.DerivedDigest}");

    internal bool TryGet(string runKey, (string Client, string Part) pool, out Dictionary<PoolLotKey, LotCustody> lots) =>
        TryGet(custody, runKey, pool, out lots);

    internal bool TryGetTotals(string runKey, (string Client, string Part) pool, out PoolTotals lots) => TryGet(totals, runKey, pool, out lots);

    internal void Put(string runKey, IEnumerable<((string Client, string Part) Pool, Dictionary<PoolLotKey, LotCustody> Lots)> read) =>
        Put(custody, runKey, read);

    internal void PutTotals(string runKey, IEnumerable<((string Client, string Part) Pool, PoolTotals Lots)> read) => Put(totals, runKey, read);

    private bool TryGet<T>(Dictionary<(string, string), T> kind, string runKey, (string, string) pool, out T value)
    {
        lock (gate)
        {
            if (run == runKey && kind.TryGetValue(pool, out value!))
            {
                return true;
            }
        }

        Interlocked.Increment(ref misses);
        value = default!;
        return false;
    }

    private void Put<T>(Dictionary<(string, string), T> kind, string runKey, IEnumerable<((string, string) Pool, T Value)> read)
    {
        lock (gate)
        {
            if (run != runKey)
            {
                custody.Clear();
                totals.Clear();
                run = runKey;
            }

            foreach (var (pool, value) in read)
            {
                if (kind.Count >= MaxPools)
                {
                    kind.Clear();
                }

                kind[pool] = value;
            }
        }
    }
}

/// <summary>
/// A pool's stored lot totals as <see cref="IDerivedStore.ScanLotTotalsOf"/> visits them (head, then tail), by lot key, so a
/// page finds its lots without visiting every lot of the pool again.
/// </summary>
internal sealed class PoolTotals
{
    /// <summary>By lot key, the last visit of a key winning, as visiting the pool's lots in order leaves them.</summary>
    private readonly Dictionary<(string Pedimento, int Partida), PoolLotTotals> byKey = [];

    public void Add(ReadOnlySpan<byte> pedimento, int partida, in PoolLotTotals totals) =>
        byKey[(System.Text.Encoding.UTF8.GetString(pedimento), partida)] = totals;

    /// <summary>The totals of one lot of the pool, by its key (what a visit of the pool's lots ends with for it).</summary>
    public bool TryGet(string pedimento, int partida, out PoolLotTotals totals) => byKey.TryGetValue((pedimento, partida), out totals);
}

/// <summary>One lot's custody summary: its allocations, distinct movements, quantity (micro-UMC) and first and last day.</summary>
internal readonly record struct LotCustody(long Allocations, long Movements, long Qty, int First, int Last)
{
    /// <summary>
    /// Every lot of <paramref name="pool"/> with an allocation dated on or before <paramref name="day"/> (a DayNumber), in
    /// one pass over its chunks (each decoded into a rented buffer); lots without one are absent.
    /// </summary>
    public static Dictionary<PoolLotKey, LotCustody> Of(StoredPool pool, int day)
    {
        var count = new Dictionary<int, (long Allocations, long Qty, int First, int Last)>();
        var movements = new HashSet<(int Lot, long Movement)>();
        foreach (var chunk in pool.Chunks)
        {
            var buffer = ArrayPool<PackedAllocation>.Shared.Rent(chunk.Count);
            try
            {
                AllocationCodec.Decode(chunk.Data, chunk.Count, buffer.AsSpan(0, chunk.Count));
                foreach (var a in buffer.AsSpan(0, chunk.Count))
                {
                    if (a.Day > day)
                    {
                        continue;
                    }

                    var c = count.GetValueOrDefault(a.Lot, (0, 0, int.MaxValue, int.MinValue));
                    count[a.Lot] = (c.Allocations + 1, c.Qty + a.Qty, Math.Min(c.First, a.Day), Math.Max(c.Last, a.Day));
                    movements.Add((a.Lot, a.Movement));
                }
            }
            finally
            {
                ArrayPool<PackedAllocation>.Shared.Return(buffer);
            }
        }

        var distinct = new Dictionary<int, long>();
        foreach (var (lot, _) in movements)
        {
            distinct[lot] = distinct.GetValueOrDefault(lot) + 1;
        }

        var result = new Dictionary<PoolLotKey, LotCustody>(count.Count);
        foreach (var (lot, c) in count)
        {
            var at = lot - pool.FirstLot;
            if (at >= 0 && at < pool.LotKeys.Count)
            {
                result[pool.LotKeys[at]] = new LotCustody(c.Allocations, distinct[lot], c.Qty, c.First, c.Last);
            }
        }

        return result;
    }
}
