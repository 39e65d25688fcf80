using System.Globalization;
using Traza.Domain.Model;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import events</c> (SPEC §4.1, §3.5): key (client, date, type, part, reference, line).
/// </summary>
/// <remarks>
/// Waste disposals beyond the recorded waste balance (SPEC §3.5) need the discharge: the check belongs with it
/// and is not made here yet.
/// </remarks>
public sealed class EventsImport : ILayoutImport
{
    public string Layout => "events";

    public string Description => "events: date, type, part, qty, waste, reference, third_party, client, site";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new EventsReader(source, context.FileName);
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            context.RequirePart(client, row.Part.Value, row.Line, "part");
            var record = new EventRecord(client, row.Date, row.Type.Name(), row.Part.Value, row.Reference, row.Qty, row.Waste, row.ThirdParty, row.Site);
            context.Record(
                context.Batch.AddEvent(record, row.Line),
                row.Line,
                () => ImportService.Key(("client", client), ("date", row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("type", record.Type),
                    ("part", record.Part), ("reference", record.Reference), ("line", row.Line)));
        }
    }
}
