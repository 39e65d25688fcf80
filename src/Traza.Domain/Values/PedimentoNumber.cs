using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A pedimento number <c>YY AA PPPP NNNNNNN</c> (Anexo 22, encabezado field 1): the last two digits of the
/// validation year, the 2-digit aduana, the 4-digit patente and the 7-digit consecutive whose first digit is the
/// year in which the number was opened. Held as its 15 digits; leading zeros are significant (<c>0000257</c>).
/// </summary>
/// <remarks>
/// Validation is structural only (SPEC §3.1): no check digit exists, and a consecutive whose first digit differs
/// from the last digit of YY is legal (consolidated pedimentos closed in January keep the previous year's digit),
/// so it is reported by <see cref="YearDigitDiffers"/> and never rejected. Whether the aduana exists in Apéndice 1
/// is a warning for the caller (<see cref="Catalogs.AduanaCatalog"/>), never a parse failure.
/// Ordering is ordinal on the 15 digits, the order SPEC §3.5 uses for documents and lots.
/// </remarks>
public readonly record struct PedimentoNumber : IComparable<PedimentoNumber>
{
    private const string Expected = "a pedimento number (15 digits, or YY AA PPPP NNNNNNN)";

    private PedimentoNumber(string digits) => digits15 = digits;

    private readonly string? digits15;

    /// <summary>The 15 digits without spaces, the form every output uses (SPEC §6).</summary>
    public string Digits15 => digits15 ?? "000000000000000";

    /// <summary>The last two digits of the validation year.</summary>
    public string Year2 => Digits15[..2];

    /// <summary>The 2-digit aduana (the first two digits of the Apéndice 1 aduana-sección).</summary>
    public string Aduana => Digits15.Substring(2, 2);

    /// <summary>The 4-digit patente of the customs broker (or the apoderado's authorization number).</summary>
    public string Patente => Digits15.Substring(4, 4);

    /// <summary>The 7-digit consecutive (Data Stage <c>Pedimento</c>, CHAR(7)).</summary>
    public string Consecutive => Digits15.Substring(8, 7);

    /// <summary>The printed form with two spaces between groups (Anexo 22): <c>24  47  3420  4001234</c>.</summary>
    public string Spaced => $"{Year2}  {Aduana}  {Patente}  {Consecutive}";

    /// <summary>
    /// True when the consecutive's first digit is not the last digit of the year: a note, never an error
    /// (SPEC §3.1; consolidated pedimentos keep the digit of the year they were opened in).
    /// </summary>
    public bool YearDigitDiffers => Consecutive[0] != Year2[1];

    /// <summary>
    /// Parses the 15-digit form or the spaced form (any run of spaces or tabs between the four groups
    /// <c>YY AA PPPP NNNNNNN</c>). Surrounding white space is ignored. Never throws.
    /// </summary>
    public static Result<PedimentoNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<PedimentoNumber>.Fail(Expected);
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 15 && Digits.AllDigits(trimmed))
        {
            return new PedimentoNumber(trimmed);
        }

        var groups = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (groups.Length == 4 && groups[0].Length == 2 && groups[1].Length == 2 && groups[2].Length == 4 && groups[3].Length == 7
            && Digits.AllDigits(groups[0]) && Digits.AllDigits(groups[1]) && Digits.AllDigits(groups[2]) && Digits.AllDigits(groups[3]))
        {
            return new PedimentoNumber(string.Concat(groups));
        }

        return Result<PedimentoNumber>.Fail($"{Expected}, found '{trimmed}'");
    }

    /// <summary>True when <paramref name="text"/> is a pedimento number in either accepted form.</summary>
    public static bool IsPedimento(string? text) => Parse(text).IsOk;

    /// <summary>
    /// Builds the number from the split fields of Data Stage and M3 (Patente CHAR(4), Pedimento CHAR(7),
    /// SeccionAduanera CHAR(3) = aduana + section) and the date that gives YY (SPEC §3.1: FechaRecepcionPedimento,
    /// else FechaPagoReal; for 512/701 references FechaOperacionOrig/FechaOperacionAnterior). Fields that lost their
    /// leading zeros in a spreadsheet (<c>257</c>, <c>70</c>) are padded back; the section digit is not part of the
    /// number. YY always comes from the date, even when the consecutive's year digit differs.
    /// </summary>
    public static Result<PedimentoNumber> FromParts(string? patente, string? pedimento, string? seccionAduanera, DateOnly yearSource)
    {
        if (!TryPad(patente, 4, out var p))
        {
            return Result<PedimentoNumber>.Fail($"Patente of 4 digits, found '{patente}'");
        }

        if (!TryPad(pedimento, 7, out var n))
        {
            return Result<PedimentoNumber>.Fail($"Pedimento of 7 digits, found '{pedimento}'");
        }

        if (!TryPad(seccionAduanera, 3, out var s))
        {
            return Result<PedimentoNumber>.Fail($"SeccionAduanera of 3 digits, found '{seccionAduanera}'");
        }

        var yy = (yearSource.Year % 100).ToString("00", CultureInfo.InvariantCulture);
        return new PedimentoNumber(yy + s[..2] + p + n);
    }

    /// <summary>
    /// <see cref="FromParts(string?, string?, string?, DateOnly)"/> with the SPEC §3.1 choice of date made here:
    /// the first of <paramref name="preferred"/> (FechaRecepcionPedimento, FechaOperacionOrig …) and
    /// <paramref name="fallback"/> (FechaPagoReal) that is present.
    /// </summary>
    public static Result<PedimentoNumber> FromParts(
        string? patente, string? pedimento, string? seccionAduanera, DateOnly? preferred, DateOnly? fallback) =>
        (preferred ?? fallback) is { } date
            ? FromParts(patente, pedimento, seccionAduanera, date)
            : Result<PedimentoNumber>.Fail("a date for the pedimento's year (FechaRecepcionPedimento or FechaPagoReal)");

    /// <summary>Ordinal order of the 15 digits (SPEC §3.5).</summary>
    /// <summary>Equal when the codes are equal (a default value equals its all-zero or placeholder code).</summary>
    public bool Equals(PedimentoNumber other) => string.Equals(Digits15, other.Digits15, StringComparison.Ordinal);

    public override int GetHashCode() => Digits15.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(PedimentoNumber other) => string.CompareOrdinal(Digits15, other.Digits15);

    public static bool operator <(PedimentoNumber left, PedimentoNumber right) => left.CompareTo(right) < 0;

    public static bool operator <=(PedimentoNumber left, PedimentoNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >(PedimentoNumber left, PedimentoNumber right) => left.CompareTo(right) > 0;

    public static bool operator >=(PedimentoNumber left, PedimentoNumber right) => left.CompareTo(right) >= 0;

    public override string ToString() => Digits15;

    private static bool TryPad(string? text, int length, out string result)
    {
        var t = (text ?? string.Empty).Trim();
        result = t.Length is > 0 and < 8 && t.Length <= length ? t.PadLeft(length, '0') : t;
        return result.Length == length && Digits.AllDigits(result);
    }
}
