using CsCheck;
using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>
/// 3PL work orders (issue 15 item 7, docs/cli.md "Work orders") over random programs: the generated ledger plus work orders of
/// the parts that have a BOM, on dates when it is in force. Per component lot, entered = opening + Σ allocated + still reserved +
/// available; per work order and leaf, Σ reserved + shortage = its explosion at the work order's date, and Σ converted + still
/// reserved = Σ reserved; per exit and leaf, Σ allocated + shortage = what the kits it took convert + the need of the kits it
/// explodes; the result does not depend on the number of workers; and a program whose every kit exit is preceded by a work
/// order of the same kits on the same date discharges every lot by the same totals as the program without work orders.
/// </summary>
public class WorkOrderPropertyTests
{
    private const int Iter = 300;

    private static readonly string[] References = ["WO-1", "WO-2", "WO-10", "WO-3"];

    private static readonly Gen<GenLedger> Programs =
        Gen.Select(LedgerGen.Ledger(new LedgerShape()), Gen.Select(Gen.Int[0, 99], Gen.Int[0, 60], Gen.Int[1, 3000], Gen.Int[0, 3]).Array[0, 8],
            WithWorkOrders);

    private static GenLedger WithWorkOrders(GenLedger l, (int Part, int Day, int Qty, int Reference)[] raw)
    {
        var kits = Enumerable.Range(0, l.Parts.Length).Where(p => !l.Parts[p].National && l.Bom.Any(b => b.Product == p)).ToArray();
        var movements = l.Movements.ToList();
        var sequence = movements.Count == 0 ? 0 : movements.Max(m => m.Sequence) + 1;
        var used = new HashSet<(string, string)>();
        foreach (var (partPick, day, qty, reference) in raw)
        {
            if (kits.Length == 0)
            {
                break;
            }

            var part = kits[partPick % kits.Length];
            var date = LedgerGen.Base.AddDays(day);
            if (!Oracle.HasBomOn(l, part, date) || !used.Add((l.Parts[part].Client, References[reference])))
            {
                continue; // refused at import: no BOM in force; one work order per (client, reference)
            }

            movements.Add(WorkOrder(part, date, qty / 100m, References[reference], sequence++));
        }

        return l with { Movements = [.. movements] };
    }

    private static MovementDef WorkOrder(int part, DateOnly date, decimal qty, string reference, long sequence) => new()
    {
        Kind = MovementKind.WorkOrder,
        Date = date,
        Document = reference,
        Partida = 0,
        Sequence = sequence,
        Part = part,
        Qty = qty,
        Mode = DischargeMode.RegularLotsOnly,
        EventType = EventType.WorkOrder,
    };

    /// <summary>The generator reaches what the properties are about: reservations, partial and full draws, kits exploded past stock.</summary>
    [Fact]
    public void Work_order_programs_cover_reservations_partial_draws_and_exits_beyond_kit_stock()
    {
        var (reserving, partial, full, beyond) = (0, 0, 0, 0);
        Programs.Sample(l =>
        {
            var r = l.Run();
            reserving += r.Reservations.Count > 0 ? 1 : 0;
            var drawn = r.KitDraws.GroupBy(d => d.WorkOrder).Select(g => (Made: Micro.FromDecimal(l.Movements[g.Key].Qty), Taken: g.Sum(d => d.Kits))).ToList();
            partial += drawn.Any(d => d.Taken < d.Made) ? 1 : 0;
            full += drawn.Any(d => d.Taken == d.Made) ? 1 : 0;
            beyond += r.KitDraws.GroupBy(d => d.Movement).Any(g => g.Sum(d => d.Kits) < Micro.FromDecimal(l.Movements[g.Key].Qty)) ? 1 : 0;
        }, iter: Iter, threads: 1);
        reserving.ShouldBeGreaterThan(Iter / 5, "programs with reservations");
        partial.ShouldBeGreaterThan(Iter / 20, "programs with a work order partly shipped");
        full.ShouldBeGreaterThan(Iter / 20, "programs with a work order fully shipped");
        beyond.ShouldBeGreaterThan(Iter / 50, "programs with an exit beyond kit stock");
    }

    private static long Drawn(DischargeResult r, int workOrder) => r.KitDraws.Where(d => d.WorkOrder == workOrder).Sum(d => d.Kits);

    [Fact]
    public void Work_orders_any_program_entered_is_allocated_plus_reserved_plus_available_per_lot()
    {
        Programs.Sample(l =>
        {
            var r = l.Run();
            var allocated = new long[l.Lots.Length];
            foreach (var a in r.Allocations)
            {
                allocated[a.Lot] += a.Qty;
            }

            var reserved = r.LotReserved.Length == 0 ? new long[l.Lots.Length] : r.LotReserved;
            var stillReserved = new long[l.Lots.Length];
            foreach (var res in r.Reservations)
            {
                var kits = Micro.FromDecimal(l.Movements[res.WorkOrder].Qty);
                stillReserved[res.Lot] += res.Qty - DischargeResult.ConvertedShare(res.Qty, Drawn(r, res.WorkOrder), kits);
                l.Lots[res.Lot].FixedAsset.ShouldBeFalse($"reservation {res}: a work order explodes, never takes a fixed-asset lot");
                l.Lots[res.Lot].EntryDate.ShouldBeLessThanOrEqualTo(l.Movements[res.WorkOrder].Date, $"reservation {res}: a lot entered by then");
            }

            for (var i = 0; i < l.Lots.Length; i++)
            {
                var available = r.LotEntered[i] - r.LotDischarged[i] - reserved[i];
                available.ShouldBeGreaterThanOrEqualTo(0, $"lot {i}: available");
                reserved[i].ShouldBe(stillReserved[i], $"lot {i}: reserved = Σ reservations − their converted shares");
                (Micro.FromDecimal(l.Lots[i].DischargedBefore) + allocated[i] + reserved[i] + available)
                    .ShouldBe(Micro.FromDecimal(l.Lots[i].Qty), $"lot {i}: entered = opening + Σ allocated + reserved + available");
                (r.LotDischarged[i] - Micro.FromDecimal(l.Lots[i].DischargedBefore)).ShouldBe(allocated[i], $"lot {i}: discharged");
            }
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Work_orders_any_program_reserved_plus_short_is_the_explosion_at_the_work_order_date()
    {
        Programs.Sample(l =>
        {
            var r = l.Run();
            var got = new Dictionary<(int Movement, int Part), long>();
            foreach (var res in r.Reservations)
            {
                l.Movements[res.WorkOrder].Kind.ShouldBe(MovementKind.WorkOrder);
                var key = (res.WorkOrder, l.Lots[res.Lot].Part);
                got[key] = got.GetValueOrDefault(key) + res.Qty;
            }

            foreach (var s in r.Shortages.Where(s => l.Movements[s.Movement].Kind == MovementKind.WorkOrder))
            {
                got[(s.Movement, s.Part)] = got.GetValueOrDefault((s.Movement, s.Part)) + s.Qty;
            }

            var expected = new Dictionary<(int Movement, int Part), long>();
            foreach (var mi in r.ProcessingOrder.Where(mi => l.Movements[mi].Kind == MovementKind.WorkOrder))
            {
                // The explosion an exit of the kits dated on the work order's date would make (SPEC §3.5).
                var asExit = l.Movements[mi] with { Kind = MovementKind.Exit, Mode = DischargeMode.RegularLotsOnly };
                foreach (var (leaf, need) in Oracle.Needs(l, asExit))
                {
                    expected[(mi, leaf)] = need;
                }

                Drawn(r, mi).ShouldBeLessThanOrEqualTo(Micro.FromDecimal(l.Movements[mi].Qty), $"work order {mi}: kits taken ≤ made");
            }

            got.ShouldBe(expected, ignoreOrder: true, "per (work order, leaf): Σ reserved + shortage = its explosion");
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Work_orders_any_program_each_exit_takes_kits_first_and_explodes_the_rest()
    {
        Programs.Sample(l =>
        {
            var r = l.Run();
            var got = new Dictionary<(int Movement, int Part), long>();
            foreach (var a in r.Allocations)
            {
                var key = (a.Movement, l.Lots[a.Lot].Part);
                got[key] = got.GetValueOrDefault(key) + a.Qty;
            }

            foreach (var s in r.Shortages.Where(s => l.Movements[s.Movement].Kind != MovementKind.WorkOrder))
            {
                got[(s.Movement, s.Part)] = got.GetValueOrDefault((s.Movement, s.Part)) + s.Qty;
            }

            // Replay the kit stock plainly: per work order the kits taken so far; each draw converts f(after) − f(before).
            var taken = new Dictionary<int, long>();
            var expected = new Dictionary<(int Movement, int Part), long>();
            var drawsByMovement = r.KitDraws.GroupBy(d => d.Movement).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var mi in r.ProcessingOrder)
            {
                var m = l.Movements[mi];
                if (m.Kind == MovementKind.WorkOrder)
                {
                    continue;
                }

                var kitsTaken = 0L;
                foreach (var d in drawsByMovement.GetValueOrDefault(mi) ?? [])
                {
                    var wo = l.Movements[d.WorkOrder];
                    wo.Part.ShouldBe(m.Part, $"draw {d}: kits of the movement's own part");
                    var kits = Micro.FromDecimal(wo.Qty);
                    var before = taken.GetValueOrDefault(d.WorkOrder);
                    var after = before + d.Kits;
                    taken[d.WorkOrder] = after;
                    kitsTaken += d.Kits;
                    foreach (var res in r.Reservations.Where(x => x.WorkOrder == d.WorkOrder))
                    {
                        var c = DischargeResult.ConvertedShare(res.Qty, after, kits) - DischargeResult.ConvertedShare(res.Qty, before, kits);
                        if (c != 0)
                        {
                            var key = (mi, l.Lots[res.Lot].Part);
                            expected[key] = expected.GetValueOrDefault(key) + c;
                        }
                    }
                }

                var qty = Micro.FromDecimal(m.Qty);
                kitsTaken.ShouldBeLessThanOrEqualTo(Math.Max(qty, 0), $"movement {mi}: kits taken ≤ its quantity");
                if (kitsTaken < qty)
                {
                    // Kits taken short of the quantity only when no work order of the part dated by then has kits left.
                    foreach (var wi in r.ProcessingOrder.TakeWhile(x => x != mi).Where(x => l.Movements[x].Kind == MovementKind.WorkOrder
                        && l.Movements[x].Part == m.Part && m.Mode is DischargeMode.AllLots or DischargeMode.RegularLotsOnly
                        && !l.Parts[m.Part].National && Oracle.HasBomOn(l, m.Part, l.Movements[x].Date)))
                    {
                        taken.GetValueOrDefault(wi).ShouldBe(Micro.FromDecimal(l.Movements[wi].Qty), $"movement {mi}: work order {wi} has kits left");
                    }
                }

                var rest = kitsTaken == 0 ? m : m with { Qty = Micro.ToDecimal(qty - kitsTaken) };
                foreach (var (leaf, need) in kitsTaken == qty ? [] : Oracle.Needs(l, rest))
                {
                    expected[(mi, leaf)] = expected.GetValueOrDefault((mi, leaf)) + need;
                }
            }

            got.ShouldBe(expected, ignoreOrder: true, "per (exit, leaf): Σ allocated + shortage = converted shares + need of the rest");
        }, iter: Iter, print: l => l.Describe());
    }

    [Fact]
    public void Work_orders_any_program_discharges_alike_with_one_worker_or_several()
    {
        Gen.Select(Programs, Gen.Int[2, 5]).Sample((l, workers) =>
        {
            var one = DischargeEngine.Run(l.Input(), 1);
            var many = DischargeEngine.Run(l.Input(), workers);
            many.Allocations.ShouldBe(one.Allocations, "allocations");
            many.AllocationsByPool.ShouldBe(one.AllocationsByPool, "allocations by pool");
            many.Shortages.ShouldBe(one.Shortages, "shortages");
            many.Findings.ShouldBe(one.Findings, "findings");
            many.Reservations.ShouldBe(one.Reservations, "reservations");
            many.KitDraws.ShouldBe(one.KitDraws, "kit draws");
            many.LotReserved.ShouldBe(one.LotReserved, "reserved");
            many.LotDischarged.ShouldBe(one.LotDischarged, "discharged");
            many.LotWaste.ShouldBe(one.LotWaste, "waste");
            many.MovementConsumptions.ShouldBe(one.MovementConsumptions, "consumptions per movement");
        }, iter: Iter, print: t => $"workers {t.Item2}\n{t.Item1.Describe()}");
    }

    /// <summary>
    /// Kits made and shipped the same day: every exit of a kit (regular lots only, no production date, not directed) preceded by a
    /// work order of the same kits on its date discharges each lot by the same total as the explosion at exit — FIFO totals of a
    /// pool do not depend on the order of needs that all see the same lots — leaves nothing reserved, and is short by the same
    /// total per part.
    /// </summary>
    [Fact]
    public void Work_orders_kits_shipped_the_day_they_are_made_discharge_each_lot_as_explosion_at_exit()
    {
        LedgerGen.Ledger(new LedgerShape()).Select(Plain).Sample(l =>
        {
            var plain = l.Run();
            var movements = l.Movements.ToList();
            var sequence = movements.Count == 0 ? 0 : movements.Max(m => m.Sequence) + 1;
            var n = 0;
            foreach (var m in l.Movements)
            {
                if (m.Kind == MovementKind.Exit && !l.Parts[m.Part].National && Oracle.HasBomOn(l, m.Part, m.Date) && m.Qty > 0)
                {
                    movements.Add(WorkOrder(m.Part, m.Date, m.Qty, $"WO-{n++:D3}", sequence++));
                }
            }

            var withOrders = l with { Movements = [.. movements] };
            var r = withOrders.Run();
            r.LotDischarged.ShouldBe(plain.LotDischarged, "per lot: discharged alike");
            (r.LotReserved.Length == 0 || r.LotReserved.All(x => x == 0)).ShouldBeTrue("nothing left reserved");
            ShortBy(l, r).ShouldBe(ShortBy(l, plain), ignoreOrder: true, "short by the same total per part");
        }, iter: Iter, print: l => l.Describe());
    }

    private static Dictionary<int, long> ShortBy(GenLedger l, DischargeResult r) =>
        r.Shortages.GroupBy(s => s.Part).ToDictionary(g => g.Key, g => g.Sum(s => s.Qty));

    /// <summary>Exits that explode the same way at the work order as at the exit: regular lots, no production date, not directed.</summary>
    private static GenLedger Plain(GenLedger l) => l with
    {
        Movements = [.. l.Movements.Select(m => m.Kind == MovementKind.Exit
            ? m with { Mode = DischargeMode.RegularLotsOnly, BomDate = null, SourceDocument = null, SourcePartida = 0 }
            : m)],
    };
}
