using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>
/// Re-discharges from the earliest date a change since the stored run touches, instead of from the start
/// (docs/architecture.md Decision 2). Processing order is by date first (SPEC §3.5), so the state of every lot just
/// before that date is the stored state minus what movements on or after it took; only those movements run again, and
/// only the pools they reach are rewritten, from that month on. The result is exactly what a full run gives (property
/// test <c>IncrementalDischargeTests</c>).
/// </summary>
internal static class IncrementalDischarge
{
    /// <summary>Layouts whose new rows cannot be resumed (they may change how earlier movements explode): a full run.</summary>
    private static readonly HashSet<string> FullRunLayouts = new(StringComparer.Ordinal) { "parts", "bom" };

    /// <summary>Layouts whose rows the discharge reads.</summary>
    private static readonly HashSet<string> LedgerLayouts = new(StringComparer.Ordinal) { "entries", "exits", "events" };

    /// <summary>The date to resume from, or null when only a full run will do.</summary>
    public static DateOnly? ResumeDate(
        ITrazaStore store, DischargeRunRecord previous, IReadOnlyList<BatchRecord> batches, DateOnly asOf)
    {
        DateOnly? from = null;
        void Consider(DateOnly? date)
        {
            if (date is { } d && (from is null || d < from))
            {
                from = d;
            }
        }

        if (RectificationsChanged(store, previous, batches, asOf))
        {
            return null;
        }

        foreach (var batch in batches.Where(b => b.Id > previous.LastBatch))
        {
            if (FullRunLayouts.Contains(batch.Layout))
            {
                return null;
            }

            if (LedgerLayouts.Contains(batch.Layout))
            {
                Consider(MinDate(store, batch.Layout, batch.Id));
            }

            // docs/architecture.md Decision 4: a reversal of exits or events is a change dated at the earliest reversed
            // row; one of entries (lots leave pools, so stored lot indexes shift), parts or BOM rows needs a full run.
            // Reversed counts and catalog rows do not change the discharge.
            if (string.Equals(batch.Layout, Reversals.ReversalsImport.LayoutName, StringComparison.Ordinal))
            {
                var reversed = store.ReversedLayouts(batch.Id);
                if (reversed.Any(l => FullRunLayouts.Contains(l) || string.Equals(l, "entries", StringComparison.Ordinal)))
                {
                    return null;
                }

                Consider(store.ReversedMovementsFrom(batch.Id));
            }
        }

        if (asOf != previous.AsOf)
        {
            Consider((asOf < previous.AsOf ? asOf : previous.AsOf).AddDays(1));
        }

        // Nothing changed: resume after the as-of date (no movement runs again; the run record is refreshed).
        var resume = from ?? asOf.AddDays(1);
        return WorkOrdersSettledBefore(store, batches, resume) ? resume : null;
    }

    /// <summary>
    /// docs/cli.md "Work orders" and "discharge": a run may resume from <paramref name="resume"/> only when every work order
    /// dated before it had all its kits taken by movements dated before it (in the stored run's kit draws): then nothing is
    /// reserved and no kit is in stock on the eve of the resume date, so the stored lot totals are the whole state there, as
    /// without work orders; work orders from the resume date on run again. Otherwise a full run.
    /// </summary>
    internal static bool WorkOrdersSettledBefore(ITrazaStore store, IReadOnlyList<BatchRecord> batches, DateOnly resume)
    {
        if (!batches.Any(b => string.Equals(b.Layout, "events", StringComparison.Ordinal)))
        {
            return true;
        }

        var type = Domain.Model.EventTypes.Name(Domain.Model.EventType.WorkOrder);
        var before = store.LoadEvents()
            .Where(e => e.Date < resume && string.Equals(e.Type, type, StringComparison.Ordinal))
            .ToList();
        if (before.Count == 0)
        {
            return true;
        }

        var taken = new Dictionary<long, decimal>();
        foreach (var d in store.Derived.KitDraws())
        {
            if (d.Date < resume)
            {
                taken[d.WorkOrder] = taken.GetValueOrDefault(d.WorkOrder) + d.Kits;
            }
        }

        return before.All(e => taken.GetValueOrDefault(PackedAllocation.MovementId(e.BatchId, e.Line)) == e.Qty);
    }

    /// <summary>
    /// SPEC §3.8: "discharges re-run from the original entry date" — a rectification moves rows to the original's date and
    /// replaces others, so a full run whenever what the rectifications do may differ from the stored run's: a batch since it
    /// wrote rectification rows, or rows of a pedimento a rectification names or is; the as-of moved across a
    /// rectification's date; or a reversal since it while the ledger holds any (it may take a rectification back).
    /// </summary>
    private static bool RectificationsChanged(
        ITrazaStore store, DischargeRunRecord previous, IReadOnlyList<BatchRecord> batches, DateOnly asOf)
    {
        var rectifications = LedgerRectifications.Read(store, asOf).All;
        if (rectifications.Count == 0)
        {
            return false;
        }

        var (low, high) = asOf < previous.AsOf ? (asOf, previous.AsOf) : (previous.AsOf, asOf);
        if (rectifications.Any(r => r.LastBatch > previous.LastBatch || (r.Date > low && r.Date <= high)))
        {
            return true;
        }

        var newer = batches.Where(b => b.Id > previous.LastBatch).ToList();
        if (newer.Any(b => string.Equals(b.Layout, Reversals.ReversalsImport.LayoutName, StringComparison.Ordinal)))
        {
            return true;
        }

        var named = new HashSet<(string, string)>(rectifications.SelectMany(r => new[] { (r.Client, r.Pedimento), (r.Client, r.Original) }));
        if (newer.Any(b => string.Equals(b.Layout, "entries", StringComparison.Ordinal))
            && store.Scans.Entries(previous.LastBatch).Any(e => named.Contains((e.Client, e.Pedimento))))
        {
            return true;
        }

        var exitDates = newer.Where(b => string.Equals(b.Layout, "exits", StringComparison.Ordinal))
            .Select(b => MinDate(store, b.Layout, b.Id)).OfType<DateOnly>().ToList();
        return exitDates.Count > 0
            && store.Scans.Exits(exitDates.Min()).Any(x => x.BatchId > previous.LastBatch && named.Contains((x.Client, x.Pedimento)));
    }

    /// <summary>
    /// A tail whose first this-many lots are exhausted hands them to its head when saved: tails keep only what can still
    /// move, however many daily runs pass between full ones, and a pool pays the head's rewrite only now and then.
    /// </summary>
    public const int MoveExhaustedAfter = 16;

    public static (LedgerSnapshot Snapshot, DischargeResult Result, List<(StoredPool Pool, int FromPeriod)> Pools) Run(
        ITrazaStore store, DischargeRunRecord previous, DateOnly asOf, DateOnly from, PhaseTimer phases,
        int moveExhaustedAfter = MoveExhaustedAfter)
    {
        using var reading = store.BeginReadSnapshot(); // SPEC §9: one snapshot (a no-op inside the caller's)

        // Every stored tail (a few MB, laid out together) is read on a second connection while this one reads the
        // catalog and the movements — when it sees the same snapshot (else here); only the tails of the pools the run
        // reaches are used. Not inside an import batch, whose uncommitted rows only this connection sees.
        var mark = store.InBatch ? null : store.SnapshotMark();
        var tailsRead = mark is null
            ? Task.FromResult<List<StoredPool>?>(null)
            : Task.Run(() =>
            {
                using var side = store.OpenSnapshotSide(mark);
                return side?.Tails();
            });
        var catalog = LedgerSnapshot.LoadCatalog(store, store.Derived.Catalog());
        phases.Mark("load parts and BOM");
        var claves = new LedgerSnapshot.ClaveCache();
        var fromPeriod = AllocationChunk.PeriodOf(from.DayNumber);

        // New lots, by pool.
        var newLots = new Dictionary<int, List<LotDef>>();
        var openings = store.Scans.Openings(previous.LastBatch);
        var rectifications = LedgerRectifications.Read(store, asOf);
        foreach (var e in store.Scans.Entries(previous.LastBatch))
        {
            if (LedgerSnapshot.ToLot(e, catalog.Index, catalog.PartDefs, claves, openings, rectifications.Entries) is { } lot)
            {
                (newLots.TryGetValue(lot.Part, out var list) ? list : newLots[lot.Part] = []).Add(lot);
            }
        }

        phases.Mark("load new entries");

        // The movements that run again, and every pool they reach — also those dated after the as-of date, whose stored
        // allocations (from a run with a later as-of) must go — and the lots directed exits name.
        var movements = LedgerSnapshot.Resume(store, asOf, from, catalog, [], [], rectifications.Exits);
        phases.Mark("load movements");
        var affected = new SortedSet<int>(newLots.Keys);
        var named = new HashSet<(string Document, int Partida)>();
        var need = new Dictionary<int, long>();
        var broad = new HashSet<int>();
        var disposing = new HashSet<int>();
        var lastDay = 0;
        var bom = new BomExplosion(catalog.PartDefs, catalog.Bom);
        foreach (var m in movements.Input.Movements)
        {
            if (m.SourceDocument is { } source)
            {
                named.Add((source, m.SourcePartida));
            }

            if (m.Mode == DischargeMode.None || catalog.PartDefs[m.Part].National)
            {
                continue;
            }

            var bomDate = m.BomDate ?? m.Date;
            var runs = m.Date <= asOf;
            lastDay = Math.Max(lastDay, runs ? m.Date.DayNumber : 0);
            if (m.Mode.Explodes() && bom.HasBomOn(m.Part, bomDate))
            {
                foreach (var leaf in bom.Explode(m.Part, bomDate))
                {
                    affected.Add(leaf.Part);
                    if (runs && m.Mode.LeafMode() != DischargeMode.None)
                    {
                        // SPEC §3.5: the leaf need, rounded as the engine rounds it; exploded needs take regular lots only.
                        need[leaf.Part] = need.GetValueOrDefault(leaf.Part) + Micro.FromDecimal(m.Qty * leaf.Factor) + 1;
                    }
                }
            }
            else
            {
                affected.Add(m.Part);
                broad.Add(m.Part);
                if (m.Mode == DischargeMode.WasteDisposal)
                {
                    disposing.Add(m.Part);
                }
            }
        }

        phases.Mark("explode movements");

        // Stored pools from the resume month on, and each lot's state just before the resume date. Only lots that can
        // still change run again: open ones, ones with waste left to dispose of, ones a directed exit names.
        var discharge = store.Derived;
        var disposedFrom = new Dictionary<(string Client, string Part, string Pedimento, int Partida), long>();
        foreach (var d in discharge.WasteDisposals(null, from))
        {
            var key = (d.Client, d.Part, d.Pedimento, d.Partida);
            disposedFrom[key] = disposedFrom.GetValueOrDefault(key) + Micro.FromDecimal(d.Qty);
        }

        // A pool with nothing stored on or after the resume date (no allocation, no waste disposal) only gains allocations.
        // Unless an exit names a lot, its head — the lots before its first open one — cannot change then, except where
        // this run disposes of waste: such a pool runs from its stored tail alone, without reading its chunks (migration
        // 0021), and new lots that all come after its last stored lot in FIFO order (a new day's entries) extend the
        // tail. Every other pool is read whole.
        var unsettled = discharge.PoolsAllocatedFrom(from);
        unsettled.UnionWith(disposedFrom.Keys.Select(d => (d.Client, d.Part)));

        // A reversed exit or event (docs/architecture.md Decision 4) no longer runs, yet its pools hold what it took from
        // the resume date on: they run again too. Without a reversal, a movement of this run reaches each such pool.
        foreach (var key in unsettled)
        {
            if (catalog.Index.TryGetValue(key, out var part))
            {
                affected.Add(part);
            }
        }

        var tailOf = (tailsRead.GetAwaiter().GetResult() ?? discharge.Tails()).ToDictionary(t => (t.Client, t.Part));
        var extendsTail = new HashSet<int>();
        foreach (var (part, added) in newLots)
        {
            added.Sort((x, y) => DischargeEngine.CompareLots(x, y)); // SPEC §3.5: (entry date, pedimento, partida)
            if (tailOf.TryGetValue(Key(part), out var tail) && tail.LotKeys.Count > 0
                && DischargeEngine.CompareLots(added[0], DerivedData.LotOf(part, tail.LotKeys[^1], tail.LotTotals[^1])) > 0)
            {
                extendsTail.Add(part);
            }
        }

        bool Whole(int part) => named.Count > 0 || disposing.Contains(part) || unsettled.Contains(Key(part))
            || (newLots.ContainsKey(part) && !extendsTail.Contains(part));
        var stored = discharge.PoolsOf(affected.Where(Whole).Select(Key), fromPeriod).ToDictionary(p => (p.Client, p.Part));
        foreach (var part in affected.Where(p => !Whole(p)))
        {
            if (tailOf.TryGetValue(Key(part), out var tail))
            {
                stored[Key(part)] = tail;
            }
        }

        phases.Mark("load pools");
        var lots = new List<LotDef>();
        var start = new List<LotStart>();
        var plans = new Dictionary<int, PoolPlan>();
        foreach (var part in affected)
        {
            var def = catalog.PartDefs[part];
            var plan = plans[part] = new PoolPlan(stored.GetValueOrDefault((def.Client, def.Part)), Whole(part));
            if (plan.Old is { } pool)
            {
                var withChunks = pool.Chunks.Count > 0; // a tail has none: nothing is stored on or after the resume date
                var takenFrom = withChunks ? new long[pool.LotKeys.Count] : [];
                var wasteFrom = withChunks ? new long[pool.LotKeys.Count] : [];
                if (plan.Whole)
                {
                    plan.Lots.Capacity = pool.LotKeys.Count + (newLots.GetValueOrDefault(part)?.Count ?? 0);
                }

                foreach (var a in withChunks ? pool.DecodeAllocations() : [])
                {
                    if (a.Day >= from.DayNumber)
                    {
                        takenFrom[a.Lot] += a.Qty;
                        wasteFrom[a.Lot] += a.Waste;
                    }
                    else
                    {
                        plan.Kept.Add(a); // the resume month's allocations dated before the resume date stay
                    }
                }

                // A pool reached only through BOMs needs, in FIFO order, just the open regular lots that cover its total
                // need (consumption never exceeds it, and FIFO exhausts earlier lots first); any other pool runs with
                // every open lot.
                var covered = 0L;
                var poolNeed = broad.Contains(part) ? long.MaxValue : need.GetValueOrDefault(part);
                for (var k = 0; k < pool.LotKeys.Count; k++)
                {
                    if (!plan.Whole && covered >= poolNeed)
                    {
                        break; // a tail's later lots cannot change: nothing stored from the resume date on, no exit names them
                    }

                    var t = pool.LotTotals[k];
                    var key = pool.LotKeys[k];
                    var state = new LotStart(t.Discharged - (withChunks ? takenFrom[k] : 0), t.Waste - (withChunks ? wasteFrom[k] : 0),
                        t.WasteDisposed - (disposedFrom.Count == 0
                            ? 0
                            : disposedFrom.GetValueOrDefault((def.Client, def.Part, key.Pedimento, key.Partida))));
                    var open = t.Entered - state.Discharged;
                    var fixedAsset = (t.Flags & PoolLotTotals.FixedAssetFlag) != 0;
                    var usable = open > 0 && (poolNeed == long.MaxValue || (covered < poolNeed && !fixedAsset && t.EntryDay <= lastDay));
                    if (usable && poolNeed != long.MaxValue)
                    {
                        covered += open;
                    }

                    if (usable || state != new LotStart(t.Discharged, t.Waste, t.WasteDisposed)
                        || (poolNeed == long.MaxValue && state.Waste - state.WasteDisposed > 0) // waste disposals are direct movements
                        || (named.Count > 0 && named.Contains((key.Pedimento, key.Partida))))
                    {
                        var lot = DerivedData.LotOf(part, key, t);
                        if (plan.Whole)
                        {
                            plan.Lots.Add((lot, lots.Count, default));
                        }
                        else
                        {
                            plan.TailLots.Add((k, lot, lots.Count));
                        }

                        lots.Add(lot);
                        start.Add(state);
                    }
                    else if (plan.Whole)
                    {
                        plan.Lots.Add((DerivedData.LotOf(part, key, t), -1, t)); // unchanged by this run: kept as stored
                    }
                }
            }

            foreach (var lot in newLots.GetValueOrDefault(part) ?? [])
            {
                if (plan.Whole || plan.Old is null)
                {
                    plan.Lots.Add((lot, lots.Count, default));
                    plan.NewLots = true;
                }
                else
                {
                    plan.TailLots.Add((plan.Old.LotKeys.Count + plan.AddedLots++, lot, lots.Count)); // in FIFO order, after the tail
                }

                lots.Add(lot);
                start.Add(LotStart.Opening(lot)); // SPEC §3.4: a new lot starts with its opening discharge
            }
        }

        var snapshot = movements.WithLots(lots, start, bom);
        phases.Mark("plan");
        var result = DischargeEngine.Run(snapshot.Input);
        phases.Mark("engine");
        var pools = new List<(StoredPool, int)>();
        foreach (var (part, plan) in plans)
        {
            if (plan.Lots.Count > 0 || plan.TailLots.Count > 0) // a tail none of whose lots ran is unchanged
            {
                pools.Add(Rewrite(discharge, snapshot, result, part, plan, from, moveExhaustedAfter));
            }
        }

        phases.Mark("pack");
        return (snapshot, result, pools);

        (string Client, string Part) Key(int part) => (catalog.PartDefs[part].Client, catalog.PartDefs[part].Part);
    }

    /// <summary>
    /// One affected pool: its stored row, every lot (with its index in the run's input, or -1 when left as stored).
    /// </summary>
    private sealed class PoolPlan(StoredPool? old, bool whole)
    {
        /// <summary>
        /// The stored pool: whole (with its chunks from the resume month on), or only its tail when not <see cref="Whole"/>.
        /// </summary>
        public StoredPool? Old { get; } = old;

        public bool Whole { get; } = whole;

        /// <summary>A whole pool's lots, in stored order then new ones.</summary>
        public List<(LotDef Lot, int Input, PoolLotTotals Stored)> Lots { get; } = [];

        /// <summary>A tail's lots that run (by index in the tail; new lots after its stored ones); the others are kept as stored.</summary>
        public List<(int K, LotDef Lot, int Input)> TailLots { get; } = [];

        /// <summary>New lots appended to the tail.</summary>
        public int AddedLots { get; set; }

        /// <summary>Lots entered since the stored run were added (after the stored ones, so not yet in FIFO order).</summary>
        public bool NewLots { get; set; }

        public List<PackedAllocation> Kept { get; } = [];
    }

    /// <summary>
    /// A pool's new row and the chunks to write: from the resume month on, or every chunk when the lots' FIFO order
    /// changed for lots already stored (a back-dated entry), since stored allocations name lots by their index.
    /// </summary>
    private static (StoredPool, int) Rewrite(
        IDerivedStore discharge, LedgerSnapshot snapshot, DischargeResult result, int part, PoolPlan plan, DateOnly from,
        int moveExhaustedAfter)
    {
        var input = snapshot.Input;
        var fromPeriod = AllocationChunk.PeriodOf(from.DayNumber);
        var old = plan.Old;
        var def = input.Parts[part];
        if (old is not null && !plan.Whole)
        {
            return (RewriteTail(snapshot, result, part, plan, old, moveExhaustedAfter), fromPeriod);
        }

        var order = plan.Lots.ToList();
        if (plan.NewLots)
        {
            order.Sort((x, y) => DischargeEngine.CompareLots(x.Lot, y.Lot)); // SPEC §3.5: (entry date, pedimento, partida)
        }

        var keys = new PoolLotKey[order.Count];
        var totals = new PoolLotTotals[order.Count];
        var indexOf = new Dictionary<PoolLotKey, int>(order.Count);
        var indexOfInput = new Dictionary<int, int>(order.Count);
        for (var k = 0; k < order.Count; k++)
        {
            var (lot, at, stored) = order[k];
            keys[k] = new PoolLotKey(lot.Document, lot.Partida);
            indexOf[keys[k]] = k;
            if (at >= 0)
            {
                indexOfInput[at] = k;
            }

            totals[k] = at >= 0 ? DerivedData.LotState(result, at, lot) : stored;
        }

        var prefixKept = old is null || old.LotKeys.Select((key, k) => indexOf.GetValueOrDefault(key, -1) == k).All(same => same);
        var rewriteFrom = fromPeriod;
        PackedAllocation[] earlier = [.. plan.Kept];
        if (!prefixKept && old is not null)
        {
            // Reload every stored chunk of the pool, keep what is dated before the resume date, and renumber its lots.
            var all = discharge.PoolsOf([(old.Client, old.Part)]).Single().DecodeAllocations();
            earlier = [.. all.Where(a => a.Day < from.DayNumber).Select(a => a with { Lot = indexOf[old.LotKeys[a.Lot]] })];
            rewriteFrom = 0;
        }

        var allocations = result.PoolAllocations(part);
        var packed = new PackedAllocation[earlier.Length + allocations.Length];
        earlier.CopyTo(packed, 0);
        Pack(snapshot, allocations, indexOfInput, 0, packed.AsSpan(earlier.Length));

        var pool = new StoredPool
        {
            Client = def.Client,
            Part = def.Part,
            LotKeys = keys,
            LotTotals = totals,
            Chunks = DerivedData.Chunk(packed),
        };
        return (pool, rewriteFrom);
    }

    /// <summary>
    /// A stored tail: its lots in the same order with their new state, then the new lots, and the new allocations to append.
    /// </summary>
    private static StoredPool RewriteTail(
        LedgerSnapshot snapshot, DischargeResult result, int part, PoolPlan plan, StoredPool old, int moveExhaustedAfter)
    {
        var stored = old.LotKeys.Count;
        var keys = new PoolLotKey[stored + plan.AddedLots];
        var totals = new PoolLotTotals[keys.Length];
        for (var k = 0; k < stored; k++)
        {
            (keys[k], totals[k]) = (old.LotKeys[k], old.LotTotals[k]);
        }

        var indexOfInput = new Dictionary<int, int>(plan.TailLots.Count);
        foreach (var (k, lot, at) in plan.TailLots)
        {
            indexOfInput[at] = k;
            totals[k] = DerivedData.LotState(result, at, lot);
            keys[k] = new PoolLotKey(lot.Document, lot.Partida);
        }

        var fresh = result.PoolAllocations(part);
        var appended = new PackedAllocation[fresh.Length];
        Pack(snapshot, fresh, indexOfInput, old.FirstLot, appended);

        return new StoredPool
        {
            Client = old.Client,
            Part = old.Part,
            LotKeys = keys,
            LotTotals = totals,
            FirstLot = old.FirstLot,
            TailOnly = true,
            MoveToHead = PoolSegments.TailStart(totals) is var exhausted && exhausted >= moveExhaustedAfter ? exhausted : 0,
            Chunks = DerivedData.Chunk(appended),
        };
    }

    /// <summary>
    /// The run's allocations of one pool as stored: movement id and day, and the lot's index in the whole pool
    /// (<paramref name="firstLot"/> + its index among the rewritten lots).
    /// </summary>
    private static void Pack(
        LedgerSnapshot snapshot, ReadOnlySpan<Allocation> allocations, Dictionary<int, int> indexOfInput, int firstLot,
        Span<PackedAllocation> into)
    {
        var movements = snapshot.Input.Movements;
        for (var i = 0; i < allocations.Length; i++)
        {
            var a = allocations[i];
            into[i] = new PackedAllocation(snapshot.MovementIds[a.Movement], movements[a.Movement].Date.DayNumber,
                firstLot + indexOfInput[a.Lot], a.Qty, a.Waste);
        }
    }

    private static DateOnly? MinDate(ITrazaStore store, string layout, long batch) => store.Scans.EarliestDate(
        layout switch
        {
            "entries" => MovementTable.Entries,
            "exits" => MovementTable.Exits,
            _ => MovementTable.Events,
        },
        batch);
}
