using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import entries</c> (SPEC §4.1, §3.4): one lot per (client, pedimento, partida, part). Rows of one file with
/// the same key are one lot — qty, qty_umt, value_usd and customs_value_mxn summed — and must agree on clave and
/// date; the other fields are the first row's.
/// </summary>
public sealed class EntriesImport : ILayoutImport
{
    public string Layout => "entries";

    public string Description =>
        "entries: pedimento, partida, clave, date, part, qty, qty_umt, value_usd, customs_value_mxn, exchange_rate, origin, preference, " +
        "invoice, rectifies, client, site";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new EntriesReader(source, context.FileName);
        var lots = new Dictionary<(string Client, string Pedimento, int Partida, string Part), int>();
        var list = new List<EntryRecord>();
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            var part = context.RequirePart(client, row.Part.Value, row.Line, "part");
            var key = (client, row.Pedimento, row.Partida, row.Part.Value);
            if (!lots.TryGetValue(key, out var index))
            {
                lots[key] = list.Count;
                list.Add(new EntryRecord(client, row.Pedimento, row.Partida, row.Part.Value, row.Clave, row.Date, row.Qty, row.QtyUmt, row.ValueUsd,
                    row.CustomsValueMxn, row.ExchangeRate, row.Origin, row.Preference, row.Invoice, row.Rectifies, row.Site)
                { Line = row.Line });
                continue;
            }

            var lot = list[index];
            if (!string.Equals(lot.Clave, row.Clave, StringComparison.Ordinal))
            {
                throw context.Invalid(row.Line, "clave", $"clave {lot.Clave} as on line {lot.Line} for the same lot, found '{row.Clave}'");
            }

            if (lot.Date != row.Date)
            {
                throw context.Invalid(row.Line, "date",
                    $"date {lot.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} as on line {lot.Line} for the same lot, " +
                    $"found '{row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'");
            }

            try
            {
                list[index] = lot with
                {
                    Qty = lot.Qty + row.Qty,
                    QtyUmt = SumUmt(lot, row, part),
                    ValueUsd = Sum(lot.ValueUsd, row.ValueUsd),
                    CustomsValueMxn = Sum(lot.CustomsValueMxn, row.CustomsValueMxn),
                };
            }
            catch (OverflowException)
            {
                throw context.Invalid(row.Line, "qty", "quantities and values whose sum over the lot's rows fits a decimal (28 digits)");
            }
        }

        foreach (var lot in list)
        {
            context.Record(
                context.Batch.AddEntry(lot, lot.Line),
                lot.Line,
                () => ImportService.Key(("client", lot.Client), ("pedimento", lot.Pedimento), ("partida", lot.Partida), ("part", lot.Part)));
        }
    }

    private static decimal? Sum(decimal? a, decimal? b) => a is null && b is null ? null : (a ?? 0m) + (b ?? 0m);

    /// <summary>qty_umt summed; when only some rows give it, the others count qty × umt_per_umc (SPEC §3.4).</summary>
    private static decimal? SumUmt(EntryRecord lot, EntryRow row, PartRecord part)
    {
        if (lot.QtyUmt is null && row.QtyUmt is null)
        {
            return null;
        }

        var before = lot.QtyUmt ?? (lot.Qty * part.UmtPerUmc);
        return before + (row.QtyUmt ?? (row.Qty * part.UmtPerUmc));
    }
}
