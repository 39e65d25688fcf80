using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Catalogs;
using Traza.Domain.Exposure;
using Traza.Domain.Model;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report usmca --period YYYY-MM</c> (issue 14 item 5; regulatory.md §4.3, §6.4): the T-MEC art. 2.5 IGI on the
/// non-originating inputs of the exports to the United States or Canada dated in that month — one row per export line and
/// input lot, from the stored discharge's allocations (<see cref="CustodyReport.Lines"/>), priced by <see cref="Usmca"/> over
/// <see cref="ExposureCalculator"/>'s IGI; the lesser-of amount when <c>--destination-duty-pct</c> gives the duty paid in the
/// destination; the due date of the CT (60 days after the export) and its contribution codes. Totals per client lead the table
/// and XLSX. Columns in docs/cli.md.
/// </summary>
public sealed class UsmcaReport : IReport
{
    /// <summary><c>originating</c>: yes, no, or excepted (RGCE rule 1.6.14).</summary>
    private static readonly IReadOnlyList<string> Originating = ["yes", "no", "excepted"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "export_document", "export_partida", "export_date", "product", "destination", "client", "component", "entry_pedimento",
        "entry_partida", "entry_date", "origin", "preference", ReportColumn.Enumerated("originating", Originating), "qty", "customs_value_mxn", "igi_pct", "igi", "amount_due",
        "due_date", "contribution", "rule",
        "export_igi", "export_value_mxn", "destination_duty_pct", "destination_duty", "lesser_of", "export_amount_due",
        "recargos_contribution", "days_to_due", "note", "missing",
    ];

    public static readonly IReadOnlyList<ReportColumn> SummaryColumns =
    [
        ReportColumn.Enumerated("client", [ExposureReport.AllClients]) with { Open = true }, "exports", "inputs", "non_originating", "igi",
        "amount_due", "incomplete",
    ];

    /// <summary>The export claves counted by default: RT, the return of goods made under the program (H1, same-state, is excepted).</summary>
    public static readonly IReadOnlyList<string> DefaultClaves = ["RT"];

    public string Name => "usmca";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    IReadOnlyList<ReportColumn> IReport.SummaryColumns => SummaryColumns;

    public string Description => "T-MEC art. 2.5: IGI on the non-originating inputs of the month's exports to USA/CAN, due 60 days after each export";

    public IReadOnlyList<ReportOption> Options =>
    [
        new("period", "the month of the exports, YYYY-MM (default: the month of --as-of)"),
        new("destination-duty-pct", "the ad valorem duty (%) the exported goods paid in the USA/CAN, for the lesser-of rule; default none"),
        new("claves", "the export claves counted, comma-separated (default RT)"),
    ];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Option("period");
        var period = YearMonth.Of(context.AsOf);
        if (!string.IsNullOrWhiteSpace(text))
        {
            // Months of the years every input date may have (2000–2099, SPEC §4.1): 9999-12 ran past DateOnly's last day.
            period = YearMonth.Parse(text.Trim()) is { Year: >= 2000 and <= 2099 } month
                ? month
                : throw AppException.Usage($"option --period: a month YYYY-MM from 2000-01 to 2099-12, found '{text}'");
        }

        decimal? pct = null;
        if (context.Option("destination-duty-pct") is { } dutyText && !string.IsNullOrWhiteSpace(dutyText))
        {
            pct = decimal.TryParse(dutyText.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) && p <= 1000m
                ? p
                : throw AppException.Usage($"option --destination-duty-pct: a percentage from 0 to 1000, found '{dutyText}'");
        }

        var claves = context.Option("claves") is { } c && !string.IsNullOrWhiteSpace(c)
            ? c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToUpperInvariant()).ToHashSet()
            : DefaultClaves.ToHashSet();
        var rows = Build(context.Store, context.AsOf, context.Client, period, pct, claves);
        return new ReportData(Columns, rows.Select(r => r.Cells).ToList()) { Summary = rows.Count == 0 ? null : Summary(rows) };
    }

    /// <summary>One report row: its cells and what the summary adds up.</summary>
    internal sealed record Row(object?[] Cells, string Client, long Movement, UsmcaInputFigures Input);

    internal static List<Row> Build(
        ITrazaStore store, DateOnly asOf, string? client, YearMonth period, decimal? destinationDutyPct, IReadOnlySet<string> claves)
    {
        ArgumentNullException.ThrowIfNull(store);
        var first = new DateOnly(period.Year, period.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var exports = store.LoadExits(client, asOf)
            .Where(x => x.Date >= first && x.Date <= last && claves.Contains(x.Clave) && Usmca.IsDestination(x.Destination))
            .ToDictionary(x => PackedAllocation.MovementId(x.BatchId, x.Line));
        var rows = new List<Row>();
        if (exports.Count == 0)
        {
            return rows;
        }

        // The allocations of those exit documents, kept for the export lines themselves (a document's other lines may go elsewhere).
        var lots = new Dictionary<(long Movement, string Client, string Part, string Pedimento, int Partida), (decimal Qty, DateOnly? EntryDate)>();
        foreach (var line in CustodyReport.Lines(store, asOf, client, new CustodyFilter(Exits: [.. exports.Values.Select(x => x.Pedimento).Distinct()])))
        {
            if (!exports.ContainsKey(line.Movement))
            {
                continue;
            }

            var key = (line.Movement, line.Client, line.Component, line.EntryPedimento, line.EntryPartida);
            lots[key] = lots.TryGetValue(key, out var sum) ? (sum.Qty + line.Qty, sum.EntryDate ?? line.Entry?.Date) : (line.Qty, line.Entry?.Date);
        }

        // The lots' full entry rows (custody's point reads carry the lean columns only), as lots see them (SPEC §3.8).
        var entries = LedgerRectifications.Read(store, asOf).AsLots(store.LoadEntries(client, asOf))
            .ToDictionary(e => (e.Client, e.Pedimento, e.Partida, e.Part));
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var rates = ExposureInputs.Rates(store);
        var tables = ExposureInputs.Tables(store);
        var ordered = exports.OrderBy(x => x.Value.Date).ThenBy(x => x.Value.Pedimento, StringComparer.Ordinal).ThenBy(x => x.Value.Partida)
            .ThenBy(x => x.Value.Part, StringComparer.Ordinal).ThenBy(x => x.Value.Client, StringComparer.Ordinal).ThenBy(x => x.Key);
        var byMovement = lots.GroupBy(l => l.Key.Movement).ToDictionary(
            g => g.Key,
            g => g.OrderBy(l => l.Key.Part, StringComparer.Ordinal).ThenBy(l => l.Value.EntryDate).ThenBy(l => l.Key.Pedimento, StringComparer.Ordinal)
                .ThenBy(l => l.Key.Partida).ToList());
        foreach (var (movement, x) in ordered)
        {
            if (!byMovement.TryGetValue(movement, out var inputs))
            {
                continue; // nothing imported allocated (national parts, or a shortage)
            }

            var shares = inputs.ConvertAll(l => Input(l.Key.Client, l.Key.Part, l.Value.Qty,
                entries.GetValueOrDefault((l.Key.Client, l.Key.Pedimento, l.Key.Partida, l.Key.Part)), parts, rates));
            var value = CustomsValue.Of(null, x.ValueUsd, null, x.Date, rates).Mxn is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : (decimal?)null;
            var assessed = Usmca.Assess(x.Date, shares, tables, value, destinationDutyPct);
            for (var i = 0; i < inputs.Count; i++)
            {
                var (key, qty) = (inputs[i].Key, inputs[i].Value.Qty);
                var f = assessed.Inputs[i];
                var lot = f.Input.Lot;
                object?[] cells =
                [
                    x.Pedimento, (long)x.Partida, x.Date, x.Part, x.Destination?.Trim().ToUpperInvariant(), x.Client, key.Part, key.Pedimento,
                    (long)key.Partida, inputs[i].Value.EntryDate, lot.Origin, lot.Preference, f.Input.Exception is null ? (f.Originating ? "yes" : "no") : "excepted",
                    qty, f.Value, f.IgiPct, f.Igi, f.AmountDue, assessed.DueDate, Usmca.IgiContribution, f.Rule,
                    assessed.Igi, value, destinationDutyPct, assessed.DestinationDuty, assessed.LesserOf, assessed.AmountDue,
                    Usmca.RecargosContribution, (long)(assessed.DueDate.DayNumber - asOf.DayNumber), assessed.Note,
                    f.Missing.Length == 0 ? null : f.Missing,
                ];
                rows.Add(new Row(cells, x.Client, movement, f));
            }
        }

        return rows;
    }

    /// <summary>
    /// One input lot's share of an export: the lot valued as SPEC §3.4 with its balance set to the quantity allocated; NAC stock,
    /// fixed-asset lots and containers and packaging are excepted (RGCE rule 1.6.14; regulatory.md §6.4).
    /// </summary>
    private static UsmcaInput Input(
        string client, string part, decimal qty, EntryRecord? entry, Dictionary<(string, string), PartRecord> parts, ExchangeRates rates)
    {
        parts.TryGetValue((client, part), out var p);
        p ??= new PartRecord(client, part, null, string.Empty, null, null, string.Empty, string.Empty, 1m, null, string.Empty);
        if (entry is null)
        {
            return new UsmcaInput(new ExposureLot(DateOnly.MinValue, null, qty, qty, null, p.Fraccion, p.Nico, p.Origin, null, false), "no entry found for the lot");
        }

        var (lot, _) = ExposureInputs.LotOf(entry, p, null, qty, rates, false);
        _ = PartKinds.TryParse(p.Kind, out var kind);
        var exception = entry.Clave == "NAC" ? "national stock (NAC), not imported"
            : ClaveTable.IsFixedAssetLot(entry.Clave, kind) ? "fixed asset (Ley Aduanera art. 108-III), not incorporated in the goods"
            : kind is PartKind.Packaging or PartKind.Container ? "containers and packaging"
            : null;
        return new UsmcaInput(lot, exception);
    }

    /// <summary>Totals per client, then over every client (<c>(all)</c>) when there is more than one.</summary>
    internal static ReportData Summary(IReadOnlyList<Row> rows)
    {
        var groups = rows.GroupBy(r => r.Client).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Total(g.Key, [.. g])).ToList();
        if (groups.Count > 1)
        {
            groups.Add(Total(ExposureReport.AllClients, [.. rows]));
        }

        return new ReportData(SummaryColumns, groups);
    }

    private static object?[] Total(string client, List<Row> rows) =>
    [
        client, (long)rows.Select(r => r.Movement).Distinct().Count(), (long)rows.Count,
        (long)rows.Count(r => r.Input.Input.Exception is null && !r.Input.Originating), rows.Sum(r => r.Input.Igi ?? 0m),
        rows.Sum(r => r.Input.AmountDue ?? 0m), (long)rows.Count(r => r.Input.Igi is null),
    ];
}
