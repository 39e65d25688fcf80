using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class RfcTests
{
    [Fact]
    public void Company_rfc_has_3_letters()
    {
        var rfc = Rfc.Parse("ABC010203XY1").Value;

        rfc.IsCompany.ShouldBeTrue();
        rfc.IsPerson.ShouldBeFalse();
        rfc.Value.ShouldBe("ABC010203XY1");
    }

    [Fact]
    public void Person_rfc_has_4_letters()
    {
        var rfc = Rfc.Parse("GODE561231GR8").Value;

        rfc.IsPerson.ShouldBeTrue();
        rfc.IsCompany.ShouldBeFalse();
    }

    [Theory]
    [InlineData("ÑAB010203XY1")]
    [InlineData("A&B010203XY1")]
    [InlineData("&&&010203XY1")]
    [InlineData("MUÑO800101AB3")]
    [InlineData("XAXX010101000")]
    [InlineData("XEXX010101000")]
    public void Letters_include_enye_and_ampersand(string text) => Rfc.Parse(text).IsOk.ShouldBeTrue();

    [Fact]
    public void Lower_case_hyphens_and_spaces_are_normalised()
    {
        Rfc.Parse("abc-010203-xy1").Value.Value.ShouldBe("ABC010203XY1");
        Rfc.Parse(" muño 800101 ab3 ").Value.Value.ShouldBe("MUÑO800101AB3");
    }

    [Fact]
    public void Check_digit_is_not_verified()
    {
        // The same RFC with every possible last character is structurally valid (SPEC §3.1).
        foreach (var c in "0123456789A")
        {
            Rfc.Parse("GODE561231GR" + c).IsOk.ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("ABC991301XY1")] // month 13
    [InlineData("ABC990230XY1")] // 30 February
    [InlineData("ABC010229XY1")] // 2001 is not a leap year
    [InlineData("ABC990100XY1")] // day 0
    [InlineData("ABC99013AXY1")]
    public void Invalid_date_is_rejected(string text) => Rfc.Parse(text).IsOk.ShouldBeFalse();

    [Fact]
    public void Leap_day_is_accepted() => Rfc.Parse("ABC000229XY1").IsOk.ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AB010203XY1")] // 2 letters
    [InlineData("ABCDE010203XY1")] // 5 letters
    [InlineData("AB1010203XY1")] // digit among letters
    [InlineData("ABC010203XY")] // short homoclave
    [InlineData("ABC010203X-1")]
    [InlineData("ABC010203XÑ1")] // Ñ only in the letters
    [InlineData("AB@010203XY1")]
    public void Malformed_rfc_is_rejected(string? text) =>
        Rfc.Parse(text).Error!.Message.ShouldContain("an RFC");
}
