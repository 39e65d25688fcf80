using Traza.Domain.Model;

namespace Traza.Domain.Discharge;

/// <summary>
/// The descargo: PEPS/FIFO discharge of exits and events against entry lots through the bills of materials, exactly
/// as SPEC §3.5 states. Pure and deterministic: the same input gives the same result, whatever the order of its lists.
/// </summary>
/// <remarks>
/// Pools (client, part) are independent: a movement's need of one leaf touches only that leaf's pool, and a
/// directed exit's named lot is taken only from the pool of its own part. So the pools are split between workers;
/// each worker walks every movement in processing order and serves only its own pools. Every pool is processed in
/// exactly the global order, by one thread, so the result does not depend on the number of workers.
/// </remarks>
public static class DischargeEngine
{
    /// <summary>Below this many movements one worker is used.</summary>
    internal const int ParallelThreshold = 4_096;

    public static DischargeResult Run(DischargeInput input) => Run(input, 0);

    /// <summary>Runs with <paramref name="workers"/> threads (0 = one per processor, 1 for small inputs).</summary>
    public static DischargeResult Run(DischargeInput input, int workers) => Run(input, workers, null);

    /// <summary>
    /// Runs with <paramref name="workers"/> threads, calling <paramref name="progress"/> now and then with the number of
    /// movements processed so far (of those dated on or before the as-of date).
    /// </summary>
    public static DischargeResult Run(DischargeInput input, int workers, Action<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (workers <= 0)
        {
            workers = input.Movements.Count < ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount, 8);
        }

        return new RunState(input, workers) { Progress = progress }.Execute();
    }

    /// <summary>
    /// SPEC §3.5 "Order": (date, exits before events, document, partida, line of the file), text compared ordinally; a work
    /// order goes before the exits of its date (docs/cli.md "Work orders": a kit made in the morning ships that afternoon).
    /// </summary>
    public static int CompareMovements(in MovementDef a, in MovementDef b)
    {
        var c = a.Date.CompareTo(b.Date);
        if (c != 0)
        {
            return c;
        }

        c = Rank(a.Kind).CompareTo(Rank(b.Kind));
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Document, b.Document);
        if (c != 0)
        {
            return c;
        }

        c = a.Partida.CompareTo(b.Partida);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }

    private static int Rank(MovementKind kind) => kind == MovementKind.WorkOrder ? -1 : (byte)kind;

    /// <summary>
    /// SPEC §3.5 "Allocation": lots in order of entry date, then pedimento (15-digit form; a NAC document as
    /// written; ordinal), then partida.
    /// </summary>
    public static int CompareLots(in LotDef a, in LotDef b)
    {
        var c = a.EntryDate.CompareTo(b.EntryDate);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Document, b.Document);
        return c != 0 ? c : a.Partida.CompareTo(b.Partida);
    }

    /// <summary>An item with its place in the global order: processing position, leaf index, then emission order.</summary>
    private readonly record struct Keyed<T>(int Pos, int Leaf, T Item);

    /// <summary>The hot state of one lot, kept together so a pool's walk reads one cache line per lot.</summary>
    private struct Slot
    {
        public long Remaining;
        public long Reserved;
        public long Waste;
        public int Day;
        public bool Fixed;
    }

    /// <summary>One allocation as a worker logs it: processing position, leaf index, lot slot, quantities.</summary>
    private readonly record struct LoggedAllocation(int Pos, int Leaf, int Slot, long Qty, long Waste);

    /// <summary>
    /// The state shared by the workers of one run. Lot data lives in "slots": the lots of each pool are contiguous and
    /// in FIFO order, so a pool's walk touches adjacent memory whatever the size of the ledger.
    /// </summary>
    private sealed class RunState
    {
        private readonly DischargeInput input;
        private readonly int workerCount;
        private readonly Pool[] pools;
        private readonly int[] slotLot;
        private readonly int[] slotPart;
        private readonly Slot[] slots;
        private readonly long[] entered;
        private readonly long[] wasteDisposed;
        private readonly int[] lotSlot;
        private readonly Dictionary<(string Document, int Partida), List<int>> slotsByKey = [];

        public Action<long>? Progress { get; init; }

        public RunState(DischargeInput input, int workers)
        {
            this.input = input;
            workerCount = workers;
            var lots = input.Lots;
            pools = new Pool[input.Parts.Count];
            var count = lots.Count;
            slotLot = new int[count];
            slotPart = new int[count];
            slots = new Slot[count];
            entered = new long[count];
            wasteDisposed = new long[count];
            lotSlot = new int[count];

            // Counting sort of lots by part, then each pool sorted in FIFO order (SPEC §3.5 "Allocation").
            var start = new int[input.Parts.Count + 1];
            foreach (var lot in lots)
            {
                start[lot.Part + 1]++;
            }

            for (var p = 0; p < input.Parts.Count; p++)
            {
                start[p + 1] += start[p];
            }

            var fill = (int[])start.Clone();
            for (var i = 0; i < count; i++)
            {
                slotLot[fill[lots[i].Part]++] = i;
            }

            // Only lots a directed exit names are ever looked up by key.
            var named = new HashSet<(string Document, int Partida)>();
            foreach (var m in input.Movements)
            {
                if (m.SourceDocument is { } source)
                {
                    named.Add((source, m.SourcePartida));
                }
            }

            for (var p = 0; p < input.Parts.Count; p++)
            {
                var length = start[p + 1] - start[p];
                if (length == 0)
                {
                    continue;
                }

                var span = slotLot.AsSpan(start[p], length);
                Comparison<int> fifo = (a, b) =>
                {
                    var c = CompareLots(lots[a], lots[b]);
                    return c != 0 ? c : a.CompareTo(b);
                };

                // Entries usually arrive in date order, so most pools are already in FIFO order: check before sorting.
                var sorted = true;
                for (var k = 1; k < span.Length && sorted; k++)
                {
                    sorted = fifo(span[k - 1], span[k]) < 0;
                }

                if (!sorted)
                {
                    span.Sort(fifo);
                }

                pools[p] = new Pool(start[p], length);
            }

            for (var slot = 0; slot < count; slot++)
            {
                var i = slotLot[slot];
                var lot = lots[i];
                lotSlot[i] = slot;
                slotPart[slot] = lot.Part;
                entered[slot] = Micro.FromDecimal(lot.Qty);
                if (lot.DischargedBefore < 0m || lot.DischargedBefore > lot.Qty)
                {
                    throw new ArgumentException(
                        $"Lot {lot.Document}/{lot.Partida}: discharged_before {lot.DischargedBefore} is outside 0..{lot.Qty}.",
                        nameof(input));
                }

                var resumed = input.Start is { } resume ? resume[i] : LotStart.Opening(lot);
                slots[slot] = new Slot
                {
                    Remaining = checked(entered[slot] - resumed.Discharged), Waste = resumed.Waste, Day = lot.EntryDate.DayNumber,
                    Fixed = lot.FixedAsset,
                };
                wasteDisposed[slot] = resumed.WasteDisposed;
                var key = (lot.Document, lot.Partida);
                if (named.Contains(key))
                {
                    if (!slotsByKey.TryGetValue(key, out var list))
                    {
                        slotsByKey[key] = list = [];
                    }

                    list.Add(slot);
                }
            }
        }

        public DischargeResult Execute()
        {
            var movements = input.Movements;
            var order = new List<int>(movements.Count);
            for (var i = 0; i < movements.Count; i++)
            {
                if (movements[i].Date <= input.AsOf)
                {
                    order.Add(i);
                }
            }

            order.Sort((a, b) =>
            {
                var c = CompareMovements(movements[a], movements[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            var position = new int[movements.Count];
            Array.Fill(position, -1);
            for (var k = 0; k < order.Count; k++)
            {
                position[order[k]] = k;
            }

            var workers = new Worker[workerCount];
            for (var w = 0; w < workerCount; w++)
            {
                workers[w] = new Worker(this, w, order);
            }

            if (workerCount == 1)
            {
                workers[0].Run();
            }
            else
            {
                try
                {
                    Parallel.ForEach(workers, new ParallelOptions { MaxDegreeOfParallelism = workerCount }, w => w.Run());
                }
                catch (AggregateException e) when (e.InnerExceptions.All(x => x is DischargeRangeException))
                {
                    // The same movement whatever the number of workers: the first in ledger order.
                    throw e.InnerExceptions.Cast<DischargeRangeException>().MinBy(x => x.Sequence ?? long.MinValue)!;
                }
            }

            var (allocations, leaves, poolStart) = GroupByPool(workers, order);
            var shortages = Merge(workers, w => w.Shortages);
            var findings = Merge(workers, w => w.Findings);
            var disposals = Merge(workers, w => w.Disposals);
            var reservations = Merge(workers, w => w.Reservations);
            var draws = Merge(workers, w => w.Draws);
            var lotCount = input.Lots.Count;
            var lotEntered = new long[lotCount];
            var lotDischarged = new long[lotCount];
            var lotWaste = new long[lotCount];
            var lotDisposed = new long[lotCount];
            var lotReserved = reservations.Count > 0 ? new long[lotCount] : [];
            for (var slot = 0; slot < lotCount; slot++)
            {
                var lot = slotLot[slot];
                lotEntered[lot] = entered[slot];
                lotDischarged[lot] = checked(entered[slot] - slots[slot].Remaining - slots[slot].Reserved);
                if (lotReserved.Length > 0)
                {
                    lotReserved[lot] = slots[slot].Reserved;
                }

                lotWaste[lot] = slots[slot].Waste;
                lotDisposed[lot] = wasteDisposed[slot];
            }

            var poolLots = new IReadOnlyList<int>?[pools.Length];
            for (var p = 0; p < pools.Length; p++)
            {
                if (pools[p].Count > 0)
                {
                    poolLots[p] = new ArraySegment<int>(slotLot, pools[p].Start, pools[p].Count);
                }
            }

            return new DischargeResult
            {
                AllocationsByPool = allocations,
                AllocationLeaves = leaves,
                PoolAllocationStart = poolStart,
                PoolLots = poolLots,
                Position = position,
                Shortages = shortages,
                WasteDisposals = disposals,
                Findings = findings,
                ProcessingOrder = order,
                Consumptions = workers.Sum(w => w.Consumptions),
                MovementConsumptions = SumConsumptions(workers, movements.Count),
                LotEntered = lotEntered,
                LotDischarged = lotDischarged,
                LotWaste = lotWaste,
                LotWasteDisposed = lotDisposed,
                LotReserved = lotReserved,
                Reservations = reservations,
                KitDraws = draws,
            };
        }

        /// <summary>
        /// Every worker's log grouped by pool with a stable counting sort: each pool's allocations stay in processing
        /// order (a pool belongs to one worker, which logs in that order).
        /// </summary>
        private (Allocation[] Allocations, int[] Leaves, int[] PoolStart) GroupByPool(Worker[] workers, List<int> order)
        {
            var poolStart = new int[pools.Length + 1];
            long total = 0;
            foreach (var w in workers)
            {
                total += w.Log.Count;
                foreach (var chunk in w.Log.Chunks)
                {
                    foreach (var a in chunk.Span)
                    {
                        poolStart[slotPart[a.Slot] + 1]++;
                    }
                }
            }

            for (var p = 0; p < pools.Length; p++)
            {
                poolStart[p + 1] += poolStart[p];
            }

            // Workers own disjoint pools, so each scatters its own log into disjoint ranges, in parallel.
            var allocations = new Allocation[checked((int)total)];
            var leaves = new int[allocations.Length];
            var fill = (int[])poolStart.Clone();
            Parallel.ForEach(workers, new ParallelOptions { MaxDegreeOfParallelism = workerCount }, w =>
            {
                foreach (var chunk in w.Log.Drain())
                {
                    foreach (var a in chunk.Span)
                    {
                        var at = fill[slotPart[a.Slot]]++;
                        allocations[at] = new Allocation(order[a.Pos], slotLot[a.Slot], a.Qty, a.Waste);
                        leaves[at] = a.Leaf;
                    }
                }
            });

            return (allocations, leaves, poolStart);
        }

        private static int[] SumConsumptions(Worker[] workers, int count)
        {
            var sum = new int[count];
            foreach (var w in workers)
            {
                for (var i = 0; i < count; i++)
                {
                    sum[i] += w.MovementConsumptions[i];
                }
            }

            return sum;
        }

        /// <summary>
        /// The workers' lists merged into one in (position, leaf) order, keeping emission order among equal keys: a worker
        /// adds in processing order and, within a movement, in leaf order, so each list is already sorted, and equal keys come
        /// from one worker (the owner of the part) in the order it found them — several waste disposals of one movement
        /// in FIFO order. A k-way merge keeps that order whatever the number of workers; an unstable sort did not (issue 12).
        /// </summary>
        private static List<T> Merge<T>(Worker[] workers, Func<Worker, List<Keyed<T>>> list)
        {
            var lists = new List<Keyed<T>>[workers.Length];
            var total = 0;
            for (var w = 0; w < workers.Length; w++)
            {
                lists[w] = list(workers[w]);
                total += lists[w].Count;
            }

            var merged = new List<T>(total);
            if (lists.Length == 1)
            {
                foreach (var item in lists[0])
                {
                    merged.Add(item.Item);
                }

                return merged;
            }

            var next = new int[lists.Length];
            while (merged.Count < total)
            {
                var best = -1;
                for (var w = 0; w < lists.Length; w++)
                {
                    if (next[w] < lists[w].Count && (best < 0 || Before(lists[w][next[w]], lists[best][next[best]])))
                    {
                        best = w;
                    }
                }

                merged.Add(lists[best][next[best]++].Item);
            }

            return merged;
        }

        /// <summary>Strictly before in (position, leaf) order; equal keys keep the earlier worker first.</summary>
        private static bool Before<T>(in Keyed<T> x, in Keyed<T> y) => x.Pos != y.Pos ? x.Pos < y.Pos : x.Leaf < y.Leaf;

        /// <summary>One thread's share: the pools whose part index ≡ <c>id</c> (mod worker count).</summary>
        private sealed class Worker(RunState run, int id, List<int> order)
        {
            private readonly BomExplosion bom =
                run.workerCount == 1 && run.input.Explosion is { } shared ? shared : new(run.input.Parts, run.input.Bom);

            public ChunkedLog<LoggedAllocation> Log { get; } = new();

            public List<Keyed<Shortage>> Shortages { get; } = [];

            public List<Keyed<DischargeFinding>> Findings { get; } = [];

            public List<Keyed<WasteDisposal>> Disposals { get; } = [];

            public List<Keyed<Reservation>> Reservations { get; } = [];

            public List<Keyed<KitDraw>> Draws { get; } = [];

            /// <summary>
            /// Per kit part: its work orders with kits left, in processing order — FIFO by work-order date, then reference. Every
            /// worker keeps the kit counts alike (they depend on the kit part's movements alone); each holds the reservations of
            /// its own pools.
            /// </summary>
            private readonly Dictionary<int, List<WorkOrderState>> kitStock = [];

            /// <summary>The leaf parts an exit that took kits has consumed so far (one consumption per (exit, leaf part)).</summary>
            private readonly HashSet<int> counted = [];

            public long Consumptions { get; private set; }

            /// <summary>Per movement: the consumptions this worker discharged for it.</summary>
            public int[] MovementConsumptions { get; } = new int[run.input.Movements.Count];

            public void Run()
            {
                var movements = run.input.Movements;
                for (var k = 0; k < order.Count; k++)
                {
                    var index = order[k];
                    Process(k, index, movements[index]);
                    if (id == 0 && (k & 0xFFF) == 0xFFF)
                    {
                        run.Progress?.Invoke(k + 1);
                    }
                }
            }

            private bool Owns(int part) => part % run.workerCount == id;

            private void Process(int pos, int index, in MovementDef m)
            {
                var part = run.input.Parts[m.Part];
                if (m.Kind == MovementKind.WorkOrder)
                {
                    if (!part.National)
                    {
                        WorkOrder(pos, index, m);
                    }

                    return;
                }

                if (m.Mode == DischargeMode.None)
                {
                    if (m.EventType == EventType.Adjustment && m.Qty < 0 && !part.National && Owns(m.Part))
                    {
                        Findings.Add(new(pos, 0, new DischargeFinding(
                            FindingCodes.NegativeAdjustment, index, m.Part, -1, Micro.FromDecimal(-m.Qty), string.Empty)));
                    }

                    return;
                }

                if (part.National)
                {
                    return; // SPEC §3.4: a national part is skipped wherever it appears.
                }

                if (m.Mode == DischargeMode.WasteDisposal)
                {
                    if (Owns(m.Part))
                    {
                        DisposeWaste(pos, index, m);
                    }

                    return;
                }

                // docs/cli.md "Work orders": an exit (or destruction/donation) of a kit takes kit stock first; the rest as below.
                var leafBase = 0;
                if (kitStock.Count > 0 && m.Mode.TakesLots() && m.Mode.LeafMode() == DischargeMode.RegularLotsOnly
                    && kitStock.TryGetValue(m.Part, out var orders) && orders.Count > 0 && Micro.FromDecimal(m.Qty) > 0)
                {
                    var rest = DrawKits(pos, index, m, orders, ref leafBase);
                    if (rest == 0)
                    {
                        if (m.SourceDocument is not null && Owns(m.Part))
                        {
                            NamedLotNotInExit(pos, index, m);
                        }

                        return;
                    }

                    if (rest != Micro.FromDecimal(m.Qty))
                    {
                        TakeLots(pos, index, m with { Qty = Micro.ToDecimal(rest) }, leafBase, true);
                        return;
                    }
                }

                TakeLots(pos, index, m, leafBase, leafBase > 0);
            }

            /// <summary>What an exit or event takes from lots, its leaves numbered from <paramref name="leafBase"/> (SPEC §3.5).</summary>
            private void TakeLots(int pos, int index, in MovementDef m, int leafBase, bool dedupe)
            {
                var bomDate = m.BomDate ?? m.Date;
                if (m.Mode.Explodes() && bom.HasBomOn(m.Part, bomDate))
                {
                    // SPEC §3.3: fixed-asset lots are never discharged by BOM explosion (an exploded F5 takes nothing).
                    var mode = m.Mode.LeafMode();
                    LeafNeed[] leaves;
                    try
                    {
                        leaves = bom.Explode(m.Part, bomDate);
                    }
                    catch (DischargeRangeException e) when (e.Sequence is null)
                    {
                        throw new DischargeRangeException(m.Sequence, e.Message, e);
                    }

                    var qtyMicro = FixedPoint.ExactMicro(m.Qty);
                    var directedMatched = m.SourceDocument is null;
                    for (var j = 0; j < leaves.Length; j++)
                    {
                        var leaf = leaves[j];
                        if (!Owns(leaf.Part))
                        {
                            // Every worker decides alike whether the named lot is of a leaf this exit consumes: a leaf of
                            // zero need consumes nothing, on this worker as on its owner (issue 11 item 10).
                            directedMatched |= m.SourceDocument is { } doc && !directedMatched
                                && FindNamedSlot(doc, m.SourcePartida, leaf.Part) >= 0 && Need(m, qtyMicro, leaf) != 0;
                            continue;
                        }

                        var need = Need(m, qtyMicro, leaf);
                        if (need == 0)
                        {
                            continue;
                        }

                        directedMatched |= Discharge(pos, leafBase + j, index, m, leaf.Part, need, leaf, mode, dedupe);
                    }

                    if (!directedMatched && Owns(m.Part))
                    {
                        NamedLotNotInExit(pos, index, m);
                    }
                }
                else if (Owns(m.Part))
                {
                    var need = Micro.FromDecimal(m.Qty);
                    if (need > 0 && !Discharge(pos, leafBase, index, m, m.Part, need, default, m.Mode, dedupe) && m.SourceDocument is not null)
                    {
                        NamedLotNotInExit(pos, index, m);
                    }
                }
            }

            /// <summary>
            /// round6(qty × factor) in micro-units; a <see cref="DischargeRangeException"/> when it reaches 10^12 UMC, the bound
            /// of every quantity (SPEC §4.1), which keeps the sums of a pool within 64 bits.
            /// </summary>
            private long Need(in MovementDef m, long? qtyMicro, in LeafNeed leaf)
            {
                long need;
                try
                {
                    need = qtyMicro is { } q && leaf.FactorRatio is { } f
                        ? FixedPoint.MultiplyDivideRound(q, f.Numerator, f.Divisor)
                        : Micro.FromDecimal(m.Qty * leaf.Factor);
                }
                catch (OverflowException e)
                {
                    throw DischargeRangeException.Need(m, run.input.Parts[leaf.Part].Part, leaf.Factor, e);
                }

                return need < DischargeRangeException.MaxNeedMicro && need > -DischargeRangeException.MaxNeedMicro
                    ? need
                    : throw DischargeRangeException.Need(m, run.input.Parts[leaf.Part].Part, leaf.Factor);
            }

            /// <summary>Discharges <paramref name="need"/> of one leaf; returns true when the exit's named lot is of this leaf.</summary>
            private bool Discharge(
                int pos, int j, int index, in MovementDef m, int leaf, long need, in LeafNeed waste, DischargeMode mode, bool dedupe = false)
            {
                if (!dedupe || counted.Add(leaf))
                {
                    Consumptions++;
                    MovementConsumptions[index]++;
                }

                var directedHere = false;
                var day = m.Date.DayNumber;
                if (m.SourceDocument is { } source)
                {
                    var named = FindNamedSlot(source, m.SourcePartida, leaf);
                    if (named >= 0)
                    {
                        directedHere = true;
                        if (Eligible(named, mode) && run.slots[named].Day <= day && run.slots[named].Remaining > 0)
                        {
                            var taken = Math.Min(need, run.slots[named].Remaining);
                            Take(pos, j, named, taken, waste);
                            need -= taken;
                        }

                        if (need > 0)
                        {
                            Findings.Add(new(pos, j, new DischargeFinding(
                                FindingCodes.DirectedSourceShort, index, leaf, run.slotLot[named], need, string.Empty)));
                        }
                    }
                }

                if (need > 0 && mode != DischargeMode.None && run.pools[leaf].Count > 0)
                {
                    need = Allocate(ref run.pools[leaf], pos, j, day, need, waste, mode);
                }

                if (need > 0)
                {
                    Shortages.Add(new(pos, j, new Shortage(index, leaf, need)));
                }

                return directedHere;
            }

            /// <summary>Allocates in FIFO order from lots entered on or before <paramref name="day"/>; returns what is left.</summary>
            private long Allocate(
                ref Pool pool, int pos, int j, int day, long need, in LeafNeed waste, DischargeMode mode, WorkOrderState? order = null)
            {
                var slots = run.slots;
                var end = pool.Start + pool.Count;
                var cursor = pool.Cursor(mode);

                // Slots before the cursor are closed or never eligible for this mode: skip them for good.
                while (cursor < end && (slots[cursor].Remaining == 0 || !Eligible(cursor, mode)))
                {
                    cursor++;
                }

                pool.SetCursor(mode, cursor);
                for (var slot = cursor; slot < end && need > 0; slot++)
                {
                    if (slots[slot].Day > day)
                    {
                        break; // a later lot is never used; slots are in entry-date order.
                    }

                    var balance = slots[slot].Remaining;
                    if (balance > 0 && Eligible(slot, mode))
                    {
                        var take = Math.Min(balance, need);
                        if (order is null)
                        {
                            Take(pos, j, slot, take, waste);
                        }
                        else
                        {
                            Reserve(pos, j, slot, take, waste, order);
                        }

                        need -= take;
                    }
                }

                return need;
            }

            private int FindNamedSlot(string document, int partida, int leaf)
            {
                if (run.slotsByKey.TryGetValue((document, partida), out var candidates))
                {
                    foreach (var slot in candidates)
                    {
                        if (run.slotPart[slot] == leaf)
                        {
                            return slot;
                        }
                    }
                }

                return -1;
            }

            /// <summary>The named lot is not a lot of any part this exit consumes (another part or client, or unknown).</summary>
            private void NamedLotNotInExit(int pos, int index, in MovementDef m) =>
                Findings.Add(new(pos, int.MaxValue, new DischargeFinding(
                    FindingCodes.DirectedSourceShort, index, m.Part, -1, Micro.FromDecimal(m.Qty),
                    $"{m.SourceDocument}/{m.SourcePartida}")));

            private bool Eligible(int slot, DischargeMode mode) => mode switch
            {
                DischargeMode.AllLots => true,
                DischargeMode.RegularLotsOnly => !run.slots[slot].Fixed,
                DischargeMode.FixedAssetLotsOnly => run.slots[slot].Fixed,
                _ => false,
            };

            /// <summary>Takes <paramref name="qty"/> from a lot; its waste is round6(qty × waste factor / factor).</summary>
            private void Take(int pos, int j, int slot, long qty, in LeafNeed leaf)
            {
                ref var state = ref run.slots[slot];
                state.Remaining -= qty;
                long w = 0;
                if (leaf.WasteFactor != 0m)
                {
                    w = WasteOf(qty, leaf);
                    state.Waste += w;
                }

                Log.Add(new LoggedAllocation(pos, j, slot, qty, w));
            }

            private static long WasteOf(long qty, in LeafNeed leaf) =>
                leaf.WasteFactor == 0m ? 0
                : leaf.WasteShare is { } share ? FixedPoint.MultiplyDivideRound(qty, share.Numerator, share.Denominator)
                : Micro.FromDecimal(Micro.ToDecimal(qty) * leaf.WasteFactor / leaf.Factor);

            /// <summary>
            /// A work order (docs/cli.md "Work orders"): the kit's BOM in force on its date explodes as an exit's would, and the
            /// leaves' lots are chosen FIFO as of that date and reserved — out of reach of later movements, not discharged. What
            /// no lot covers is a shortage of the work order. A kit part without a BOM in force on the date makes nothing (refused
            /// at import).
            /// </summary>
            private void WorkOrder(int pos, int index, in MovementDef m)
            {
                var kits = Micro.FromDecimal(m.Qty);
                if (kits <= 0 || !bom.HasBomOn(m.Part, m.Date))
                {
                    return;
                }

                LeafNeed[] leaves;
                try
                {
                    leaves = bom.Explode(m.Part, m.Date);
                }
                catch (DischargeRangeException e) when (e.Sequence is null)
                {
                    throw new DischargeRangeException(m.Sequence, e.Message, e);
                }

                var order = new WorkOrderState(index, kits, leaves.Length);
                if (!kitStock.TryGetValue(m.Part, out var orders))
                {
                    kitStock[m.Part] = orders = [];
                }

                orders.Add(order);
                var qtyMicro = FixedPoint.ExactMicro(m.Qty);
                var day = m.Date.DayNumber;
                for (var j = 0; j < leaves.Length; j++)
                {
                    var leaf = leaves[j];
                    if (!Owns(leaf.Part))
                    {
                        continue;
                    }

                    var need = Need(m, qtyMicro, leaf);
                    if (need == 0)
                    {
                        continue;
                    }

                    if (run.pools[leaf.Part].Count > 0)
                    {
                        need = Allocate(ref run.pools[leaf.Part], pos, j, day, need, leaf, DischargeMode.RegularLotsOnly, order);
                    }

                    if (need > 0)
                    {
                        Shortages.Add(new(pos, j, new Shortage(index, leaf.Part, need)));
                    }
                }
            }

            private void Reserve(int pos, int j, int slot, long qty, in LeafNeed leaf, WorkOrderState order)
            {
                ref var state = ref run.slots[slot];
                state.Remaining -= qty;
                state.Reserved += qty;
                order.Held.Add(new Held(j, slot, qty, leaf));
                Reservations.Add(new(pos, j, new Reservation(order.Index, j, run.slotLot[slot], qty, WasteOf(qty, leaf))));
            }

            /// <summary>
            /// Takes kits of the movement's part from its work orders in FIFO order and converts each reservation's share —
            /// f(kits taken after) − f(kits taken before), f = <see cref="DischargeResult.ConvertedShare"/> — into allocations of
            /// this movement; returns the micro-UMC of kits no work order covered (exploded at the movement, SPEC §3.5).
            /// </summary>
            private long DrawKits(int pos, int index, in MovementDef m, List<WorkOrderState> orders, ref int leafBase)
            {
                var rest = Micro.FromDecimal(m.Qty);
                counted.Clear();
                var done = 0;
                foreach (var order in orders)
                {
                    if (rest <= 0)
                    {
                        break;
                    }

                    var take = Math.Min(order.Kits - order.Drawn, rest);
                    var before = order.Drawn;
                    order.Drawn += take;
                    rest -= take;
                    foreach (var held in order.Held)
                    {
                        var qty = DischargeResult.ConvertedShare(held.Qty, order.Drawn, order.Kits)
                            - DischargeResult.ConvertedShare(held.Qty, before, order.Kits);
                        if (qty == 0)
                        {
                            continue;
                        }

                        ref var state = ref run.slots[held.Slot];
                        state.Reserved -= qty;
                        var w = WasteOf(qty, held.Need);
                        state.Waste += w;
                        Log.Add(new LoggedAllocation(pos, leafBase + held.Leaf, held.Slot, qty, w));
                        if (counted.Add(run.slotPart[held.Slot]))
                        {
                            Consumptions++;
                            MovementConsumptions[index]++;
                        }
                    }

                    if (Owns(m.Part))
                    {
                        Draws.Add(new(pos, leafBase, new KitDraw(order.Index, index, take)));
                    }

                    leafBase += order.LeafCount;
                    if (order.Drawn == order.Kits)
                    {
                        done++;
                    }
                }

                orders.RemoveRange(0, done);
                return rest;
            }

            private void DisposeWaste(int pos, int index, in MovementDef m)
            {
                var need = Micro.FromDecimal(m.Qty);
                var pool = run.pools[m.Part];
                for (var slot = pool.Start; slot < pool.Start + pool.Count && need > 0; slot++)
                {
                    var available = run.slots[slot].Waste - run.wasteDisposed[slot];
                    if (available > 0)
                    {
                        var take = Math.Min(available, need);
                        run.wasteDisposed[slot] += take;
                        Disposals.Add(new(pos, 0, new WasteDisposal(index, run.slotLot[slot], take)));
                        need -= take;
                    }
                }

                if (need > 0)
                {
                    Findings.Add(new(pos, 0, new DischargeFinding(
                        FindingCodes.WasteDisposalExceedsBalance, index, m.Part, -1, need, string.Empty)));
                }
            }
        }

        /// <summary>One reservation a worker holds: the work order's leaf, the lot slot, micro-UMC, and the leaf's factors.</summary>
        private readonly record struct Held(int Leaf, int Slot, long Qty, LeafNeed Need);

        /// <summary>A work order as a worker tracks it: kits made and taken (micro-UMC), its reservations on this worker's pools.</summary>
        private sealed class WorkOrderState(int index, long kits, int leafCount)
        {
            public int Index { get; } = index;

            public long Kits { get; } = kits;

            public int LeafCount { get; } = leafCount;

            public long Drawn { get; set; }

            public List<Held> Held { get; } = [];
        }

        /// <summary>The slots of one (client, part) in FIFO order, with one cursor per eligibility mode; Count 0 for no lots.</summary>
        private struct Pool(int start, int count)
        {
            private int cursorAll = start;
            private int cursorRegular = start;
            private int cursorFixed = start;

            public readonly int Start { get; } = start;

            public readonly int Count { get; } = count;

            public readonly int Cursor(DischargeMode mode) => mode switch
            {
                DischargeMode.RegularLotsOnly => cursorRegular,
                DischargeMode.FixedAssetLotsOnly => cursorFixed,
                _ => cursorAll,
            };

            public void SetCursor(DischargeMode mode, int value)
            {
                switch (mode)
                {
                    case DischargeMode.RegularLotsOnly:
                        cursorRegular = value;
                        break;
                    case DischargeMode.FixedAssetLotsOnly:
                        cursorFixed = value;
                        break;
                    default:
                        cursorAll = value;
                        break;
                }
            }
        }
    }
}

/// <summary>An append-only list in fixed-size chunks: growing it never copies what is already there.</summary>
internal sealed class ChunkedLog<T>
    where T : struct
{
    private const int ChunkSize = 1 << 16;
    private readonly List<T[]> chunks = [];
    private int used = ChunkSize;

    public long Count { get; private set; }

    /// <summary>The filled part of every chunk, in order.</summary>
    public IEnumerable<ReadOnlyMemory<T>> Chunks
    {
        get
        {
            for (var i = 0; i < chunks.Count; i++)
            {
                yield return chunks[i].AsMemory(0, i == chunks.Count - 1 ? used : ChunkSize);
            }
        }
    }

    public void Add(in T item)
    {
        if (used == ChunkSize)
        {
            chunks.Add(new T[ChunkSize]);
            used = 0;
        }

        chunks[^1][used++] = item;
        Count++;
    }

    /// <summary>Every chunk in order, each released as soon as the next is asked for; the log is empty afterwards.</summary>
    public IEnumerable<ReadOnlyMemory<T>> Drain()
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            yield return chunks[i].AsMemory(0, i == chunks.Count - 1 ? used : ChunkSize);
            chunks[i] = [];
        }

        chunks.Clear();
        used = ChunkSize;
        Count = 0;
    }
}
