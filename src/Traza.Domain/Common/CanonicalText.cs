using System.Globalization;
using System.Text;

namespace Traza.Domain.Common;

/// <summary>
/// The one text form of decimals and dates everywhere Traza writes them — stored ledger and derived rows (SPEC §7: exact
/// decimals, never aggregated in SQL), report cells (SPEC §6) and the hashes over both. Decimals are invariant digits with a
/// <c>.</c> point, no grouping, no exponent, no trailing fraction zeros and no point when nothing follows it ("1.5", "-2",
/// "0"; a negative zero is "0"); dates are <c>YYYY-MM-DD</c>. Stored rows feed hash-chained digests, so this text must not
/// change: a new form would need a new chain version (docs/architecture.md Decision 1).
/// </summary>
public static class CanonicalText
{
    /// <summary>Bytes enough for any decimal's text: 29 digits, a sign, a point and up to 28 leading fraction zeros.</summary>
    public const int MaxDecimalBytes = 64;

    /// <summary>The bytes of a date's text.</summary>
    public const int DateBytes = 10;

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>The canonical text of <paramref name="value"/>: "1.5", "-2", "0".</summary>
    public static string Decimal(decimal value)
    {
        Span<byte> text = stackalloc byte[MaxDecimalBytes];
        return Encoding.ASCII.GetString(text[..FormatDecimal(value, text)]);
    }

    /// <summary>
    /// Writes <see cref="Decimal(decimal)"/>'s text as ASCII into <paramref name="utf8"/> (at least
    /// <see cref="MaxDecimalBytes"/> long) and returns its length. A mantissa that fits 64 bits (nearly every quantity and
    /// amount) is written digit by digit; wider ones go through the BCL (property-tested against it; SPEC §8 import
    /// throughput).
    /// </summary>
    public static int FormatDecimal(decimal value, Span<byte> utf8)
    {
        if (value == 0m)
        {
            utf8[0] = (byte)'0';
            return 1;
        }

        Span<int> bits = stackalloc int[4];
        _ = decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            _ = value.TryFormat(utf8, out var written, default, CultureInfo.InvariantCulture);
            var span = utf8[..written];
            if (span.Contains((byte)'.'))
            {
                span = span.TrimEnd((byte)'0').TrimEnd((byte)'.');
            }

            return span.Length;
        }

        var mantissa = unchecked(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        return FormatFixed(mantissa, (bits[3] >> 16) & 0xFF, bits[3] < 0, utf8);
    }

    /// <summary>
    /// Writes the text of <paramref name="units"/> × 10^-<paramref name="decimals"/> (0–28) as <see cref="FormatDecimal"/>
    /// writes that decimal — for figures kept as integers of fixed units (micro-UMC, cents) — and returns its length.
    /// </summary>
    public static int FormatFixed(long units, int decimals, Span<byte> utf8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        if (units == 0)
        {
            utf8[0] = (byte)'0';
            return 1;
        }

        return FormatFixed(units < 0 ? unchecked((ulong)-units) : (ulong)units, decimals, units < 0, utf8);
    }

    private static int FormatFixed(ulong mantissa, int scale, bool negative, Span<byte> utf8)
    {
        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        Span<byte> digits = stackalloc byte[20];
        var count = 0;
        do
        {
            digits[digits.Length - ++count] = (byte)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);

        var at = 0;
        if (negative)
        {
            utf8[at++] = (byte)'-';
        }

        var whole = count - scale;
        if (whole <= 0)
        {
            utf8[at++] = (byte)'0';
            utf8[at++] = (byte)'.';
            utf8.Slice(at, -whole).Fill((byte)'0');
            at += -whole;
            digits[^count..].CopyTo(utf8[at..]);
            return at + count;
        }

        digits.Slice(digits.Length - count, whole).CopyTo(utf8[at..]);
        at += whole;
        if (scale > 0)
        {
            utf8[at++] = (byte)'.';
            digits[^scale..].CopyTo(utf8[at..]);
            at += scale;
        }

        return at;
    }

    /// <summary>The canonical text of a date: <c>YYYY-MM-DD</c>.</summary>
    public static string Date(DateOnly date)
    {
        Span<byte> text = stackalloc byte[DateBytes];
        FormatDate(date, text);
        return Encoding.ASCII.GetString(text);
    }

    /// <summary>Writes <see cref="Date(DateOnly)"/>'s ten ASCII bytes into <paramref name="utf8"/>.</summary>
    public static void FormatDate(DateOnly date, Span<byte> utf8)
    {
        var (year, month, day) = date;
        utf8[0] = (byte)('0' + (year / 1000));
        utf8[1] = (byte)('0' + (year / 100 % 10));
        utf8[2] = (byte)('0' + (year / 10 % 10));
        utf8[3] = (byte)('0' + (year % 10));
        utf8[4] = (byte)'-';
        utf8[5] = (byte)('0' + (month / 10));
        utf8[6] = (byte)('0' + (month % 10));
        utf8[7] = (byte)'-';
        utf8[8] = (byte)('0' + (day / 10));
        utf8[9] = (byte)('0' + (day % 10));
    }

    /// <summary>Parses a decimal in invariant digits with an optional sign and point (the canonical form, or any with zeros).</summary>
    public static decimal ParseDecimal(string text) => decimal.Parse(text, DecimalStyle, CultureInfo.InvariantCulture);

    /// <summary>Parses a <c>YYYY-MM-DD</c> date.</summary>
    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
