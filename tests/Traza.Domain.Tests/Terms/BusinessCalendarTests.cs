using Traza.Domain.Terms;

namespace Traza.Domain.Tests.Terms;

public class BusinessCalendarTests
{
    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-02-02")] // first Monday of February
    [InlineData("2026-03-16")] // third Monday of March
    [InlineData("2026-05-01")]
    [InlineData("2026-05-05")]
    [InlineData("2026-09-16")]
    [InlineData("2026-11-16")] // third Monday of November
    [InlineData("2026-12-25")]
    [InlineData("2018-12-01")] // transmission of the Federal Executive
    public void Cff_article_12_days_are_not_business_days(string date)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        BusinessCalendar.IsCffHoliday(d).ShouldBeTrue();
        BusinessCalendar.Cff.IsBusinessDay(d).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026-02-05")] // the date itself is not the holiday; its Monday is
    [InlineData("2026-03-21")]
    [InlineData("2026-11-20")]
    [InlineData("2026-12-01")] // not a transmission year
    [InlineData("2026-12-12")]
    public void Other_weekdays_are_business_days(string date)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        BusinessCalendar.IsCffHoliday(d).ShouldBeFalse();
        BusinessCalendar.Cff.IsBusinessDay(d).ShouldBe(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    [Fact]
    public void Weekends_are_never_business_days()
    {
        BusinessCalendar.WeekendsOnly.IsBusinessDay(new DateOnly(2026, 7, 4)).ShouldBeFalse();
        BusinessCalendar.WeekendsOnly.IsBusinessDay(new DateOnly(2026, 7, 5)).ShouldBeFalse();
        BusinessCalendar.WeekendsOnly.IsBusinessDay(new DateOnly(2026, 1, 1)).ShouldBeTrue();
    }

    [Fact]
    public void Extra_holidays_are_added_to_a_calendar()
    {
        var vacation = new DateOnly(2026, 7, 6);
        var calendar = BusinessCalendar.Cff.WithHolidays([vacation]);

        calendar.IsBusinessDay(vacation).ShouldBeFalse();
        calendar.OnOrAfter(new DateOnly(2026, 7, 4)).ShouldBe(new DateOnly(2026, 7, 7));
        BusinessCalendar.Cff.IsBusinessDay(vacation).ShouldBeTrue();
    }
}
