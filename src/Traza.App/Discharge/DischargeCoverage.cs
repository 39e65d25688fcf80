using System.Collections.Frozen;
using System.Globalization;
using Traza.App.Progress;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>
/// Whether the stored discharge covers an as-of date D, i.e. equals what <c>traza discharge --as-of D</c> would store, once
/// restricted to movements dated on or before D (docs/architecture.md, "--as-of D on reports"); when it does not,
/// <see cref="DischargeAsOf"/> is the date to discharge as of and <see cref="Reason"/> says why, for stderr.
/// </summary>
/// <param name="Covered">True when reports may read the stored run as it is.</param>
/// <param name="DischargeAsOf">When not covered: the later of D and the stored run's as-of (a report never moves it back).</param>
/// <param name="Reason">When not covered: why, e.g. "the stored discharge (as of 2025-11-30, batch 5) did not cover …".</param>
public sealed record DischargeCoverage(bool Covered, DateOnly DischargeAsOf, string? Reason)
{
    /// <summary>
    /// Layouts whose batches never change what a discharge computes: the program, clients, catalogs that only reports read
    /// (tariffs, rates, terms …), physical counts, government files, period close. Every other layout — parts, bom,
    /// entries, exits, events, reversals, and any layout added later until it is listed here — makes a stored run older
    /// than its batch stale: an unknown layout costs a needless incremental discharge, never a stale report.
    /// </summary>
    private static readonly FrozenSet<string> OutsideDischarge = FrozenSet.Create(
        StringComparer.Ordinal,
        "program", "clients", "counts", "tariffs", "partners", "rates", "inpc", "surcharges", "terms", "datastage", "m3",
        "close", "reopen");

    /// <summary>Whether a batch of this layout can change the discharge's result (see <see cref="OutsideDischarge"/>).</summary>
    public static bool FeedsDischarge(string layout) => !OutsideDischarge.Contains(layout);

    /// <summary>
    /// The stored run covers <paramref name="asOf"/> when no batch that feeds the discharge came after the last batch it saw,
    /// and either its as-of is on or after D (allocations are filtered by movement day, which is exact: SPEC §3.5 processes
    /// by date first) or no exit or event is dated between its as-of and D (a run as of D would process the same
    /// movements). Before the first run, a ledger with no such batch has nothing to discharge.
    /// </summary>
    public static DischargeCoverage Of(ITrazaStore store, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = store.Derived.LatestRun();
        var pending = store.Batches().Where(b => b.Id > (run?.LastBatch ?? 0) && FeedsDischarge(b.Layout)).ToList();
        if (run is null)
        {
            return pending.Count == 0
                ? new DischargeCoverage(true, asOf, null)
                : new DischargeCoverage(false, asOf, $"no stored discharge covered as-of {Iso(asOf)} (none yet)");
        }

        var stored = $"the stored discharge (as of {Iso(run.AsOf)}, batch {run.LastBatch}) did not cover as-of {Iso(asOf)}";
        if (pending.Count > 0)
        {
            var later = run.AsOf > asOf ? run.AsOf : asOf;
            return new DischargeCoverage(false, later, $"{stored}: {Describe(pending)} imported after it");
        }

        if (asOf > run.AsOf && store.Scans.AnyExitOrEventBetween(run.AsOf, asOf))
        {
            return new DischargeCoverage(false, asOf, $"{stored}: exits or events are dated after {Iso(run.AsOf)}");
        }

        // SPEC §3.8: a rectification dated after the run's as-of and on or before D re-bases lots or exits (it is an entry
        // or exit row, yet changes what earlier movements took).
        if (asOf > run.AsOf && LedgerRectifications.Read(store, asOf).All.Any(r => r.Date > run.AsOf && r.Date <= asOf))
        {
            return new DischargeCoverage(false, asOf, $"{stored}: a rectification is dated after {Iso(run.AsOf)}");
        }

        return new DischargeCoverage(true, run.AsOf, null);
    }

    /// <summary>
    /// Makes the stored discharge cover <paramref name="asOf"/>: when <see cref="Of"/> says it does not, discharges (incrementally
    /// when it can, through <see cref="DischargeService.Run"/>) as of <see cref="DischargeAsOf"/> and stores the run. Returns
    /// the one line to print on stderr (SPEC §6: never silently stale), or null when the stored run was used as it is.
    /// </summary>
    public static string? Ensure(ITrazaStore store, DateOnly asOf, IWorkProgress? progress = null)
    {
        var coverage = Of(store, asOf);
        if (coverage.Covered)
        {
            return null;
        }

        var outcome = DischargeService.Run(store, coverage.DischargeAsOf, progress: progress);
        var how = outcome.ResumedFrom is { } from ? $"resumed from {Iso(from)}" : "in full";
        return string.Create(CultureInfo.InvariantCulture,
            $"discharged first: {coverage.Reason}; discharged as of {Iso(coverage.DischargeAsOf)} ({how}): " +
            $"{outcome.Consumptions} consumptions into {outcome.Allocations} allocations in {outcome.Elapsed.TotalSeconds:0.00} s");
    }

    private static string Describe(List<BatchRecord> batches)
    {
        var layouts = string.Join(", ", batches.Select(b => b.Layout).Distinct(StringComparer.Ordinal));
        return batches.Count == 1
            ? $"batch {batches[0].Id} ({layouts}) was"
            : $"batches {batches[0].Id} to {batches[^1].Id} ({layouts}) were";
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
