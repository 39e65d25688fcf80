using Traza.Domain.Catalogs;
using Traza.Domain.Exposure;
using Traza.Domain.Terms;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report options [--within DAYS]</c> (issue 14 item 3): for each balance <c>expiring --within DAYS</c> lists (the same
/// lots, in the same order), the five options the law gives — return (RT), transfer (V1), change of regime (F4/F5),
/// regularization (A3), destruction — one row each, with what it would cost at D (<see cref="LotOptions"/>, over
/// <see cref="ExposureCalculator"/>'s one tax formula), the formula, the rule and what is UNCERTAIN or not computed. A report of
/// its own so that <c>expiring</c> keeps the SPEC §6 columns and one row per lot. Totals per client and option lead the table
/// and XLSX. Columns in docs/cli.md.
/// </summary>
public sealed class OptionsReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "part", "client", "balance", "deadline", "days_left", ReportColumn.Enumerated("status", LotStates.Names),
        ReportColumn.Enumerated("alert_band", [.. LotStatus.AlertBandNames.Where(b => b.Length > 0)]), ReportColumn.Enumerated("option", LotOptions.Names),
        "clave", ReportColumn.Enumerated("available", ReportValues.YesNo), "cost_mxn", "cost_max_mxn", "basis", "rule", "note",
        "entry_date", "entry_clave", ReportColumn.Enumerated("fixed_asset", ReportValues.YesNo), "customs_value_mxn", "igi", "iva", "dta",
        "actualizacion", "recargos", "penalty_min", "penalty_max", ReportColumn.Enumerated("iva_creditable", ReportValues.YesNo), "missing",
    ];

    public static readonly IReadOnlyList<ReportColumn> SummaryColumns =
    [
        ReportColumn.Enumerated("client", [ExposureReport.AllClients]) with { Open = true }, ReportColumn.Enumerated("option", LotOptions.Names), "lots",
        "available", "cost_mxn", "cost_max_mxn", "incomplete",
    ];

    public string Name => "options";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    IReadOnlyList<ReportColumn> IReport.SummaryColumns => SummaryColumns;

    public string Description => "what each option would cost for the expiring or expired balances: return, transfer, change of regime, regularization, destruction";

    public IReadOnlyList<ReportOption> Options =>
    [
        new("within", "days ahead to include, as report expiring (default 90)"),
        new("iva-certified", "yes when the program is certified in IVA/IEPS (IVA then creditable); default no"),
        new("change-recargos", "no to leave recargos out of the change of regime before the deadline (art. 109: UNCERTAIN); default yes"),
    ];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var within = ExpiringCatalogReport.Within(context);
        var creditable = ExposureReport.YesNo(context, "iva-certified", false);
        var recargos = ExposureReport.YesNo(context, "change-recargos", true);
        var rows = Build(context.Store, context.AsOf, context.Client, within, creditable, recargos);
        return new ReportData(Columns, rows.Select(r => r.Cells).ToList()) { Summary = rows.Count == 0 ? null : Summary(rows) };
    }

    /// <summary>One report row: its cells and what the summary adds up.</summary>
    internal sealed record Row(object?[] Cells, string Client, OptionCost Cost);

    internal static List<Row> Build(
        Traza.Storage.ITrazaStore store, DateOnly asOf, string? client, int withinDays, bool ivaCreditable, bool changeRecargos)
    {
        var rates = ExposureInputs.Rates(store);
        var tables = ExposureInputs.Tables(store);
        var rows = new List<Row>();
        foreach (var lot in LotLedger.Lots(store, asOf, client))
        {
            // The rows of report expiring --within DAYS (BalancesReport.Expiring).
            if (lot.Status.State == LotState.Closed || lot.Status.DaysLeft is not { } days || days > withinDays)
            {
                continue;
            }

            var e = lot.Entry;
            var (input, value) = ExposureInputs.LotOf(e, lot.Part, lot.Deadline, lot.Balance, rates, ivaCreditable);
            var fixedAsset = ClaveTable.IsFixedAssetLot(e.Clave, lot.Kind);
            var priced = LotOptions.Price(input, asOf, tables, fixedAsset, changeRecargos);
            var t = priced.Taxes;
            foreach (var o in priced.Options)
            {
                var taxed = o.Available && o.Option is LotOption.ChangeRegime or LotOption.Regularize;
                var withRecargos = o.Option == LotOption.Regularize || changeRecargos;
                object?[] cells =
                [
                    e.Pedimento, (long)e.Partida, e.Part, e.Client, lot.Balance, lot.Deadline, (long)days, lot.Status.State.Name(),
                    lot.Status.AlertBandName, o.Name, o.Clave, o.Available ? "yes" : "no", o.CostMin, o.CostMax, o.Basis, o.Rule, o.Note,
                    e.Date, e.Clave, fixedAsset ? "yes" : "no",
                    taxed ? t.Value : null, taxed ? t.Igi : null, taxed ? t.Iva : null, taxed ? t.Dta : null, taxed ? t.Actualizacion : null,
                    taxed && withRecargos ? t.Recargos : null, o.PenaltyMin, o.PenaltyMax, taxed ? (t.IvaCreditable ? "yes" : "no") : null,
                    o.Available && (o.CostMin is null || taxed) && t.Missing.Count > 0 ? string.Join("; ", t.Missing) : null,
                ];
                rows.Add(new Row(cells, e.Client, o));
            }
        }

        return rows;
    }

    /// <summary>
    /// Totals per client and option, then over every client per option (client <c>(all)</c>) when there is more than one: the
    /// available options' costs add up what is known; <c>incomplete</c> counts available rows with an unknown cost.
    /// </summary>
    internal static ReportData Summary(IReadOnlyList<Row> rows)
    {
        var groups = rows.GroupBy(r => (r.Client, r.Cost.Option)).OrderBy(g => g.Key.Client, StringComparer.Ordinal).ThenBy(g => g.Key.Option)
            .Select(g => Total(g.Key.Client, g.Key.Option, [.. g]))
            .ToList();
        if (rows.Select(r => r.Client).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            groups.AddRange(rows.GroupBy(r => r.Cost.Option).OrderBy(g => g.Key).Select(g => Total(ExposureReport.AllClients, g.Key, [.. g])));
        }

        return new ReportData(SummaryColumns, groups);
    }

    private static object?[] Total(string client, LotOption option, List<Row> rows)
    {
        var available = rows.Where(r => r.Cost.Available).ToList();
        return
        [
            client, LotOptions.Name(option), (long)rows.Count, (long)available.Count, available.Sum(r => r.Cost.CostMin ?? 0m),
            available.Sum(r => r.Cost.CostMax ?? 0m), (long)available.Count(r => r.Cost.CostMin is null || r.Cost.CostMax is null),
        ];
    }
}
