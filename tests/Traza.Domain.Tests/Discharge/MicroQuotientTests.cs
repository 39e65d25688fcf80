using CsCheck;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge;

/// <summary>
/// <see cref="MicroQuotient"/> is the integer twin of the two decimal expressions of a custody row (SPEC §6 custody, §8):
/// value_usd <c>Math.Round(qty * value / lotQty, 2, AwayFromZero)</c> and qty_umt <c>Math.Round(qty * ratio, 6, AwayFromZero)</c>
/// with <c>ratio = qtyUmt / lotQty</c> (or the part's factor). Whenever it gives a result, that result is the decimal
/// expression's — over quantities, prices and ratios of every size, exact half units and quotients a hair from one (where the
/// decimal's rounding to 28 digits and the exact quotient part ways), mantissas past 64 bits and zeros.
/// </summary>
public sealed class MicroQuotientTests
{
    private static readonly Gen<long> MicroQty = Gen.Frequency(
        (4, Gen.Long[0, 100_000_000_000]),
        (2, Gen.Long[0, 1_000]),
        (1, Gen.Long[0, long.MaxValue]),
        (1, Gen.OneOf(Gen.Const(0L), Gen.Const(1L), Gen.Const((1L << 50) - 1), Gen.Const(1L << 50), Gen.Const(long.MaxValue))));

    /// <summary>Decimals as amounts and quantities are written (0–6 places), wide and tiny mantissas, and 28-digit quotients.</summary>
    private static readonly Gen<decimal> Amount = Gen.Frequency(
        (6, from units in Gen.Long[0, 10_000_000_000] from scale in Gen.Byte[0, 6] select new decimal(units) / Pow10(scale)),
        (2, from n in Gen.Long[1, 1_000_000] from d in Gen.Long[1, 999_983] select (decimal)n / d),
        (1, from lo in Gen.Int from mid in Gen.Int from hi in Gen.Int from scale in Gen.Byte[0, 28]
            select new decimal(lo, mid, hi, false, scale)),
        (1, Gen.OneOf(0m, 1m, 1.000000m, 0.000001m, 0.0000001m, 0.0000000000000000000000000001m, -1m, 79228162514264337593543950335m)));

    public sealed record Case(long Micro, decimal A, decimal B)
    {
        public override string ToString() => $"micro {Micro}, a {A}, b {B}";
    }

    /// <summary>Random cases, and cases built so the exact quotient is a half unit or within 10⁻²⁰ of one.</summary>
    private static Gen<Case> Cases(int decimals) => Gen.Frequency(
        (3, from m in MicroQty from a in Amount from b in Amount select new Case(m, a, b)),
        (2, from m in Gen.Long[1, 100_000_000_000]
            from b in Amount
            from units in Gen.Long[0, 1_000_000_000]
            from nudge in Gen.OneOf(Gen.Const(0m), Gen.Const(0.00000000000000000001m), Gen.Const(-0.00000000000000000001m))
            select new Case(m, NearHalf(m, b, units, nudge, decimals), b)),
        (2, from m in Gen.Long[1_000_000_000, (1L << 50) - 1]
            from r in Gen.Long[100_000_000_000_000_000, 999_999_999_999_999_999]
            from above in Gen.Bool
            from aScale in Gen.Int[0, 6]
            select HairFromHalf(m, r | 1, above, aScale, decimals)));

    /// <summary>
    /// A case whose exact quotient is a half unit ± 1/(2R) for a denominator R of 18 digits — as near as 64-bit mantissas
    /// come to a tie without one — where the decimal expression's rounding to 28 digits can land on the half unit itself:
    /// a/b with R = b's mantissa and P = a's solving m·P ≡ (R ± 1)/2 (mod R).
    /// </summary>
    private static Case HairFromHalf(long micro, long r, bool above, int aScale, int decimals)
    {
        var modulus = new System.Numerics.BigInteger(r);
        var m = new System.Numerics.BigInteger(micro);
        if (System.Numerics.BigInteger.GreatestCommonDivisor(m, modulus) != 1)
        {
            return new Case(micro, 1m, 1m);
        }

        var target = (modulus + (above ? 1 : -1)) / 2;
        var p = target * Inverse(m, modulus) % modulus;

        // units = micro × a/b × 10^(decimals − 6) with a = P/10^aScale, b = R/10^bScale: no power of ten left when
        // bScale = aScale + 6 − decimals.
        var bScale = aScale + 6 - decimals;
        return bScale is < 0 or > 28
            ? new Case(micro, 1m, 1m)
            : new Case(micro, new decimal((long)p) / Pow10(aScale), new decimal(r) / Pow10(bScale));
    }

    /// <summary>The inverse of <paramref name="a"/> modulo <paramref name="modulus"/> (extended Euclid; they are coprime).</summary>
    private static System.Numerics.BigInteger Inverse(System.Numerics.BigInteger a, System.Numerics.BigInteger modulus)
    {
        var (r0, r1) = (a % modulus, modulus);
        var (s0, s1) = (System.Numerics.BigInteger.One, System.Numerics.BigInteger.Zero);
        while (r1 != 0)
        {
            var q = r0 / r1;
            (r0, r1) = (r1, r0 - (q * r1));
            (s0, s1) = (s1, s0 - (q * s1));
        }

        return ((s0 % modulus) + modulus) % modulus;
    }

    /// <summary>An a with micro/10⁶ × a / b ≈ (units + ½) × 10^-decimals + nudge, as far as a decimal can say it.</summary>
    private static decimal NearHalf(long micro, decimal b, long units, decimal nudge, int decimals)
    {
        try
        {
            return ((((units + 0.5m) / Pow10(decimals)) + nudge) * b / (micro / 1_000_000m)) is var a && a >= 0 ? a : 0m;
        }
        catch (OverflowException)
        {
            return 1m;
        }
    }

    private static decimal Pow10(int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static decimal? Plain(Func<decimal> expression)
    {
        try
        {
            return expression();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static void Check(Case c, int decimals, Func<decimal> plain, ref int taken, ref int declined)
    {
        if (MicroQuotient.Of(c.A, c.B, decimals) is not { } quotient || !quotient.TryApply(c.Micro, out var units))
        {
            Interlocked.Increment(ref declined);
            return;
        }

        Interlocked.Increment(ref taken);
        var expected = Plain(plain).ShouldNotBeNull("the decimal expression overflowed where the integers gave a result");
        (units / Pow10(decimals)).ShouldBe(expected, c.ToString());
    }

    [Fact]
    public void Value_in_cents_is_the_rounded_decimal_quotient_whenever_given()
    {
        var (taken, declined) = (0, 0);
        Cases(2).Sample(
            c => Check(c, 2, () => Math.Round(Micro.ToDecimal(c.Micro) * c.A / c.B, 2, MidpointRounding.AwayFromZero),
                ref taken, ref declined),
            iter: 200_000);
        taken.ShouldBeGreaterThan(10_000);
        declined.ShouldBeGreaterThan(1_000);
    }

    [Fact]
    public void Quantity_in_micro_units_is_the_rounded_decimal_product_by_the_ratio_whenever_given()
    {
        var (taken, declined) = (0, 0);
        Cases(6).Sample(
            c => Check(c, 6, () => Math.Round(Micro.ToDecimal(c.Micro) * (c.A / c.B), 6, MidpointRounding.AwayFromZero),
                ref taken, ref declined),
            iter: 200_000);
        taken.ShouldBeGreaterThan(10_000);
        declined.ShouldBeGreaterThan(1_000);
    }

    [Fact]
    public void Quantity_by_a_factor_alone_is_the_rounded_decimal_product_whenever_given()
    {
        var (taken, declined) = (0, 0);
        Gen.Select(MicroQty, Amount).Sample(
            (m, factor) => Check(new Case(m, factor, 1m), 6,
                () => Math.Round(Micro.ToDecimal(m) * factor, 6, MidpointRounding.AwayFromZero), ref taken, ref declined),
            iter: 100_000);
        taken.ShouldBeGreaterThan(10_000);
    }

    [Theory]
    [InlineData(1_500_000, "2", "3", 2, 100)]        // 1.5 × 2/3 = 1 exactly
    [InlineData(1, "0.5", "1", 6, 1)]                // 0.0000005 rounds away from zero... declined: an exact half unit
    [InlineData(2_000_000, "10.125", "1", 2, 2025)]  // 20.25 exactly
    [InlineData(1_000_000, "1", "3", 2, 33)]         // 0.333… → 0.33
    [InlineData(2_000_000, "1", "3", 2, 67)]         // 0.666… → 0.67
    public void Worked_examples(long micro, string a, string b, int decimals, long expected)
    {
        var quotient = MicroQuotient.Of(decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture), decimals).ShouldNotBeNull();
        if (quotient.TryApply(micro, out var units))
        {
            units.ShouldBe(expected);
        }
        else
        {
            // Only an exact half unit is declined among these.
            (micro, a).ShouldBe((1L, "0.5"));
        }
    }
}
