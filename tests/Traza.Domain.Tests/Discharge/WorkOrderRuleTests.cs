using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Domain.Tests.Discharge;

/// <summary>One named test per rule of docs/cli.md "Work orders" (issue 15 item 7).</summary>
public class WorkOrderRuleTests
{
    private const string PedA = "250712340000001";
    private const string PedB = "250712340000002";

    /// <summary>KIT = 2 A (v1 to 2025-03-31) or 3 A (v2 from 2025-04-01); A entered 100 on 01-10 and 100 on 03-01.</summary>
    private static Ledger Kitting() => new Ledger().Part("KIT", PartKind.Finished).Part("A")
        .Bom("KIT", "A", 2, from: "2025-01-01", to: "2025-03-31").Bom("KIT", "A", 3, from: "2025-04-01")
        .Lot("A", PedA, 1, "2025-01-10", 100).Lot("A", PedB, 1, "2025-03-01", 100);

    [Fact]
    public void Work_order_reserves_with_the_bom_of_its_date_and_the_exit_discharges_it()
    {
        var r = Kitting().WorkOrder("KIT", "2025-02-01", 10, "WO-1").Exit("KIT", "X1", 1, "2025-05-01", 10).Run();

        r.Reservations.ShouldBe([new Reservation(0, 0, 0, 20_000_000, 0)]); // v1: 2 per kit, from the lot of 01-10
        r.Allocations.ShouldBe([new Allocation(1, 0, 20_000_000, 0)]); // at the exit, not v2's 30
        r.KitDraws.ShouldBe([new KitDraw(0, 1, 10_000_000)]);
        r.Balance(0).ShouldBe(80m);
        r.LotReserved.ShouldBe([0, 0]);
    }

    [Fact]
    public void Reserved_quantity_stays_in_the_balance_but_out_of_fifo_reach()
    {
        var r = Kitting().WorkOrder("KIT", "2025-02-01", 40, "WO-1").Exit("A", "X1", 1, "2025-03-05", 30).Run();

        r.Balance(0).ShouldBe(80m, "the 80 reserved are still in the lot (the exit took the 20 not reserved)");
        r.LotReserved[0].ShouldBe(80_000_000);
        r.Allocations.Select(a => (a.Lot, a.Qty)).ShouldBe([(0, 20_000_000L), (1, 10_000_000L)], "20 available in the first lot, then FIFO");
    }

    [Fact]
    public void Work_order_goes_before_the_exits_of_its_date()
    {
        // Without the exception the exit of A would take the first lot first and the work order would reach the second one.
        var r = Kitting().Exit("A", "X0", 1, "2025-03-05", 10).WorkOrder("KIT", "2025-03-05", 50, "WO-1").Run();

        r.Reservations.Select(x => (x.Lot, x.Qty)).ShouldBe([(0, 100_000_000L)]);
        r.Allocations.Select(a => (a.Lot, a.Qty)).ShouldBe([(1, 10_000_000L)]);
    }

    [Fact]
    public void Kits_leave_fifo_by_work_order_converting_exact_shares_and_the_rest_explodes_at_the_exit()
    {
        var r = Kitting().WorkOrder("KIT", "2025-02-01", 3, "WO-1").WorkOrder("KIT", "2025-02-02", 1, "WO-2")
            .Exit("KIT", "X1", 1, "2025-05-01", 1).Exit("KIT", "X2", 1, "2025-05-02", 1).Exit("KIT", "X3", 1, "2025-05-03", 3).Run();

        // WO-1 reserved 6 (v1), converted round(6 × 1/3) = 2, then 4 − 2 = 2, then the last 2; WO-2's 2; X3's last kit explodes v2: 3.
        r.KitDraws.ShouldBe([new KitDraw(0, 2, 1_000_000), new KitDraw(0, 3, 1_000_000), new KitDraw(0, 4, 1_000_000), new KitDraw(1, 4, 1_000_000)]);
        r.Allocations.Where(a => a.Movement == 2).Sum(a => a.Qty).ShouldBe(2_000_000);
        r.Allocations.Where(a => a.Movement == 3).Sum(a => a.Qty).ShouldBe(2_000_000);
        r.Allocations.Where(a => a.Movement == 4).Sum(a => a.Qty).ShouldBe(2_000_000 + 2_000_000 + 3_000_000);
        r.MovementConsumptions[4].ShouldBe(1, "one leaf part, through kits and its own explosion");
        r.Discharged(0).ShouldBe(11m);
    }

    [Fact]
    public void Shortage_is_the_work_orders_and_its_kits_still_leave()
    {
        var r = Kitting().WorkOrder("KIT", "2025-02-01", 60, "WO-1").Exit("KIT", "X1", 1, "2025-02-10", 60).Run();

        r.Shortages.ShouldBe([new Shortage(0, 1, 20_000_000)]); // 120 needed, 100 in the lot of 01-10 (the other enters in March)
        r.Allocations.ShouldBe([new Allocation(1, 0, 100_000_000, 0)]);
        r.Balance(0).ShouldBe(0m);
    }

    [Fact]
    public void F5_of_a_kit_never_takes_kits_and_destruction_does()
    {
        var r = Kitting().WorkOrder("KIT", "2025-02-01", 5, "WO-1")
            .Exit("KIT", "X1", 1, "2025-02-10", 1, DischargeMode.FixedAssetLotsOnly)
            .Event(EventType.Destruction, "KIT", "2025-02-11", 2, reference: "ACTA-1").Run();

        r.KitDraws.ShouldBe([new KitDraw(0, 2, 2_000_000)]);
        r.Allocations.ShouldBe([new Allocation(2, 0, 4_000_000, 0)]);
        r.LotReserved[0].ShouldBe(6_000_000);
    }

    [Fact]
    public void Desperdicio_of_a_work_order_becomes_waste_as_its_kits_leave()
    {
        var r = new Ledger().Part("KIT", PartKind.Finished).Part("A").Bom("KIT", "A", 1, desperdicio: 10)
            .Lot("A", PedA, 1, "2025-01-10", 100).WorkOrder("KIT", "2025-02-01", 10, "WO-1").Exit("KIT", "X1", 1, "2025-03-01", 5)
            .Run("2025-02-15");

        r.Reservations.ShouldBe([new Reservation(0, 0, 0, 11_000_000, 1_000_000)]);
        r.Waste(0).ShouldBe(0m, "nothing left yet");
        new Ledger().Part("KIT", PartKind.Finished).Part("A").Bom("KIT", "A", 1, desperdicio: 10)
            .Lot("A", PedA, 1, "2025-01-10", 100).WorkOrder("KIT", "2025-02-01", 10, "WO-1").Exit("KIT", "X1", 1, "2025-03-01", 5)
            .Run().Waste(0).ShouldBe(0.5m);
    }
}
