using System.Diagnostics;
using System.Globalization;
using Traza.App.Progress;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>What a discharge run did.</summary>
public sealed record DischargeOutcome(DateOnly AsOf, long Consumptions, long Allocations, long Shortages, long Findings, TimeSpan Elapsed)
{
    /// <summary>For an incremental run: the date it re-discharged from; null for a full run.</summary>
    public DateOnly? ResumedFrom { get; init; }

    /// <summary>For an incremental run: the consumptions it discharged again (dated on or after <see cref="ResumedFrom"/>).</summary>
    public long Redischarged { get; init; }

    /// <summary>For an incremental run: the pools it rewrote.</summary>
    public int PoolsRewritten { get; init; }

    /// <summary>
    /// For an incremental run: of <see cref="PoolsRewritten"/>, those it read and rewrote from their first open lot on only
    /// (nothing stored on or after the resume date; docs/architecture.md Decision 2).
    /// </summary>
    public int PoolsFromTails { get; init; }

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
    /// <summary>
    /// Runs the discharge as of <paramref name="asOf"/>: incrementally from the earliest date the ledger changed since the
    /// stored run when it can (same result as a full run), else in full; <paramref name="full"/> forces a full run.
    /// <paramref name="moveExhaustedAfter"/> tunes how soon exhausted lots leave a pool's stored tail (tests set 1).
    /// </summary>
    public static DischargeOutcome Run(
        ITrazaStore store, DateOnly asOf, TextWriter? trace = null, bool full = false, IWorkProgress? progress = null,
        int moveExhaustedAfter = IncrementalDischarge.MoveExhaustedAfter)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return RunCore(store, asOf, trace, full, progress, moveExhaustedAfter);
        }
        catch (DischargeRangeException e)
        {
            throw DischargeRange.Invalid(store, e);
        }
    }

    private static DischargeOutcome RunCore(
        ITrazaStore store, DateOnly asOf, TextWriter? trace, bool full, IWorkProgress? progress, int moveExhaustedAfter)
    {
        progress ??= NoProgress.Instance;
        var clock = store.Clock;
        var started = clock.GetTimestamp();
        var startedAt = clock.GetUtcNow();
        var phases = new PhaseTimer(clock, trace);

        // SPEC §9: one read snapshot from the batch list to the last ledger read, so the run takes the rows of exactly the
        // batches up to the one it records as the last it saw (an import committed meanwhile waits for the next run).
        using var reading = store.BeginReadSnapshot();
        var batches = store.Batches();
        var head = batches.Count > 0 ? batches[^1].ChainHash : string.Empty;
        var lastBatch = batches.Count > 0 ? batches[^1].Id : 0;
        var discharge = store.Derived;
        var previous = full ? null : discharge.LatestRun();
        if (previous?.DerivedDigest is null)
        {
            previous = null; // an incremental save updates the stored digest (migration 0028); without one, a full run
        }

        var from = previous is null ? null : IncrementalDischarge.ResumeDate(store, previous, batches, asOf);
        phases.Mark("stored run and batches");
        if (previous is not null && from is { } resume)
        {
            progress.Stage("resuming");
            var (snapshot, result, pools) = IncrementalDischarge.Run(store, previous, asOf, resume, phases, moveExhaustedAfter);
            reading.Dispose();
            var (shortages, disposals, findings) = DerivedData.Records(snapshot, result);
            var days = new Dictionary<int, (long Consumptions, long Allocations)>(previous.DayCounts.Where(d => d.Key < resume.DayNumber));
            foreach (var (day, counts) in DerivedData.CountByDay(snapshot, result))
            {
                days[day] = counts;
            }

            var run = Record(asOf, head, lastBatch, startedAt, clock, days, shortages.Count);
            discharge.SaveIncremental(run, pools, resume, shortages, disposals, findings,
                DerivedData.ReservationsOf(snapshot, result), DerivedData.KitDrawsOf(snapshot, result));
            var fromTails = pools.Count(p => p.Pool.TailOnly);
            phases.Mark($"save ({pools.Count} pools, {fromTails} from their tails)");
            var saved = discharge.LatestRun()!;
            return new DischargeOutcome(
                asOf, run.Consumptions, run.Allocations, saved.Shortages, discharge.Findings().Count, clock.GetElapsedTime(started))
            {
                ResumedFrom = resume,
                Redischarged = result.Consumptions,
                PoolsRewritten = pools.Count,
                PoolsFromTails = fromTails,
            };
        }

        progress.Stage("loading");
        var fullSnapshot = LedgerSnapshot.Load(store, asOf);
        var catalog = LedgerSnapshot.StoredCatalog(store, fullSnapshot.Input);
        reading.Dispose();
        phases.Mark("load");
        progress.Stage("discharging", fullSnapshot.Input.Movements.Count(m => m.Date <= asOf));
        var fullResult = DischargeEngine.Run(fullSnapshot.Input, 0, progress.Advance);
        phases.Mark("engine");
        var derived = DerivedData.From(fullSnapshot, fullResult);
        progress.Stage("saving", fullResult.PoolLots.Count(lots => lots is not null));
        var packed = 0L;
        var (consumptions, allocations, shortageCount, findingCount) =
            (fullResult.Consumptions, fullResult.AllocationCount, fullResult.Shortages.Count, fullResult.Findings.Count);
        var fullRun = Record(asOf, head, lastBatch, startedAt, clock, derived.DayCounts, shortageCount);
        phases.Mark("records");
        discharge.Save(fullRun, derived.Pools.Select(p => { progress.Advance(++packed); return p; }), derived.Shortages, derived.Disposals,
            derived.Findings, catalog, derived.Reservations, derived.KitDraws); // packs pools while saving
        phases.Mark("pack and save");
        var elapsed = clock.GetElapsedTime(started);
        Debug.Assert(elapsed >= TimeSpan.Zero, "monotonic clock");
        Debug.Assert(fullRun.Consumptions == consumptions, "day counts add up to the run's consumptions");
        return new DischargeOutcome(asOf, consumptions, allocations, shortageCount, findingCount, elapsed);
    }

    private static DischargeRunRecord Record(
        DateOnly asOf, string head, long lastBatch, DateTimeOffset startedAt, TimeProvider clock,
        Dictionary<int, (long Consumptions, long Allocations)> days, long shortages) =>
        new(1, asOf, head, startedAt.ToString("O", CultureInfo.InvariantCulture),
            clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            days.Values.Sum(d => d.Consumptions), days.Values.Sum(d => d.Allocations), shortages)
        {
            LastBatch = lastBatch,
            DayCounts = days,
        };
}

/// <summary>Prints phase timings to a trace writer (TRAZA_TRACE=1 on the CLI), for benchmarks.</summary>
internal sealed class PhaseTimer(TimeProvider clock, TextWriter? trace)
{
    private long last = clock.GetTimestamp();
    private TimeSpan lastUser;
    private TimeSpan lastSystem;
    private long lastAllocated;
    private TimeSpan lastPause;

    public void Mark(string phase)
    {
        if (trace is null)
        {
            return;
        }

        var now = clock.GetTimestamp();
        using var process = Process.GetCurrentProcess();
        var (user, system) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var allocated = GC.GetTotalAllocatedBytes();
        var pause = GC.GetTotalPauseDuration();
        trace.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {clock.GetElapsedTime(last, now).TotalSeconds:0.000} s " +
            $"(cpu {(user - lastUser).TotalSeconds:0.00} user, {(system - lastSystem).TotalSeconds:0.00} sys; " +
            $"{(allocated - lastAllocated) / 1_000_000} MB allocated, GC pauses {(pause - lastPause).TotalSeconds:0.000} s; " +
            $"{process.WorkingSet64 / 1_000_000} MB resident)"));
        (last, lastUser, lastSystem, lastAllocated, lastPause) = (now, user, system, allocated, pause);
    }
}
