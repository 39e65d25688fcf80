using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A Mexican taxpayer id (RFC): 3 letters for a company (persona moral, 12 characters) or 4 for a person (persona
/// física, 13 characters) from <c>[A-ZÑ&amp;]</c>, a valid YYMMDD date and a 3-character homoclave of letters and
/// digits. Accepted in lower case and with the hyphens or spaces some documents print (<c>ABC-010203-XY1</c>);
/// held in upper case without them.
/// </summary>
/// <remarks>
/// Validation is structural only (SPEC §3.1): the check digit (the homoclave's last character) is deliberately not
/// verified, and whether the RFC is registered is a question for the SAT, never a parse failure. The generic RFCs
/// <c>XAXX010101000</c> and <c>XEXX010101000</c> are structurally valid.
/// </remarks>
public readonly record struct Rfc
{
    private readonly string? value;

    private Rfc(string value) => this.value = value;

    public string Value => value ?? string.Empty;

    /// <summary>True for a company (persona moral, 12 characters).</summary>
    public bool IsCompany => Value.Length == 12;

    /// <summary>True for a person (persona física, 13 characters).</summary>
    public bool IsPerson => Value.Length == 13;

    /// <summary>Parses an RFC. Never throws.</summary>
    public static Result<Rfc> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var letters = t.Length switch { 12 => 3, 13 => 4, _ => -1 };
        if (letters < 0)
        {
            return Fail(text);
        }

        for (var i = 0; i < letters; i++)
        {
            if (t[i] is not (>= 'A' and <= 'Z' or 'Ñ' or '&'))
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
