using System.Globalization;
using Traza.Domain.Catalogs;

namespace Traza.Formats.Layouts;

/// <summary>
/// Reads an entries file (SPEC §4.1). Claves are checked against the dated claves table (§3.3); a pedimento is
/// stored in 15 digits, a NAC purchase document as written.
/// </summary>
public sealed class EntriesReader(IRecordSource source, string fileName)
    : LayoutReader<EntryRow>(source, fileName, Columns, ["pedimento", "partida", "clave", "date", "part", "qty"])
{
    public static readonly IReadOnlyList<string> Columns =
        ["pedimento", "partida", "clave", "date", "part", "qty", "qty_umt", "value_usd", "customs_value_mxn", "exchange_rate", "origin",
         "preference", "invoice", "rectifies", "client", "site", "discharged_before"];

    protected override bool TryParse(out EntryRow row)
    {
        row = null!;
        if (!Required(0, out var document) || !Whole(1, true, out var partida) || !Required(2, out var claveText) || !Date(3, true, out var date))
        {
            return false;
        }

        var clave = claveText.ToUpperInvariant();
        var rule = ClaveTable.Find(MovementFile.Entries, clave, date!.Value);
        if (rule is null)
        {
            return Fail(2, $"a clave accepted in entries ({ClaveTable.Accepted(MovementFile.Entries)}), found '{claveText}'");
        }

        string pedimento;
        if (rule.Effect == ClaveEffect.NationalStock)
        {
            // A NAC purchase document is kept as written and becomes a lot's key: a line break (a quoted CSV field pasted
            // with one) would break every list of lot keys; refused like any malformed value.
            if (document.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                return Fail(0, "a document on one line (no line break)");
            }

            pedimento = document;
        }
        else if (Pedimento(0, true, out var digits))
        {
            pedimento = digits!;
        }
        else
        {
            return false;
        }

        if (!Part(4, out var part)
            || !Decimal(5, true, NumberSign.Positive, out var qty)
            || !Decimal(6, false, NumberSign.Positive, out var qtyUmt)
            || !Decimal(7, false, NumberSign.NonNegative, out var usd)
            || !Decimal(8, false, NumberSign.NonNegative, out var mxn)
            || !Decimal(9, false, NumberSign.Positive, out var rate))
        {
            return false;
        }

        if (!Pedimento(13, false, out var rectifies) || !Client(14, out var client))
        {
            return false;
        }

        if (!DischargedBefore(16, qty!.Value, out var opening))
        {
            return false;
        }

        row = new EntryRow(Line, client, pedimento, partida!.Value, clave, date.Value, part, qty.Value, qtyUmt, usd, mxn, rate,
            Optional(10), Optional(11), Optional(12), rectifies, Optional(15))
        { DischargedBefore = opening };
        return true;
    }

    /// <summary>
    /// SPEC §3.4 <c>discharged_before</c>: at least 0, at most 6 decimals (the discharge's precision) and at most the row's own
    /// qty (so a lot summed over rows never opens with more discharged than entered); null when empty or 0.
    /// </summary>
    private bool DischargedBefore(int column, decimal qty, out decimal? opening)
    {
        opening = null;
        if (!Decimal(column, false, NumberSign.NonNegative, out var value))
        {
            return false;
        }

        if (value is not { } d)
        {
            return true;
        }

        if (decimal.Round(d, 6) != d)
        {
            return Fail(column, $"a decimal number of at least 0 with at most 6 decimals, found '{Span(column)}'");
        }

        if (d > qty)
        {
            return Fail(column, $"at most the row's qty ({qty.ToString(CultureInfo.InvariantCulture)}), found '{Span(column)}'");
        }

        opening = d == 0m ? null : d;
        return true;
    }
}
