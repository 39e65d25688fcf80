using Traza.Domain.Terms;

namespace Traza.Domain.Tests.Terms;

/// <summary>The shelter-period rule (issue 15 item 6; docs/cli.md "report clients"): dated rows, end, status boundaries.</summary>
public sealed class ShelterPeriodTests
{
    [Fact]
    public void The_shipped_row_gives_48_months_from_2014_and_none_before()
    {
        ShelterPeriod.RuleFor(new DateOnly(2021, 7, 15))!.Months.ShouldBe(48);
        ShelterPeriod.RuleFor(new DateOnly(2013, 12, 31)).ShouldBeNull();
        ShelterPeriod.End(new DateOnly(2021, 7, 15), 48).ShouldBe(new DateOnly(2025, 7, 15));
        ShelterPeriod.End(new DateOnly(2020, 2, 29), 12).ShouldBe(new DateOnly(2021, 2, 28)); // a missing day: the month's last
    }

    [Fact]
    public void The_row_in_force_on_the_start_date_applies()
    {
        ShelterPeriodRule[] rules = [new(new DateOnly(2014, 1, 1), 48, "a"), new(new DateOnly(2026, 1, 1), 60, "b")];
        ShelterPeriod.RuleFor(new DateOnly(2025, 12, 31), rules)!.Source.ShouldBe("a");
        ShelterPeriod.RuleFor(new DateOnly(2026, 1, 1), rules)!.Source.ShouldBe("b");
    }

    [Theory]
    [InlineData(91, "active")]
    [InlineData(90, "ending")]
    [InlineData(0, "ending")]
    [InlineData(-1, "over")]
    public void Status_is_ending_within_90_days_and_over_after_the_end(int daysLeft, string status)
    {
        var end = new DateOnly(2025, 7, 15);
        ShelterPeriod.Status(end, end.AddDays(-daysLeft)).ShouldBe(status);
    }
}
