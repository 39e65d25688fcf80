using Traza.Domain.Common;

namespace Traza.Domain.Terms;

/// <summary>
/// The term options a program runs with, switchable per program (<c>traza init</c>, <c>traza program set</c>) and stored with
/// it: the optional rule sets of SPEC §3.7 (off by default), the CFF art. 12 readings of a months term, and the program's
/// cancellation with the window it leaves. <see cref="Default"/> is the SPEC's reading.
/// </summary>
/// <param name="Sets">The optional rule sets switched on (UNCERTAIN, <see cref="OptionalTermSet"/>), in enum order, no repeats.</param>
/// <param name="MissingDay">What a months rule does when the entry's day is missing in the target month.</param>
/// <param name="ExtendToBusinessDay">CFF art. 12 last paragraph: a months deadline on a non-business day moves to the next one.</param>
/// <param name="CancelledOn">The day the program was cancelled; null while it is not.</param>
/// <param name="CancellationWindowDays">Days after <paramref name="CancelledOn"/> to return or change regime (60 or 180, UNCERTAIN).</param>
public sealed record ProgramTermSettings(
    IReadOnlyList<OptionalTermSet> Sets,
    MissingDayRule MissingDay,
    bool ExtendToBusinessDay,
    DateOnly? CancelledOn,
    int CancellationWindowDays)
{
    /// <summary>No optional set, last day of the month, no business-day shift, not cancelled, 60-day window (art. 108 reformed).</summary>
    public static ProgramTermSettings Default { get; } =
        new([], MissingDayRule.LastDayOfMonth, false, null, TermOptions.ReformedArt108WindowDays);

    /// <summary>The names of <see cref="MissingDayRule"/> as options and storage write them.</summary>
    public static readonly IReadOnlyList<string> MissingDayNames = ["last_day", "first_business_day"];

    /// <summary>The sets as stored and shown: names joined by commas in enum order; empty when none.</summary>
    public string SetsText => string.Join(',', Sets.Order().Select(s => s.Name()));

    /// <summary><c>last_day</c> or <c>first_business_day</c>.</summary>
    public string MissingDayText => MissingDayNames[(int)MissingDay];

    /// <summary>
    /// The options for deadlines computed at <paramref name="asOf"/>: the shipped defaults, the enabled optional sets and
    /// <paramref name="userRules"/> (the program's <c>terms</c> rows, SPEC §4.1) over them, the CFF options, and the
    /// cancellation only when it happened on or before <paramref name="asOf"/> (a report as of an earlier day shows the
    /// deadlines the program had then, SPEC §6).
    /// </summary>
    public TermOptions ToOptions(IEnumerable<TermRule> userRules, DateOnly asOf) => new()
    {
        Rules = TermRules.Default.Enable([.. Sets]).With(userRules),
        MissingDay = MissingDay,
        ExtendToBusinessDay = ExtendToBusinessDay,
        CancelledOn = CancelledOn is { } c && c <= asOf ? c : null,
        CancellationWindowDays = CancellationWindowDays,
    };

    /// <summary>
    /// Reads a list of set names separated by commas (<c>oea_36_months,v1_6_months</c>); <c>none</c> or empty is no set.
    /// Never throws.
    /// </summary>
    public static Result<IReadOnlyList<OptionalTermSet>> ParseSets(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0 || string.Equals(t, "none", StringComparison.OrdinalIgnoreCase))
        {
            return Result<IReadOnlyList<OptionalTermSet>>.Ok([]);
        }

        var sets = new SortedSet<OptionalTermSet>();
        foreach (var part in t.Split(','))
        {
            if (!OptionalTermSets.TryParse(part, out var set))
            {
                return Result<IReadOnlyList<OptionalTermSet>>.Fail(
                    $"term sets from {string.Join(", ", OptionalTermSets.Names)} separated by commas, or none; found '{part.Trim()}'");
            }

            sets.Add(set);
        }

        return Result<IReadOnlyList<OptionalTermSet>>.Ok([.. sets]);
    }

    /// <summary>Reads <c>last_day</c> or <c>first_business_day</c> (any case). Never throws.</summary>
    public static Result<MissingDayRule> ParseMissingDay(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        for (var i = 0; i < MissingDayNames.Count; i++)
        {
            if (string.Equals(MissingDayNames[i], t, StringComparison.OrdinalIgnoreCase))
            {
                return Result<MissingDayRule>.Ok((MissingDayRule)i);
            }
        }

        return Result<MissingDayRule>.Fail($"{string.Join(" or ", MissingDayNames)}, found '{text}'");
    }
}
