using Traza.Storage;
using Traza.Formats.Reports;


namespace Traza.App.Reports;

/// <summary>
/// SPEC §6 <c>shortages</c>: one row per (client, exit_document, part), qty_missing summed over the document's lines;
/// for a destruction or donation event exit_document is its reference.
/// </summary>
public static class ShortagesReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns = ["exit_document", "exit_date", "part", "qty_missing", "client"];

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = store.Derived.Shortages(client)
            .Where(s => s.Date <= asOf)
            .GroupBy(s => (s.Client, s.Document, s.Part))
            .Select(g => new { g.Key.Client, g.Key.Document, g.Key.Part, Date = g.Min(s => s.Date), Qty = g.Sum(s => s.Qty) })
            .OrderBy(r => r.Date).ThenBy(r => r.Document, StringComparer.Ordinal).ThenBy(r => r.Part, StringComparer.Ordinal)
            .ThenBy(r => r.Client, StringComparer.Ordinal)
            .Select(r => new object?[] { r.Document, r.Date, r.Part, r.Qty, r.Client })
            .ToList();
        return new ReportData(Columns, rows);
    }
}
