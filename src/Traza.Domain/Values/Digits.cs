namespace Traza.Domain.Values;

internal static class Digits
{
    /// <summary>True when <paramref name="s"/> is non-empty and all ASCII digits.</summary>
    public static bool AllDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="s"/> is non-empty and all ASCII upper-case letters.</summary>
    public static bool AllUpperAscii(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < 'A' or > 'Z')
            {
                return false;
            }
        }

        return true;
    }
}

internal static class Text
{
    public static bool HasControl(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
