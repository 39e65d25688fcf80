using CsCheck;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>
/// The engine's result does not depend on how many workers share the pools (<see cref="DischargeEngine"/> remarks). The other
/// properties run ledgers of at most 16 movements with the default worker count, and the default is one worker below
/// <see cref="DischargeEngine.ParallelThreshold"/> movements: these reach the parallel path, by asking for workers and by ledgers
/// above the threshold (issue 11 item 10).
/// </summary>
public class WorkerCountPropertyTests
{
    [Fact]
    public void Any_ledger_discharges_alike_with_one_worker_or_several()
    {
        Gen.Select(LedgerGen.Ledger(new LedgerShape()), Gen.Int[2, 5]).Sample((l, workers) =>
        {
            var one = DischargeEngine.Run(l.Input(), 1);
            ShouldBeAlike(DischargeEngine.Run(l.Input(), workers), one, $"{workers} workers");
        }, iter: 400, print: t => $"workers {t.Item2}\n{t.Item1.Describe()}");
    }

    /// <summary>
    /// Regression (issue 12): with 3 workers, two waste disposals of one movement came out in another order than with one,
    /// because the merge of the workers' lists sorted by (position, leaf) with an unstable sort.
    /// </summary>
    [Fact]
    public void Waste_disposals_of_one_movement_keep_their_order_with_several_workers_seed_a37fVgmASIN4()
    {
        Gen.Select(LedgerGen.Ledger(new LedgerShape()), Gen.Int[2, 5]).Sample((l, workers) =>
        {
            var one = DischargeEngine.Run(l.Input(), 1);
            ShouldBeAlike(DischargeEngine.Run(l.Input(), workers), one, $"{workers} workers");
        }, iter: 1, seed: "a37fVgmASIN4", print: t => $"workers {t.Item2}\n{t.Item1.Describe()}");
    }

    [Fact]
    public void Ledger_above_the_parallel_threshold_discharges_alike_by_default_and_with_one_worker()
    {
        // A small ledger tiled until it has at least ParallelThreshold movements; its lots grow with it, so they last.
        var large = LedgerGen.Ledger(new LedgerShape()).Where(l => l.Movements.Length >= 8).Select(Tile);
        large.Sample(l =>
        {
            l.Movements.Length.ShouldBeGreaterThanOrEqualTo(DischargeEngine.ParallelThreshold);
            var one = DischargeEngine.Run(l.Input(), 1);
            ShouldBeAlike(DischargeEngine.Run(l.Input()), one, "default workers");
            ShouldBeAlike(DischargeEngine.Run(l.Input(), 3), one, "3 workers");
        }, iter: 25, print: l => l.Describe());
    }

    private static GenLedger Tile(GenLedger l)
    {
        var copies = (DischargeEngine.ParallelThreshold + l.Movements.Length - 1) / l.Movements.Length;
        var movements = new MovementDef[copies * l.Movements.Length];
        for (var c = 0; c < copies; c++)
        {
            for (var i = 0; i < l.Movements.Length; i++)
            {
                var at = (c * l.Movements.Length) + i;
                movements[at] = l.Movements[i] with { Sequence = at };
            }
        }

        var lots = l.Lots.Select(lot => lot with { Qty = lot.Qty * copies }).ToArray();
        return l with { Lots = lots, Movements = movements };
    }

    private static void ShouldBeAlike(DischargeResult actual, DischargeResult expected, string what)
    {
        actual.ProcessingOrder.ShouldBe(expected.ProcessingOrder, $"{what}: processing order");
        actual.AllocationsByPool.ShouldBe(expected.AllocationsByPool, $"{what}: allocations by pool");
        actual.PoolAllocationStart.ShouldBe(expected.PoolAllocationStart, $"{what}: pool starts");
        actual.Allocations.ShouldBe(expected.Allocations, $"{what}: allocations in processing order");
        actual.Shortages.ShouldBe(expected.Shortages, $"{what}: shortages");
        actual.WasteDisposals.ShouldBe(expected.WasteDisposals, $"{what}: waste disposals");
        actual.Findings.ShouldBe(expected.Findings, $"{what}: findings");
        actual.Consumptions.ShouldBe(expected.Consumptions, $"{what}: consumptions");
        actual.MovementConsumptions.ShouldBe(expected.MovementConsumptions, $"{what}: consumptions per movement");
        actual.LotEntered.ShouldBe(expected.LotEntered, $"{what}: entered");
        actual.LotDischarged.ShouldBe(expected.LotDischarged, $"{what}: discharged");
        actual.LotWaste.ShouldBe(expected.LotWaste, $"{what}: waste");
        actual.LotWasteDisposed.ShouldBe(expected.LotWasteDisposed, $"{what}: waste disposed");
    }
}
