using System.Globalization;

namespace Traza.Domain.Catalogs;

/// <summary>The <c>valid_from</c>/<c>valid_to</c> columns of the dated catalogs (<c>YYYY-MM-DD</c>, empty = open).</summary>
internal static class CatalogDates
{
    public static DateOnly Parse(string text, string file) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new InvalidOperationException($"{file}: bad date '{text}'");

    public static DateOnly? ParseOptional(string text, string file) => text.Length == 0 ? null : Parse(text, file);

    /// <summary>True when <paramref name="date"/> is within [from, to] (to empty = open). A null date means "any".</summary>
    public static bool InForce(DateOnly from, DateOnly? to, DateOnly? date) =>
        date is not { } d || (from <= d && (to is null || d <= to));
}
