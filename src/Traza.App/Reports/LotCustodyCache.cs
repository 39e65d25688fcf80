using System.Buffers;
using System.Globalization;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// The custody summary of every lot of a pool (<see cref="LotLookup"/>'s <c>custody_summary</c>), kept per stored discharge
/// run by a long-lived reader (<c>traza serve</c>; issue 16 item 6): working it out decodes each of the pool's stored
/// allocations — ~2/3 of a lookup's CPU — and it changes only when a run is stored. An entry holds the summary over every
/// allocation of the run it was read under (dated on or before the run's as-of, which is all of them), and is used only by a
/// lookup at an as-of on or after that date whose latest run is that run (key: as-of, times, last batch, digest); any other
/// run drops every entry. An entry is kept only when the run read before and after its pools is the same, so a run stored
/// meanwhile by another process is never filed under the run before it. Thread-safe.
/// </summary>
public sealed class LotCustodyCache
{
    /// <summary>The most pools kept (all are dropped when full): ~40 bytes a lot.</summary>
    public const int MaxPools = 50_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(string Client, string Part), Dictionary<PoolLotKey, LotCustody>> pools = [];
    private string? run;

    /// <summary>How many pools were read from the store rather than from here (for tests and benchmarks).</summary>
    public long Misses => Interlocked.Read(ref misses);

    private long misses;

    /// <summary>The key of a stored run: it differs for every run stored (the times of the run and the digest of its data).</summary>
    internal static string KeyOf(DischargeRunRecord run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.AsOf:yyyy-MM-dd}|{run.StartedAt}|{run.FinishedAt}|{run.LastBatch}|{run.Allocations}|{run.DerivedDigest}");

    internal bool TryGet(string runKey, (string Client, string Part) pool, out Dictionary<PoolLotKey, LotCustody> lots)
    {
        lock (gate)
        {
            if (run == runKey && pools.TryGetValue(pool, out lots!))
            {
                return true;
            }
        }

        Interlocked.Increment(ref misses);
        lots = null!;
        return false;
    }

    internal void Put(string runKey, IEnumerable<((string Client, string Part) Pool, Dictionary<PoolLotKey, LotCustody> Lots)> read)
    {
        lock (gate)
        {
            if (run != runKey)
            {
                pools.Clear();
                run = runKey;
            }

            foreach (var (pool, lots) in read)
            {
                if (pools.Count >= MaxPools)
                {
                    pools.Clear();
                }

                pools[pool] = lots;
            }
        }
    }
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
