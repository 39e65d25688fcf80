using System.Globalization;
using System.Text;
using CsCheck;
using Traza.Domain.Common;

namespace Traza.Domain.Tests.Common;

/// <summary>
/// Issue 12: one canonical text for decimals and dates. Held against the formulas every writer used before it
/// (<see cref="Legacy"/>: the BCL's invariant text with trailing fraction zeros cut), because stored ledger rows feed
/// hash-chained digests: the text of a value must be what it always was, or an existing database stops verifying.
/// </summary>
public sealed class CanonicalTextTests
{
    /// <summary>SqlText.Decimal, CellText.Decimal and CsvRowWriter.Number as they stood at 64e3bc1.</summary>
    private static string Legacy(decimal value)
    {
        if (value == 0m)
        {
            return "0";
        }

        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static readonly Gen<decimal> AnyDecimal =
        from lo in Gen.Int
        from mid in Gen.OneOf(Gen.Int, Gen.Int[0, 3], Gen.Const(0))
        from hi in Gen.OneOf(Gen.Const(0), Gen.Const(0), Gen.Int)
        from negative in Gen.Bool
        from scale in Gen.Byte[0, 28]
        select new decimal(lo, mid, hi, negative, scale);

    /// <summary>A fixed-point integer's text (<c>report custody</c>'s figures in micro-units and cents) is that decimal's.</summary>
    [Fact]
    public void Fixed_point_text_is_the_text_of_the_same_decimal()
    {
        var anyUnits = Gen.Frequency(
            (3, Gen.Long[-10_000_000_000, 10_000_000_000]), (1, Gen.Long), (1, Gen.OneOf(0L, long.MinValue, long.MaxValue)));
        Gen.Select(anyUnits, Gen.Int[0, 28]).Sample((units, decimals) =>
        {
            var magnitude = units < 0 ? unchecked((ulong)-units) : (ulong)units;
            var value = new decimal(unchecked((int)magnitude), unchecked((int)(magnitude >> 32)), 0, units < 0, (byte)decimals);
            Span<byte> text = stackalloc byte[CanonicalText.MaxDecimalBytes];
            Encoding.ASCII.GetString(text[..CanonicalText.FormatFixed(units, decimals, text)]).ShouldBe(CanonicalText.Decimal(value));
        }, iter: 100_000);
    }

    [Fact]
    public void Decimal_text_is_the_text_stored_before_issue_12()
    {
        AnyDecimal.Sample(d =>
        {
            CanonicalText.Decimal(d).ShouldBe(Legacy(d), $"{d}");
            Span<byte> utf8 = stackalloc byte[CanonicalText.MaxDecimalBytes];
            Encoding.ASCII.GetString(utf8[..CanonicalText.FormatDecimal(d, utf8)]).ShouldBe(Legacy(d));
        }, iter: 50_000);
    }

    [Fact]
    public void Decimal_text_parses_back_to_the_same_value()
    {
        AnyDecimal.Sample(d => CanonicalText.ParseDecimal(CanonicalText.Decimal(d)).ShouldBe(d), iter: 20_000);
    }

    [Theory]
    [InlineData("1.500000", "1.5")]
    [InlineData("-2.00", "-2")]
    [InlineData("0.000", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.0000000000000000000000000001", "-0.0000000000000000000000000001")]
    [InlineData("10.100", "10.1")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-7.9228162514264337593543950335", "-7.9228162514264337593543950335")]
    public void Decimal_edge_cases(string input, string expected)
    {
        var d = decimal.Parse(input, CultureInfo.InvariantCulture);
        CanonicalText.Decimal(d).ShouldBe(expected);
        Legacy(d).ShouldBe(expected);
    }

    [Fact]
    public void Date_text_is_iso_and_parses_back()
    {
        Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Sample(day =>
        {
            var date = DateOnly.FromDayNumber(day);
            var text = CanonicalText.Date(date);
            text.ShouldBe(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            CanonicalText.ParseDate(text).ShouldBe(date);
        }, iter: 20_000);
        CanonicalText.Date(new DateOnly(1, 2, 3)).ShouldBe("0001-02-03");
    }

    [Theory]
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    public void Decimal_parsing_takes_no_grouping_exponent_or_spaces(string text) =>
        Should.Throw<FormatException>(() => CanonicalText.ParseDecimal(text));
}
