using Traza.App.Discharge;
using Traza.App.Progress;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>What a report run gives: the data, and the line for stderr when it discharged first (else null).</summary>
public sealed record ReportRun(ReportData Data, string? Notice);

/// <summary>
/// Runs a report under SPEC §6's as-of rule, the one place every caller (the CLI, later the API) goes through: a report
/// that reads the stored discharge first makes it cover the as-of date (<see cref="DischargeCoverage.Ensure"/>: discharges
/// and stores when the stored run is missing, older than a batch that feeds it, or before D with movements in between),
/// and says so; it is never silently stale.
/// </summary>
public static class ReportService
{
    public static ReportRun Run(IReport report, ReportContext context, IWorkProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var notice = report.ReadsDischarge ? DischargeCoverage.Ensure(context.Store, context.AsOf, progress) : null;
        return new ReportRun(report.Run(context), notice);
    }
}
