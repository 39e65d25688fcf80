using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A country of Anexo 22 Apéndice 4 by its "Clave SAAI M3": 3 upper-case letters, ISO 3166 alpha-3 like
/// (<c>USA</c>, <c>CHN</c>, <c>MEX</c>), the code Data Stage and M3 carry. Membership in the catalog is a warning
/// for the caller (<see cref="Catalogs.CountryCatalog"/>; the source copy is truncated), never a parse failure.
/// </summary>
public readonly record struct CountryCode : IComparable<CountryCode>
{
    private readonly string? code;

    private CountryCode(string code) => this.code = code;

    public static CountryCode Mexico { get; } = new("MEX");

    public string Code => code ?? "XXX";

    /// <summary>Parses 3 letters, any case. Never throws.</summary>
    public static Result<CountryCode> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().ToUpperInvariant();
        return t.Length == 3 && Digits.AllUpperAscii(t)
            ? new CountryCode(t)
            : Result<CountryCode>.Fail($"a country code of 3 letters (Apéndice 4, e.g. USA), found '{text}'");
    }

    /// <summary>Equal when the codes are equal (a default value equals its all-zero or placeholder code).</summary>
    public bool Equals(CountryCode other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(CountryCode other) => string.CompareOrdinal(Code, other.Code);

    public static bool operator <(CountryCode left, CountryCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(CountryCode left, CountryCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(CountryCode left, CountryCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(CountryCode left, CountryCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;
}
