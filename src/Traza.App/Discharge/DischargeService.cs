using System.Diagnostics;
using System.Globalization;
using Traza.Domain.Discharge;
using Traza.Storage.Sqlite;

namespace Traza.App.Discharge;

/// <summary>What a discharge run did.</summary>
public sealed record DischargeOutcome(DateOnly AsOf, long Consumptions, long Allocations, long Shortages, long Findings, TimeSpan Elapsed)
{
    /// <summary>SPEC §5: the last line of <c>traza discharge</c>, N and M plain integers.</summary>
    public string SummaryLine => string.Create(
        CultureInfo.InvariantCulture,
        $"discharged {Consumptions} consumptions into {Allocations} allocations in {Elapsed.TotalSeconds:0.00} s");
}

/// <summary>
/// The discharge use case: load the ledger, run the pure engine (SPEC §3.5), and replace the stored derived data
/// in one transaction (docs/architecture.md Decision 2).
/// </summary>
public static class DischargeService
{
    public static DischargeOutcome Run(SqliteLedgerStore store, DateOnly asOf, TextWriter? trace = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var clock = store.Clock;
        var started = clock.GetTimestamp();
        var startedAt = clock.GetUtcNow();
        var phases = new PhaseTimer(clock, trace);
        var snapshot = LedgerSnapshot.Load(store, asOf);
        phases.Mark("load");
        var result = DischargeEngine.Run(snapshot.Input);
        phases.Mark("engine");
        var derived = DerivedData.From(snapshot, result);
        phases.Mark("pack");
        var batches = store.Batches();
        var head = batches.Count > 0 ? batches[^1].ChainHash : string.Empty;
        var finished = clock.GetUtcNow();
        var run = new DischargeRunRecord(
            1, asOf, head, startedAt.ToString("O", CultureInfo.InvariantCulture), finished.ToString("O", CultureInfo.InvariantCulture),
            result.Consumptions, result.AllocationCount, result.Shortages.Count)
        {
            LastBatch = batches.Count > 0 ? batches[^1].Id : 0,
            DayCounts = derived.DayCounts,
        };
        new DischargeStore(store.Connection).Save(run, derived.Pools, derived.Shortages, derived.Disposals, derived.Findings);
        phases.Mark("save");
        var elapsed = clock.GetElapsedTime(started);
        Debug.Assert(elapsed >= TimeSpan.Zero, "monotonic clock");
        return new DischargeOutcome(asOf, result.Consumptions, result.AllocationCount, result.Shortages.Count, result.Findings.Count, elapsed);
    }
}

/// <summary>Prints phase timings to a trace writer (TRAZA_TRACE=1 on the CLI), for benchmarks.</summary>
internal sealed class PhaseTimer(TimeProvider clock, TextWriter? trace)
{
    private long last = clock.GetTimestamp();

    public void Mark(string phase)
    {
        if (trace is null)
        {
            return;
        }

        var now = clock.GetTimestamp();
        trace.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase}: {clock.GetElapsedTime(last, now).TotalSeconds:0.000} s"));
        last = now;
    }
}
