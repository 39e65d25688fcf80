using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class UnitCodeTests
{
    [Theory]
    [InlineData("6", 6)]
    [InlineData("06", 6)]
    [InlineData(" 1 ", 1)]
    [InlineData("22", 22)]
    public void Apendice_7_codes_are_accepted(string text, int code) => UnitCode.Parse(text).Value.Code.ShouldBe(code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("23")]
    [InlineData("-6")]
    [InlineData("6.0")]
    [InlineData("PZA")]
    [InlineData("99999999999")]
    public void Codes_outside_Apendice_7_are_rejected(string? text) =>
        UnitCode.Parse(text).Error!.Message.ShouldContain("Apéndice 7");

    [Fact]
    public void Unit_has_its_description()
    {
        UnitCode.Pieza.Description.ShouldBe("Pieza");
        UnitCode.Kilo.Description.ShouldBe("Kilo");
        UnitCode.FromCode(12).Value.Description.ShouldBe("Juego");
    }

    [Fact]
    public void Unit_prints_its_number() => UnitCode.Parse("06").Value.ToString().ShouldBe("6");
}
