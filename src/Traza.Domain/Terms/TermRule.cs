using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Terms;

/// <summary>Where a term rule comes from; a later layer wins over an earlier one for the same key.</summary>
public enum TermRuleSource
{
    /// <summary>The shipped defaults (Ley Aduanera art. 108; SPEC §3.7), always on.</summary>
    Default = 0,

    /// <summary>A shipped optional rule set (<see cref="OptionalTermSet"/>), off unless enabled.</summary>
    Optional = 1,

    /// <summary>Loaded by the user (<c>traza import terms</c>, SPEC §4.1).</summary>
    User = 2,
}

/// <summary>
/// One dated term rule (SPEC §3.7): for lots whose key matches and whose entry date is within
/// [<see cref="ValidFrom"/>, <see cref="ValidTo"/>], the goods may stay <see cref="Length"/>.
/// </summary>
/// <param name="Key">The part kind, clave or fracción the rule applies to.</param>
/// <param name="Length">Months, or the program's vigencia.</param>
/// <param name="ValidFrom">The first entry date the rule applies to.</param>
/// <param name="ValidTo">The last entry date the rule applies to; null while in force.</param>
/// <param name="Note">The legal basis or why the rule is there (shown with the deadline).</param>
/// <param name="Source">The layer the rule belongs to.</param>
/// <param name="Set">The rule set's name: <c>default</c>, an optional set's name, or <c>user</c>.</param>
public sealed record TermRule(
    TermKey Key,
    TermLength Length,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Note,
    TermRuleSource Source = TermRuleSource.User,
    string Set = "user")
{
    /// <summary>True when a lot entered on <paramref name="entryDate"/> falls under this rule's dates.</summary>
    public bool InForceOn(DateOnly entryDate) => ValidFrom <= entryDate && (ValidTo is null || entryDate <= ValidTo);

    /// <summary>
    /// Reads a row of the <c>terms</c> layout (SPEC §4.1: <b>kind</b> or <b>clave</b> or <b>fraccion</b>,
    /// <b>months</b> (or <c>program</c>), <b>valid_from</b>, valid_to, note) as a <see cref="TermRuleSource.User"/>
    /// rule. Never throws; the message names what was expected.
    /// </summary>
    public static Result<TermRule> Parse(
        string? kind, string? clave, string? fraccion, string? months, string? validFrom, string? validTo, string? note)
    {
        var key = TermKey.Parse(kind, clave, fraccion);
        if (!key.IsOk)
        {
            return Result<TermRule>.Fail(key.Error!);
        }

        var length = TermLength.Parse(months);
        if (!length.IsOk)
        {
            return Result<TermRule>.Fail(length.Error!);
        }

        if (!TryDate(validFrom, out var from))
        {
            return Result<TermRule>.Fail($"valid_from as YYYY-MM-DD, found '{validFrom}'");
        }

        DateOnly? to = null;
        if (!string.IsNullOrWhiteSpace(validTo))
        {
            if (!TryDate(validTo, out var t))
            {
                return Result<TermRule>.Fail($"valid_to as YYYY-MM-DD or empty, found '{validTo}'");
            }

            if (t < from)
            {
                return Result<TermRule>.Fail($"valid_to on or after valid_from, found {validTo} before {validFrom}");
            }

            to = t;
        }

        return new TermRule(key.Value, length.Value, from, to, (note ?? string.Empty).Trim());
    }

    /// <summary><c>kind=container 24 from 2000-01-01</c>: key, length and dates, for messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Key} {Length} from {ValidFrom:yyyy-MM-dd}{(ValidTo is { } t ? $" to {t:yyyy-MM-dd}" : string.Empty)}");

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? string.Empty).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
