using Traza.App.Discharge;
using Traza.Domain.Discharge;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// Filters of <c>report custody</c>: a lot (<c>--pedimento P [--partida N]</c>) or an exit (<c>--exit DOC</c>); or several
/// exits at once (<c>Exits</c>, for reconciliation's descargos; with <c>Exit</c>, the union).
/// </summary>
public sealed record CustodyFilter(string? Pedimento = null, int? Partida = null, string? Exit = null, IReadOnlyCollection<string>? Exits = null);

/// <summary>
/// SPEC §6 <c>custody</c>: which lots each exit consumed, both ways — one row per stored allocation of a movement dated
/// on or before D. For events, exit_document is the reference and exit_clave the event type.
/// </summary>
public static class CustodyReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "exit_document", ReportColumn.Enumerated("exit_clave", ReportValues.DischargingEvents) with { Open = true }, "exit_date", "product", "component", "qty", "qty_umt", "entry_pedimento", "entry_partida", "entry_date",
        "value_usd", "client",

        // docs/cli.md "Virtual transfers": the liability chain across transfers, after SPEC §6's columns.
        "entry_clave", "entry_counterparty", "exit_counterparty",
    ];

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client, CustodyFilter filter)
    {
        var (found, context) = Collect(store, asOf, client, filter, sorted: true);
        return new ReportData(Columns, found.Rows.Select(context.Row)) { CsvRows = csv => context.WriteCsv(found, csv) };
    }

    /// <summary>
    /// The rows of <see cref="Build"/> as values, in no order, with the lot's entry row as lots see it (a rectified lot's
    /// rebased rectification; null without one): what <c>report descargos</c> sums, without a cell array per row or the
    /// report's sort (1.27 M rows for <c>large</c>'s transfers).
    /// </summary>
    public static IEnumerable<CustodyLine> Lines(ITrazaStore store, DateOnly asOf, string? client, CustodyFilter filter)
    {
        var (found, context) = Collect(store, asOf, client, filter, sorted: false);
        return found.Rows.Select(context.Line);
    }

    private static (FoundRows Found, RowContext Context) Collect(ITrazaStore store, DateOnly asOf, string? client, CustodyFilter filter, bool sorted)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        var pedimento = filter.Pedimento is null ? null : LedgerSnapshot.Normalize(filter.Pedimento);
        var rectifications = LedgerRectifications.Read(store, asOf);

        // SPEC §3.8: a rectified lot or exit answers to both numbers — the original's and the rectification's.
        var lotNumbers = pedimento is null ? null : rectifications.Related(pedimento);
        HashSet<string>? exitDocs = filter.Exit is null && filter.Exits is null
            ? null
            : ExitNumbers(rectifications, (filter.Exits ?? []).Append(filter.Exit));
        if (pedimento is null && exitDocs is null)
        {
            return CollectAll(store, asOf, client, rectifications, sorted);
        }

        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var discharge = store.Derived;
        var movements = new Dictionary<long, (string Document, string Clave, DateOnly Date, string Product)>();
        var parties = new TransferParties(store, client, asOf);
        var entries = new Dictionary<(string, string, int, string), EntryRecord>();
        IEnumerable<StoredPool> pools;
        {
            // One lot or one exit: read only the pools it can touch (docs/architecture.md Decision 2).
            var keys = new HashSet<(string Client, string Part)>();
            var fromPeriod = 0;
            if (pedimento is not null)
            {
                foreach (var e in lotNumbers!.SelectMany(number => Query.Entries(store, client, number, filter.Partida)))
                {
                    keys.Add((e.Client, e.Part));
                }
            }
            else
            {
                fromPeriod = ExitScope(store, client, exitDocs!, movements, keys);
            }

            pools = discharge.PoolsOf(keys, fromPeriod);
        }

        // Each allocation kept as 24 bytes and its row made only when written: the whole `large` ledger is 12.8 M rows,
        // which as cell arrays took 6 GB (docs/benchmarks.md, Reports).
        var kept = new List<StoredPool>();
        var all = pools as List<StoredPool> ?? [.. pools];
        var found = new List<Found>(all.Sum(p => p.Chunks.Sum(c => c.Count))); // at most every allocation, allocated once
        var movementIndex = new Dictionary<long, int>();
        var movementIds = new List<long>();
        var day = asOf.DayNumber;
        var decoded = all.ConvertAll(p => p.DecodeAllocations());
        bool Wanted(in PackedAllocation a, PoolLotKey key) =>
            a.Day <= day && (pedimento is null || (lotNumbers!.Contains(key.Pedimento) && (filter.Partida is not { } p || key.Partida == p)));
        if (pedimento is not null && exitDocs is null)
        {
            // One lot's movements, read together (a point read each is a round trip on PostgreSQL).
            var missing = new HashSet<(long Batch, long Line)>();
            for (var i = 0; i < all.Count; i++)
            {
                foreach (var a in decoded[i])
                {
                    if (Wanted(a, all[i].LotKeys[a.Lot]) && !movements.ContainsKey(a.Movement))
                    {
                        missing.Add(PackedAllocation.SplitMovement(a.Movement));
                    }
                }
            }

            foreach (var (id, m) in store.Scans.MovementsAt(missing))
            {
                movements[PackedAllocation.MovementId(id.Batch, id.Line)] = m;
            }
        }

        // Pools by part (ordinal; a movement takes from one pool per part, its client's), each in allocation order: the rows
        // then need only a stable sort by movement (Sort).
        var poolOrder = Enumerable.Range(0, all.Count);
        if (sorted)
        {
            poolOrder = poolOrder.OrderBy(i => all[i].Part, StringComparer.Ordinal);
        }

        foreach (var i in poolOrder)
        {
            var pool = all[i];
            var packed = decoded[i];
            var poolIndex = -1;
            for (var k = 0; k < packed.Length; k++)
            {
                var a = packed[k];
                if (!Wanted(a, pool.LotKeys[a.Lot]))
                {
                    continue;
                }

                if (!movements.TryGetValue(a.Movement, out var m))
                {
                    if (exitDocs is not null || pedimento is not null || Query.Movement(store, a.Movement) is not { } known)
                    {
                        continue; // not an exit or event in force (the lot's were all read above)
                    }

                    movements[a.Movement] = m = known;
                }

                if (exitDocs is not null && !exitDocs.Contains(m.Document))
                {
                    continue;
                }

                if (!movementIndex.TryGetValue(a.Movement, out var movement))
                {
                    movement = movementIds.Count;
                    movementIndex[a.Movement] = movement;
                    movementIds.Add(a.Movement);
                }

                if (poolIndex < 0)
                {
                    poolIndex = kept.Count;
                    kept.Add(pool);
                }

                found.Add(new Found(movement, poolIndex, k, a.Lot, a.Qty));
            }
        }

        // Rows by exit date, document, movement, component, then allocation order.
        var byIndex = movementIds.ConvertAll(id => movements[id]);
        if (sorted)
        {
            found = Sort([[.. found]], poolBySegment: false, movementIds, byIndex);
        }

        var readEntries = pedimento is not null || exitDocs is not null;
        if (readEntries)
        {
            // The lots the rows name, read together; a lot without an entry stays without one.
            var lotKeys = new HashSet<(string Client, string Pedimento, int Partida, string Part)>();
            foreach (var f in found)
            {
                // SPEC §3.8: a rectified lot's key is the original's; its row is the rectification's, rebased.
                var (pool, key) = (kept[f.Pool], kept[f.Pool].LotKeys[f.Lot]);
                var stored = rectifications.Entries.RectificationOf(pool.Client, key.Pedimento) ?? key.Pedimento;
                lotKeys.Add((pool.Client, stored, key.Partida, pool.Part));
            }

            foreach (var e in store.Scans.EntriesAt(lotKeys))
            {
                if (rectifications.AsLot(e) is { } lot)
                {
                    entries[(lot.Client, lot.Pedimento, lot.Partida, lot.Part)] = lot;
                }
            }
        }

        return (new FoundRows(found), new RowContext(kept, movementIds, byIndex, entries, parts, parties));
    }

    /// <summary>
    /// <see cref="Collect"/> without a filter: every allocation of every pool (12.8 M on <c>large</c>). The ledger is read once
    /// — the lots' entries in columns, the exits lean (<see cref="ILedgerScans.ExitMovements"/>) — and what needs no store is
    /// done beside the reads on the other cores: the lots' dictionary is built while the exits and pools are read, and each
    /// pool is decoded and filtered as soon as it is read, its movements found by array lookups (<see cref="MovementIndex"/>).
    /// The rows are those of the filtered reads, in the same order (tests/Traza.Cli.Tests Discharge/CustodyFilterTests).
    /// </summary>
    private static (FoundRows Found, RowContext Context) CollectAll(
        ITrazaStore store, DateOnly asOf, string? client, LedgerRectifications rectifications, bool sorted)
    {
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var parties = new TransferParties(store, client, asOf);
        var table = store.Scans.LotEntries(client, asOf);
        var entries = Task.Run(() => LotEntries(table, rectifications));

        var index = new MovementIndex();
        var movements = new List<(string Document, string Clave, DateOnly Date, string Product)>();
        void Add(long id, (string, string, DateOnly, string) movement)
        {
            var i = index.Add(id);
            if (i == movements.Count)
            {
                movements.Add(movement);
            }
            else
            {
                movements[i] = movement;
            }
        }

        foreach (var x in store.Scans.ExitMovements(client, asOf))
        {
            var id = PackedAllocation.MovementId(x.BatchId, x.Line);
            Add(id, (x.Document, x.Clave, x.Date, x.Product));
            parties.Seed(id, x.Clave, x.Counterparty);
        }

        foreach (var ev in store.LoadEvents(client, asOf))
        {
            Add(PackedAllocation.MovementId(ev.BatchId, ev.Line), (ev.Reference, ev.Type, ev.Date, ev.Part));
        }

        var day = asOf.DayNumber;
        var all = new List<StoredPool>();
        var kept = new List<Task<PoolRows>>();
        foreach (var pool in store.Derived.Pools(client))
        {
            all.Add(pool);
            kept.Add(Task.Run(() => PoolRows.Of(pool, index, day)));
        }

        var rows = Task.WhenAll(kept).GetAwaiter().GetResult();

        // An allocation of a movement neither read above (not an exit or event in force to the date) is looked up by its id
        // (a movement found so is kept), then its pool filtered again.
        var unknown = rows.SelectMany(r => r.Unknown).Distinct().ToList();
        if (unknown.Count > 0)
        {
            foreach (var id in unknown)
            {
                if (Query.Movement(store, id) is { } known)
                {
                    Add(id, known);
                }
            }

            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i].Unknown.Count > 0)
                {
                    rows[i] = PoolRows.Of(all[i], index, day);
                }
            }
        }

        // Pools by part (ordinal; a movement takes from one pool per part, its client's), each in allocation order: the rows
        // then need only a stable sort by movement (Sort).
        var poolOrder = Enumerable.Range(0, all.Count).Where(i => rows[i].Rows.Length > 0);
        if (sorted)
        {
            poolOrder = poolOrder.OrderBy(i => all[i].Part, StringComparer.Ordinal);
        }

        // The kept pools' rows go straight to their place in the report (each pool's index set on the way): no list of every
        // row in pool order first.
        var keptPools = poolOrder.ToList();
        var segments = keptPools.ConvertAll(i => rows[i].Rows);
        return (new FoundRows(sorted ? Sort(segments, poolBySegment: true, index.Ids, movements) : Concatenate(segments)),
            new RowContext(keptPools.ConvertAll(i => all[i]), index.Ids, movements, entries.GetAwaiter().GetResult(), parts, parties));
    }

    /// <summary>The rows of <paramref name="segments"/> one after the other, each with its segment's index as its pool.</summary>
    private static List<Found> Concatenate(List<Found[]> segments)
    {
        var result = new List<Found>(segments.Sum(r => r.Length));
        foreach (var (segment, p) in segments.Select((segment, p) => (segment, p)))
        {
            foreach (var f in segment)
            {
                result.Add(f with { Pool = p });
            }
        }

        return result;
    }

    /// <summary>
    /// One pool's allocations dated up to the report's date whose movement the index knows (<see cref="Found.Pool"/> not yet
    /// set), and the movements it did not know.
    /// </summary>
    private sealed record PoolRows(Found[] Rows, List<long> Unknown)
    {
        public static PoolRows Of(StoredPool pool, MovementIndex index, int day)
        {
            var packed = pool.DecodeAllocations();
            var rows = new Found[packed.Length];
            var count = 0;
            List<long> unknown = [];
            for (var k = 0; k < packed.Length; k++)
            {
                ref readonly var a = ref packed[k];
                if (a.Day > day)
                {
                    continue;
                }

                var movement = index.Find(a.Movement);
                if (movement < 0)
                {
                    unknown.Add(a.Movement);
                    continue;
                }

                rows[count++] = new Found(movement, 0, k, a.Lot, a.Qty);
            }

            return new PoolRows(count == rows.Length ? rows : rows[..count], unknown);
        }
    }

    /// <summary>
    /// Every lot's entry row as lots count them (SPEC §3.8: a replaced pedimento's rows are none, a rectification's rows are the
    /// lot under the original's number and entry date — <see cref="LedgerRectifications.AsLot"/>), read in columns
    /// (<see cref="ILedgerScans.LotEntries"/>: 1 M lots on <c>large</c> without a full record read each): the records carry
    /// what a custody row shows — clave, date, quantities, value — and leave the other columns empty.
    /// </summary>
    private static Dictionary<(string, string, int, string), EntryRecord> LotEntries(
        LotEntryTable table, LedgerRectifications rectifications)
    {
        var rectified = rectifications.Entries;
        var entries = new Dictionary<(string, string, int, string), EntryRecord>(table.Count);
        for (var r = 0; r < table.Count; r++)
        {
            ref readonly var e = ref table[r];
            var pedimento = table.PedimentoText(r);
            var date = e.Date;
            if (!rectified.IsEmpty)
            {
                switch (rectified.RoleOf(e.Client, pedimento))
                {
                    case RectifiedRole.Skipped:
                        continue;
                    case RectifiedRole.Rebased:
                        (pedimento, date) = rectified.Root(e.Client, pedimento);
                        break;
                }
            }

            entries[(e.Client, pedimento, e.Partida, e.Part)] = new EntryRecord(
                e.Client, pedimento, e.Partida, e.Part, e.Clave, date, e.Qty, e.QtyUmt, e.ValueUsd, null, null, null, null, null, null, null);
        }

        return entries;
    }

    /// <summary>
    /// The exit lines and events of <paramref name="exitDocs"/> (into <paramref name="movements"/>, by movement id) and the
    /// (client, part) pools they can touch — each product and the leaves of its BOM (into <paramref name="keys"/>); returns the
    /// period (YYYYMM) of the earliest of them, 0 when none: allocations of earlier months are none of theirs.
    /// </summary>
    internal static int ExitScope(
        ITrazaStore store, string? client, IEnumerable<string> exitDocs,
        Dictionary<long, (string Document, string Clave, DateOnly Date, string Product)> movements, HashSet<(string Client, string Part)> keys)
    {
        var catalog = LedgerSnapshot.LoadCatalog(store);
        var bom = new BomExplosion(catalog.PartDefs, catalog.Bom);
        var first = int.MaxValue;
        foreach (var (id, owner, m, bomDate) in exitDocs.SelectMany(doc => Query.Movements(store, client, doc)))
        {
            movements[id] = m;
            first = Math.Min(first, m.Date.DayNumber);
            if (!catalog.Index.TryGetValue((owner, m.Product), out var product))
            {
                continue;
            }

            keys.Add((owner, m.Product));
            if (bom.HasBomOn(product, bomDate ?? m.Date))
            {
                foreach (var leaf in bom.Explode(product, bomDate ?? m.Date))
                {
                    keys.Add((catalog.PartDefs[leaf.Part].Client, catalog.PartDefs[leaf.Part].Part));
                }
            }
        }

        return first == int.MaxValue ? 0 : AllocationChunk.PeriodOf(first);
    }

    /// <summary>The numbers <paramref name="exits"/> answer to (SPEC §3.8: a rectified exit answers to both numbers).</summary>
    internal static HashSet<string> ExitNumbers(LedgerRectifications rectifications, IEnumerable<string?> exits) =>
        [.. exits.OfType<string>().Select(LedgerSnapshot.Normalize).SelectMany(rectifications.Related)];

    /// <summary>
    /// The rows of <paramref name="segments"/> (one after the other: by component part, then allocation order, as
    /// <see cref="Collect"/> makes them; each segment's index its rows' pool when <paramref name="poolBySegment"/>) ordered by
    /// exit date, document and movement, keeping that order within a movement: a counting sort by the movement's rank, the
    /// rows moved into a new list — so the CSV reads them in order instead of one random read per row through an index.
    /// </summary>
    private static List<Found> Sort(
        List<Found[]> segments, bool poolBySegment, List<long> movementIds,
        List<(string Document, string Clave, DateOnly Date, string Product)> keys)
    {
        var byMovement = Enumerable.Range(0, movementIds.Count).ToArray();
        Array.Sort(byMovement, (x, y) =>
        {
            var (a, b) = (keys[x], keys[y]);
            var c = a.Date.CompareTo(b.Date);
            c = c != 0 ? c : string.CompareOrdinal(a.Document, b.Document);
            return c != 0 ? c : movementIds[x].CompareTo(movementIds[y]);
        });
        var starts = new int[movementIds.Count + 1];
        var rank = new int[movementIds.Count];
        for (var i = 0; i < byMovement.Length; i++)
        {
            rank[byMovement[i]] = i;
        }

        foreach (var segment in segments)
        {
            foreach (var f in segment)
            {
                starts[rank[f.Movement] + 1]++;
            }
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        var result = new List<Found>(starts[^1]);
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(result, starts[^1]);
        var target = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result);
        for (var p = 0; p < segments.Count; p++)
        {
            foreach (var f in segments[p])
            {
                target[starts[rank[f.Movement]]++] = poolBySegment ? f with { Pool = p } : f;
            }
        }

        return result;
    }

    /// <summary>What a custody row needs for <c>report descargos</c> (see <see cref="Lines"/>).</summary>
    /// <remarks><c>Movement</c> is the exit line's or event's id (<see cref="PackedAllocation.MovementId"/>); <c>Qty</c> the UMC
    /// quantity allocated (<c>report usmca</c> values it).</remarks>
    public readonly record struct CustodyLine(
        string ExitDocument, string Client, string Component, string EntryPedimento, int EntryPartida, decimal QtyUmt, EntryRecord? Entry,
        long Movement = 0, decimal Qty = 0m);

    /// <summary>The allocations of the report, in the report's order (or none, for <see cref="Lines"/>).</summary>
    private sealed record FoundRows(List<Found> All)
    {
        public int Count => All.Count;

        public Found this[int i] => All[i];

        public IEnumerable<Found> Rows => All;
    }

    /// <summary>One allocation of the report: its movement (dense index), pool (index in the kept pools), order and lot.</summary>
    private readonly record struct Found(int Movement, int Pool, int Seq, int Lot, long Qty);

    /// <summary>
    /// What a row needs besides its allocation; a lot's entry and UMT ratio are looked up once and kept per pool and lot
    /// (a lot appears in many rows).
    /// </summary>
    private sealed class RowContext(
        List<StoredPool> pools,
        List<long> movementIds,
        List<(string Document, string Clave, DateOnly Date, string Product)> movements,
        Dictionary<(string, string, int, string), EntryRecord> entries,
        Dictionary<(string Client, string Part), PartRecord> parts,
        TransferParties parties)
    {
        private readonly List<(string Document, string Clave, DateOnly Date, string Product)> byIndex = movements;

        private readonly List<long> ids = movementIds;

        private readonly LotFigures?[]?[] lots = new LotFigures?[]?[pools.Count];

        public CustodyLine Line(Found f)
        {
            var (pool, key, m, qty, qtyUmt, entry, _) = Cells(f);
            return new CustodyLine(m.Document, pool.Client, pool.Part, key.Pedimento, key.Partida, qtyUmt, entry, ids[f.Movement], qty);
        }

        public object?[] Row(Found f)
        {
            var (pool, key, m, qty, qtyUmt, entry, value) = Cells(f);
            return
            [
                m.Document, m.Clave, m.Date, m.Product, pool.Part, qty, qtyUmt, key.Pedimento, key.Partida, entry?.Date, value, pool.Client,
                entry?.Clave, Sender(entry), parties.ExitCounterparty(ids[f.Movement], m.Clave),
            ];
        }

        /// <summary>
        /// The same rows as <see cref="Row"/>, written as CSV without a cell array per row (12.8 M rows on <c>large</c>): the
        /// fields a movement, a pool or a lot gives are encoded once (a movement's document, clave, date and product, a lot's
        /// entry fields), each row adds its three numbers, and blocks of rows are formatted on every core and written in
        /// order. Property: tests/Traza.Cli.Tests Discharge/CustodyFilterTests (these bytes == the cells' CSV, both stores).
        /// </summary>
        public void WriteCsv(FoundRows found, CsvRowWriter csv)
        {
            var scratch = CsvRowWriter.Scratch();
            var heads = new byte[byIndex.Count][];
            var tails = new byte[byIndex.Count][];
            for (var i = 0; i < byIndex.Count; i++)
            {
                var m = byIndex[i];
                scratch.Text(m.Document);
                scratch.Text(m.Clave);
                scratch.Date(m.Date);
                scratch.Text(m.Product);
                heads[i] = scratch.TakeRow();
                scratch.Text(parties.ExitCounterparty(ids[i], m.Clave));
                tails[i] = scratch.TakeRow();
            }

            var components = new byte[pools.Count][];
            var clients = new byte[pools.Count][];
            for (var p = 0; p < pools.Count; p++)
            {
                scratch.Text(pools[p].Part);
                components[p] = scratch.TakeRow();
                scratch.Text(pools[p].Client);
                clients[p] = scratch.TakeRow();
            }

            // Each lot's fields, once, in one array over every pool's lots: the lots the rows name, then their fields pool by pool
            // on every core (a pool's lot cache is its own); a lot received by V1 waits for its sender, read lazily from the
            // store, on this thread.
            var lotBase = new int[pools.Count + 1];
            for (var p = 0; p < pools.Count; p++)
            {
                lotBase[p + 1] = lotBase[p] + pools[p].LotKeys.Count;
            }

            var named = new bool[lotBase[^1]];
            foreach (var f in found.All)
            {
                named[lotBase[f.Pool] + f.Lot] = true;
            }

            var lotFields = new LotFields[lotBase[^1]];
            var senders = new System.Collections.Concurrent.ConcurrentBag<(int Pool, int Lot)>();
            Parallel.For(0, pools.Count, CsvRowWriter.Scratch, (p, _, lotScratch) =>
            {
                var pool = pools[p];
                for (var l = 0; l < pool.LotKeys.Count; l++)
                {
                    if (!named[lotBase[p] + l])
                    {
                        continue;
                    }

                    var key = pool.LotKeys[l];
                    var (entry, ratio, umtA, umtB) = Lot(p, l, pool, key);
                    lotScratch.Text(key.Pedimento);
                    lotScratch.Number(key.Partida);
                    lotScratch.Date(entry?.Date);
                    var head = lotScratch.Written.Length;
                    if (entry is { Clave: "V1" })
                    {
                        senders.Add((p, l));
                    }
                    else
                    {
                        lotScratch.Encoded(clients[p]);
                        lotScratch.Text(entry?.Clave);
                        lotScratch.Text((string?)null);
                    }

                    var value = entry?.ValueUsd is { } v && entry.Qty != 0 ? MicroQuotient.Of(v, entry.Qty, 2) : null;
                    lotFields[lotBase[p] + l] = new LotFields(
                        lotScratch.TakeRow(), head, MicroQuotient.Of(umtA, umtB, 6) ?? default, value ?? default,
                        new LotDecimals(ratio, entry?.ValueUsd, entry?.Qty ?? 0m));
                }

                return lotScratch;
            }, _ => { });
            foreach (var (p, l) in senders)
            {
                ref var lot = ref lotFields[lotBase[p] + l];
                var entry = Lot(p, l, pools[p], pools[p].LotKeys[l]).Entry;
                scratch.Encoded(lot.Bytes);
                scratch.Encoded(clients[p]);
                scratch.Text(entry?.Clave);
                scratch.Text(Sender(entry));
                lot = lot with { Bytes = scratch.TakeRow() };
            }

            // Blocks of rows formatted on every core, a wave of them while the wave before is written out.
            const int block = 1 << 15;
            var blocks = (found.Count + block - 1) / block;
            var wave = Math.Max(2, Environment.ProcessorCount * 2);
            var sets = new CsvRowWriter[2][];
            for (var set = 0; set < 2; set++)
            {
                sets[set] = new CsvRowWriter[wave];
                for (var w = 0; w < wave; w++)
                {
                    sets[set][w] = CsvRowWriter.Scratch();
                }
            }

            void Format(int b, CsvRowWriter rows)
            {
                rows.Clear();
                var from = b * block;
                var to = Math.Min(found.Count, from + block);
                for (var r = from; r < to; r++)
                {
                    var f = found[r];
                    ref readonly var lot = ref lotFields[lotBase[f.Pool] + f.Lot];
                    var lotBytes = lot.Bytes.AsSpan();
                    rows.Encoded(heads[f.Movement]);
                    rows.Encoded(components[f.Pool]);
                    rows.Fixed(f.Qty, 6);
                    if (lot.Umt.TryApply(f.Qty, out var micro))
                    {
                        rows.Fixed(micro, 6);
                    }
                    else
                    {
                        rows.Number(Math.Round(Micro.ToDecimal(f.Qty) * lot.Decimals.Ratio, 6, MidpointRounding.AwayFromZero));
                    }

                    rows.Encoded(lotBytes[..lot.Head]);
                    if (lot.Value.TryApply(f.Qty, out var cents))
                    {
                        rows.Fixed(cents, 2);
                    }
                    else
                    {
                        rows.Number(lot.Decimals is { ValueUsd: { } v, Qty: not 0m and var q }
                            ? Math.Round(Micro.ToDecimal(f.Qty) * v / q, 2, MidpointRounding.AwayFromZero)
                            : null);
                    }

                    rows.Encoded(lotBytes[(lot.Head + 1)..]);
                    rows.Encoded(tails[f.Movement]);
                    rows.EndRow();
                }
            }

            Task FormatWave(int first, CsvRowWriter[] writers) =>
                Task.Run(() => Parallel.For(0, Math.Min(wave, blocks - first), w => Format(first + w, writers[w])));

            var pending = blocks > 0 ? FormatWave(0, sets[0]) : Task.CompletedTask;
            for (var (first, current) = (0, 0); first < blocks; first += wave, current ^= 1)
            {
                pending.GetAwaiter().GetResult();
                pending = first + wave < blocks ? FormatWave(first + wave, sets[current ^ 1]) : Task.CompletedTask;
                var count = Math.Min(wave, blocks - first);
                for (var w = 0; w < count; w++)
                {
                    csv.Rows(sets[current][w].Written);
                }
            }
        }

        /// <summary>
        /// A lot's CSV fields — entry pedimento, partida, date (the first <paramref name="Head"/> bytes of
        /// <paramref name="Bytes"/>), then after a comma its pool's client, entry clave and counterparty — and what its rows'
        /// figures need: qty_umt in micro-UMT and value_usd in cents by integers (<see cref="MicroQuotient"/>; the default
        /// declines), else by the decimals of <see cref="Cells"/>. Kept small, one per lot in one array: a row reads its lot's
        /// at random.
        /// </summary>
        private readonly record struct LotFields(byte[] Bytes, int Head, MicroQuotient Umt, MicroQuotient Value, LotDecimals Decimals);

        /// <summary>A lot's UMT per UMC, USD value and quantity, as <see cref="Cells"/> computes a row's figures from them.</summary>
        private sealed record LotDecimals(decimal Ratio, decimal? ValueUsd, decimal Qty);

        /// <summary>The sender of a lot received by V1 (Data Stage 507), else null.</summary>
        private string? Sender(EntryRecord? entry) => entry is { Clave: "V1" } ? parties.Sender(entry.Pedimento) : null;

        private (StoredPool Pool, PoolLotKey Key, (string Document, string Clave, DateOnly Date, string Product) Movement, decimal Qty,
            decimal QtyUmt, EntryRecord? Entry, decimal? ValueUsd) Cells(Found f)
        {
            var pool = pools[f.Pool];
            var key = pool.LotKeys[f.Lot];
            var qty = Micro.ToDecimal(f.Qty);
            var (entry, ratio, _, _) = Lot(f.Pool, f.Lot, pool, key);
            decimal? value = entry?.ValueUsd is { } v && entry.Qty != 0
                ? Math.Round(qty * v / entry.Qty, 2, MidpointRounding.AwayFromZero)
                : null;
            return (pool, key, byIndex[f.Movement], qty, Math.Round(qty * ratio, 6, MidpointRounding.AwayFromZero), entry, value);
        }

        private LotFigures Lot(int poolIndex, int lot, StoredPool pool, PoolLotKey key)
        {
            var known = lots[poolIndex] ??= new LotFigures?[pool.LotKeys.Count];
            if (known[lot] is { } found)
            {
                return found;
            }

            var entryKey = (pool.Client, key.Pedimento, key.Partida, pool.Part);
            _ = entries.TryGetValue(entryKey, out var entry);

            var factor = parts.TryGetValue((pool.Client, pool.Part), out var part) ? part.UmtPerUmc : 1m;
            var (umtA, umtB) = entry is null || entry.Qty == 0 ? (factor, 1m) : (entry.QtyUmt ?? (entry.Qty * factor), entry.Qty);
            var figures = new LotFigures(entry, entry is null || entry.Qty == 0 ? factor : umtA / umtB, umtA, umtB);
            known[lot] = figures;
            return figures;
        }

        /// <summary>
        /// A lot's entry and UMT per UMC (<c>Ratio</c>: the quotient <c>UmtA / UmtB</c>, or the part's factor without an entry
        /// quantity).
        /// </summary>
        private readonly record struct LotFigures(EntryRecord? Entry, decimal Ratio, decimal UmtA, decimal UmtB);
    }

    /// <summary>Point reads through the ledger's indexes (<see cref="ILedgerScans"/>).</summary>
    private static class Query
    {
        public static List<(string Client, string Part)> Entries(ITrazaStore store, string? client, string pedimento, int? partida) =>
            store.Scans.PoolsOfEntry(client, pedimento, partida);

        /// <summary>The exit lines and events of one document, with their bom_date.</summary>
        public static List<(long Id, string Client, (string Document, string Clave, DateOnly Date, string Product) Movement, DateOnly? BomDate)> Movements(
            ITrazaStore store, string? client, string document) =>
            [.. store.Scans.MovementsOf(client, document).Select(m =>
                (PackedAllocation.MovementId(m.BatchId, m.Line), m.Client, (m.Document, m.Clave, m.Date, m.Product), m.BomDate))];

        public static (string Document, string Clave, DateOnly Date, string Product)? Movement(ITrazaStore store, long id)
        {
            var (batch, line) = PackedAllocation.SplitMovement(id);
            return store.Scans.Movement(batch, line);
        }
    }
}
