namespace Traza.Domain.Terms;

/// <summary>
/// One dated row of the shelter-period rule: a client whose shelter operation starts on or after <paramref name="From"/> may
/// operate under the shelter for <paramref name="Months"/> months.
/// </summary>
/// <param name="From">The first start date the row applies to.</param>
/// <param name="Months">The shelter period in months.</param>
/// <param name="Source">Where the limit comes from, as the report prints it.</param>
public sealed record ShelterPeriodRule(DateOnly From, int Months, string Source);

/// <summary>
/// How long a foreign company may operate under a shelter (albergue) program, from its start date (issue 15 item 6;
/// docs/cli.md "report clients"). Shipped as a dated table: the row in force on the client's start date gives the period.
/// <para>
/// UNCERTAIN: the 4-year limit (LISR art. 183, in force since 2014-01-01: a foreign resident may use the shelter regime
/// for at most four years) is not in shared/domain/regulatory.md and was not verified against the DOF text; it is a
/// tax (ISR) limit, not a customs one. It is therefore configurable: <c>report clients --shelter-months N</c> replaces it.
/// </para>
/// </summary>
public static class ShelterPeriod
{
    /// <summary>The shipped rule rows, oldest first.</summary>
    public static readonly IReadOnlyList<ShelterPeriodRule> Rules =
    [
        new(new DateOnly(2014, 1, 1), 48, "LISR art. 183 (4 years, unverified)"),
    ];

    /// <summary>The window of an ending shelter period (end − D ≤ 90 days), as a lot's expiring window (SPEC §6).</summary>
    public const int EndingWithinDays = 90;

    /// <summary>The statuses of <c>report clients</c>: active, ending (within 90 days), over (D after the end).</summary>
    public static readonly IReadOnlyList<string> Statuses = ["active", "ending", "over"];

    /// <summary>The rule in force on <paramref name="start"/>: the latest row whose From is on or before it; null before every row.</summary>
    public static ShelterPeriodRule? RuleFor(DateOnly start, IReadOnlyList<ShelterPeriodRule>? rules = null) =>
        (rules ?? Rules).Where(r => r.From <= start).OrderBy(r => r.From).LastOrDefault();

    /// <summary>The last day of the shelter period: the start plus the months (a missing day is the month's last day).</summary>
    public static DateOnly End(DateOnly start, int months) => start.AddMonths(months);

    /// <summary>The status at <paramref name="asOf"/>: over when D is after the end, ending when the end is at most 90 days away, else active.</summary>
    public static string Status(DateOnly end, DateOnly asOf)
    {
        var left = end.DayNumber - asOf.DayNumber;
        return left < 0 ? "over" : left <= EndingWithinDays ? "ending" : "active";
    }
}
