using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A tariff fracción of the LIGIE/TIGIE: 8 digits (Data Stage 551.Fraccion, CHAR(8); 512.FraccionOriginal).
/// Accepted as <c>85389099</c> or printed with dots (<c>8538.90.99</c>); surrounding spaces, which some tools pad
/// with, are trimmed. A fracción missing from the loaded tariff schedule is a warning and a reconciliation finding,
/// never invalid input (SPEC §3.1), so nothing here consults a tariff.
/// </summary>
public readonly record struct Fraccion : IComparable<Fraccion>
{
    private readonly string? code;

    private Fraccion(string code) => this.code = code;

    /// <summary>The 8 digits, leading zeros kept (<c>01012101</c>).</summary>
    public string Code => code ?? "00000000";

    /// <summary>The 2-digit chapter (capítulo).</summary>
    public string Chapter => Code[..2];

    /// <summary>The 4-digit heading (partida arancelaria).</summary>
    public string Heading => Code[..4];

    /// <summary>The dotted form <c>8538.90.99</c>.</summary>
    public string Dotted => $"{Code[..4]}.{Code.Substring(4, 2)}.{Code.Substring(6, 2)}";

    /// <summary>Parses 8 digits, optionally dotted as <c>NNNN.NN.NN</c>. Never throws.</summary>
    public static Result<Fraccion> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 10 && t[4] == '.' && t[7] == '.')
        {
            t = string.Concat(t.AsSpan(0, 4), t.AsSpan(5, 2), t.AsSpan(8, 2));
        }

        return t.Length == 8 && Digits.AllDigits(t)
            ? new Fraccion(t)
            : Result<Fraccion>.Fail($"a fracción of 8 digits, found '{text}'");
    }

    /// <summary>Equal when the codes are equal (a default value equals its all-zero or placeholder code).</summary>
    public bool Equals(Fraccion other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(Fraccion other) => string.CompareOrdinal(Code, other.Code);

    public static bool operator <(Fraccion left, Fraccion right) => left.CompareTo(right) < 0;

    public static bool operator <=(Fraccion left, Fraccion right) => left.CompareTo(right) <= 0;

    public static bool operator >(Fraccion left, Fraccion right) => left.CompareTo(right) > 0;

    public static bool operator >=(Fraccion left, Fraccion right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;
}

/// <summary>
/// The 2-digit NICO (Número de Identificación Comercial, in force since 2020-12-28): the statistical subdivision
/// of a fracción (Data Stage 551.SubdivisionFraccion). Leading zeros kept (<c>00</c>).
/// </summary>
public readonly record struct Nico : IComparable<Nico>
{
    private readonly string? code;

    private Nico(string code) => this.code = code;

    public string Code => code ?? "00";

    /// <summary>Parses 2 digits; a single digit (a spreadsheet dropped the zero) is padded. Never throws.</summary>
    public static Result<Nico> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 1 && Digits.AllDigits(t))
        {
            t = "0" + t;
        }

        return t.Length == 2 && Digits.AllDigits(t)
            ? new Nico(t)
            : Result<Nico>.Fail($"a NICO of 2 digits, found '{text}'");
    }

    /// <summary>Equal when the codes are equal (a default value equals its all-zero or placeholder code).</summary>
    public bool Equals(Nico other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(Nico other) => string.CompareOrdinal(Code, other.Code);

    public static bool operator <(Nico left, Nico right) => left.CompareTo(right) < 0;

    public static bool operator <=(Nico left, Nico right) => left.CompareTo(right) <= 0;

    public static bool operator >(Nico left, Nico right) => left.CompareTo(right) > 0;

    public static bool operator >=(Nico left, Nico right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;
}
