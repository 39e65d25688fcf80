using Traza.Domain.Catalogs;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class CountryCodeTests
{
    [Theory]
    [InlineData("USA", "USA")]
    [InlineData("chn", "CHN")]
    [InlineData(" MEX ", "MEX")]
    public void Country_codes_are_3_letters(string text, string code) => CountryCode.Parse(text).Value.Code.ShouldBe(code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("G8")]
    [InlineData("U5A")]
    [InlineData("USAA")]
    public void Other_country_codes_are_rejected(string? text) => CountryCode.Parse(text).IsOk.ShouldBeFalse();

    [Fact]
    public void Country_missing_from_truncated_Apendice_4_is_only_a_warning()
    {
        // Apéndice 4 as shipped stops at "Mauricio": Vietnam parses but is not in the catalog.
        var vnm = CountryCode.Parse("VNM").Value;

        CountryCatalog.Contains(vnm).ShouldBeFalse();
        CountryCatalog.Contains(CountryCode.Mexico).ShouldBeTrue();
    }
}
