using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Storage;

/// <summary>
/// Stored values as the ledger's keyed inserts take them: decimals and dates in <see cref="CanonicalText"/>'s form (SQLite
/// never aggregates these, SPEC §7; code parses them back exactly), NULL as <see cref="DBNull"/>.
/// </summary>
public static class SqlText
{
    public static object Value(decimal? value) => value is { } v ? CanonicalText.Decimal(v) : DBNull.Value;

    public static object Value(DateOnly? value) => value is { } v ? CanonicalText.Date(v) : DBNull.Value;

    public static object Value(string? value) => value is null ? DBNull.Value : value;

    public static object Value(int? value) => value is { } v ? (long)v : DBNull.Value;

    /// <summary>The canonical text of a stored value, for digests and content comparison: NULL is "".</summary>
    public static string Canonical(object? value) => value switch
    {
        null or DBNull => string.Empty,
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => CanonicalText.Decimal(m),
        DateOnly date => CanonicalText.Date(date),
        byte[] b => Convert.ToHexString(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
