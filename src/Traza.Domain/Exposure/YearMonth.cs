using System.Globalization;

namespace Traza.Domain.Exposure;

/// <summary>A calendar month (<c>YYYY-MM</c>): the key of the INPC and surcharges tables (SPEC §4.1, CFF art. 17-A and 21).</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public static YearMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>Parses <c>YYYY-MM</c>; null when the text is not a month from 0001-01 to 9999-12.</summary>
    public static YearMonth? Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length == 7 && t[4] == '-'
            && int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1
            && int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? new YearMonth(y, m)
            : null;
    }

    public YearMonth AddMonths(int months)
    {
        var index = checked((Year * 12) + (Month - 1) + months);
        return new YearMonth(index / 12, (index % 12) + 1);
    }

    /// <summary>Months from this one to <paramref name="other"/> (positive when <paramref name="other"/> is later).</summary>
    public int MonthsTo(YearMonth other) => ((other.Year * 12) + other.Month) - ((Year * 12) + Month);

    public int CompareTo(YearMonth other) => MonthsTo(other) > 0 ? -1 : MonthsTo(other) < 0 ? 1 : 0;

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
