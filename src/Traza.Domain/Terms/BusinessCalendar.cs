namespace Traza.Domain.Terms;

/// <summary>
/// Business days for the optional CFF art. 12 readings of a term's end (<see cref="TermOptions"/>). Saturdays and
/// Sundays are never business days; <see cref="Cff"/> also excludes the days CFF art. 12 (first paragraph) lists:
/// 1 January, the first Monday of February, the third Monday of March, 1 and 5 May, 16 September, the third Monday
/// of November, 25 December, and 1 December of the years the Federal Executive changed hands on that day (2000,
/// 2006, 2012, 2018).
/// </summary>
/// <remarks>
/// UNCERTAIN, and configurable through <see cref="WithHolidays"/>: since the 2014 constitutional reform the
/// President takes office on 1 October (first in 2024), while the CFF text read still names 1 December — neither day
/// is added for 2024 on; the fiscal authorities' general vacations (also excluded by art. 12) are published each
/// year and are not shipped. The text of art. 12 was read from secondary copies, not the DOF.
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly bool cffHolidays;
    private readonly HashSet<DateOnly> extra;

    private BusinessCalendar(bool cffHolidays, HashSet<DateOnly> extra)
    {
        this.cffHolidays = cffHolidays;
        this.extra = extra;
    }

    /// <summary>Monday to Friday are business days.</summary>
    public static BusinessCalendar WeekendsOnly { get; } = new(false, []);

    /// <summary>Weekends and the days of CFF art. 12 are not business days.</summary>
    public static BusinessCalendar Cff { get; } = new(true, []);

    /// <summary>This calendar with more non-business days (authorities' vacations, a transmission day …).</summary>
    public BusinessCalendar WithHolidays(IEnumerable<DateOnly> holidays) => new(cffHolidays, [.. extra, .. holidays]);

    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !extra.Contains(date)
        && !(cffHolidays && IsCffHoliday(date));

    /// <summary><paramref name="date"/> itself when it is a business day, else the next one.</summary>
    public DateOnly OnOrAfter(DateOnly date)
    {
        var d = date;
        while (!IsBusinessDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    /// <summary>True for a day CFF art. 12 (first paragraph) excludes, weekends aside.</summary>
    public static bool IsCffHoliday(DateOnly date) => (date.Month, date.Day) switch
    {
        (1, 1) or (5, 1) or (5, 5) or (9, 16) or (12, 25) => true,
        (12, 1) => date.Year is 2000 or 2006 or 2012 or 2018,
        (2, _) => date == NthMonday(date.Year, 2, 1),
        (3, _) => date == NthMonday(date.Year, 3, 3),
        (11, _) => date == NthMonday(date.Year, 11, 3),
        _ => false,
    };

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }
}
