using System.Globalization;

namespace Traza.Storage;

/// <summary>
/// The stored text forms: exact invariant decimals without trailing zeros or exponent, dates <c>YYYY-MM-DD</c>.
/// SQLite never aggregates these (SPEC §7); code parses them back exactly.
/// </summary>
public static class SqlText
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>The normalized invariant text of <paramref name="value"/>: "1.5", "-2", "0".</summary>
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

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object Value(decimal? value) => value is { } v ? Decimal(v) : DBNull.Value;

    public static object Value(DateOnly? value) => value is { } v ? Date(v) : DBNull.Value;

    public static object Value(string? value) => value is null ? DBNull.Value : value;

    public static object Value(int? value) => value is { } v ? (long)v : DBNull.Value;

    public static decimal ParseDecimal(string text) => decimal.Parse(text, DecimalStyle, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The canonical text of a stored value, for digests and content comparison: NULL is "".</summary>
    public static string Canonical(object? value) => value switch
    {
        null or DBNull => string.Empty,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
