using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A Mexican taxpayer id (RFC): 3 letters for a company or 4 for a person from <c>[A-ZÑ&amp;]</c>, a valid YYMMDD
/// date and 3 alphanumerics. The check digit is deliberately not verified (SPEC §3.1: structural validation only).
/// </summary>
public readonly record struct Rfc
{
    private Rfc(string value) => Value = value;

    public string Value { get; }

    /// <summary>True for a company (persona moral, 12 characters).</summary>
    public bool IsCompany => Value.Length == 12;

    public static Result<Rfc> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().ToUpperInvariant();
        var letters = t.Length switch { 12 => 3, 13 => 4, _ => -1 };
        if (letters < 0)
        {
            return Fail(text);
        }

        for (var i = 0; i < letters; i++)
        {
            if (!(t[i] is >= 'A' and <= 'Z' or 'Ñ' or '&'))
            {
                return Fail(text);
            }
        }

        var date = t.AsSpan(letters, 6);
        if (!Digits.AllDigits(date)
            || !DateOnly.TryParseExact(date, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return Fail(text);
        }

        for (var i = letters + 6; i < t.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(t[i]))
            {
                return Fail(text);
            }
        }

        return new Rfc(t);
    }

    private static Result<Rfc> Fail(string? text) =>
        Result<Rfc>.Fail($"an RFC (3 or 4 letters, a YYMMDD date, 3 alphanumerics), found '{text}'");

    public override string ToString() => Value;
}
