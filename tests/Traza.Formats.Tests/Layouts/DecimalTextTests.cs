using System.Globalization;
using CsCheck;
using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

/// <summary>
/// The layouts' decimal parser takes a short path for up to 19 digits (SPEC §8 import throughput); whatever the text,
/// it accepts exactly what the BCL's invariant parser accepts, with the same value and scale (SPEC §3: exact decimals).
/// </summary>
public sealed class DecimalTextTests
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static void ShouldAgreeWithTheBcl(string text)
    {
        var expectedOk = decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out var expected);
        var ok = DecimalText.TryParse(text, out var value);
        ok.ShouldBe(expectedOk, $"'{text}'");
        if (ok)
        {
            decimal.GetBits(value).ShouldBe(decimal.GetBits(expected), $"'{text}' parsed to {value}, the BCL to {expected}");
        }
    }

    [Fact]
    public void Random_text_parses_as_the_bcl_parses_it()
    {
        Gen.Char["+-.0123456789 e,"].Array[0, 32].Select(c => new string(c)).Sample(ShouldAgreeWithTheBcl, iter: 20_000);
    }

    [Fact]
    public void Numbers_as_exports_write_them_parse_as_the_bcl_parses_them()
    {
        var number =
            from sign in Gen.Int[0, 2].Select(i => new[] { "", "-", "+" }[i])
            from whole in Gen.Char['0', '9'].Array[0, 24]
            from point in Gen.Bool
            from fraction in Gen.Char['0', '9'].Array[0, 24]
            select sign + new string(whole) + (point ? "." : string.Empty) + new string(fraction);
        number.Sample(ShouldAgreeWithTheBcl, iter: 20_000);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.000")]
    [InlineData("-0.0")]
    [InlineData("9999999999999999999")]
    [InlineData("18446744073709551615")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("00000000000000000000000001.5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    public void Edge_cases_parse_as_the_bcl_parses_them(string text) => ShouldAgreeWithTheBcl(text);
}
