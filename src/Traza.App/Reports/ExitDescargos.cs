using System.Runtime.InteropServices;
using Traza.App.Discharge;
using Traza.Domain.Discharge;
using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// The 512 blocks of many exits at once summed straight from the stored pools — reconciliation's descargos, where on
/// <c>large</c> 1,685 transfer exits reach practically every pool (docs/benchmarks.md, "Reconcile on large"): one pool's
/// allocations decoded at a time into one buffer, only the chunks from the earliest exit's month, no custody row made;
/// the lots' entries taken from the ledger lines the caller has read already (<see cref="ILedgerScans.ReconcileLines"/>),
/// the few others (another client's, dated after the as-of date) by one set read. The fast twin of
/// <see cref="DescargosReport.Lines(ITrazaStore, DateOnly, string?, IReadOnlyCollection{string})"/>: the same lines, in no
/// order (property test: tests/Traza.Cli.Tests Reconciliation/ExitDescargosTests, both stores).
/// </summary>
public static class ExitDescargos
{
    /// <summary>
    /// The blocks of <paramref name="exits"/> as of <paramref name="asOf"/>; <paramref name="entryLines"/> are the entry lines
    /// <c>ReconcileLines(exits: false, client, asOf)</c> reads (any subset of the entry rows would do: they only spare reads).
    /// </summary>
    public static List<DescargosReport.Descargo> Lines(
        ITrazaStore store, DateOnly asOf, string? client, IReadOnlyCollection<string> exits, IReadOnlyList<ReconcileLineScan> entryLines)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(exits);
        ArgumentNullException.ThrowIfNull(entryLines);
        var rectifications = LedgerRectifications.Read(store, asOf);
        var exitDocs = CustodyReport.ExitNumbers(rectifications, exits);
        var movements = new Dictionary<long, (string Document, string Clave, DateOnly Date, string Product)>();
        var keys = new HashSet<(string Client, string Part)>();
        var fromPeriod = CustodyReport.ExitScope(store, client, exitDocs, movements, keys);

        // Only exits that are pedimentos discharge anything (as DescargosReport skips the others' rows).
        var exitOf = new Dictionary<long, string>();
        foreach (var (id, m) in movements)
        {
            if (exitDocs.Contains(m.Document) && IsPedimento(m.Document))
            {
                exitOf[id] = m.Document;
            }
        }

        var sums = new Dictionary<(string Exit, string Pedimento, string Fraccion, string Umt), (string Clave, DateOnly Date, decimal Qty)>();
        WasteDescargos.AddTo(sums, store, asOf, client, exitDocs, rectifications); // waste returned by these exits (case DE)
        if (exitOf.Count == 0)
        {
            return Blocks(sums);
        }

        // 1. The allocations of those movements, pool by pool, in custody's order (pool, then allocation order): the pools read
        // one at a time and decoded on every core as they come (their chunks are garbage once decoded), each pool's hits in its
        // own list, joined in pool order.
        var scope = keys.Count;
        var read = new (PoolLots Pool, List<Hit>? Hits)[scope];
        var day = asOf.DayNumber;
        Parallel.ForEach(store.Derived.EachPoolOf(keys, fromPeriod), () => Array.Empty<PackedAllocation>(), (pool, _, index, buffer) =>
        {
            List<Hit>? mine = null;
            foreach (var chunk in pool.Chunks)
            {
                if (buffer.Length < chunk.Count)
                {
                    buffer = new PackedAllocation[Math.Max(chunk.Count, buffer.Length * 2)];
                }

                AllocationCodec.Decode(chunk.Data, chunk.Count, buffer.AsSpan(0, chunk.Count));
                for (var k = 0; k < chunk.Count; k++)
                {
                    ref readonly var a = ref buffer[k];
                    if (a.Day <= day && exitOf.ContainsKey(a.Movement))
                    {
                        (mine ??= []).Add(new Hit((int)index, a.Lot, a.Movement, a.Qty));
                    }
                }
            }

            read[index] = (new PoolLots(pool.Client, pool.Part, pool.LotKeys), mine);
            return buffer;
        }, _ => { });
        var pools = new List<PoolLots>(scope);
        var hits = new List<Hit>(read.Sum(r => r.Hits?.Count ?? 0));
        foreach (var (pool, mine) in read)
        {
            if (pool is null)
            {
                break; // past the last pool read (a key with no stored pool reads none)
            }

            pools.Add(pool);
            if (mine is not null)
            {
                hits.AddRange(mine);
            }
        }

        // 2. The entry row of each lot they name, as lots see it (SPEC §3.8: a rectified lot's row is the rectification's,
        // rebased onto the original's number and date); a lot without one stays without one.
        var slots = new int[pools.Count][];
        var wanted = new Dictionary<(string Client, string Pedimento, int Partida, string Part), int>();
        var lots = new List<(int Pool, int Lot)>();
        foreach (var h in hits)
        {
            var ofPool = slots[h.Pool] ??= NewSlots(pools[h.Pool].LotKeys.Count);
            if (ofPool[h.Lot] >= 0)
            {
                continue;
            }

            var pool = pools[h.Pool];
            var key = pool.LotKeys[h.Lot];
            var stored = rectifications.Entries.RectificationOf(pool.Client, key.Pedimento) ?? key.Pedimento;
            ofPool[h.Lot] = lots.Count;
            wanted[(pool.Client, stored, key.Partida, pool.Part)] = lots.Count;
            lots.Add((h.Pool, h.Lot));
        }

        var rows = new EntryRecord?[lots.Count];
        var found = 0;
        foreach (var line in entryLines)
        {
            if (found < rows.Length && wanted.TryGetValue((line.Client, line.Pedimento, line.Partida, line.Part), out var slot) && rows[slot] is null)
            {
                rows[slot] = new EntryRecord(line.Client, line.Pedimento, line.Partida, line.Part, line.Clave, line.Date, line.Qty, line.QtyUmt,
                    line.ValueUsd, null, null, null, null, null, null, null);
                found++;
            }
        }

        if (found < rows.Length)
        {
            var missing = wanted.Where(w => rows[w.Value] is null).Select(w => w.Key).ToList();
            foreach (var e in store.Scans.EntriesAt(missing))
            {
                if (wanted.TryGetValue((e.Client, e.Pedimento, e.Partida, e.Part), out var slot))
                {
                    rows[slot] = e;
                }
            }
        }

        // 3. Each lot's entry, whether it counts (a pedimento's, not NAC stock) and its UMT per UMC; its fracción and UMT, and
        // the number of its (original pedimento, fracción, UMT), so that step 4 keys its sums by two numbers, not four strings.
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var lotInfo = new LotInfo[lots.Count];
        var groupOf = new Dictionary<(string Pedimento, string Fraccion, string Umt), int>();
        var groups = new List<(string Pedimento, string Fraccion, string Umt)>();
        for (var i = 0; i < lots.Count; i++)
        {
            var (p, l) = lots[i];
            var pool = pools[p];
            var key = pool.LotKeys[l];
            var entry = rows[i] is { } row && rectifications.AsLot(row) is { } lot && lot.Pedimento == key.Pedimento && lot.Partida == key.Partida
                ? lot
                : null;
            var part = parts.GetValueOrDefault((pool.Client, pool.Part));
            var factor = part?.UmtPerUmc ?? 1m;
            var ratio = entry is null || entry.Qty == 0 ? factor : (entry.QtyUmt ?? (entry.Qty * factor)) / entry.Qty;
            var group = (key.Pedimento, part?.Fraccion ?? string.Empty, part?.Umt ?? string.Empty);
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(groupOf, group, out var known);
            if (!known)
            {
                id = groups.Count;
                groups.Add(group);
            }

            lotInfo[i] = new LotInfo(entry is not null && entry.Clave != "NAC" && IsPedimento(key.Pedimento) ? entry : null, ratio, id);
        }

        // 4. Summed by exit, original pedimento, fracción and UMT, each allocation's UMT rounded as custody rounds it: keyed by
        // the exit's number and the group's, in the order the groups first appear, then added to the waste's sums in that
        // order (the quantities are exact decimals: the same sums, and the same order of lines, as adding them one by one).
        var exitIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var exitNames = new List<string>();
        var exitIdOf = new Dictionary<long, int>(exitOf.Count);
        foreach (var (movement, document) in exitOf)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(exitIds, document, out var known);
            if (!known)
            {
                id = exitNames.Count;
                exitNames.Add(document);
            }

            exitIdOf[movement] = id;
        }

        var summedAt = new Dictionary<long, int>();
        var summed = new List<(int Exit, int Group, string Clave, DateOnly Date, decimal Qty)>();
        foreach (var h in hits)
        {
            var info = lotInfo[slots[h.Pool][h.Lot]];
            if (info.Entry is not { } entry)
            {
                continue;
            }

            var qtyUmt = Math.Round(Micro.ToDecimal(h.Qty) * info.Ratio, 6, MidpointRounding.AwayFromZero);
            var exit = exitIdOf[h.Movement];
            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(summedAt, ((long)exit << 32) | (uint)info.Group, out var seen);
            if (!seen)
            {
                at = summed.Count;
                summed.Add((exit, info.Group, entry.Clave, entry.Date, qtyUmt));
                continue;
            }

            ref var sum = ref CollectionsMarshal.AsSpan(summed)[at];
            sum = (sum.Exit, sum.Group, sum.Clave, entry.Date < sum.Date ? entry.Date : sum.Date, sum.Qty + qtyUmt);
        }

        // A group the waste returned by its exit already has adds to the waste's line; the others follow the waste's lines.
        var wasteExits = sums.Keys.Select(k => k.Exit).ToHashSet(StringComparer.Ordinal);
        var fresh = new List<DescargosReport.Descargo>(summed.Count);
        foreach (var (exit, g, clave, date, qty) in summed)
        {
            var (pedimento, fraccion, umt) = groups[g];
            var group = (exitNames[exit], pedimento, fraccion, umt);
            if (wasteExits.Contains(group.Item1) && sums.TryGetValue(group, out var sum))
            {
                sums[group] = (sum.Clave, date < sum.Date ? date : sum.Date, sum.Qty + qty);
                continue;
            }

            fresh.Add(new DescargosReport.Descargo(group.Item1, pedimento, clave, date, fraccion, umt, qty));
        }

        var lines = Blocks(sums);
        lines.AddRange(fresh);
        return lines;
    }

    /// <summary>In no order: reconciliation groups them per exit (sorting 1.1 M lines of `large` by four strings cost seconds).</summary>
    private static List<DescargosReport.Descargo> Blocks(
        Dictionary<(string Exit, string Pedimento, string Fraccion, string Umt), (string Clave, DateOnly Date, decimal Qty)> sums) =>
        [.. sums.Select(s => new DescargosReport.Descargo(s.Key.Exit, s.Key.Pedimento, s.Value.Clave, s.Value.Date, s.Key.Fraccion, s.Key.Umt,
            s.Value.Qty))];

    private static int[] NewSlots(int count)
    {
        var slots = new int[count];
        Array.Fill(slots, -1);
        return slots;
    }

    private static bool IsPedimento(string document) => document.Length == 15 && PedimentoNumber.IsPedimento(document);

    /// <summary>What the descargos keep of a pool once its allocations are decoded.</summary>
    private sealed record PoolLots(string Client, string Part, IReadOnlyList<PoolLotKey> LotKeys);

    /// <summary>One allocation of an exit: its pool (index), lot, movement and micro-UMC.</summary>
    private readonly record struct Hit(int Pool, int Lot, long Movement, long Qty);

    /// <summary>
    /// A lot's entry as descargos count it (null: it discharges nothing reported), its UMT per UMC and the number of its
    /// (original pedimento, fracción, UMT).
    /// </summary>
    private readonly record struct LotInfo(EntryRecord? Entry, decimal Ratio, int Group);
}
