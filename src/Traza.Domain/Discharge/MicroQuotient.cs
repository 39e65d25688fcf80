namespace Traza.Domain.Discharge;

/// <summary>
/// A fixed factor a/b of two decimals applied to micro-unit quantities in integers: the quantity × a / b rounded half away
/// from zero to a given number of decimals, as an integer of those units — what <c>Math.Round(qty * a / b, decimals,
/// MidpointRounding.AwayFromZero)</c> (or <c>qty * (a / b)</c>) gives, without a decimal division per quantity (a custody row
/// values 12.8 M allocations on <c>large</c>: SPEC §8).
/// </summary>
/// <remarks>
/// The decimal expressions round their intermediate products and quotients to 28–29 digits (or 28 decimals); the result here
/// is the exact quotient's. The two can differ only when the exact quotient lies within that rounding error of a half unit, so
/// <see cref="TryApply"/> declines quantities whose quotient is within 2⁻⁴⁰ of a half unit, or outside the ranges over which
/// that error is bounded below it (quantity under 2⁵⁰ micro-units, result under 2⁴⁸ units, b ≥ 10⁻⁶): the caller then
/// evaluates the decimal expression. Property: tests/Traza.Domain.Tests Discharge/MicroQuotientTests (== both decimal
/// expressions, ties and near-ties included).
/// </remarks>
public readonly struct MicroQuotient
{
    private const int MaxQuantityBits = 50;
    private const int MaxResultBits = 48;

    // A tie is declined when |2r − R| · 2^TieShift ≤ R: the exact quotient within 2^-(TieShift+1) of a half unit.
    private const int TieShift = 39;

    private static readonly UInt128 MaxUlong = ulong.MaxValue;

    private readonly ulong numerator;
    private readonly ulong denominator;

    private MicroQuotient(ulong numerator, ulong denominator)
    {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /// <summary>
    /// The factor <paramref name="a"/>/<paramref name="b"/> for results in units of 10^-<paramref name="decimals"/>; null
    /// when it has no exact 64-bit form here (a negative or zero b, a negative a, a b under 10⁻⁶, mantissas past 64 bits):
    /// the caller keeps the decimal expression.
    /// </summary>
    public static MicroQuotient? Of(decimal a, decimal b, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 18);
        if (a < 0m || b <= 0m || b < 0.000001m)
        {
            return null;
        }

        if (!Mantissa(a, out var am, out var aScale) || !Mantissa(b, out var bm, out var bScale))
        {
            return null;
        }

        // units = micro × am/10^aScale × 10^bScale/bm × 10^decimals / 10^6
        var ten = bScale + decimals - 6 - aScale;
        UInt128 p = am;
        UInt128 r = bm;
        if (!(ten >= 0 ? Scale(ref p, ten) : Scale(ref r, -ten)))
        {
            return null;
        }

        if (p == 0)
        {
            return new MicroQuotient(0, 1);
        }

        var gcd = Gcd(p, r);
        p /= gcd;
        r /= gcd;
        return p > MaxUlong || r > MaxUlong ? null : new MicroQuotient((ulong)p, (ulong)r);
    }

    /// <summary>
    /// <paramref name="micro"/> × a / b in units of 10^-decimals, rounded half away from zero; false when the exact result
    /// may differ from the decimal expression's (see the remarks), the quantity is negative, or this is the default value
    /// (no factor: every quantity declined).
    /// </summary>
    public bool TryApply(long micro, out long units)
    {
        units = 0;
        if (denominator == 0 || micro < 0 || micro >= 1L << MaxQuantityBits)
        {
            return false;
        }

        var high = Math.BigMul((ulong)micro, numerator, out var low);
        ulong q;
        ulong rem;
        if (high == 0)
        {
            (q, rem) = Math.DivRem(low, denominator);
        }
        else
        {
            var n = new UInt128(high, low);
            var wide = n / denominator;
            if (wide >= 1UL << MaxResultBits)
            {
                return false;
            }

            q = (ulong)wide;
            rem = (ulong)(n - (wide * denominator));
        }

        if (q >= 1UL << MaxResultBits)
        {
            return false;
        }

        // 2·rem against the denominator, in 128 bits (rem < denominator < 2^64).
        var twice = (UInt128)rem * 2;
        var distance = twice >= denominator ? twice - denominator : denominator - twice;
        if (distance << TieShift <= denominator)
        {
            return false;
        }

        units = (long)q + (twice >= denominator ? 1 : 0);
        return true;
    }

    private static bool Mantissa(decimal value, out ulong mantissa, out int scale)
    {
        Span<int> bits = stackalloc int[4];
        _ = decimal.GetBits(value, bits);
        mantissa = unchecked(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        scale = (bits[3] >> 16) & 0xFF;
        return bits[2] == 0;
    }

    private static bool Scale(ref UInt128 value, int powerOfTen)
    {
        for (var i = 0; i < powerOfTen; i++)
        {
            if (value > MaxUlong)
            {
                return false;
            }

            value *= 10;
        }

        return value <= MaxUlong;
    }

    private static UInt128 Gcd(UInt128 a, UInt128 b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
