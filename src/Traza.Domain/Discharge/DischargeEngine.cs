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
    private const int ParallelThreshold = 4_096;

    public static DischargeResult Run(DischargeInput input) => Run(input, 0);

    /// <summary>Runs with <paramref name="workers"/> threads (0 = one per processor, 1 for small inputs).</summary>
    public static DischargeResult Run(DischargeInput input, int workers)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (workers <= 0)
        {
            workers = input.Movements.Count < ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount, 8);
        }

        return new RunState(input, workers).Execute();
    }

    /// <summary>
    /// SPEC §3.5 "Order": (date, exits before events, document, partida, line of the file), text compared ordinally.
    /// </summary>
    public static int CompareMovements(in MovementDef a, in MovementDef b)
    {
        var c = a.Date.CompareTo(b.Date);
        if (c != 0)
        {
            return c;
        }

        c = ((byte)a.Kind).CompareTo((byte)b.Kind);
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

    /// <summary>The state shared by the workers of one run.</summary>
    private sealed class RunState
    {
        private readonly DischargeInput input;
        private readonly int workerCount;
        private readonly Pool?[] pools;
        private readonly long[] entered;
        private readonly long[] remaining;
        private readonly long[] waste;
        private readonly long[] wasteDisposed;
        private readonly Dictionary<(string Document, int Partida), List<int>> lotsByKey = [];
        private readonly List<Allocation>?[] poolAllocations;
        private readonly List<int>?[] poolLeaves;

        public RunState(DischargeInput input, int workers)
        {
            this.input = input;
            workerCount = workers;
            var lots = input.Lots;
            pools = new Pool?[input.Parts.Count];
            poolAllocations = new List<Allocation>?[input.Parts.Count];
            poolLeaves = new List<int>?[input.Parts.Count];
            entered = new long[lots.Count];
            remaining = new long[lots.Count];
            waste = new long[lots.Count];
            wasteDisposed = new long[lots.Count];

            var byPart = new List<int>?[input.Parts.Count];
            for (var i = 0; i < lots.Count; i++)
            {
                var lot = lots[i];
                entered[i] = remaining[i] = Micro.FromDecimal(lot.Qty);
                (byPart[lot.Part] ??= []).Add(i);
                var key = (lot.Document, lot.Partida);
                if (!lotsByKey.TryGetValue(key, out var list))
                {
                    lotsByKey[key] = list = [];
                }

                list.Add(i);
            }

            for (var p = 0; p < byPart.Length; p++)
            {
                if (byPart[p] is { } list)
                {
                    list.Sort((a, b) =>
                    {
                        var c = CompareLots(lots[a], lots[b]);
                        return c != 0 ? c : a.CompareTo(b);
                    });
                    pools[p] = new Pool([.. list]);
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
                Parallel.ForEach(workers, new ParallelOptions { MaxDegreeOfParallelism = workerCount }, w => w.Run());
            }

            var shortages = Merge(workers.SelectMany(w => w.Shortages));
            var findings = Merge(workers.SelectMany(w => w.Findings));
            var disposals = Merge(workers.SelectMany(w => w.Disposals));
            var discharged = new long[entered.Length];
            for (var i = 0; i < discharged.Length; i++)
            {
                discharged[i] = checked(entered[i] - remaining[i]);
            }

            long count = 0;
            foreach (var list in poolAllocations)
            {
                count += list?.Count ?? 0;
            }

            return new DischargeResult
            {
                PoolAllocations = poolAllocations,
                PoolLots = [.. pools.Select(p => p?.Lots)],
                PoolAllocationLeaves = poolLeaves,
                Position = position,
                AllocationCount = count,
                Shortages = shortages,
                WasteDisposals = disposals,
                Findings = findings,
                ProcessingOrder = order,
                Consumptions = workers.Sum(w => w.Consumptions),
                LotEntered = entered,
                LotDischarged = discharged,
                LotWaste = waste,
                LotWasteDisposed = wasteDisposed,
            };
        }

        private static List<T> Merge<T>(IEnumerable<Keyed<T>> items)
        {
            var list = items.ToList();
            list.Sort((x, y) =>
            {
                var c = x.Pos.CompareTo(y.Pos);
                return c != 0 ? c : x.Leaf.CompareTo(y.Leaf);
            });
            return [.. list.Select(x => x.Item)];
        }

        /// <summary>One thread's share: the pools whose part index ≡ <c>id</c> (mod worker count).</summary>
        private sealed class Worker(RunState run, int id, List<int> order)
        {
            private readonly BomExplosion bom = new(run.input.Parts, run.input.Bom);
            private readonly IReadOnlyList<LotDef> lots = run.input.Lots;

            public List<Keyed<Shortage>> Shortages { get; } = [];

            public List<Keyed<DischargeFinding>> Findings { get; } = [];

            public List<Keyed<WasteDisposal>> Disposals { get; } = [];

            public long Consumptions { get; private set; }

            public void Run()
            {
                var movements = run.input.Movements;
                for (var k = 0; k < order.Count; k++)
                {
                    var index = order[k];
                    Process(k, index, movements[index]);
                }
            }

            private bool Owns(int part) => part % run.workerCount == id;

            private void Process(int pos, int index, in MovementDef m)
            {
                var part = run.input.Parts[m.Part];
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

                var bomDate = m.BomDate ?? m.Date;
                if (bom.HasBomOn(m.Part, bomDate))
                {
                    // SPEC §3.3: fixed-asset lots are never discharged by BOM explosion.
                    var mode = m.Mode == DischargeMode.FixedAssetLotsOnly ? DischargeMode.None : DischargeMode.RegularLotsOnly;
                    var leaves = bom.Explode(m.Part, bomDate);
                    var qtyMicro = FixedPoint.ExactMicro(m.Qty);
                    var directedMatched = m.SourceDocument is null;
                    for (var j = 0; j < leaves.Length; j++)
                    {
                        var leaf = leaves[j];
                        if (!Owns(leaf.Part))
                        {
                            directedMatched |= m.SourceDocument is { } doc && FindNamedLot(doc, m.SourcePartida, leaf.Part) >= 0;
                            continue;
                        }

                        var need = qtyMicro is { } q && leaf.ScaledFactor is { } f
                            ? FixedPoint.MultiplyRound(q, f)
                            : Micro.FromDecimal(m.Qty * leaf.Factor);
                        if (need == 0)
                        {
                            continue;
                        }

                        directedMatched |= Discharge(pos, j, index, m, leaf.Part, need, leaf, mode);
                    }

                    if (!directedMatched && Owns(m.Part))
                    {
                        NamedLotNotInExit(pos, index, m);
                    }
                }
                else if (Owns(m.Part))
                {
                    var need = Micro.FromDecimal(m.Qty);
                    if (need > 0 && !Discharge(pos, 0, index, m, m.Part, need, default, m.Mode) && m.SourceDocument is not null)
                    {
                        NamedLotNotInExit(pos, index, m);
                    }
                }
            }

            /// <summary>Discharges <paramref name="need"/> of one leaf; returns true when the exit's named lot is of this leaf.</summary>
            private bool Discharge(int pos, int j, int index, in MovementDef m, int leaf, long need, in LeafNeed waste, DischargeMode mode)
            {
                Consumptions++;
                var directedHere = false;
                if (m.SourceDocument is { } source)
                {
                    var named = FindNamedLot(source, m.SourcePartida, leaf);
                    if (named >= 0)
                    {
                        directedHere = true;
                        if (Eligible(named, mode) && lots[named].EntryDate <= m.Date && run.remaining[named] > 0)
                        {
                            var taken = Math.Min(need, run.remaining[named]);
                            Take(index, j, named, taken, waste);
                            need -= taken;
                        }

                        if (need > 0)
                        {
                            Findings.Add(new(pos, j, new DischargeFinding(FindingCodes.DirectedSourceShort, index, leaf, named, need, string.Empty)));
                        }
                    }
                }

                if (need > 0 && run.pools[leaf] is { } pool && mode != DischargeMode.None)
                {
                    need = Allocate(pool, index, j, m.Date, need, waste, mode);
                }

                if (need > 0)
                {
                    Shortages.Add(new(pos, j, new Shortage(index, leaf, need)));
                }

                return directedHere;
            }

            /// <summary>Allocates in FIFO order from lots entered on or before <paramref name="date"/>; returns what is left.</summary>
            private long Allocate(Pool pool, int index, int j, DateOnly date, long need, in LeafNeed waste, DischargeMode mode)
            {
                var cursor = pool.Cursor(mode);

                // Lots before the cursor are closed or never eligible for this mode: skip them for good.
                while (cursor < pool.Lots.Length && (run.remaining[pool.Lots[cursor]] == 0 || !Eligible(pool.Lots[cursor], mode)))
                {
                    cursor++;
                }

                pool.SetCursor(mode, cursor);
                for (var i = cursor; i < pool.Lots.Length && need > 0; i++)
                {
                    var lot = pool.Lots[i];
                    if (lots[lot].EntryDate > date)
                    {
                        break; // a later lot is never used; lots are sorted by entry date first.
                    }

                    var balance = run.remaining[lot];
                    if (balance > 0 && Eligible(lot, mode))
                    {
                        var take = Math.Min(balance, need);
                        Take(index, j, lot, take, waste);
                        need -= take;
                    }
                }

                return need;
            }

            private int FindNamedLot(string document, int partida, int leaf)
            {
                if (run.lotsByKey.TryGetValue((document, partida), out var candidates))
                {
                    foreach (var lot in candidates)
                    {
                        if (lots[lot].Part == leaf)
                        {
                            return lot;
                        }
                    }
                }

                return -1;
            }

            /// <summary>The named lot is not a lot of any part this exit consumes (another part or client, or unknown).</summary>
            private void NamedLotNotInExit(int pos, int index, in MovementDef m) =>
                Findings.Add(new(pos, int.MaxValue, new DischargeFinding(
                    FindingCodes.DirectedSourceShort, index, m.Part, -1, Micro.FromDecimal(m.Qty), $"{m.SourceDocument}/{m.SourcePartida}")));

            private bool Eligible(int lot, DischargeMode mode) => mode switch
            {
                DischargeMode.AllLots => true,
                DischargeMode.RegularLotsOnly => !lots[lot].FixedAsset,
                DischargeMode.FixedAssetLotsOnly => lots[lot].FixedAsset,
                _ => false,
            };

            /// <summary>Takes <paramref name="qty"/> from a lot; its waste is round6(qty × waste factor / factor).</summary>
            private void Take(int index, int j, int lot, long qty, in LeafNeed leaf)
            {
                run.remaining[lot] -= qty;
                long w = 0;
                if (leaf.WasteFactor != 0m)
                {
                    w = leaf.ScaledWaste is { } sw && leaf.ScaledFactor is { } sf
                        ? FixedPoint.DivideRound((Int128)qty * sw, sf)
                        : Micro.FromDecimal(Micro.ToDecimal(qty) * leaf.WasteFactor / leaf.Factor);
                    run.waste[lot] += w;
                }

                var part = lots[lot].Part;
                (run.poolAllocations[part] ??= []).Add(new Allocation(index, lot, qty, w));
                (run.poolLeaves[part] ??= []).Add(j);
            }

            private void DisposeWaste(int pos, int index, in MovementDef m)
            {
                var need = Micro.FromDecimal(m.Qty);
                if (run.pools[m.Part] is { } pool)
                {
                    foreach (var lot in pool.Lots)
                    {
                        if (need == 0)
                        {
                            break;
                        }

                        var available = run.waste[lot] - run.wasteDisposed[lot];
                        if (available > 0)
                        {
                            var take = Math.Min(available, need);
                            run.wasteDisposed[lot] += take;
                            Disposals.Add(new(pos, 0, new WasteDisposal(index, lot, take)));
                            need -= take;
                        }
                    }
                }

                if (need > 0)
                {
                    Findings.Add(new(pos, 0, new DischargeFinding(FindingCodes.WasteDisposalExceedsBalance, index, m.Part, -1, need, string.Empty)));
                }
            }
        }

        /// <summary>The lots of one (client, part) in FIFO order, with one cursor per eligibility mode.</summary>
        private sealed class Pool(int[] lots)
        {
            private int cursorAll;
            private int cursorRegular;
            private int cursorFixed;

            public int[] Lots { get; } = lots;

            public int Cursor(DischargeMode mode) => mode switch
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
