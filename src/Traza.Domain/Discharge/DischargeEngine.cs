using Traza.Domain.Model;

namespace Traza.Domain.Discharge;

/// <summary>
/// The descargo: PEPS/FIFO discharge of exits and events against entry lots through the bills of materials, exactly
/// as SPEC §3.5 states. Pure and deterministic: the same input gives the same result, whatever the order of its lists.
/// </summary>
public static class DischargeEngine
{
    public static DischargeResult Run(DischargeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RunState(input).Execute();
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

    /// <summary>The mutable state of one run.</summary>
    private sealed class RunState
    {
        private readonly DischargeInput input;
        private readonly IReadOnlyList<LotDef> lots;
        private readonly BomExplosion bom;
        private readonly Pool?[] pools;
        private readonly long[] entered;
        private readonly long[] remaining;
        private readonly long[] waste;
        private readonly long[] wasteDisposed;
        private readonly Dictionary<(string Document, int Partida), List<int>> lotsByKey = [];
        private readonly List<Allocation> allocations = [];
        private readonly List<Shortage> shortages = [];
        private readonly List<WasteDisposal> disposals = [];
        private readonly List<DischargeFinding> findings = [];
        private long consumptions;

        public RunState(DischargeInput input)
        {
            this.input = input;
            lots = input.Lots;
            bom = new BomExplosion(input.Parts, input.Bom);
            pools = new Pool?[input.Parts.Count];
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
            var order = new List<int>(input.Movements.Count);
            for (var i = 0; i < input.Movements.Count; i++)
            {
                if (input.Movements[i].Date <= input.AsOf)
                {
                    order.Add(i);
                }
            }

            var movements = input.Movements;
            order.Sort((a, b) =>
            {
                var c = CompareMovements(movements[a], movements[b]);
                return c != 0 ? c : a.CompareTo(b);
            });

            foreach (var m in order)
            {
                Process(m, movements[m]);
            }

            return new DischargeResult
            {
                Allocations = allocations,
                Shortages = shortages,
                WasteDisposals = disposals,
                Findings = findings,
                ProcessingOrder = order,
                Consumptions = consumptions,
                LotEntered = entered,
                LotDischarged = Discharged(),
                LotWaste = waste,
                LotWasteDisposed = wasteDisposed,
            };
        }

        private long[] Discharged()
        {
            var result = new long[lots.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = checked(entered[i] - remaining[i]);
            }

            return result;
        }

        private void Process(int index, in MovementDef m)
        {
            var part = input.Parts[m.Part];
            if (m.Mode == DischargeMode.None)
            {
                if (m.EventType == EventType.Adjustment && m.Qty < 0 && !part.National)
                {
                    findings.Add(new DischargeFinding(FindingCodes.NegativeAdjustment, index, m.Part, -1, Micro.FromDecimal(-m.Qty), string.Empty));
                }

                return;
            }

            if (part.National)
            {
                return; // SPEC §3.4: a national part is skipped wherever it appears.
            }

            if (m.Mode == DischargeMode.WasteDisposal)
            {
                DisposeWaste(index, m);
                return;
            }

            var bomDate = m.BomDate ?? m.Date;
            if (bom.HasBomOn(m.Part, bomDate))
            {
                // SPEC §3.3: fixed-asset lots are never discharged by BOM explosion.
                var mode = m.Mode == DischargeMode.FixedAssetLotsOnly ? DischargeMode.None : DischargeMode.RegularLotsOnly;
                var leaves = bom.Explode(m.Part, bomDate);
                var directedUsed = m.SourceDocument is null;
                foreach (var leaf in leaves)
                {
                    var need = Micro.FromDecimal(m.Qty * leaf.Factor);
                    if (need == 0)
                    {
                        continue;
                    }

                    var wasteShare = leaf.Factor == 0 ? 0m : leaf.WasteFactor / leaf.Factor;
                    directedUsed |= Discharge(index, m, leaf.Part, need, wasteShare, mode);
                }

                if (!directedUsed)
                {
                    NamedLotNotInExit(index, m);
                }
            }
            else
            {
                var need = Micro.FromDecimal(m.Qty);
                if (need <= 0)
                {
                    return;
                }

                if (!Discharge(index, m, m.Part, need, 0m, m.Mode))
                {
                    NamedLotNotInExit(index, m);
                }
            }
        }

        /// <summary>Discharges <paramref name="need"/> of one leaf; returns true when the exit's named lot is of this leaf.</summary>
        private bool Discharge(int index, in MovementDef m, int leaf, long need, decimal wasteShare, DischargeMode mode)
        {
            consumptions++;
            var pool = pools[leaf];
            var directedHere = false;
            if (m.SourceDocument is { } source)
            {
                var named = FindNamedLot(source, m.SourcePartida, leaf);
                if (named >= 0)
                {
                    directedHere = true;
                    var taken = 0L;
                    if (Eligible(named, mode) && lots[named].EntryDate <= m.Date && remaining[named] > 0)
                    {
                        taken = Math.Min(need, remaining[named]);
                        Take(index, named, taken, wasteShare);
                        need -= taken;
                    }

                    if (need > 0)
                    {
                        findings.Add(new DischargeFinding(FindingCodes.DirectedSourceShort, index, leaf, named, need, string.Empty));
                    }
                }
            }

            if (need > 0 && pool is not null && mode != DischargeMode.None)
            {
                need = pool.Allocate(this, index, m.Date, need, wasteShare, mode);
            }

            if (need > 0)
            {
                shortages.Add(new Shortage(index, leaf, need));
            }

            return directedHere;
        }

        private int FindNamedLot(string document, int partida, int leaf)
        {
            if (lotsByKey.TryGetValue((document, partida), out var candidates))
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
        private void NamedLotNotInExit(int index, in MovementDef m) =>
            findings.Add(new DischargeFinding(
                FindingCodes.DirectedSourceShort, index, m.Part, -1, Micro.FromDecimal(m.Qty), $"{m.SourceDocument}/{m.SourcePartida}"));

        private bool Eligible(int lot, DischargeMode mode) => mode switch
        {
            DischargeMode.AllLots => true,
            DischargeMode.RegularLotsOnly => !lots[lot].FixedAsset,
            DischargeMode.FixedAssetLotsOnly => lots[lot].FixedAsset,
            _ => false,
        };

        private void Take(int index, int lot, long qty, decimal wasteShare)
        {
            remaining[lot] -= qty;
            var w = wasteShare == 0m ? 0L : Micro.FromDecimal(Micro.ToDecimal(qty) * wasteShare);
            waste[lot] += w;
            allocations.Add(new Allocation(index, lot, qty, w));
        }

        private void DisposeWaste(int index, in MovementDef m)
        {
            var need = Micro.FromDecimal(m.Qty);
            if (pools[m.Part] is { } pool)
            {
                foreach (var lot in pool.Lots)
                {
                    if (need == 0)
                    {
                        break;
                    }

                    var available = waste[lot] - wasteDisposed[lot];
                    if (available > 0)
                    {
                        var take = Math.Min(available, need);
                        wasteDisposed[lot] += take;
                        disposals.Add(new WasteDisposal(index, lot, take));
                        need -= take;
                    }
                }
            }

            if (need > 0)
            {
                findings.Add(new DischargeFinding(FindingCodes.WasteDisposalExceedsBalance, index, m.Part, -1, need, string.Empty));
            }
        }

        /// <summary>The lots of one (client, part) in FIFO order, with one cursor per eligibility mode.</summary>
        private sealed class Pool(int[] lots)
        {
            private int cursorAll;
            private int cursorRegular;
            private int cursorFixed;

            public int[] Lots { get; } = lots;

            /// <summary>Allocates in FIFO order from lots entered on or before <paramref name="date"/>; returns what is left.</summary>
            public long Allocate(RunState run, int index, DateOnly date, long need, decimal wasteShare, DischargeMode mode)
            {
                var cursor = mode switch
                {
                    DischargeMode.RegularLotsOnly => cursorRegular,
                    DischargeMode.FixedAssetLotsOnly => cursorFixed,
                    _ => cursorAll,
                };

                // Lots before the cursor are closed or never eligible for this mode: skip them for good.
                while (cursor < Lots.Length && (run.remaining[Lots[cursor]] == 0 || !run.Eligible(Lots[cursor], mode)))
                {
                    cursor++;
                }

                switch (mode)
                {
                    case DischargeMode.RegularLotsOnly:
                        cursorRegular = cursor;
                        break;
                    case DischargeMode.FixedAssetLotsOnly:
                        cursorFixed = cursor;
                        break;
                    default:
                        cursorAll = cursor;
                        break;
                }

                for (var i = cursor; i < Lots.Length && need > 0; i++)
                {
                    var lot = Lots[i];
                    if (run.lots[lot].EntryDate > date)
                    {
                        break; // a later lot is never used; lots are sorted by entry date first.
                    }

                    var balance = run.remaining[lot];
                    if (balance > 0 && run.Eligible(lot, mode))
                    {
                        var take = Math.Min(balance, need);
                        run.Take(index, lot, take, wasteShare);
                        need -= take;
                    }
                }

                return need;
            }
        }
    }
}
