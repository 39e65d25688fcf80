using System.Globalization;
using Traza.Domain.Model;
using Traza.Domain.Values;
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
        var boms = LoadBoms(context);
        var needs = boms.Count > 0 ? new ExitNeedCheck(context) : null; // loaded here: the reading thread never touches the store
        var disposals = new Dictionary<long, WasteBalanceCheck.Disposal>();
        var buffer = new RowBuffer(TableSpec.Exit.Columns); // the reading thread's, as is the digest
        var digest = context.Batch.DigestAhead(TableSpec.Exit);
        var exits = context.Appends<(ExitRecord Record, long Line)>(TableSpec.Exit, (x, result) =>
        {
            context.RequireOpen(result, x.Record.Date, x.Line);
            context.Record(
                result,
                x.Line,
                () => ImportService.Key(("client", x.Record.Client), ("pedimento", x.Record.Pedimento), ("partida", x.Record.Partida),
                    ("part", x.Record.Part)));
        });
        foreach (var (row, part, bomInForce, tooLarge, record, encoded) in
                 context.Rows(reader, row => Prepare(context, boms, needs, buffer, digest, row)))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            if (part is null || record is null)
            {
                throw context.UnknownPart(client, row.Part.Value, row.Line, "part");
            }

            if (!bomInForce)
            {
                var date = row.BomDate ?? row.Date;
                throw context.Invalid(row.Line, row.BomDate is null ? "date" : "bom_date",
                    $"a date on which a BOM version of product '{row.Part}' is in force, found " +
                    $"'{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'");
            }

            if (tooLarge is not null)
            {
                throw context.Invalid(row.Line, "qty", tooLarge);
            }

            if (TransferCounterparty.IsTransferExit(row.Clave))
            {
                CheckCounterparty(context, row);
            }

            exits.Add(encoded, row.Line, (record, row.Line));
            if (WasteDisposals.IsWasteExit(row.Clave, row.Case))
            {
                disposals[row.Line] = new(row.Line, client, row.Part.Value, row.Date, row.Qty);
            }
        }

        exits.Flush(); // the waste balances read this file's rows
        if (disposals.Count > 0)
        {
            WasteBalanceCheck.Run(context, disposals); // docs/cli.md "Waste": case DE disposes of at most the waste balance
        }
    }

    /// <summary>
    /// On the reading thread: the row's part; whether a part with BOM rows has a version in force on its bom_date (else
    /// its date) — true for a part without BOM rows (it discharges itself, SPEC §3.5); and the exit in stored form for
    /// the batch, added to the batch digest (null when the client has no such part: the consumer reports it in file
    /// order).
    /// </summary>
    private static (ExitRow Row, PartRecord? Part, bool BomInForce, string? TooLarge, ExitRecord? Record, EncodedRow Encoded) Prepare(
        ImportContext context, Dictionary<(string, string), List<BomRecord>> boms, ExitNeedCheck? needs, RowBuffer buffer, RowDigest digest,
        ExitRow row)
    {
        if (context.FindPart(row.Client.Value, row.Part.Value) is not { } part)
        {
            return (row, null, true, null, null, default);
        }

        var record = new ExitRecord(row.Client.Value, row.Pedimento, row.Partida, part.Part, row.Clave, row.Date, row.Qty, row.QtyUmt,
            row.ValueUsd, row.Destination, row.Counterparty, row.Case, row.BomDate, row.SourcePedimento, row.SourcePartida, row.Rectifies);
        var encoded = LedgerRows.Encode(record, buffer);
        digest.Add(encoded, row.Line);
        if (!boms.TryGetValue((row.Client.Value, row.Part.Value), out var versions))
        {
            return (row, part, true, null, record, encoded);
        }

        var date = row.BomDate ?? row.Date;
        foreach (var version in versions)
        {
            if (version.InForceOn(date))
            {
                return (row, part, true, needs?.TooLarge(row), record, encoded);
            }
        }

        return (row, part, false, null, record, encoded);
    }

    /// <summary>
    /// A V1/V5 exit names its counterparty by IMMEX number or RFC (Anexo 22 identifier V1, RGCE rule 4.3.21): a warning when
    /// it has none or the text is neither shape — never invalid input, since SPEC §4.1 makes the column optional and §3.1
    /// makes an IMMEX number free text (docs/cli.md, "Virtual transfers").
    /// </summary>
    private static void CheckCounterparty(ImportContext context, ExitRow row)
    {
        var party = TransferCounterparty.Classify(row.Counterparty);
        if (party.Kind == CounterpartyKind.None)
        {
            context.Warn(row.Line, "counterparty",
                $"a {row.Clave} exit names the receiving party's IMMEX number or RFC (identifier V1, RGCE 4.3.21); found none");
        }
        else if (party.Kind == CounterpartyKind.Other)
        {
            context.Warn(row.Line, "counterparty",
                $"a {row.Clave} exit names the receiving party's IMMEX number or RFC (identifier V1, RGCE 4.3.21); found '{row.Counterparty}', " +
                "neither an RFC nor an IMMEX number");
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
