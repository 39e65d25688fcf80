using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A tariff fracción of the LIGIE: 8 digits (Data Stage 551.Fraccion, CHAR(8)). Some tools pad it with spaces;
/// those are trimmed. A fracción missing from the loaded tariff schedule is a warning, never invalid (SPEC §3.1).
/// </summary>
public readonly record struct Fraccion
{
    private Fraccion(string code) => Code = code;

    public string Code { get; }

    public static Result<Fraccion> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().Replace(".", string.Empty, StringComparison.Ordinal);
        return t.Length == 8 && Digits.AllDigits(t)
            ? new Fraccion(t)
            : Result<Fraccion>.Fail($"a fracción of 8 digits, found '{text}'");
    }

    public override string ToString() => Code;
}

/// <summary>The 2-digit NICO (Número de Identificación Comercial, in force since 2020-12-28), statistical.</summary>
public readonly record struct Nico
{
    private Nico(string code) => Code = code;

    public string Code { get; }

    public static Result<Nico> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length == 2 && Digits.AllDigits(t)
            ? new Nico(t)
            : Result<Nico>.Fail($"a NICO of 2 digits, found '{text}'");
    }

    public override string ToString() => Code;
}
