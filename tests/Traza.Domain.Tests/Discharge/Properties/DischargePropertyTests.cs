using CsCheck;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>
/// Properties of the discharge engine over random valid ledgers (SPEC §3.2–§3.5). A failure prints the CsCheck seed and the
/// shrunk ledger (<see cref="GenLedger.Describe"/>); re-run one with <c>CsCheck_Seed=&lt;seed&gt;</c>.
/// </summary>
public class DischargePropertyTests
{
    private const int Iter = 400;

    private static readonly Gen<GenLedger> AnyLedger = LedgerGen.Ledger(new LedgerShape());

    [Fact]
    public void Lot_any_ledger_entered_equals_discharged_before_plus_allocated_plus_balance()
    {
        AnyLedger.Sample(l =>
        {
            var r = l.Run();
            var allocated = new long[l.Lots.Length];
            var waste = new long[l.Lots.Length];
            var disposed = new long[l.Lots.Length];
            foreach (var a in r.Allocations)
            {
                allocated[a.Lot] += a.Qty;
                waste[a.Lot] += a.Waste;
            }

            foreach (var d in r.WasteDisposals)
            {
                disposed[d.Lot] += d.Qty;
            }

            for (var i = 0; i < l.Lots.Length; i++)
            {
                var entered = Micro.FromDecimal(l.Lots[i].Qty);
                var opening = Micro.FromDecimal(l.Lots[i].DischargedBefore);
                r.LotEntered[i].ShouldBe(entered, $"lot {i}: entered is the lot's quantity at 6 decimals");
                r.LotDischarged[i].ShouldBe(opening + allocated[i], $"lot {i}: discharged is its opening discharge plus its allocations");
                var balance = r.LotEntered[i] - r.LotDischarged[i];
                balance.ShouldBeGreaterThanOrEqualTo(0, $"lot {i}: balance");
                (opening + allocated[i] + balance).ShouldBe(entered, $"lot {i}: entered = discharged_before + allocated + balance");
                r.LotWaste[i].ShouldBe(waste[i], $"lot {i}: waste is the sum of its allocations' waste");
                r.LotWasteDisposed[i].ShouldBe(disposed[i], $"lot {i}: waste disposed is the sum of its disposals");
            }
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Lot_any_ledger_balance_and_waste_never_negative()
    {
        AnyLedger.Sample(l =>
        {
            var r = l.Run();
            for (var i = 0; i < l.Lots.Length; i++)
            {
                r.LotDischarged[i].ShouldBeInRange(0, r.LotEntered[i], $"lot {i}: 0 ≤ discharged ≤ entered");
                r.LotWaste[i].ShouldBeInRange(0, r.LotDischarged[i] - Micro.FromDecimal(l.Lots[i].DischargedBefore),
                    $"lot {i}: 0 ≤ waste ≤ discharged by allocations (an opening discharge leaves no waste)");
                r.LotWasteDisposed[i].ShouldBeInRange(0, r.LotWaste[i], $"lot {i}: 0 ≤ waste disposed ≤ waste recorded");
            }

            foreach (var a in r.Allocations)
            {
                a.Qty.ShouldBePositive($"allocation {a}: positive");
                a.Waste.ShouldBeInRange(0, a.Qty, $"allocation {a}: 0 ≤ waste ≤ qty");
            }

            foreach (var s in r.Shortages)
            {
                s.Qty.ShouldBePositive($"shortage {s}: positive");
            }
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Fifo_replayed_allocations_take_earliest_open_eligible_lot_and_shortage_only_when_pool_exhausted()
    {
        AnyLedger.Sample(l =>
        {
            var r = l.Run();

            // The order itself: movements dated ≤ as-of, sorted by (date, exits first, document, partida, line).
            var expectedOrder = Enumerable.Range(0, l.Movements.Length).Where(i => l.Movements[i].Date <= l.AsOf).ToList();
            expectedOrder.Sort((a, b) => Oracle.CompareMovements(l.Movements[a], l.Movements[b]));
            r.ProcessingOrder.ShouldBe(expectedOrder, "processing order (SPEC §3.5 Order)");

            var remaining = l.Lots.Select(lot => Micro.FromDecimal(lot.Qty) - Micro.FromDecimal(lot.DischargedBefore)).ToArray();
            var next = 0;
            foreach (var mi in r.ProcessingOrder)
            {
                var m = l.Movements[mi];
                var mode = Oracle.EffectiveMode(l, m);
                for (; next < r.Allocations.Count && r.Allocations[next].Movement == mi; next++)
                {
                    var a = r.Allocations[next];
                    var lot = l.Lots[a.Lot];
                    if (!Oracle.IsNamedLot(m, lot))
                    {
                        for (var other = 0; other < l.Lots.Length; other++)
                        {
                            var o = l.Lots[other];
                            if (o.Part == lot.Part && Oracle.CompareFifo(o, lot) < 0 && Oracle.Eligible(o, mode) && o.EntryDate <= m.Date)
                            {
                                remaining[other].ShouldBe(0,
                                    $"allocation #{next} {a} takes lot {a.Lot} while the earlier eligible lot {other} still holds {remaining[other]}");
                            }
                        }
                    }

                    remaining[a.Lot] -= a.Qty;
                    remaining[a.Lot].ShouldBeGreaterThanOrEqualTo(0, $"allocation #{next} {a} overdraws lot {a.Lot}");
                }

                foreach (var s in r.Shortages.Where(s => s.Movement == mi))
                {
                    for (var lot = 0; lot < l.Lots.Length; lot++)
                    {
                        var o = l.Lots[lot];
                        if (o.Part == s.Part && Oracle.Eligible(o, mode) && o.EntryDate <= m.Date)
                        {
                            remaining[lot].ShouldBe(0, $"shortage {s} while the eligible lot {lot} still holds {remaining[lot]}");
                        }
                    }
                }
            }

            next.ShouldBe(r.Allocations.Count, "allocations are grouped by movement in processing order");
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Allocation_lot_entered_after_the_movement_date_never_used()
    {
        AnyLedger.Sample(l =>
        {
            foreach (var a in l.Run().Allocations)
            {
                l.Lots[a.Lot].EntryDate.ShouldBeLessThanOrEqualTo(l.Movements[a.Movement].Date, $"allocation {a}");
            }
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Allocation_any_movement_stays_in_its_client_and_in_the_leaves_of_its_product()
    {
        AnyLedger.Sample(l =>
        {
            foreach (var a in l.Run().Allocations)
            {
                var m = l.Movements[a.Movement];
                var lotPart = l.Lots[a.Lot].Part;
                l.Parts[lotPart].Client.ShouldBe(l.Parts[m.Part].Client, $"allocation {a}: pools are per client (§3.2)");
                if (Oracle.Exploded(l, m))
                {
                    Oracle.Leaves(l, m.Part, m.BomDate ?? m.Date).Keys.ShouldContain(lotPart, $"allocation {a}: a leaf of the product");
                }
                else
                {
                    lotPart.ShouldBe(m.Part, $"allocation {a}: a part without a BOM discharges itself");
                }
            }
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Fixed_asset_lot_explosion_or_regular_only_exit_never_touches_it_and_f5_touches_nothing_else()
    {
        AnyLedger.Sample(l =>
        {
            foreach (var a in l.Run().Allocations)
            {
                var m = l.Movements[a.Movement];
                var fixedAsset = l.Lots[a.Lot].FixedAsset;
                if (Oracle.Exploded(l, m))
                {
                    fixedAsset.ShouldBeFalse($"allocation {a}: BOM explosion never takes a fixed-asset lot");
                }

                if (m.Mode == DischargeMode.RegularLotsOnly)
                {
                    fixedAsset.ShouldBeFalse($"allocation {a}: F4/V5/BB/A1 never take a fixed-asset lot");
                }

                if (m.Mode == DischargeMode.FixedAssetLotsOnly)
                {
                    fixedAsset.ShouldBeTrue($"allocation {a}: F5 takes fixed-asset lots only");
                }

                if (m.Mode is DischargeMode.FixedAssetLotsOnly)
                {
                    l.Lots[a.Lot].Part.ShouldBe(m.Part, $"allocation {a}: F5 takes fixed-asset lots of the part itself (an exploded F5 takes none)");
                }

                m.Mode.ShouldNotBeOneOf([DischargeMode.None, DischargeMode.WasteDisposal], $"allocation {a}: moves and waste never touch lots");
            }
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Explosion_exact_factors_and_plentiful_lots_scales_linearly_with_quantity()
    {
        var gen = Gen.Select(LedgerGen.Ledger(new LedgerShape(ExactFactors: true, PlentifulLots: true)), Gen.Int[2, 5]);
        gen.Sample(t =>
        {
            var (l, k) = t;
            foreach (var m in l.Movements.Where(m => Oracle.Exploded(l, m)))
            {
                foreach (var (leaf, factor) in Oracle.Leaves(l, m.Part, m.BomDate ?? m.Date))
                {
                    decimal.Round(factor, 6).ShouldBe(factor, $"generator: the factor of leaf {leaf} is exact at 6 decimals");
                }
            }

            var scaled = l with { Movements = [.. l.Movements.Select(m => m with { Qty = m.Qty * k })] };
            var one = PerConsumption(l, l.Run());
            var many = PerConsumption(scaled, scaled.Run());
            many.Keys.Order().ShouldBe(one.Keys.Order(), "the same (movement, leaf) consumptions");
            foreach (var (key, qty) in one)
            {
                many[key].ShouldBe(k * qty, $"(movement, leaf) {key}: allocated + shortage at {k}×qty");
            }
        }, iter: Iter, print: t => $"k={t.Item2}\n{t.Item1.Describe()}");
    }

    [Fact]
    public void Input_lists_shuffled_with_unique_movement_keys_same_lot_totals_and_shortages()
    {
        var gen =
            from l in LedgerGen.Ledger(new LedgerShape(UniqueMovementKeys: true))
            from parts in Gen.Shuffle(Enumerable.Range(0, l.Parts.Length).ToArray())
            from lots in Gen.Shuffle(Enumerable.Range(0, l.Lots.Length).ToArray())
            from bom in Gen.Shuffle(Enumerable.Range(0, l.Bom.Length).ToArray())
            from movements in Gen.Shuffle(Enumerable.Range(0, l.Movements.Length).ToArray())
            select (l, parts.ToArray(), lots.ToArray(), bom.ToArray(), movements.ToArray());
        gen.Sample(t =>
        {
            var (l, partPerm, lotPerm, bomPerm, movementPerm) = t;
            var newPart = Inverse(partPerm);
            var newLot = Inverse(lotPerm);
            var shuffled = new GenLedger(
                [.. partPerm.Select(p => l.Parts[p])],
                [.. bomPerm.Select(b => l.Bom[b] with { Product = newPart[l.Bom[b].Product], Component = newPart[l.Bom[b].Component] })],
                [.. lotPerm.Select(i => l.Lots[i] with { Part = newPart[l.Lots[i].Part] })],
                [.. movementPerm.Select((i, seq) => l.Movements[i] with { Part = newPart[l.Movements[i].Part], Sequence = seq })],
                l.AsOf);

            var r1 = l.Run();
            var r2 = shuffled.Run();
            for (var i = 0; i < l.Lots.Length; i++)
            {
                var j = newLot[i];
                r2.LotDischarged[j].ShouldBe(r1.LotDischarged[i], $"lot {i}: discharged");
                r2.LotWaste[j].ShouldBe(r1.LotWaste[i], $"lot {i}: waste");
                r2.LotWasteDisposed[j].ShouldBe(r1.LotWasteDisposed[i], $"lot {i}: waste disposed");
            }

            ShortagesByKey(l, r1).ShouldBe(ShortagesByKey(shuffled, r2), ignoreOrder: true, "shortages per (movement key, part)");
            AllocationsByKey(l, r1).ShouldBe(AllocationsByKey(shuffled, r2), ignoreOrder: true, "allocations per (movement key, lot)");
        }, iter: Iter, print: t => $"parts {string.Join(',', t.Item2)} lots {string.Join(',', t.Item3)} bom {string.Join(',', t.Item4)} " +
                                  $"movements {string.Join(',', t.Item5)}\n{t.Item1.Describe()}");
    }

    [Fact]
    public void Explosion_shared_by_the_caller_and_already_warm_gives_the_same_run() =>
        AnyLedger.Sample(l =>
        {
            var explosion = new BomExplosion(l.Parts, l.Bom);
            foreach (var m in l.Movements.Reverse()) // warm its cache in another order than the engine's
            {
                if (explosion.HasBomOn(m.Part, m.BomDate ?? m.Date))
                {
                    _ = explosion.Explode(m.Part, m.BomDate ?? m.Date);
                }
            }

            var own = DischargeEngine.Run(l.Input(), 1);
            var shared = DischargeEngine.Run(new DischargeInput
            {
                Parts = l.Parts, Bom = l.Bom, Lots = l.Lots, Movements = l.Movements, AsOf = l.AsOf, Explosion = explosion,
            }, 1);
            shared.LotDischarged.ShouldBe(own.LotDischarged);
            shared.LotWaste.ShouldBe(own.LotWaste);
            AllocationsByKey(l, shared).ShouldBe(AllocationsByKey(l, own), "allocations, in order");
            ShortagesByKey(l, shared).ShouldBe(ShortagesByKey(l, own), "shortages, in order");
        }, iter: Iter, print: l => l.Describe());

    [Fact]
    public void As_of_earlier_date_equals_later_run_restricted_to_movements_on_or_before_it()
    {
        var gen = Gen.Select(AnyLedger, Gen.Int[0, 75]).Select(t =>
        {
            var d = LedgerGen.Base.AddDays(t.Item2);
            return (Ledger: t.Item1, D: d < t.Item1.AsOf ? d : t.Item1.AsOf);
        });
        gen.Sample(t =>
        {
            var (l, d) = t;
            var later = l.Run();
            var earlier = l.Run(d);
            bool Counts(int movement) => l.Movements[movement].Date <= d;

            earlier.ProcessingOrder.ShouldBe([.. later.ProcessingOrder.Where(Counts)], "processing order");
            earlier.Allocations.ShouldBe([.. later.Allocations.Where(a => Counts(a.Movement))], "allocations");
            earlier.Shortages.ShouldBe([.. later.Shortages.Where(s => Counts(s.Movement))], "shortages");
            earlier.WasteDisposals.ShouldBe([.. later.WasteDisposals.Where(w => Counts(w.Movement))], "waste disposals");
            earlier.Findings.ShouldBe([.. later.Findings.Where(f => Counts(f.Movement))], "findings");
            for (var i = 0; i < l.Lots.Length; i++)
            {
                var lot = i;
                var upToD = later.Allocations.Where(a => a.Lot == lot && Counts(a.Movement)).ToList();
                earlier.LotDischarged[i].ShouldBe(Micro.FromDecimal(l.Lots[i].DischargedBefore) + upToD.Sum(a => a.Qty),
                    $"lot {i}: discharged as of {d}: its opening discharge and its allocations until then");
                earlier.LotWaste[i].ShouldBe(upToD.Sum(a => a.Waste), $"lot {i}: waste as of {d}");
            }
        }, iter: Iter, print: t => $"D={t.D:yyyy-MM-dd}\n{t.Ledger.Describe()}");
    }

    [Fact]
    public void Consumption_any_discharging_movement_allocated_plus_shortage_equals_its_rounded_need()
    {
        AnyLedger.Sample(l =>
        {
            var r = l.Run();
            var got = PerConsumption(l, r);
            var expected = new Dictionary<(int Movement, int Part), long>();
            foreach (var mi in r.ProcessingOrder)
            {
                foreach (var (leaf, need) in Oracle.Needs(l, l.Movements[mi]))
                {
                    expected[(mi, leaf)] = need;
                }
            }

            got.ShouldBe(expected, ignoreOrder: true, "per (movement, leaf): allocated + shortage = round6(qty × factor)");
            r.Consumptions.ShouldBe(expected.Count, "consumptions: (movement, imported leaf) pairs with a non-zero need");
        }, iter: Iter, print: l => l.Describe());
    }

    /// <summary>Allocated + short per (movement, leaf part).</summary>
    private static Dictionary<(int Movement, int Part), long> PerConsumption(GenLedger l, DischargeResult r)
    {
        var result = new Dictionary<(int Movement, int Part), long>();
        foreach (var a in r.Allocations)
        {
            var key = (a.Movement, l.Lots[a.Lot].Part);
            result[key] = result.GetValueOrDefault(key) + a.Qty;
        }

        foreach (var s in r.Shortages)
        {
            result[(s.Movement, s.Part)] = result.GetValueOrDefault((s.Movement, s.Part)) + s.Qty;
        }

        return result;
    }

    private static int[] Inverse(int[] permutation)
    {
        var inverse = new int[permutation.Length];
        for (var i = 0; i < permutation.Length; i++)
        {
            inverse[permutation[i]] = i;
        }

        return inverse;
    }

    private static string MovementKey(GenLedger l, int movement)
    {
        var m = l.Movements[movement];
        return $"{m.Date:yyyy-MM-dd}|{m.Kind}|{m.Document}|{m.Partida}";
    }

    private static string PartKey(GenLedger l, int part) => $"{l.Parts[part].Client}/{l.Parts[part].Part}";

    private static List<(string, string, long)> ShortagesByKey(GenLedger l, DischargeResult r) =>
        [.. r.Shortages
            .GroupBy(s => (MovementKey(l, s.Movement), PartKey(l, s.Part)))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(s => s.Qty)))];

    private static List<(string, string, long, long)> AllocationsByKey(GenLedger l, DischargeResult r) =>
        [.. r.Allocations
            .GroupBy(a => (MovementKey(l, a.Movement), $"{PartKey(l, l.Lots[a.Lot].Part)}/{l.Lots[a.Lot].Document}/{l.Lots[a.Lot].Partida}"))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(a => a.Qty), g.Sum(a => a.Waste)))];
}
