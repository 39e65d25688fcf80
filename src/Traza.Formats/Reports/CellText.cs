using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Formats.Reports;

/// <summary>
/// The text of a report cell per SPEC §6: invariant numbers with a <c>.</c> decimal point, no grouping, no exponent,
/// no trailing zeros; dates <c>YYYY-MM-DD</c> (both <see cref="CanonicalText"/>'s); null as "".
/// </summary>
public static class CellText
{
    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        string s => s,
        decimal d => CanonicalText.Decimal(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly date => CanonicalText.Date(date),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    public static bool IsNumber(object? cell) => cell is decimal or long or int;
}
