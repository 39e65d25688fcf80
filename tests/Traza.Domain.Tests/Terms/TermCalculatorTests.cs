using Traza.Domain.Model;
using Traza.Domain.Terms;

namespace Traza.Domain.Tests.Terms;

public class TermCalculatorTests
{
    private static readonly TermOptions Cff = new() { MissingDay = MissingDayRule.FirstBusinessDayOfNextMonth };

    [Fact]
    public void Months_rule_adds_calendar_months_to_the_entry_date() =>
        TermCalculator.AddMonths(new DateOnly(2025, 1, 15), 18).ShouldBe(new DateOnly(2026, 7, 15));

    [Fact]
    public void Months_rule_on_day_missing_in_target_month_ends_on_last_day() =>
        TermCalculator.AddMonths(new DateOnly(2025, 8, 31), 18).ShouldBe(new DateOnly(2027, 2, 28));

    [Fact]
    public void Months_rule_into_a_leap_february_ends_on_the_29th() =>
        TermCalculator.AddMonths(new DateOnly(2026, 8, 31), 18).ShouldBe(new DateOnly(2028, 2, 29));

    [Fact]
    public void Months_rule_into_a_30_day_month_ends_on_the_30th() =>
        TermCalculator.AddMonths(new DateOnly(2025, 5, 31), 18).ShouldBe(new DateOnly(2026, 11, 30));

    [Fact]
    public void Cff_option_moves_a_missing_day_to_the_first_business_day_of_next_month() =>
        TermCalculator.AddMonths(new DateOnly(2025, 8, 31), 18, Cff).ShouldBe(new DateOnly(2027, 3, 1));

    [Fact]
    public void Cff_option_skips_a_weekend_at_the_start_of_next_month() =>
        // 2024-12-31 + 2 months: no 31 February 2025; 1 March 2025 is a Saturday.
        TermCalculator.AddMonths(new DateOnly(2024, 12, 31), 2, Cff).ShouldBe(new DateOnly(2025, 3, 3));

    [Fact]
    public void Cff_option_skips_a_cff_holiday_at_the_start_of_next_month()
    {
        // 2025-01-31 + 3 months: no 31 April; 1 May 2025 (Thursday) is a CFF art. 12 day.
        TermCalculator.AddMonths(new DateOnly(2025, 1, 31), 3, Cff).ShouldBe(new DateOnly(2025, 5, 2));
        TermCalculator.AddMonths(new DateOnly(2025, 1, 31), 3, Cff with { Calendar = BusinessCalendar.WeekendsOnly })
            .ShouldBe(new DateOnly(2025, 5, 1));
    }

    [Fact]
    public void Cff_option_leaves_an_existing_day_alone() =>
        TermCalculator.AddMonths(new DateOnly(2025, 1, 15), 18, Cff).ShouldBe(new DateOnly(2026, 7, 15));

    [Fact]
    public void Extend_option_moves_a_deadline_on_a_weekend_to_the_next_business_day()
    {
        var extend = new TermOptions { ExtendToBusinessDay = true };

        // 2026-07-04 is a Saturday.
        TermCalculator.AddMonths(new DateOnly(2025, 1, 4), 18).ShouldBe(new DateOnly(2026, 7, 4));
        TermCalculator.AddMonths(new DateOnly(2025, 1, 4), 18, extend).ShouldBe(new DateOnly(2026, 7, 6));
        // 2027-02-28 is a Sunday.
        TermCalculator.AddMonths(new DateOnly(2025, 8, 31), 18, extend).ShouldBe(new DateOnly(2027, 3, 1));
    }

    [Fact]
    public void Deadline_of_a_material_is_18_months_and_names_its_rule()
    {
        var deadline = TermCalculator.Deadline(PartKind.Material, "IN", null, new DateOnly(2025, 8, 31), null);

        deadline.Date.ShouldBe(new DateOnly(2027, 2, 28));
        deadline.Rule!.Note.ShouldContain("108-I");
        deadline.HasDeadline.ShouldBeTrue();
    }

    [Fact]
    public void Deadline_of_a_container_is_24_months() =>
        TermCalculator.Deadline(PartKind.Container, "IN", null, new DateOnly(2025, 2, 10), null).Date
            .ShouldBe(new DateOnly(2027, 2, 10));

    [Fact]
    public void Program_rule_deadline_is_the_program_valid_to()
    {
        var validTo = new DateOnly(2028, 12, 31);

        TermCalculator.Deadline(PartKind.Machinery, "AF", null, new DateOnly(2025, 3, 1), validTo).Date.ShouldBe(validTo);
        TermCalculator.Deadline(PartKind.Material, "AF", null, new DateOnly(2025, 3, 1), validTo).Date.ShouldBe(validTo);
    }

    [Fact]
    public void Program_rule_without_valid_to_has_no_deadline()
    {
        var deadline = TermCalculator.Deadline(PartKind.Tooling, "IN", null, new DateOnly(2025, 3, 1), null);

        deadline.Date.ShouldBeNull();
        deadline.HasDeadline.ShouldBeFalse();
        deadline.Rule!.Length.IsProgram.ShouldBeTrue();
    }

    [Fact]
    public void Program_deadline_is_never_shifted_to_a_business_day()
    {
        var sunday = new DateOnly(2027, 2, 28);

        TermCalculator.Deadline(PartKind.Machinery, "AF", null, new DateOnly(2025, 3, 1), sunday, new TermOptions { ExtendToBusinessDay = true })
            .Date.ShouldBe(sunday);
    }

    [Fact]
    public void Lot_without_a_matching_rule_has_no_deadline()
    {
        var deadline = TermCalculator.Deadline(PartKind.Material, "IN", null, new DateOnly(2025, 3, 1), null, new TermOptions { Rules = TermRules.Empty });

        deadline.ShouldBe(new TermDeadline(null, null));
    }

    [Fact]
    public void Options_rules_decide_the_deadline()
    {
        var options = new TermOptions { Rules = TermRules.Default.Enable(OptionalTermSet.V1SixMonths) };

        TermCalculator.Deadline(PartKind.Material, "V1", null, new DateOnly(2025, 8, 31), null, options).Date
            .ShouldBe(new DateOnly(2026, 2, 28));
    }

    [Fact]
    public void Apply_gives_months_or_program_valid_to()
    {
        TermCalculator.Apply(TermLength.OfMonths(6), new DateOnly(2025, 1, 1), null).ShouldBe(new DateOnly(2025, 7, 1));
        TermCalculator.Apply(TermLength.Program, new DateOnly(2025, 1, 1), new DateOnly(2030, 1, 1)).ShouldBe(new DateOnly(2030, 1, 1));
        TermCalculator.Apply(TermLength.Program, new DateOnly(2025, 1, 1), null).ShouldBeNull();
    }
}
