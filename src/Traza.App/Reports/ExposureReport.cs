using Traza.Domain.Exposure;
using Traza.Domain.Terms;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report exposure</c> (SPEC §3.9, §6; issue 14 item 4): for every lot whose status at D is <c>expiring</c> or
/// <c>expired</c>, three rows — <c>regularize</c>, <c>authority</c>, <c>missing</c> — with the balance's share of the customs
/// value, IGI, IVA, DTA, actualización, recargos and the penalty range, each traceable: the §6 columns, then what every figure
/// rests on (tariff or partners row, INPC months and indexes, factor, surcharge months, penalty rule, what is missing). The lots
/// are the <c>balances</c> lots (<see cref="LotLedger.Lots"/>), so the as-of rule and the statuses are the same. Totals per
/// client and scenario lead the table and XLSX (<see cref="ReportData.Summary"/>). Columns in docs/cli.md.
/// </summary>
public sealed class ExposureReport : IReport
{
    /// <summary><c>penalty_basis</c>: how the applied penalty rule counts (<see cref="PenaltyBasis"/>).</summary>
    private static readonly IReadOnlyList<string> PenaltyBases = [.. Enum.GetValues<PenaltyBasis>().Select(Basis)];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "part", "client", "balance", "customs_value_mxn", ReportColumn.Enumerated("scenario", ReportValues.Scenarios), "igi", "iva", "dta", "actualizacion",
        "recargos", "penalty_min", "penalty_max", "rule",
        "entry_date", "deadline", ReportColumn.Enumerated("status", LotStates.Names), "days_late", "lapse_date", "fraccion", "nico", "origin", "preference", "qty_entered",
        "lot_customs_value_mxn", ReportColumn.Enumerated("value_source", ReportValues.ValueSources), "exchange_rate", "rate_date", "igi_pct", "igi_rule", "dta_per_mil", "iva_pct",
        ReportColumn.Enumerated("iva_creditable", ReportValues.YesNo), "inpc_entry_month", "inpc_entry", "inpc_month", "inpc", "factor", "surcharge_months", "surcharge_pct",
        ReportColumn.Enumerated("penalty_basis", PenaltyBases), "penalty_rule_from", "penalty_periods", "uncertain", "missing",
    ];

    public static readonly IReadOnlyList<ReportColumn> SummaryColumns =
    [
        ReportColumn.Enumerated("client", [AllClients]) with { Open = true }, ReportColumn.Enumerated("scenario", ReportValues.Scenarios), "lots",
        "customs_value_mxn", "igi", "iva", "dta", "actualizacion", "recargos", "penalty_min", "penalty_max",
        "total_min", "total_max", "incomplete",
    ];

    /// <summary>The summary's <c>client</c> for the totals over every client.</summary>
    public const string AllClients = "(all)";

    public string Name => "exposure";

    public string Description => "what each expiring or expired balance would cost in MXN: regularize, authority, missing";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    IReadOnlyList<ReportColumn> IReport.SummaryColumns => SummaryColumns;

    public IReadOnlyList<ReportOption> Options =>
        [new("iva-certified", "yes when the program is certified in IVA/IEPS (IVA then creditable); default no")];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = Build(context.Store, context.AsOf, context.Client, YesNo(context, "iva-certified", false));
        return new ReportData(Columns, rows.Select(r => r.Cells).ToList()) { Summary = rows.Count == 0 ? null : Summary(rows) };
    }

    /// <summary>A yes/no option (<c>--iva-certified</c>, <c>report options --change-recargos</c>); <paramref name="otherwise"/> when not given.</summary>
    internal static bool YesNo(ReportContext context, string option, bool otherwise) =>
        context.Option(option) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim().ToLowerInvariant() switch
            {
                "yes" or "true" => true,
                "no" or "false" => false,
                _ => throw AppException.Usage($"option --{option}: yes or no, found '{text}'"),
            }
            : otherwise;

    /// <summary>One report row: its cells and the figures the summary adds up.</summary>
    internal sealed record Row(object?[] Cells, string Client, ExposureScenario Scenario, TaxFigures Taxes, ScenarioFigures Figures);

    internal static List<Row> Build(Traza.Storage.ITrazaStore store, DateOnly asOf, string? client, bool ivaCreditable)
    {
        var rates = ExposureInputs.Rates(store);
        var tables = ExposureInputs.Tables(store);
        var rows = new List<Row>();
        foreach (var lot in LotLedger.Lots(store, asOf, client))
        {
            if (lot.Status.State is not (LotState.Expiring or LotState.Expired))
            {
                continue;
            }

            var e = lot.Entry;
            var (input, value) = ExposureInputs.LotOf(e, lot.Part, lot.Deadline, lot.Balance, rates, ivaCreditable);
            var origin = input.Origin;
            var x = ExposureCalculator.Assess(input, asOf, tables);
            var t = x.Taxes;
            foreach (var s in x.Scenarios)
            {
                object?[] cells =
                [
                    e.Pedimento, (long)e.Partida, e.Part, e.Client, lot.Balance, t.Value, PenaltyRules.Name(s.Scenario), t.Igi, t.Iva, t.Dta,
                    t.Actualizacion, t.Recargos, s.PenaltyMin, s.PenaltyMax, s.Rule,
                    e.Date, lot.Deadline, lot.Status.State.Name(), (long)s.DaysLate, x.LapseDate, lot.Part.Fraccion, lot.Part.Nico, origin,
                    e.Preference, e.Qty, value.Mxn, value.SourceName, value.Rate, value.RateDate, t.IgiPct, t.IgiRule,
                    ExposureCalculator.DtaPerMil, ExposureCalculator.IvaPct, t.IvaCreditable ? "yes" : "no",
                    t.InpcEntryMonth.ToString(), t.InpcEntry, t.InpcAsOfMonth.ToString(), t.InpcAsOf,
                    t.Factor is { } f ? Math.Round(f, 10, MidpointRounding.AwayFromZero) : null,
                    t.SurchargeMonths.Count == 0 ? null : $"{t.SurchargeMonths[0]}..{t.SurchargeMonths[^1]}", t.SurchargePct,
                    s.Applied is { } a ? Basis(a.Basis) : null, s.Applied?.ValidFrom, s.Periods is { } p ? (long)p : null,
                    s.Applied?.Uncertain is { Length: > 0 } u ? u : null, t.Missing.Count == 0 ? null : string.Join("; ", t.Missing),
                ];
                rows.Add(new Row(cells, e.Client, s.Scenario, t, s));
            }
        }

        return rows;
    }

    /// <summary>
    /// Totals per client and scenario, then over every client per scenario (<see cref="AllClients"/>): amounts add up what is
    /// known; <c>incomplete</c> counts the rows with an empty amount, whose totals are therefore lower bounds.
    /// </summary>
    internal static ReportData Summary(IReadOnlyList<Row> rows)
    {
        var groups = rows.GroupBy(r => (r.Client, r.Scenario)).OrderBy(g => g.Key.Client, StringComparer.Ordinal).ThenBy(g => g.Key.Scenario)
            .Select(g => Total(g.Key.Client, g.Key.Scenario, g.ToList()))
            .ToList();
        if (rows.Select(r => r.Client).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            groups.AddRange(rows.GroupBy(r => r.Scenario).OrderBy(g => g.Key).Select(g => Total(AllClients, g.Key, g.ToList())));
        }

        return new ReportData(SummaryColumns, groups);
    }

    private static object?[] Total(string client, ExposureScenario scenario, List<Row> rows)
    {
        decimal Sum(Func<Row, decimal?> amount) => rows.Sum(r => amount(r) ?? 0m);
        var (value, igi, iva, dta) = (Sum(r => r.Taxes.Value), Sum(r => r.Taxes.Igi), Sum(r => r.Taxes.Iva), Sum(r => r.Taxes.Dta));
        var (act, rec) = (Sum(r => r.Taxes.Actualizacion), Sum(r => r.Taxes.Recargos));
        var (min, max) = (Sum(r => r.Figures.PenaltyMin), Sum(r => r.Figures.PenaltyMax));
        var incomplete = rows.Count(r => r.Taxes.Value is null || r.Taxes.Igi is null || r.Taxes.Iva is null || r.Taxes.Dta is null
            || r.Taxes.Actualizacion is null || r.Taxes.Recargos is null || r.Figures.PenaltyMin is null || r.Figures.PenaltyMax is null);
        var taxes = igi + iva + dta + act + rec;
        return
        [
            client, PenaltyRules.Name(scenario), (long)rows.Count, value, igi, iva, dta, act, rec, min, max, taxes + min, taxes + max,
            (long)incomplete,
        ];
    }

    private static string Basis(PenaltyBasis basis) => basis switch
    {
        PenaltyBasis.Per15Days => "per_15_days",
        PenaltyBasis.PctOfTaxes => "pct_of_taxes",
        _ => "pct_of_value",
    };
}
