using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report exits</c>: one row per exit line dated on or before the as-of date (columns in docs/cli.md).
/// qty_umt is the row's, else qty × umt_per_umc of the part.
/// </summary>
public sealed class ExitsReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "clave", "date", "part", "client", "qty", "umc", "qty_umt", "umt", "value_usd", "destination", "counterparty",
        "case", "bom_date", "source_pedimento", "source_partida", "rectifies", "batch", "line",
        "reversed_by", "reversal_reason",
    ];

    public string Name => "exits";

    public string Description => "exit lines (pedimentos and other documents) dated on or before --as-of";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options => [ReportInputs.DocumentOption];

    /// <summary>Reads the ledger alone (rows dated on or before --as-of), never the stored discharge.</summary>
    public bool ReadsDischarge => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var document = ReportInputs.Document(context.Option("pedimento"));

        // SPEC §4.1: the listings show reversed rows too, with the reversal batch and its reason.
        var exits = context.Store.LoadExits(context.Client, context.AsOf, document).ToList();
        exits.AddRange(context.Store.LoadReversedExits(context.Client, context.AsOf, document));
        exits.Sort(Compare);
        var parts = ListingParts.Of(context, document, exits.Select(x => (x.Client, x.Part)));
        var reversals = ReversalIndex.Of(context.Store, context.Client);
        return new ReportData(Columns, exits.Select(object?[] (x) => [.. Row(x, parts.GetValueOrDefault((x.Client, x.Part))), .. reversals.Columns(x)]));
    }

    private static int Compare(ExitRecord a, ExitRecord b)
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

    private static object?[] Row(ExitRecord x, PartRecord? part) =>
    [
        x.Pedimento, (long)x.Partida, x.Clave, x.Date, x.Part, x.Client, x.Qty, part?.Umc,
        x.QtyUmt ?? (part is null ? null : x.Qty * part.UmtPerUmc), part?.Umt, x.ValueUsd, x.Destination, x.Counterparty, x.Case, x.BomDate,
        x.SourcePedimento, x.SourcePartida is { } sp ? (long)sp : null, x.Rectifies, x.BatchId, x.Line,
    ];
}
