using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary><c>traza import counts</c> (SPEC §4.1, §3.6): key (client, date, part, site).</summary>
public sealed class CountsImport : ILayoutImport
{
    public string Layout => "counts";

    public string Description => "counts: date, part, qty, site, client";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new CountsReader(source, context.FileName);
        var buffer = new RowBuffer(TableSpec.Count.Columns);
        var counts = context.Appends<(CountRecord Record, long Line)>(TableSpec.Count, (c, result) =>
        {
            context.RequireOpen(result, c.Record.Date, c.Line);
            context.Record(
                result,
                c.Line,
                () => ImportService.Key(("client", c.Record.Client), ("date", c.Record.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("part", c.Record.Part), ("site", c.Record.Site)));
        });
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            context.RequirePart(client, row.Part.Value, row.Line, "part");
            var record = new CountRecord(client, row.Date, row.Part.Value, row.Site, row.Qty);
            counts.Add(LedgerRows.Encode(record, buffer), row.Line, (record, row.Line));
        }

        counts.Flush();
    }
}
