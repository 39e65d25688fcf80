using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Terms;

/// <summary>
/// How long a temporarily imported good may stay: a number of calendar months (Ley Aduanera art. 108-I: 18,
/// 108-II: 24) or <c>program</c>, the vigencia of the IMMEX program (art. 108-III). The <c>months</c> column of the
/// <c>terms</c> layout (SPEC §4.1).
/// </summary>
public readonly record struct TermLength
{
    /// <summary>The longest term accepted, 100 years: anything longer is a typing error.</summary>
    public const int MaxMonths = 1200;

    private TermLength(int? months) => Months = months;

    /// <summary>The program's vigencia (art. 108-III).</summary>
    public static TermLength Program { get; } = new(null);

    /// <summary>The number of months; null for <see cref="Program"/>.</summary>
    public int? Months { get; }

    public bool IsProgram => Months is null;

    /// <summary>
    /// A term of <paramref name="months"/> calendar months (0 to <see cref="MaxMonths"/>; 0, which the <c>terms</c> layout
    /// accepts, makes the entry date itself the deadline).
    /// </summary>
    public static TermLength OfMonths(int months)
    {
        Guard.That(months is >= 0 and <= MaxMonths, $"A term of 0 to {MaxMonths} months, not {months}.", nameof(months));
        return new TermLength(months);
    }

    /// <summary>Parses <c>program</c> (any case) or a whole number of months. Never throws.</summary>
    public static Result<TermLength> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (string.Equals(t, "program", StringComparison.OrdinalIgnoreCase))
        {
            return Program;
        }

        return t.Length is > 0 and <= 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 0 and <= MaxMonths
            ? new TermLength(m)
            : Result<TermLength>.Fail($"a number of months (0-{MaxMonths}) or 'program', found '{text}'");
    }

    /// <summary><c>program</c> or the number of months, as the <c>terms</c> layout writes it.</summary>
    public override string ToString() => Months is { } m ? m.ToString(CultureInfo.InvariantCulture) : "program";
}
