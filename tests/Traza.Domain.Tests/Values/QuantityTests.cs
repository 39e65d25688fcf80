using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class QuantityTests
{
    [Theory]
    [InlineData("12.5", "12.5")]
    [InlineData("-3", "-3")]
    [InlineData("+3", "3")]
    [InlineData("0.000001", "0.000001")]
    [InlineData(" 7 ", "7")]
    [InlineData(".5", "0.5")]
    public void Invariant_numbers_parse(string text, string value) =>
        Quantity.Parse(text, UnitCode.Pieza).Value.Value.ShouldBe(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1,000")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    [InlineData("$5")]
    [InlineData("NaN")]
    [InlineData("1.2.3")]
    [InlineData("99999999999999999999999999999999")]
    public void Other_number_forms_are_rejected(string? text) =>
        Quantity.Parse(text, UnitCode.Pieza).Error!.Message.ShouldContain("quantity");

    [Fact]
    public void Rounding_is_half_away_from_zero_at_6_decimals()
    {
        new Quantity(1.0000005m, UnitCode.Kilo).Round().Value.ShouldBe(1.000001m);
        new Quantity(-1.0000005m, UnitCode.Kilo).Round().Value.ShouldBe(-1.000001m);
        new Quantity(1.0000004m, UnitCode.Kilo).Round().Value.ShouldBe(1m);
    }

    [Fact]
    public void Quantities_of_one_unit_add_exactly()
    {
        var sum = new Quantity(0.1m, UnitCode.Kilo) + new Quantity(0.2m, UnitCode.Kilo);

        sum.ShouldBe(new Quantity(0.3m, UnitCode.Kilo));
        (sum - new Quantity(0.3m, UnitCode.Kilo)).IsZero.ShouldBeTrue();
    }

    [Fact]
    public void Quantities_of_different_units_do_not_add() =>
        Should.Throw<ArgumentException>(() => new Quantity(1m, UnitCode.Kilo) + new Quantity(1m, UnitCode.Pieza));

    [Fact]
    public void Quantity_prints_invariant_without_trailing_zeros() =>
        new Quantity(12.500m, UnitCode.Pieza).ToString().ShouldBe("12.5 [6]");

    [Theory]
    [InlineData(1234567.891, "1234567.891")]
    [InlineData(0.0000001, "0.0000001")]
    [InlineData(-5, "-5")]
    [InlineData(100, "100")]
    public void Number_format_has_no_grouping_exponent_or_trailing_zeros(double value, string text) =>
        Number.Format((decimal)value).ShouldBe(text);
}
