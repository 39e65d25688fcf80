using Traza.Domain.Model;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import parts</c> (SPEC §4.1): key (client, part); a client is created by the first row naming it (§3.2).
/// </summary>
public sealed class PartsImport : ILayoutImport
{
    public string Layout => "parts";

    public string Description => "parts: part, description, kind, fraccion, nico, umc, umt, umt_per_umc, origin, source, client";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new PartsReader(source, context.FileName);
        var buffer = new RowBuffer(TableSpec.Part.Columns);
        var parts = context.Appends<PartRecord>(TableSpec.Part, (record, result) =>
            context.Record(result, record.Line, () => ImportService.Key(("client", record.Client), ("part", record.Part))));
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            var record = new PartRecord(client, row.Part.Value, row.Description, row.Kind.Name(), row.Fraccion?.Code, row.Nico?.Code,
                row.Umc.ToString(), row.Umt.ToString(), row.UmtPerUmc, row.Origin, row.National ? "national" : "imported")
            { Line = row.Line };
            parts.Add(LedgerRows.Encode(record, buffer), row.Line, record);
            context.Parts.TryAdd((client, record.Part), record);
        }

        parts.Flush();
    }
}
