using Traza.Domain.Catalogs;
using Traza.Domain.Model;

namespace Traza.Formats.Layouts;

/// <summary>
/// Reads an exits file (SPEC §4.1). Claves are checked against the dated claves table (§3.3; A1 only with case V;
/// case DE — waste — only with RT, H1, F4 or A3);
/// a pedimento is stored in 15 digits, another document as written.
/// </summary>
public sealed class ExitsReader(IRecordSource source, string fileName)
    : LayoutReader<ExitRow>(source, fileName, Columns, ["pedimento", "partida", "clave", "date", "part", "qty"])
{
    public static readonly IReadOnlyList<string> Columns =
        ["pedimento", "partida", "clave", "date", "part", "qty", "qty_umt", "value_usd", "destination", "counterparty", "case", "bom_date",
         "source_pedimento", "source_partida", "rectifies", "client"];

    protected override bool TryParse(out ExitRow row)
    {
        row = null!;
        if (!Required(0, out var document) || !Whole(1, true, out var partida) || !Required(2, out var claveText) || !Date(3, true, out var date))
        {
            return false;
        }

        var clave = claveText.ToUpperInvariant();
        var rule = ClaveTable.Find(MovementFile.Exits, clave, date!.Value);
        if (rule is null)
        {
            return Fail(2, $"a clave accepted in exits ({ClaveTable.Accepted(MovementFile.Exits)}), found '{claveText}'");
        }

        var exitCase = Optional(10)?.ToUpperInvariant();
        if (rule.Effect == ClaveEffect.DischargeCaseV && !string.Equals(exitCase, "V", StringComparison.Ordinal))
        {
            return Fail(10, $"case V with clave {clave} (IMMEX packaging and labels returned with national goods), found '{Text(10)}'");
        }

        if (string.Equals(exitCase, WasteDisposals.ExitCase, StringComparison.Ordinal) && !WasteDisposals.ExitClaves.Contains(clave))
        {
            return Fail(10, $"case DE (waste returned or changed to definitive import) only with clave {string.Join(", ", WasteDisposals.ExitClaves)}, " +
                $"found clave {clave}");
        }

        if (!Part(4, out var part)
            || !Decimal(5, true, NumberSign.Positive, out var qty)
            || !Decimal(6, false, NumberSign.Positive, out var qtyUmt)
            || !Decimal(7, false, NumberSign.NonNegative, out var usd)
            || !Date(11, false, out var bomDate)
            || !Pedimento(12, false, out var sourcePedimento)
            || !Whole(13, false, out var sourcePartida))
        {
            return false;
        }

        if (sourcePedimento is not null && string.Equals(exitCase, WasteDisposals.ExitCase, StringComparison.Ordinal))
        {
            return Fail(12, "no source_pedimento with case DE (waste is disposed of from its source lots in FIFO order)");
        }

        if (sourcePartida is not null && sourcePedimento is null)
        {
            return Fail(12, "a source_pedimento when source_partida is given");
        }

        string? rectifies = null;
        if (Optional(14) is { } r)
        {
            rectifies = Document(r);
        }

        if (!Client(15, out var client))
        {
            return false;
        }

        row = new ExitRow(Line, client, Document(document), partida!.Value, clave, date.Value, part, qty!.Value, qtyUmt, usd, Optional(8),
            Optional(9), exitCase, bomDate, sourcePedimento, sourcePartida, rectifies);
        return true;
    }
}
