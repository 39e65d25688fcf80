namespace Traza.Formats.Government;

/// <summary>
/// Date forms found in government files. Data Stage writes <c>YYYY-MM-DD</c> and some exports <c>YYYY/MM/DD</c>,
/// either with an optional time (<c>HH:MM[:SS[.fff]]</c>, regulatory brief §3.2); re-saved files show
/// <c>DD/MM/YYYY</c>, also accepted. SAAI M3 writes 8 digits, <c>DDMMAAAA</c> or <c>AAAAMMDD</c>, told apart by which
/// reading is a valid date with a 19xx/20xx year (brief §3.5; the two readings cannot both be valid).
/// </summary>
public static class GovernmentDates
{
    /// <summary>Parses a Data Stage date; the time part, when present, must be well-formed and is dropped.</summary>
    public static bool TryParseDataStage(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        if (text.Length < 8)
        {
            return false;
        }

        var split = text.IndexOfAny(' ', 'T');
        var datePart = split < 0 ? text : text[..split];
        if (split >= 0 && !IsTime(text[(split + 1)..].Trim()))
        {
            return false;
        }

        if (datePart.Length == 10 && (datePart[4] == '-' || datePart[4] == '/') && datePart[7] == datePart[4])
        {
            return TryMake(datePart[..4], datePart.Slice(5, 2), datePart.Slice(8, 2), out date);
        }

        if (datePart.Length == 10 && (datePart[2] == '/' || datePart[2] == '-') && datePart[5] == datePart[2])
        {
            return TryMake(datePart.Slice(6, 4), datePart.Slice(3, 2), datePart[..2], out date);
        }

        return false;
    }

    /// <summary>Parses an M3 date of 8 digits, DDMMAAAA or AAAAMMDD, whichever reading is valid.</summary>
    public static bool TryParseM3(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        if (text.Length != 8)
        {
            return false;
        }

        // DDMMAAAA first: what the real-world writers emit (brief §3.5).
        if (IsCentury(text.Slice(4, 2)) && TryMake(text.Slice(4, 4), text.Slice(2, 2), text[..2], out date))
        {
            return true;
        }

        return IsCentury(text[..2]) && TryMake(text[..4], text.Slice(4, 2), text.Slice(6, 2), out date);
    }

    /// <summary>Formats an M3 date the way the real writers do (DDMMAAAA).</summary>
    public static string FormatM3(DateOnly date) =>
        date.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsCentury(ReadOnlySpan<char> two) => two is "19" or "20";

    private static bool IsTime(ReadOnlySpan<char> t)
    {
        // HH:MM, HH:MM:SS, HH:MM:SS.fff
        if (t.Length < 5 || t[2] != ':' || !TwoDigits(t[..2], 23) || !TwoDigits(t.Slice(3, 2), 59))
        {
            return false;
        }

        if (t.Length == 5)
        {
            return true;
        }

        if (t.Length < 8 || t[5] != ':' || !TwoDigits(t.Slice(6, 2), 59))
        {
            return false;
        }

        if (t.Length == 8)
        {
            return true;
        }

        if (t[8] != '.' || t.Length == 9)
        {
            return false;
        }

        foreach (var c in t[9..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int max) =>
        char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && ((s[0] - '0') * 10) + (s[1] - '0') <= max;

    private static bool TryMake(ReadOnlySpan<char> y, ReadOnlySpan<char> m, ReadOnlySpan<char> d, out DateOnly date)
    {
        date = default;
        if (!TryDigits(y, out var year) || !TryDigits(m, out var month) || !TryDigits(d, out var day))
        {
            return false;
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
