namespace Traza.Domain.Terms;

/// <summary>What a months rule does when the entry's day does not exist in the target month.</summary>
public enum MissingDayRule
{
    /// <summary>
    /// The deadline is the last day of the target month (SPEC §3.7; 2025-08-31 + 18 months = 2027-02-28). Default.
    /// </summary>
    LastDayOfMonth,

    /// <summary>
    /// The CFF art. 12 reading: "cuando no exista el mismo día en el mes de calendario correspondiente, el término
    /// será el primer día hábil del siguiente mes de calendario" (2025-08-31 + 18 months = 2027-03-01). Business days
    /// per <see cref="TermOptions.Calendar"/>.
    /// </summary>
    FirstBusinessDayOfNextMonth,
}

/// <summary>
/// How deadlines are computed: the rules, and the documented options of SPEC §3.7. <see cref="Default"/> is the
/// SPEC's reading (calendar months, last day of the month, no business-day shifts) over <see cref="TermRules.Default"/>.
/// </summary>
public sealed record TermOptions
{
    public static TermOptions Default { get; } = new();

    /// <summary>The rules to look up; <see cref="TermRules.Default"/> unless set.</summary>
    public TermRules Rules { get => field ?? TermRules.Default; init; }

    /// <summary>What a months rule does on a day missing in the target month.</summary>
    public MissingDayRule MissingDay { get; init; } = MissingDayRule.LastDayOfMonth;

    /// <summary>
    /// The CFF art. 12 last paragraph reading: a months deadline that falls on a non-business day moves to the next
    /// business day. Off by default (customs offices operate every day; UNCERTAIN whether art. 12 governs art. 108).
    /// Never applied to a <c>program</c> deadline, which is a date, not a term.
    /// </summary>
    public bool ExtendToBusinessDay { get; init; }

    /// <summary>Business days for the two CFF options; <see cref="BusinessCalendar.Cff"/> unless set.</summary>
    public BusinessCalendar Calendar { get => field ?? BusinessCalendar.Cff; init; }
}
