using CsCheck;
using Traza.Domain.Terms;

namespace Traza.Domain.Tests.Terms;

public class TermPropertyTests
{
    private static readonly Gen<DateOnly> Dates = Gen.Int[new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2060, 12, 31).DayNumber]
        .Select(DateOnly.FromDayNumber);

    private static readonly TermOptions Cff = new() { MissingDay = MissingDayRule.FirstBusinessDayOfNextMonth, ExtendToBusinessDay = true };

    [Fact]
    public void Months_deadline_lands_in_the_target_month_on_the_same_or_last_day() =>
        Gen.Select(Dates, Gen.Int[1, 240]).Sample((entry, months) =>
        {
            var deadline = TermCalculator.AddMonths(entry, months);
            var monthIndex = (entry.Year * 12) + entry.Month - 1 + months;
            deadline.Year.ShouldBe(monthIndex / 12);
            deadline.Month.ShouldBe((monthIndex % 12) + 1);
            deadline.Day.ShouldBe(Math.Min(entry.Day, DateTime.DaysInMonth(deadline.Year, deadline.Month)));
        });

    [Fact]
    public void Cff_options_never_give_an_earlier_deadline_nor_a_non_business_day() =>
        Gen.Select(Dates, Gen.Int[1, 240]).Sample((entry, months) =>
        {
            var plain = TermCalculator.AddMonths(entry, months);
            var cff = TermCalculator.AddMonths(entry, months, Cff);
            cff.ShouldBeGreaterThanOrEqualTo(plain);
            BusinessCalendar.Cff.IsBusinessDay(cff).ShouldBeTrue();
            (cff.DayNumber - plain.DayNumber).ShouldBeLessThan(10);
        });

    [Fact]
    public void Status_only_moves_forward_as_the_date_advances() =>
        Gen.Select(Dates, Gen.Int[-400, 400], Gen.Int[1, 400]).Sample((deadline, offset, step) =>
        {
            var d1 = deadline.AddDays(offset);
            var s1 = LotStatus.At(1m, deadline, d1);
            var s2 = LotStatus.At(1m, deadline, d1.AddDays(step));
            ((int)s2.State).ShouldBeGreaterThanOrEqualTo((int)s1.State);
            (s1.DaysLeft - s2.DaysLeft).ShouldBe(step);
            s1.State.ShouldNotBe(LotState.Closed);
        });
}
