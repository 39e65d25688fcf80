using Traza.App.Periods;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report periods</c> (issue 11 item 5; columns in docs/cli.md): one row per <c>traza close</c> or
/// <c>traza reopen</c>, in the order they were recorded — the month, the reason, who did it and when, and the closed
/// periods it left. Program-wide: <c>--as-of</c> and <c>--client</c> do not filter it.
/// </summary>
public sealed class PeriodsReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
        ["batch", ReportColumn.Enumerated("action", ReportValues.PeriodActions), "period", "reason", "closed_through", "operator", "recorded_at"];

    public string Name => "periods";

    public string Description => "every period close and reopen: month, reason, operator, time and the months left closed";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options => [];

    /// <summary>Reads the chain alone: never discharges first.</summary>
    public bool ReadsDischarge => false;

    /// <summary>Lists the chain, not dated movements: <c>--as-of</c> does not filter it.</summary>
    public bool IgnoresAsOf => true;

    /// <summary>Program-wide: every client's batches (or the program's periods) whatever <c>--client</c> says.</summary>
    public bool FiltersByClient => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var batches = context.Store.Batches().ToDictionary(b => b.Id);
        var actions = context.Store.LoadPeriodActions();
        var rows = new List<object?[]>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var batch = batches.GetValueOrDefault(action.BatchId);
            var state = ClosedPeriods.Replay(actions.Take(i + 1));
            rows.Add([action.BatchId, action.Action, action.Period, action.Reason, state.LatestClosed, batch?.Operator, batch?.ImportedAt]);
        }

        return new ReportData(Columns, rows);
    }
}
