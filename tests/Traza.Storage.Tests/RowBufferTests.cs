using System.Globalization;
using CsCheck;

namespace Traza.Storage.Tests;

/// <summary>
/// A row's decimals are stored in the normalized text every database has held (SPEC §7: exact decimals, and the batch
/// digest hashes that text); the row buffer (through Traza.Domain.Common.CanonicalText, with its digit-by-digit path for
/// 64-bit mantissas) writes exactly <see cref="Legacy"/>'s text, the BCL formula SqlText used before issue 12.
/// </summary>
public sealed class RowBufferTests
{
    private static string Legacy(decimal value)
    {
        if (value == 0m)
        {
            return "0";
        }

        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static string Stored(decimal value)
    {
        var row = new RowBuffer(1);
        row.Set(0, (decimal?)value);
        return System.Text.Encoding.UTF8.GetString(row.ToEncoded().Utf8(0));
    }

    [Fact]
    public void Decimals_are_stored_in_the_text_databases_hold()
    {
        var value =
            from lo in Gen.Int
            from mid in Gen.OneOf(Gen.Int, Gen.Int[0, 3], Gen.Const(0))
            from hi in Gen.OneOf(Gen.Const(0), Gen.Const(0), Gen.Int)
            from negative in Gen.Bool
            from scale in Gen.Byte[0, 28]
            select new decimal(lo, mid, hi, negative, scale);
        value.Sample(d => Stored(d).ShouldBe(Legacy(d), $"{d}"), iter: 50_000);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-0.050")]
    [InlineData("10.100")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("1844674407370955161.5")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-0")]
    public void Edge_cases_are_stored_in_the_text_databases_hold(string text)
    {
        var d = decimal.Parse(text, CultureInfo.InvariantCulture);
        Stored(d).ShouldBe(Legacy(d));
    }
}
