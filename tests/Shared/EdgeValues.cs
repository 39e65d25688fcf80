using CsCheck;

namespace Traza.Tests.Shared;

/// <summary>
/// Generators of the values that break text forms: empty text, separators, quotes, line breaks, unicode beyond the BMP,
/// decimals at the edges of <see cref="decimal"/> (tiny, huge, negative, with trailing zeros), integer limits and dates.
/// </summary>
internal static class EdgeValues
{
    private static readonly string[] Awkward =
    [
        "", " ", "a", "MAT-1", "a,b", "\"", "say \"hi\"", "line\nbreak", "cr\r\nlf", "\u001f", "tab\t", "ñandú", "漢字", "🎉 emoji",
        "trailing ", "=SUM(A1)", "0", "-0", "1e5", "NULL",
    ];

    /// <summary>Text: mostly awkward fixed strings, sometimes random unicode, sometimes long.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (6, Gen.OneOf(Awkward)),
        (3, Gen.String[Gen.Char, 0, 12]),
        (1, Gen.String[Gen.Char.AlphaNumeric, 200, 400]));

    /// <summary>Decimals: small quantities with trailing zeros, exact tiny and huge values, negatives, zero of any scale.</summary>
    public static Gen<decimal> Decimal { get; } = Gen.Frequency(
        (4, from units in Gen.Long[-1_000_000_000, 1_000_000_000] from scale in Gen.Byte[0, 9] select Scaled(units, scale)),
        (2, from lo in Gen.Int from mid in Gen.Int from hi in Gen.Int from negative in Gen.Bool from scale in Gen.Byte[0, 28]
            select new decimal(lo, mid, hi, negative, scale)),
        (1, Gen.OneOf(0m, -0m, 0.000m, 1.000000m, 10.100m, -0.050m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue)));

    public static Gen<long> Integer { get; } = Gen.Frequency(
        (4, Gen.Long[-5, 1_000]),
        (1, Gen.OneOf(0L, -1L, long.MinValue, long.MaxValue, int.MaxValue + 1L)),
        (1, Gen.Long));

    public static Gen<DateOnly> Date { get; } = Gen.Frequency(
        (4, Gen.Int[new DateOnly(2020, 1, 1).DayNumber, new DateOnly(2030, 12, 31).DayNumber].Select(DateOnly.FromDayNumber)),
        (1, Gen.OneOf(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29), new DateOnly(999, 12, 31))));

    /// <summary><paramref name="units"/> × 10^-scale, keeping the scale (trailing zeros) as written.</summary>
    private static decimal Scaled(long units, byte scale)
    {
        var magnitude = (ulong)Math.Abs(units);
        return new decimal(unchecked((int)(uint)magnitude), (int)(magnitude >> 32), 0, units < 0, scale);
    }
}
