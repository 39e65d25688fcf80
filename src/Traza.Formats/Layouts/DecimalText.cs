using System.Globalization;

namespace Traza.Formats.Layouts;

/// <summary>
/// Invariant decimals as the §4.1 layouts write them (optional sign, digits, optional point; no grouping, no exponent),
/// parsed without the general number parser when they have at most 19 digits — nearly every quantity and amount — and
/// by <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/> otherwise, with
/// the same value and scale either way (property-tested; SPEC §8 import throughput).
/// </summary>
internal static class DecimalText
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        if (TryParseShort(text, out value))
        {
            return true;
        }

        return decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Sign, up to 19 digits with at most one point, a value other than zero; anything else is left to the BCL.</summary>
    private static bool TryParseShort(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (scale >= 0)
                {
                    return false;
                }

                scale = 0;
                continue;
            }

            var digit = unchecked((uint)(c - '0'));
            if (digit > 9 || ++digits > 19)
            {
                return false;
            }

            mantissa = (mantissa * 10) + digit;
            if (scale >= 0)
            {
                scale++;
            }
        }

        if (mantissa == 0)
        {
            return false; // zero's sign and scale, and text without digits, as the BCL has them
        }

        value = new decimal(unchecked((int)(uint)mantissa), unchecked((int)(uint)(mantissa >> 32)), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }
}
