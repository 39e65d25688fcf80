using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Domain.Tests.Discharge;

/// <summary>One named test per rule of SPEC §3.3 and §3.5.</summary>
public class DischargeRuleTests
{
    private const string PedA = "250712340000001";
    private const string PedB = "250712340000002";

    [Fact]
    public void Part_without_bom_discharges_itself()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-10", 100).Exit("A", "X1", 1, "2025-02-01", 30).Run();

        r.Balance(0).ShouldBe(70m);
        r.Consumptions.ShouldBe(1);
        r.Shortages.ShouldBeEmpty();
    }

    [Fact]
    public void Undirected_exit_of_a_part_without_bom_raises_no_finding()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-10", 10).Exit("A", "X1", 1, "2025-02-01", 3).Run();

        r.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Result_is_the_same_with_one_worker_or_several()
    {
        var l = new Ledger().Part("P", PartKind.Finished).Part("A").Part("B").Part("C")
            .Bom("P", "A", 1.5m, desperdicio: 2).Bom("P", "B", 2).Bom("P", "C", 0.25m, merma: 1)
            .Lot("A", PedA, 1, "2025-01-01", 100).Lot("B", PedA, 2, "2025-01-01", 50).Lot("C", PedB, 1, "2025-01-03", 10)
            .Lot("B", PedB, 2, "2025-01-05", 50)
            .Exit("P", "X", 1, "2025-02-01", 20).Exit("P", "Y", 1, "2025-02-02", 20).Exit("B", "Z", 1, "2025-02-02", 30)
            .Event(EventType.Destruction, "A", "2025-02-03", 0.5m, waste: true);

        var one = DischargeEngine.Run(l.Input(), 1);
        var three = DischargeEngine.Run(l.Input(), 3);

        three.Allocations.ShouldBe(one.Allocations);
        three.Shortages.ShouldBe(one.Shortages);
        three.Findings.ShouldBe(one.Findings);
        three.WasteDisposals.ShouldBe(one.WasteDisposals);
        three.Consumptions.ShouldBe(one.Consumptions);
        three.LotDischarged.ShouldBe(one.LotDischarged);
    }

    [Fact]
    public void Fifo_orders_lots_by_entry_date_then_pedimento_then_partida()
    {
        var r = new Ledger().Part("A")
            .Lot("A", PedB, 1, "2025-01-10", 10) // 0: same date, larger pedimento
            .Lot("A", PedA, 2, "2025-01-10", 10) // 1: same date and pedimento, partida 2
            .Lot("A", PedA, 1, "2025-01-10", 10) // 2: first
            .Lot("A", PedA, 1, "2025-01-05", 10, client: "") is var l ? l.Exit("A", "X", 1, "2025-03-01", 25).Run() : null!;

        r.Discharged(3).ShouldBe(10m); // 2025-01-05 first
        r.Discharged(2).ShouldBe(10m); // then PedA/1
        r.Discharged(1).ShouldBe(5m);  // then PedA/2
        r.Discharged(0).ShouldBe(0m);  // PedB last
    }

    [Fact]
    public void Lot_entered_on_the_exit_date_is_used_and_a_later_lot_never()
    {
        var r = new Ledger().Part("A")
            .Lot("A", PedA, 1, "2025-02-01", 10)
            .Lot("A", PedB, 1, "2025-02-02", 10)
            .Exit("A", "X", 1, "2025-02-01", 15).Run();

        r.Discharged(0).ShouldBe(10m);
        r.Discharged(1).ShouldBe(0m);
        r.ShortageOf(0).ShouldBe(5m);
    }

    [Fact]
    public void Pools_are_per_client_and_never_cross()
    {
        var l = new Ledger().Part("A", client: "c1").Part("A", client: "c2")
            .Lot("A", PedA, 1, "2025-01-01", 10, client: "c2")
            .Exit("A", "X", 1, "2025-02-01", 4, client: "c1");
        var r = l.Run();

        r.Discharged(0).ShouldBe(0m);
        r.ShortageOf(l.P("A", "c1")).ShouldBe(4m);
    }

    [Fact]
    public void Movements_dated_after_the_as_of_date_do_not_count()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 10)
            .Exit("A", "X", 1, "2025-02-01", 4).Exit("A", "Y", 1, "2025-03-01", 4).Run(asOf: "2025-02-28");

        r.Discharged(0).ShouldBe(4m);
        r.ProcessingOrder.Count.ShouldBe(1);
    }

    [Fact]
    public void Order_puts_exits_before_events_on_the_same_date()
    {
        // The event (listed first) would take the lot if it went first; the exit must go first.
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 10)
            .Event(EventType.Destruction, "A", "2025-02-01", 10, reference: "ACTA-1")
            .Exit("A", "X", 1, "2025-02-01", 10).Run();

        r.Allocations.Single().Movement.ShouldBe(1);
        r.Shortages.Single().Movement.ShouldBe(0);
    }

    [Fact]
    public void Order_on_one_date_is_by_document_then_partida_then_line()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 1)
            .Exit("A", "B-DOC", 1, "2025-02-01", 1)   // 0
            .Exit("A", "A-DOC", 2, "2025-02-01", 1)   // 1
            .Exit("A", "A-DOC", 1, "2025-02-01", 1)   // 2: first by partida
            .Run();

        r.ProcessingOrder.ShouldBe([2, 1, 0]);
        r.Allocations.Single().Movement.ShouldBe(2);
    }

    [Fact]
    public void Explosion_uses_the_version_in_force_on_the_bom_date()
    {
        var l = new Ledger().Part("P", PartKind.Finished).Part("A").Part("B")
            .Bom("P", "A", 1, from: "2025-01-01", to: "2025-05-31")
            .Bom("P", "B", 1, from: "2025-06-01")
            .Lot("A", PedA, 1, "2025-01-01", 100).Lot("B", PedA, 2, "2025-01-01", 100)
            .Exit("P", "X", 1, "2025-07-01", 5, bomDate: "2025-05-15")  // produced in May: version with A
            .Exit("P", "Y", 1, "2025-07-01", 3);                          // no bom_date: its date, version with B
        var r = l.Run();

        r.Discharged(0).ShouldBe(5m);
        r.Discharged(1).ShouldBe(3m);
    }

    [Fact]
    public void Explosion_multiplies_levels_out_with_merma_and_desperdicio()
    {
        // P needs 2 S (merma 10 %); S needs 3 A (desperdicio 5 %). One P needs 2×1.1 × 3×1.05 = 6.93 A.
        var l = new Ledger().Part("P", PartKind.Finished).Part("S").Part("A")
            .Bom("P", "S", 2, merma: 10).Bom("S", "A", 3, desperdicio: 5)
            .Lot("A", PedA, 1, "2025-01-01", 1000)
            .Exit("P", "X", 1, "2025-02-01", 10);
        var r = l.Run();

        r.Discharged(0).ShouldBe(69.3m);
        // Waste: the desperdicio share, 2×1.1×3×0.05 = 0.33 per P.
        r.Waste(0).ShouldBe(3.3m);
        r.Consumptions.ShouldBe(1);
    }

    [Fact]
    public void Desperdicio_at_an_intermediate_level_is_waste_of_the_leaves_in_proportion()
    {
        // P needs 1 S with 20 % scrap; S needs 2 A. 1.2 S are made, 0.2 S scrapped: 0.4 A of waste per P.
        var r = new Ledger().Part("P", PartKind.Finished).Part("S").Part("A")
            .Bom("P", "S", 1, desperdicio: 20).Bom("S", "A", 2)
            .Lot("A", PedA, 1, "2025-01-01", 100)
            .Exit("P", "X", 1, "2025-02-01", 10).Run();

        r.Discharged(0).ShouldBe(24m);
        r.Waste(0).ShouldBe(4m);
    }

    [Fact]
    public void A_leaf_reached_by_two_paths_is_summed_before_rounding()
    {
        // P uses A directly (0.0000004) and through S (0.0000004): 0.0000008 per unit → 0.000001 after rounding.
        var r = new Ledger().Part("P", PartKind.Finished).Part("S").Part("A")
            .Bom("P", "A", 0.0000004m).Bom("P", "S", 1).Bom("S", "A", 0.0000004m)
            .Lot("A", PedA, 1, "2025-01-01", 1)
            .Exit("P", "X", 1, "2025-02-01", 1).Run();

        r.Discharged(0).ShouldBe(0.000001m);
    }

    [Fact]
    public void Need_is_rounded_half_away_from_zero_to_six_decimals()
    {
        var r = new Ledger().Part("P", PartKind.Finished).Part("A")
            .Bom("P", "A", 0.0000025m)
            .Lot("A", PedA, 1, "2025-01-01", 1)
            .Exit("P", "X", 1, "2025-02-01", 1).Run();

        r.Discharged(0).ShouldBe(0.000003m);
    }

    [Fact]
    public void A_lot_is_closed_when_its_balance_is_zero_at_six_decimals()
    {
        var r = new Ledger().Part("A")
            .Lot("A", PedA, 1, "2025-01-01", 1.0000004m)
            .Lot("A", PedB, 1, "2025-01-02", 1)
            .Exit("A", "X", 1, "2025-02-01", 1.5m).Run();

        r.Balance(0).ShouldBe(0m);
        r.Discharged(1).ShouldBe(0.5m);
    }

    [Fact]
    public void National_leaf_is_skipped_never_discharged_never_short()
    {
        var l = new Ledger().Part("P", PartKind.Finished).Part("A").Part("N", national: true)
            .Bom("P", "A", 1).Bom("P", "N", 5)
            .Lot("A", PedA, 1, "2025-01-01", 10)
            .Exit("P", "X", 1, "2025-02-01", 2);
        var r = l.Run();

        r.Shortages.ShouldBeEmpty();
        r.Consumptions.ShouldBe(1);
    }

    [Fact]
    public void National_subassembly_is_not_exploded()
    {
        var r = new Ledger().Part("P", PartKind.Finished).Part("S", national: true).Part("A")
            .Bom("P", "S", 1).Bom("S", "A", 1)
            .Lot("A", PedA, 1, "2025-01-01", 10)
            .Exit("P", "X", 1, "2025-02-01", 2).Run();

        r.Discharged(0).ShouldBe(0m);
        r.Shortages.ShouldBeEmpty();
        r.Consumptions.ShouldBe(0);
    }

    [Fact]
    public void Exit_of_a_national_part_discharges_nothing()
    {
        var r = new Ledger().Part("N", national: true).Exit("N", "X", 1, "2025-02-01", 2).Run();

        r.Allocations.ShouldBeEmpty();
        r.Shortages.ShouldBeEmpty();
    }

    [Fact]
    public void Shortage_is_what_no_lot_covers()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 3).Exit("A", "X", 1, "2025-02-01", 5).Run();

        r.Balance(0).ShouldBe(0m);
        r.ShortageOf(0).ShouldBe(2m);
    }

    [Fact]
    public void Nac_stock_joins_the_fifo_pool()
    {
        var r = new Ledger().Part("A")
            .Lot("A", "CFDI-0001", 0, "2025-01-01", 5, nac: true)
            .Lot("A", PedA, 1, "2025-01-02", 5)
            .Exit("A", "X", 1, "2025-02-01", 7).Run();

        r.Discharged(0).ShouldBe(5m);
        r.Discharged(1).ShouldBe(2m);
    }

    [Fact]
    public void Directed_exit_takes_the_named_lot_first_then_continues_fifo()
    {
        var r = new Ledger().Part("A")
            .Lot("A", PedA, 1, "2025-01-01", 10)
            .Lot("A", PedB, 1, "2025-01-05", 4)
            .Exit("A", "X", 1, "2025-02-01", 6, sourceDocument: PedB, sourcePartida: 1).Run();

        r.Discharged(1).ShouldBe(4m);
        r.Discharged(0).ShouldBe(2m);
        r.Findings.Single().Code.ShouldBe(FindingCodes.DirectedSourceShort);
        r.Findings.Single().Qty.ShouldBe(2 * Micro.PerUnit);
    }

    [Fact]
    public void Directed_exit_naming_a_lot_entered_after_the_exit_is_a_finding_and_uses_fifo()
    {
        var r = new Ledger().Part("A")
            .Lot("A", PedA, 1, "2025-01-01", 10)
            .Lot("A", PedB, 1, "2025-03-01", 10)
            .Exit("A", "X", 1, "2025-02-01", 3, sourceDocument: PedB, sourcePartida: 1).Run();

        r.Discharged(0).ShouldBe(3m);
        r.Discharged(1).ShouldBe(0m);
        var f = r.Findings.Single();
        f.Code.ShouldBe(FindingCodes.DirectedSourceShort);
        f.Lot.ShouldBe(1);
        f.Qty.ShouldBe(3 * Micro.PerUnit);
    }

    [Fact]
    public void Directed_exit_naming_a_lot_of_another_part_is_a_finding()
    {
        var r = new Ledger().Part("A").Part("B")
            .Lot("A", PedA, 1, "2025-01-01", 10)
            .Lot("B", PedB, 1, "2025-01-01", 10)
            .Exit("A", "X", 1, "2025-02-01", 3, sourceDocument: PedB, sourcePartida: 1).Run();

        r.Discharged(0).ShouldBe(3m);
        r.Discharged(1).ShouldBe(0m);
        r.Findings.Single().Detail.ShouldBe($"{PedB}/1");
    }

    [Fact]
    public void Fixed_asset_lots_are_never_discharged_by_bom_explosion()
    {
        var l = new Ledger().Part("P", PartKind.Finished).Part("A")
            .Bom("P", "A", 1)
            .Lot("A", PedA, 1, "2025-01-01", 10, fixedAsset: true)
            .Lot("A", PedB, 1, "2025-01-02", 10)
            .Exit("P", "X", 1, "2025-02-01", 4);
        var r = l.Run();

        r.Discharged(0).ShouldBe(0m);
        r.Discharged(1).ShouldBe(4m);
    }

    [Theory]
    [InlineData(DischargeMode.RegularLotsOnly)] // F4, V5, BB, A1
    public void Regular_only_claves_never_take_fixed_asset_lots(DischargeMode mode)
    {
        var r = new Ledger().Part("A")
            .Lot("A", PedA, 1, "2025-01-01", 10, fixedAsset: true)
            .Exit("A", "X", 1, "2025-02-01", 4, mode).Run();

        r.Discharged(0).ShouldBe(0m);
        r.ShortageOf(0).ShouldBe(4m);
    }

    [Fact]
    public void F5_discharges_only_fixed_asset_lots()
    {
        var r = new Ledger().Part("M", PartKind.Machinery)
            .Lot("M", PedA, 1, "2025-01-01", 1, fixedAsset: false)
            .Lot("M", PedB, 1, "2025-01-02", 1, fixedAsset: true)
            .Exit("M", "X", 1, "2025-02-01", 1, DischargeMode.FixedAssetLotsOnly).Run();

        r.Discharged(0).ShouldBe(0m);
        r.Discharged(1).ShouldBe(1m);
    }

    [Fact]
    public void Return_of_the_same_part_takes_fixed_asset_lots_in_fifo_order()
    {
        var r = new Ledger().Part("M", PartKind.Machinery)
            .Lot("M", PedA, 1, "2025-01-01", 1, fixedAsset: true)
            .Lot("M", PedB, 1, "2025-01-02", 1)
            .Exit("M", "X", 1, "2025-02-01", 2, DischargeMode.AllLots).Run();

        r.Discharged(0).ShouldBe(1m);
        r.Discharged(1).ShouldBe(1m);
    }

    [Fact]
    public void Destruction_of_materials_discharges_like_an_exit()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 10)
            .Event(EventType.Destruction, "A", "2025-02-01", 4, reference: "ACTA-7").Run();

        r.Discharged(0).ShouldBe(4m);
        r.Consumptions.ShouldBe(1);
    }

    [Fact]
    public void Waste_disposal_takes_the_waste_balance_and_never_touches_lots()
    {
        var r = new Ledger().Part("P", PartKind.Finished).Part("A")
            .Bom("P", "A", 1, desperdicio: 10)
            .Lot("A", PedA, 1, "2025-01-01", 100)
            .Exit("P", "X", 1, "2025-02-01", 10)
            .Event(EventType.Destruction, "A", "2025-02-01", 0.6m, waste: true).Run();

        r.Discharged(0).ShouldBe(11m);
        r.Waste(0).ShouldBe(1m);
        Micro.ToDecimal(r.LotWasteDisposed[0]).ShouldBe(0.6m);
        r.Findings.ShouldBeEmpty();
    }

    [Fact]
    public void Waste_disposal_beyond_the_waste_of_exits_dated_on_or_before_it_is_a_finding()
    {
        var r = new Ledger().Part("P", PartKind.Finished).Part("A")
            .Bom("P", "A", 1, desperdicio: 10)
            .Lot("A", PedA, 1, "2025-01-01", 100)
            .Event(EventType.Donation, "A", "2025-01-31", 0.5m, waste: true)
            .Exit("P", "X", 1, "2025-02-01", 10).Run();

        var f = r.Findings.Single();
        f.Code.ShouldBe(FindingCodes.WasteDisposalExceedsBalance);
        f.Qty.ShouldBe(500_000);
    }

    [Theory]
    [InlineData(EventType.SubmanufactureOut)]
    [InlineData(EventType.SubmanufactureIn)]
    [InlineData(EventType.RepairIn)]
    [InlineData(EventType.Adjustment)]
    public void Moves_and_adjustments_never_discharge(EventType type)
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 10).Event(type, "A", "2025-02-01", 4).Run();

        r.Allocations.ShouldBeEmpty();
        r.Shortages.ShouldBeEmpty();
    }

    [Fact]
    public void Negative_adjustment_of_imported_material_is_a_finding()
    {
        var r = new Ledger().Part("A").Lot("A", PedA, 1, "2025-01-01", 10).Event(EventType.Adjustment, "A", "2025-02-01", -2).Run();

        r.Findings.Single().Code.ShouldBe(FindingCodes.NegativeAdjustment);
        r.Balance(0).ShouldBe(10m);
    }

    [Fact]
    public void Consumption_is_one_exit_line_and_imported_leaf_with_a_nonzero_need()
    {
        var r = new Ledger().Part("P", PartKind.Finished).Part("A").Part("B").Part("C")
            .Bom("P", "A", 1).Bom("P", "B", 2).Bom("P", "C", 0)
            .Exit("P", "X", 1, "2025-02-01", 1).Exit("P", "X", 2, "2025-02-01", 1).Run();

        r.Consumptions.ShouldBe(4);
    }
}
