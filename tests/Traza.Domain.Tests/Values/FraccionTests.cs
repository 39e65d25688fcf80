using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class FraccionTests
{
    [Theory]
    [InlineData("85389099", "85389099")]
    [InlineData("8538.90.99", "85389099")]
    [InlineData(" 85442002", "85442002")]
    [InlineData("85442002  ", "85442002")]
    [InlineData("01012101", "01012101")]
    public void Parse_accepts_8_digits_plain_dotted_or_padded(string text, string code) =>
        Fraccion.Parse(text).Value.Code.ShouldBe(code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8538909")]
    [InlineData("853890999")]
    [InlineData("8538909A")]
    [InlineData("8538.9099")]
    [InlineData("85.38.90.99")]
    [InlineData("8538 90 99")]
    public void Parse_rejects_anything_but_8_digits(string? text) =>
        Fraccion.Parse(text).Error!.Message.ShouldContain("fracción of 8 digits");

    [Fact]
    public void Fraccion_missing_from_any_tariff_is_still_valid() =>
        Fraccion.Parse("99999999").IsOk.ShouldBeTrue();

    [Fact]
    public void Parts_of_a_fraccion_are_exposed()
    {
        var f = Fraccion.Parse("01012101").Value;

        f.Chapter.ShouldBe("01");
        f.Heading.ShouldBe("0101");
        f.Dotted.ShouldBe("0101.21.01");
        f.ToString().ShouldBe("01012101");
    }

    [Fact]
    public void Fracciones_order_ordinally() =>
        (Fraccion.Parse("01012101").Value < Fraccion.Parse("85389099").Value).ShouldBeTrue();

    [Theory]
    [InlineData("99", "99")]
    [InlineData("00", "00")]
    [InlineData(" 01 ", "01")]
    [InlineData("1", "01")]
    public void Nico_accepts_2_digits_and_pads_one(string text, string code) =>
        Nico.Parse(text).Value.Code.ShouldBe(code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("A1")]
    [InlineData("-1")]
    public void Nico_rejects_anything_else(string? text) =>
        Nico.Parse(text).Error!.Message.ShouldContain("NICO of 2 digits");
}
