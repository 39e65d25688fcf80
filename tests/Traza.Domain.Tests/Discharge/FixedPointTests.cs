using CsCheck;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge;

/// <summary>The integer fast path of the engine gives exactly what decimal arithmetic gives (SPEC §3.5 rounding).</summary>
public sealed class FixedPointTests
{
    [Fact]
    public void Need_equals_the_decimal_need_rounded_half_away_from_zero_for_any_quantity_and_factor() =>
        Gen.Select(Gen.Long[1, 10_000_000_000_000], Gen.Decimal[0.000001m, 1000m], Gen.Int[0, 6]).Sample((micro, raw, places) =>
        {
            var factor = Math.Round(raw, places);
            if (FixedPoint.Ratio(factor) is not { } ratio)
            {
                return;
            }

            var expected = Micro.FromDecimal(Micro.ToDecimal(micro) * factor);
            FixedPoint.MultiplyDivideRound(micro, ratio.Numerator, ratio.Divisor).ShouldBe(expected);
        });

    /// <summary>
    /// The waste of an allocation, round6(qty × waste factor / factor), through the integer share of
    /// <see cref="LeafNeed.WasteShare"/> (the fast path of <c>Take</c>) equals the decimal formula, for BOM rows whose qty_per,
    /// merma and desperdicio have the decimals files give (issue 12).
    /// </summary>
    [Fact]
    public void Waste_through_the_integer_share_equals_the_decimal_waste() =>
        Gen.Select(Gen.Long[1, 10_000_000_000_000], Gen.Decimal[0.0001m, 500m], Gen.Int[0, 4], Gen.Int[0, 3000], Gen.Int[0, 5000])
            .Sample((micro, raw, places, mermaBp, desperdicioBp) =>
            {
                var qtyPer = Math.Round(raw, places);
                var merma = mermaBp / 10_000m;
                var desperdicio = desperdicioBp / 10_000m;
                var need = new LeafNeed(0, qtyPer * (1 + merma + desperdicio), (qtyPer * (1 + merma + desperdicio)) - (qtyPer * (1 + merma)));
                if (need.Factor == 0m || need.WasteShare is not { } share)
                {
                    return;
                }

                var expected = Micro.FromDecimal(Micro.ToDecimal(micro) * need.WasteFactor / need.Factor);
                FixedPoint.MultiplyDivideRound(micro, share.Numerator, share.Denominator).ShouldBe(expected);
            }, iter: 20_000);

    [Theory]
    [InlineData(5, 1, 10, 1)]
    [InlineData(-5, 1, 10, -1)]
    [InlineData(4, 1, 10, 0)]
    [InlineData(15, 1, 10, 2)]
    public void Halves_round_away_from_zero(long value, long numerator, long divisor, long expected) =>
        FixedPoint.MultiplyDivideRound(value, numerator, divisor).ShouldBe(expected);

    [Fact]
    public void Products_beyond_64_bits_take_the_128_bit_path() =>
        FixedPoint.MultiplyDivideRound(9_000_000_000_000_000_000, 3, 1_000).ShouldBe(27_000_000_000_000_000);

    [Theory]
    [InlineData("1.500", 1)]
    [InlineData("4.08", 2)]
    [InlineData("3", 0)]
    [InlineData("0.0000000000001", 13)]
    public void Decimals_ignore_trailing_zeros(string value, int decimals) =>
        FixedPoint.Decimals(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(decimals);

    [Fact]
    public void A_factor_with_more_than_12_decimals_has_no_ratio() =>
        FixedPoint.Ratio(0.0000000000001m).ShouldBeNull();
}
