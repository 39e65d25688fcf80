using System.Globalization;

namespace Traza.Formats.Reports;

/// <summary>
/// The text of a report cell per SPEC §6: invariant numbers with a <c>.</c> decimal point, no grouping, no exponent,
/// no trailing zeros; dates <c>YYYY-MM-DD</c>; null as "".
/// </summary>
public static class CellText
{
    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        string s => s,
        decimal d => Decimal(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    public static string Decimal(decimal value)
    {
        if (value == 0m)
        {
            return "0";
        }

        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text;
    }

    public static bool IsNumber(object? cell) => cell is decimal or long or int;
}
