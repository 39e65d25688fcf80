namespace Traza.Domain.Discharge;

/// <summary>
/// Exact integer arithmetic for the hot path: a quantity in micro-units times a factor is the need in micro-units,
/// rounded half away from zero (SPEC §3.5) — the same value decimal arithmetic gives, without decimal's cost. A
/// factor is held as an integer ratio (numerator over a power of ten); products that fit 64 bits use hardware
/// division, larger ones 128-bit arithmetic. Factors or quantities with more decimals than fit fall back to decimal.
/// </summary>
internal static class FixedPoint
{
    private const int MaxDecimals = 12;

    /// <summary><paramref name="value"/> as numerator / 10^decimals with the fewest decimals (at most 12); else null.</summary>
    public static (long Numerator, long Divisor)? Ratio(decimal value) => Ratio(value, 0);

    /// <summary>
    /// <paramref name="value"/> as numerator / 10^decimals with at least <paramref name="minDecimals"/> decimals (at most
    /// 12), when the numerator fits 64 bits; else null.
    /// </summary>
    public static (long Numerator, long Divisor)? Ratio(decimal value, int minDecimals)
    {
        var decimals = Math.Max(minDecimals, Decimals(value));
        if (decimals > MaxDecimals)
        {
            return null;
        }

        var divisor = Pow10(decimals);
        var scaled = value * divisor;
        return scaled == decimal.Truncate(scaled) && decimal.Abs(scaled) < long.MaxValue ? ((long)scaled, divisor) : null;
    }

    /// <summary>The number of significant decimals of <paramref name="value"/> (trailing zeros ignored).</summary>
    public static int Decimals(decimal value) => (value / 1.000000000000000000000000000000000m).Scale;

    /// <summary><paramref name="value"/> in micro-units when it has at most 6 decimals; else null.</summary>
    public static long? ExactMicro(decimal value)
    {
        var scaled = value * Micro.PerUnit;
        return scaled == decimal.Truncate(scaled) && decimal.Abs(scaled) < long.MaxValue ? (long)scaled : null;
    }

    /// <summary>round(<paramref name="value"/> × <paramref name="numerator"/> / <paramref name="divisor"/>), half away from zero; divisor &gt; 0.</summary>
    public static long MultiplyDivideRound(long value, long numerator, long divisor)
    {
        var high = Math.BigMul(value, numerator, out var low);
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return DivideRound(low, divisor);
        }

        return DivideRound((Int128)value * numerator, divisor);
    }

    /// <summary>round(numerator / denominator), half away from zero; denominator &gt; 0.</summary>
    public static long DivideRound(long numerator, long denominator)
    {
        var q = Math.DivRem(numerator, denominator, out var r);
        if (Math.Abs(r) >= denominator - Math.Abs(r))
        {
            q += numerator < 0 ? -1 : 1;
        }

        return q;
    }

    /// <summary>round(numerator / denominator), half away from zero; denominator &gt; 0.</summary>
    public static long DivideRound(Int128 numerator, Int128 denominator)
    {
        var quotient = Int128.DivRem(numerator, denominator);
        var q = quotient.Quotient;
        var twice = Int128.Abs(quotient.Remainder) * 2;
        if (twice >= denominator)
        {
            q += numerator < 0 ? -1 : 1;
        }

        return (long)q;
    }

    private static long Pow10(int decimals)
    {
        var result = 1L;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }
}
