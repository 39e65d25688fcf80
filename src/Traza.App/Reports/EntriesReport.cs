using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report entries</c>: one row per entry lot dated on or before the as-of date (columns in docs/cli.md).
/// qty_umt is the row's, else qty × umt_per_umc; customs_value_mxn the row's, else value_usd × exchange_rate, else value_usd × the
/// loaded DOF rate of the entry date (§3.4, <see cref="Traza.Domain.Exposure.CustomsValue.Of"/>);
/// discharged_before the lot's opening discharge (§3.4, empty when none), after the documented columns.
/// </summary>
public sealed class EntriesReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "clave", "date", "part", "client", "qty", "umc", "qty_umt", "umt", "value_usd", "customs_value_mxn",
        "exchange_rate", "origin", "preference", "invoice", "rectifies", "site", "batch", "line", "discharged_before",
        "reversed_by", "reversal_reason",
    ];

    public string Name => "entries";

    public string Description => "entry lots (pedimento partidas and NAC stock) dated on or before --as-of";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options => [ReportInputs.DocumentOption];

    /// <summary>Reads the ledger alone (rows dated on or before --as-of), never the stored discharge.</summary>
    public bool ReadsDischarge => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var document = ReportInputs.Document(context.Option("pedimento"));

        // SPEC §4.1: the listings show reversed rows too, with the reversal batch and its reason; a reversed lot's opening
        // moved with it (docs/architecture.md Decision 4), so openings are found by the batch and line both rows share.
        var openings = context.Store.Scans.OpeningsByLine();
        var entries = context.Store.LoadEntries(context.Client, context.AsOf, document).ToList();
        entries.AddRange(context.Store.LoadReversedEntries(context.Client, context.AsOf, document));
        entries.Sort(Compare);
        var parts = ListingParts.Of(context, document, entries.Select(e => (e.Client, e.Part)));
        var reversals = ReversalIndex.Of(context.Store, context.Client);
        var rates = ExposureInputs.Rates(context.Store);
        return new ReportData(Columns, entries.Select(object?[] (e) =>
        [
            .. Row(
                e with { DischargedBefore = openings.TryGetValue((e.BatchId, e.Line), out var d) ? d : null },
                parts.GetValueOrDefault((e.Client, e.Part)), rates),
            .. reversals.Columns(e),
        ]));
    }

    private static int Compare(EntryRecord a, EntryRecord b)
    {
        var c = string.CompareOrdinal(a.Client, b.Client);
        if (c == 0)
        {
            c = a.Date.CompareTo(b.Date);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Pedimento, b.Pedimento);
        }

        if (c == 0)
        {
            c = a.Partida.CompareTo(b.Partida);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Part, b.Part);
        }

        return c != 0 ? c : a.BatchId != b.BatchId ? a.BatchId.CompareTo(b.BatchId) : a.Line.CompareTo(b.Line);
    }

    private static object?[] Row(EntryRecord e, PartRecord? part, Traza.Domain.Exposure.ExchangeRates rates) =>
    [
        e.Pedimento, (long)e.Partida, e.Clave, e.Date, e.Part, e.Client, e.Qty, part?.Umc,
        e.QtyUmt ?? (part is null ? null : e.Qty * part.UmtPerUmc), part?.Umt, e.ValueUsd,
        ExposureInputs.CustomsValueOf(e, rates).Mxn, e.ExchangeRate, e.Origin, e.Preference, e.Invoice, e.Rectifies, e.Site,
        e.BatchId, e.Line, e.DischargedBefore,
    ];
}
