using Traza.Domain.Terms;
using Traza.Formats.Reports;
using Traza.Storage.Sqlite;

namespace Traza.App.Discharge.Reports;

/// <summary>SPEC §6 <c>balances</c> and <c>expiring</c>: one row per pedimento lot entered on or before D.</summary>
public static class BalancesReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "clave", "entry_date", "part", "kind", "client", "qty_entered", "qty_discharged", "balance", "umc",
        "qty_umt_balance", "balance_value_usd", "deadline", "days_left", "status",
    ];

    public static ReportData Build(SqliteLedgerStore store, DateOnly asOf, string? client, TermOptions? terms = null) =>
        new(Columns, Rows(LotLedger.Lots(store, asOf, client, terms)));

    /// <summary><c>expiring --within DAYS</c>: the balances rows due within that many days or past due (closed lots excluded).</summary>
    public static ReportData Expiring(SqliteLedgerStore store, DateOnly asOf, string? client, int withinDays, TermOptions? terms = null) =>
        new(Columns, Rows(LotLedger.Lots(store, asOf, client, terms)
            .Where(l => l.Status.State != LotState.Closed && l.Status.DaysLeft is { } d && d <= withinDays)));

    private static IEnumerable<object?[]> Rows(IEnumerable<LotView> lots)
    {
        foreach (var l in lots)
        {
            yield return
            [
                l.Entry.Pedimento, l.Entry.Partida, l.Entry.Clave, l.Entry.Date, l.Entry.Part, l.Part.Kind, l.Entry.Client, l.Entry.Qty,
                l.Discharged, l.Balance, l.Part.Umc, l.BalanceUmt, l.BalanceValueUsd, l.Deadline, l.Status.DaysLeft, l.Status.State.Name(),
            ];
        }
    }
}
