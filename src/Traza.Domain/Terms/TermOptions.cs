using Traza.Domain.Common;

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

    /// <summary>
    /// The day the IMMEX program was cancelled, when it was (and the computation is at or after that day): every deadline
    /// becomes at most <see cref="CancelledOn"/> + <see cref="CancellationWindowDays"/> — a <c>program</c> deadline
    /// (art. 108-III) becomes that date, and so does any months deadline that falls later. Null: not cancelled.
    /// </summary>
    /// <remarks>Ley Aduanera art. 108 as reformed (DOF 19-11-2025): 60 natural days after the cancellation to change the
    /// goods' regime or return them; RGCE 2026 rule 4.3.8: 180 days (regulatory.md §4.1, §4.4 item 3, CONFLICT).</remarks>
    public DateOnly? CancelledOn { get; init; }

    /// <summary>
    /// Natural days after <see cref="CancelledOn"/> to return or change the regime of the goods:
    /// <see cref="ReformedArt108WindowDays"/> (default) or <see cref="Rule438WindowDays"/>. UNCERTAIN which governs.
    /// </summary>
    public int CancellationWindowDays
    {
        get;
        init
        {
            Guard.That(value is >= 0 and <= MaxCancellationWindowDays,
                $"A window of 0 to {MaxCancellationWindowDays} days, not {value}.", nameof(value));
            field = value;
        }
    } = ReformedArt108WindowDays;

    /// <summary>Ley Aduanera art. 108 as reformed (in force 2026-01-01): 60 natural days after a cancellation.</summary>
    public const int ReformedArt108WindowDays = 60;

    /// <summary>RGCE 2026 rule 4.3.8: a one-time 180-day term after the program is cancelled or not renewed.</summary>
    public const int Rule438WindowDays = 180;

    /// <summary>The longest window accepted (ten years): anything longer is a typing error.</summary>
    public const int MaxCancellationWindowDays = 3650;

    /// <summary>The last day the cancellation leaves, or null when the program is not cancelled.</summary>
    public DateOnly? CancellationDeadline => CancelledOn?.AddDays(CancellationWindowDays);
}
