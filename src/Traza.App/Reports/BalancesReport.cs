using Traza.Storage;
using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Formats.Reports;


namespace Traza.App.Reports;

/// <summary>SPEC §6 <c>balances</c> and <c>expiring</c>: one row per pedimento lot entered on or before D.</summary>
public static class BalancesReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "clave", "entry_date", "part", ReportColumn.Enumerated("kind", PartKinds.Names), "client", "qty_entered", "qty_discharged", "balance", "umc",
        "qty_umt_balance", "balance_value_usd", "deadline", "days_left", ReportColumn.Enumerated("status", LotStates.Names),
        ReportColumn.Enumerated("alert_band", [.. LotStatus.AlertBandNames.Where(b => b.Length > 0)]), // docs/cli.md: after the SPEC §6 columns — expired, 30, 60, 90 or empty (LotStatus.AlertBandNames)
        "reserved", // docs/cli.md "Work orders": UMC of the balance held in kits of work orders not yet shipped by D
    ];

    /// <summary>
    /// The balances at <paramref name="asOf"/>; deadlines with <paramref name="terms"/>, else the program's own rules and
    /// options (<see cref="Programs.ProgramTerms.For"/>).
    /// </summary>
    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client, TermOptions? terms = null) =>
        Data(LotBalances.Read(store, asOf, client, terms, include: null));

    /// <summary><c>expiring --within DAYS</c>: the balances rows due within that many days or past due (closed lots excluded).</summary>
    public static ReportData Expiring(ITrazaStore store, DateOnly asOf, string? client, int withinDays, TermOptions? terms = null) =>
        Data(LotBalances.Read(store, asOf, client, terms, s => s.State != LotState.Closed && s.DaysLeft is { } d && d <= withinDays));

    private static ReportData Data(LotBalances lots) => new(Columns, lots.Rows()) { CsvRows = lots.WriteCsv };
}
