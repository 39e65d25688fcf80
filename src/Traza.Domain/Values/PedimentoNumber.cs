using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A pedimento number <c>YY AA PPPP NNNNNNN</c> (Anexo 22, encabezado field 1): the last two digits of the
/// validation year, the 2-digit aduana, the 4-digit patente and the 7-digit consecutive whose first digit is the
/// year in which the number was opened. Held as its 15 digits.
/// </summary>
/// <remarks>
/// Validation is structural only (SPEC §3.1): no check digit exists, and a consecutive whose first digit differs
/// from the last digit of YY is legal (consolidated pedimentos closed in January keep the previous year's digit),
/// so it is reported by <see cref="YearDigitDiffers"/> and never rejected.
/// </remarks>
public readonly record struct PedimentoNumber
{
    private PedimentoNumber(string digits) => Digits15 = digits;

    /// <summary>The 15 digits without spaces, the form every output uses.</summary>
    public string Digits15 { get; }

    public string Year2 => Digits15[..2];

    public string Aduana => Digits15.Substring(2, 2);

    public string Patente => Digits15.Substring(4, 4);

    /// <summary>The 7-digit consecutive (Data Stage <c>Pedimento</c>).</summary>
    public string Consecutive => Digits15.Substring(8, 7);

    /// <summary>The printed form with two spaces between groups.</summary>
    public string Spaced => $"{Year2}  {Aduana}  {Patente}  {Consecutive}";

    /// <summary>True when the consecutive's first digit is not the last digit of the year: a note, never an error.</summary>
    public bool YearDigitDiffers => Consecutive[0] != Year2[1];

    /// <summary>Parses the 15-digit form or the spaced form (any run of spaces between the four groups).</summary>
    public static Result<PedimentoNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<PedimentoNumber>.Fail("a pedimento number (15 digits, or YY AA PPPP NNNNNNN)");
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 15 && Values.Digits.AllDigits(trimmed))
        {
            return new PedimentoNumber(trimmed);
        }

        var groups = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (groups.Length == 4 && groups[0].Length == 2 && groups[1].Length == 2 && groups[2].Length == 4 && groups[3].Length == 7
            && groups.All(g => Values.Digits.AllDigits(g)))
        {
            return new PedimentoNumber(string.Concat(groups));
        }

        return Result<PedimentoNumber>.Fail(
            $"a pedimento number (15 digits, or YY AA PPPP NNNNNNN), found '{trimmed}'");
    }

    /// <summary>True when <paramref name="text"/> is a pedimento number in either accepted form.</summary>
    public static bool IsPedimento(string? text) => Parse(text).IsOk;

    /// <summary>
    /// Builds the number from the split fields of Data Stage and M3 (Patente CHAR(4), Pedimento CHAR(7),
    /// SeccionAduanera CHAR(3) = aduana + section) and the date that gives YY (SPEC §3.1: FechaRecepcionPedimento,
    /// else FechaPagoReal; for 512/701 references FechaOperacionOrig/FechaOperacionAnterior).
    /// </summary>
    public static Result<PedimentoNumber> FromParts(string patente, string pedimento, string seccionAduanera, DateOnly yearSource)
    {
        var p = (patente ?? string.Empty).Trim();
        var n = (pedimento ?? string.Empty).Trim();
        var s = (seccionAduanera ?? string.Empty).Trim();
        if (p.Length is > 0 and < 4 && Values.Digits.AllDigits(p))
        {
            p = p.PadLeft(4, '0');
        }

        if (n.Length is > 0 and < 7 && Values.Digits.AllDigits(n))
        {
            n = n.PadLeft(7, '0');
        }

        if (s.Length is > 0 and < 3 && Values.Digits.AllDigits(s))
        {
            s = s.PadLeft(3, '0');
        }

        if (p.Length != 4 || !Values.Digits.AllDigits(p))
        {
            return Result<PedimentoNumber>.Fail($"Patente of 4 digits, found '{patente}'");
        }

        if (n.Length != 7 || !Values.Digits.AllDigits(n))
        {
            return Result<PedimentoNumber>.Fail($"Pedimento of 7 digits, found '{pedimento}'");
        }

        if (s.Length != 3 || !Values.Digits.AllDigits(s))
        {
            return Result<PedimentoNumber>.Fail($"SeccionAduanera of 3 digits, found '{seccionAduanera}'");
        }

        var yy = (yearSource.Year % 100).ToString("00", CultureInfo.InvariantCulture);
        return new PedimentoNumber(yy + s[..2] + p + n);
    }

    public override string ToString() => Digits15;
}
