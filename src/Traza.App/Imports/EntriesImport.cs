using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;
using Traza.Domain.Common;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import entries</c> (SPEC §4.1, §3.4): one lot per (client, pedimento, partida, part). Rows of one file with
/// the same key are one lot — qty, qty_umt, value_usd and customs_value_mxn summed — and must agree on clave and
/// date; the other fields are the first row's. A lot's opening discharge (SPEC §3.4 <c>discharged_before</c>) is summed like qty
/// and stored apart, in <c>entry_opening</c> at the lot's line (migration 0027), only when given and not 0; a key sent again with
/// another discharged_before (empty counts as 0) is a conflict like any other column.
/// </summary>
public sealed class EntriesImport : ILayoutImport
{
    public string Layout => "entries";

    public string Description =>
        "entries: pedimento, partida, clave, date, part, qty, qty_umt, value_usd, customs_value_mxn, exchange_rate, origin, preference, " +
        "invoice, rectifies, client, site, discharged_before";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new EntriesReader(source, context.FileName);
        // Lots whose key an earlier file holds, with the comparison of their first row (still valid while no other row
        // of this file adds to the lot).
        var earlier =
            new Dictionary<(string Client, string Pedimento, int Partida, string Part), (EntryRecord Lot, InsertResult? Compared)>();
        var buffer = new RowBuffer(TableSpec.Entry.Columns); // the reading thread's, as is the digest
        var openingBuffer = new RowBuffer(TableSpec.EntryOpening.Columns);
        var digest = context.Batch.DigestAhead(TableSpec.Entry);

        // Opening discharges follow their entry row once it is known to be inserted; read back (MergeOpening, CompareOpening)
        // only after the queue is flushed.
        var openings = context.Appends<long>(TableSpec.EntryOpening, static (line, result) =>
        {
            if (result.Outcome != InsertOutcome.Inserted)
            {
                throw new InvalidOperationException($"An opening discharge without its entry row holds the key of line {line}.");
            }
        });
        var entries = context.Appends<(EntryRecord Lot, PartRecord Part, EncodedRow Opening)>(TableSpec.Entry, (e, result) =>
        {
            var (lot, part, opening) = e;
            context.RequireOpen(result, lot.Date, lot.Line);
            if (result.Outcome == InsertOutcome.Inserted)
            {
                context.Record(result, lot.Line, () => string.Empty);
                if (!opening.IsEmpty)
                {
                    openings.Add(opening, lot.Line, lot.Line);
                }

                return;
            }

            var key = (lot.Client, lot.Pedimento, lot.Partida, lot.Part);
            if (result.ExistingBatchId == context.Batch.BatchId)
            {
                Merge(context, key, result.ExistingLine, lot, part);
                openings.Flush();
                MergeOpening(context, key, result.ExistingLine, lot);
            }
            else if (earlier.TryGetValue(key, out var waiting))
            {
                earlier[key] = (Sum(context, waiting.Lot, lot, part), null);
            }
            else
            {
                // An earlier file holds the key: compared once the lot has summed every row of this file.
                earlier[key] = (lot, result);
            }
        });
        var rows = context.Rows(reader, row => Prepare(context, buffer, openingBuffer, digest, row));
        foreach (var (row, part, lot, encoded, opening) in rows)
        {
            context.Batch.EnsureClient(row.Client.Value, row.Line);
            if (part is null || lot is null)
            {
                throw context.UnknownPart(row.Client.Value, row.Part.Value, row.Line, "part");
            }

            entries.Add(encoded, row.Line, (lot, part, opening));
        }

        entries.Flush();
        openings.Flush();
        foreach (var (lot, compared) in earlier.Values.OrderBy(l => l.Lot.Line))
        {
            context.Record(
                CompareOpening(context, lot, compared ?? context.Batch.AddEntry(lot, lot.Line)),
                lot.Line,
                () => ImportService.Key(("client", lot.Client), ("pedimento", lot.Pedimento), ("partida", lot.Partida), ("part", lot.Part)));
        }
    }

    /// <summary>
    /// On the reading thread: the row as a lot of its part, in stored form for the batch and added to the batch digest
    /// (null when the client has no such part: the consumer reports it in file order).
    /// </summary>
    private static (EntryRow Row, PartRecord? Part, EntryRecord? Lot, EncodedRow Encoded, EncodedRow Opening) Prepare(
        ImportContext context, RowBuffer buffer, RowBuffer openingBuffer, RowDigest digest, EntryRow row)
    {
        if (context.FindPart(row.Client.Value, row.Part.Value) is not { } part)
        {
            return (row, null, null, default, default);
        }

        var lot = new EntryRecord(row.Client.Value, row.Pedimento, row.Partida, part.Part, row.Clave, row.Date, row.Qty, row.QtyUmt,
            row.ValueUsd, row.CustomsValueMxn, row.ExchangeRate, row.Origin, row.Preference, row.Invoice, row.Rectifies, row.Site)
        { Line = row.Line, DischargedBefore = row.DischargedBefore };
        var encoded = LedgerRows.Encode(lot, buffer);
        digest.Add(encoded, row.Line);
        return (row, part, lot, encoded, lot.DischargedBefore is null ? default : LedgerRows.EncodeOpening(lot, openingBuffer));
    }

    /// <summary>
    /// A row's opening discharge added to its lot's, which an earlier row of this file stored (or not, when it had none).
    /// </summary>
    private static void MergeOpening(
        ImportContext context, (string Client, string Pedimento, int Partida, string Part) key, long firstLine, EntryRecord row)
    {
        if (row.DischargedBefore is not { } added)
        {
            return;
        }

        object[] keyValues = [key.Client, key.Pedimento, (long)key.Partida, key.Part];
        if (context.Batch.Find(TableSpec.EntryOpening, keyValues) is { } stored)
        {
            context.Batch.Replace(TableSpec.EntryOpening, keyValues,
                [("discharged_before", CanonicalText.Decimal(CanonicalText.ParseDecimal((string)stored.Content[0]) + added))]);
        }
        else
        {
            _ = context.Batch.AddOpening(row, firstLine); // at the lot's line, as its entry row
        }
    }

    /// <summary>
    /// An entry found identical to the stored lot of an earlier file is still a conflict when their opening discharges differ
    /// (none stored or none sent counts as 0).
    /// </summary>
    private static InsertResult CompareOpening(ImportContext context, EntryRecord lot, InsertResult entry)
    {
        if (entry.Outcome != InsertOutcome.Identical)
        {
            return entry;
        }

        var stored = context.Batch.Find(TableSpec.EntryOpening, [lot.Client, lot.Pedimento, (long)lot.Partida, lot.Part]) is { } found
            ? CanonicalText.ParseDecimal((string)found.Content[0])
            : 0m;
        return stored == (lot.DischargedBefore ?? 0m) ? entry : entry with { Outcome = InsertOutcome.Conflict };
    }

    /// <summary>A row whose key an earlier row of this file stored: summed into that lot (SPEC §3.4).</summary>
    private static void Merge(
        ImportContext context,
        (string Client, string Pedimento, int Partida, string Part) key,
        long firstLine,
        EntryRecord row,
        PartRecord part)
    {
        object[] keyValues = [key.Client, key.Pedimento, (long)key.Partida, key.Part];
        var c = context.Batch.Find(TableSpec.Entry, keyValues)!.Value.Content;
        var lot = new EntryRecord(key.Client, key.Pedimento, key.Partida, key.Part, (string)c[0], CanonicalText.ParseDate((string)c[1]),
            CanonicalText.ParseDecimal((string)c[2]), Dec(c[3]), Dec(c[4]), Dec(c[5]), null, null, null, null, null, null)
        { Line = firstLine };
        var sum = Sum(context, lot, row, part);
        context.Batch.Replace(TableSpec.Entry, keyValues,
        [
            ("qty", CanonicalText.Decimal(sum.Qty)), ("qty_umt", SqlText.Value(sum.QtyUmt)), ("value_usd", SqlText.Value(sum.ValueUsd)),
            ("customs_value_mxn", SqlText.Value(sum.CustomsValueMxn)),
        ]);
    }

    private static decimal? Dec(object value) => value is string s ? CanonicalText.ParseDecimal(s) : null;

    /// <summary>Adds a row to its lot: they must agree on clave and date (SPEC §4.1).</summary>
    private static EntryRecord Sum(ImportContext context, EntryRecord lot, EntryRecord row, PartRecord part)
    {
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

        var sum = lot with
        {
            Qty = lot.Qty + row.Qty,
            QtyUmt = SumUmt(lot, row, part),
            ValueUsd = Sum(lot.ValueUsd, row.ValueUsd),
            CustomsValueMxn = Sum(lot.CustomsValueMxn, row.CustomsValueMxn),
            DischargedBefore = Sum(lot.DischargedBefore, row.DischargedBefore),
        };

        // SPEC §4.1 bounds every number below 10^12; a lot summed from several rows is held to the same bound (the engine
        // keeps a lot's quantity in 64-bit micro-units).
        foreach (var (column, value) in (ReadOnlySpan<(string, decimal?)>)
                 [("qty", sum.Qty), ("qty_umt", sum.QtyUmt), ("value_usd", sum.ValueUsd), ("customs_value_mxn", sum.CustomsValueMxn),
                  ("discharged_before", sum.DischargedBefore)])
        {
            if (value >= LotLimit)
            {
                throw context.Invalid(row.Line, column,
                    $"a {column} that keeps the lot's sum over its rows (line {lot.Line} on) below 10^12, found a sum of " +
                    $"{value.Value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return sum;
    }

    private const decimal LotLimit = 1_000_000_000_000m;

    private static decimal? Sum(decimal? a, decimal? b) => a is null && b is null ? null : (a ?? 0m) + (b ?? 0m);

    /// <summary>qty_umt summed; when only some rows give it, the others count qty × umt_per_umc (SPEC §3.4).</summary>
    private static decimal? SumUmt(EntryRecord lot, EntryRecord row, PartRecord part)
    {
        if (lot.QtyUmt is null && row.QtyUmt is null)
        {
            return null;
        }

        var before = lot.QtyUmt ?? (lot.Qty * part.UmtPerUmc);
        return before + (row.QtyUmt ?? (row.Qty * part.UmtPerUmc));
    }
}
