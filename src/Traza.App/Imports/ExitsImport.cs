using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import exits</c> (SPEC §4.1, §3.5): key (client, pedimento, partida, part). An exit of a part that has BOM
/// rows but none in force on its bom_date (else its date) is invalid input.
/// </summary>
public sealed class ExitsImport : ILayoutImport
{
    public string Layout => "exits";

    public string Description =>
        "exits: pedimento, partida, clave, date, part, qty, qty_umt, value_usd, destination, counterparty, case, bom_date, " +
        "source_pedimento, source_partida, rectifies, client";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new ExitsReader(source, context.FileName);
        Dictionary<(string Client, string Product), List<BomRecord>>? boms = null;
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            context.RequirePart(client, row.Part.Value, row.Line, "part");
            boms ??= LoadBoms(context);
            if (boms.TryGetValue((client, row.Part.Value), out var versions))
            {
                var date = row.BomDate ?? row.Date;
                if (!versions.Exists(v => v.InForceOn(date)))
                {
                    throw context.Invalid(row.Line, row.BomDate is null ? "date" : "bom_date",
                        $"a date on which a BOM version of product '{row.Part}' is in force, found " +
                        $"'{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'");
                }
            }

            var record = new ExitRecord(client, row.Pedimento, row.Partida, row.Part.Value, row.Clave, row.Date, row.Qty, row.QtyUmt, row.ValueUsd,
                row.Destination, row.Counterparty, row.Case, row.BomDate, row.SourcePedimento, row.SourcePartida, row.Rectifies);
            context.Record(
                context.Batch.AddExit(record, row.Line),
                row.Line,
                () => ImportService.Key(("client", client), ("pedimento", record.Pedimento), ("partida", record.Partida), ("part", record.Part)));
        }
    }

    private static Dictionary<(string, string), List<BomRecord>> LoadBoms(ImportContext context)
    {
        var result = new Dictionary<(string, string), List<BomRecord>>();
        foreach (var row in context.Store.LoadBom())
        {
            if (!result.TryGetValue((row.Client, row.Product), out var list))
            {
                result[(row.Client, row.Product)] = list = [];
            }

            list.Add(row);
        }

        return result;
    }
}
