namespace Traza.Domain.Discharge;

/// <summary>
/// Exact integer arithmetic for the hot path: a quantity in micro-units times a factor scaled by 10¹² is the
/// need in micro-units, rounded half away from zero (SPEC §3.5) — the same value as decimal arithmetic gives, without
/// decimal's cost. Factors or quantities with more decimals than fit fall back to decimal.
/// </summary>
internal static class FixedPoint
{
    public const long FactorScale = 1_000_000_000_000;

    /// <summary><paramref name="value"/> × 10¹² when that is an integer that fits; else null.</summary>
    public static Int128? ScaleFactor(decimal value)
    {
        var scaled = value * FactorScale;
        return scaled == decimal.Truncate(scaled) && decimal.Abs(scaled) < 1e27m ? (Int128)scaled : null;
    }

    /// <summary><paramref name="value"/> in micro-units when it has at most 6 decimals; else null.</summary>
    public static long? ExactMicro(decimal value)
    {
        var scaled = value * Micro.PerUnit;
        return scaled == decimal.Truncate(scaled) && decimal.Abs(scaled) < long.MaxValue ? (long)scaled : null;
    }

    /// <summary>round(micro × scaledFactor / 10¹²), half away from zero.</summary>
    public static long MultiplyRound(long micro, Int128 scaledFactor) => DivideRound((Int128)micro * scaledFactor, FactorScale);

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
}
