using CsCheck;
using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Terms;

/// <summary>Program term options (issue 14 item 1): optional sets, CFF readings, cancellation window, alert band, submanufacture.</summary>
public class ProgramTermSettingsTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 1);

    private static readonly Gen<DateOnly> Dates = Gen.Int[new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2060, 12, 31).DayNumber]
        .Select(DateOnly.FromDayNumber);

    private static DateOnly? Deadline(ProgramTermSettings s, PartKind kind, string clave, DateOnly entry, DateOnly? validTo = null,
        DateOnly? asOf = null, params TermRule[] user) =>
        TermCalculator.Deadline(kind, clave, null, entry, validTo, s.ToOptions(user, asOf ?? AsOf)).Date;

    [Fact]
    public void Default_settings_give_the_spec_defaults()
    {
        var d = ProgramTermSettings.Default;
        Deadline(d, PartKind.Material, "IN", new DateOnly(2025, 8, 31)).ShouldBe(new DateOnly(2027, 2, 28));
        Deadline(d, PartKind.Material, "V1", new DateOnly(2025, 1, 10)).ShouldBe(new DateOnly(2026, 7, 10));
        Deadline(d, PartKind.Machinery, "IN", new DateOnly(2026, 2, 1), new DateOnly(2030, 12, 31)).ShouldBe(new DateOnly(2030, 12, 31));
        Deadline(d, PartKind.Machinery, "IN", new DateOnly(2026, 2, 1)).ShouldBeNull();
    }

    [Fact]
    public void Month_end_first_business_day_reading_gives_the_first_of_march() =>
        Deadline(ProgramTermSettings.Default with { MissingDay = MissingDayRule.FirstBusinessDayOfNextMonth },
            PartKind.Material, "IN", new DateOnly(2025, 8, 31)).ShouldBe(new DateOnly(2027, 3, 1));

    [Fact]
    public void Each_optional_set_applies_only_when_switched_on()
    {
        var d = ProgramTermSettings.Default;
        // v1_6_months: a V1 lot entered 2025-01-10 gets 6 months instead of 18.
        Deadline(d with { Sets = [OptionalTermSet.V1SixMonths] }, PartKind.Material, "V1", new DateOnly(2025, 1, 10))
            .ShouldBe(new DateOnly(2025, 7, 10));
        // oea_36_months: a material lot gets 36 months.
        Deadline(d with { Sets = [OptionalTermSet.Oea36Months] }, PartKind.Material, "IN", new DateOnly(2025, 1, 10))
            .ShouldBe(new DateOnly(2028, 1, 10));
        Deadline(d with { Sets = [OptionalTermSet.V1SixMonths] }, PartKind.Material, "IN", new DateOnly(2025, 1, 10))
            .ShouldBe(new DateOnly(2026, 7, 10));
        // industry_5_10_years: tooling under IN from 2026 gets 60 months; before 2026 the program's vigencia.
        var industry = d with { Sets = [OptionalTermSet.Industry5And10Years] };
        Deadline(industry, PartKind.Tooling, "IN", new DateOnly(2026, 3, 1), new DateOnly(2035, 1, 1)).ShouldBe(new DateOnly(2031, 3, 1));
        Deadline(industry, PartKind.Machinery, "IN", new DateOnly(2026, 3, 1), new DateOnly(2040, 1, 1)).ShouldBe(new DateOnly(2036, 3, 1));
        Deadline(industry, PartKind.Tooling, "IN", new DateOnly(2025, 12, 31), new DateOnly(2035, 1, 1)).ShouldBe(new DateOnly(2035, 1, 1));
        Deadline(d, PartKind.Tooling, "IN", new DateOnly(2026, 3, 1), new DateOnly(2035, 1, 1)).ShouldBe(new DateOnly(2035, 1, 1));
    }

    [Fact]
    public void User_rules_override_the_optional_sets_and_defaults_of_their_key()
    {
        var user = TermRule.Parse("material", null, null, "6", "2000-01-01", null, null).Value;
        Deadline(ProgramTermSettings.Default with { Sets = [OptionalTermSet.Oea36Months] }, PartKind.Material, "IN",
            new DateOnly(2025, 1, 10), user: user).ShouldBe(new DateOnly(2025, 7, 10));
    }

    [Fact]
    public void Cancellation_caps_every_later_deadline_from_its_date_on()
    {
        var cancelled = ProgramTermSettings.Default with { CancelledOn = new DateOnly(2026, 3, 15) };
        // 60 days (art. 108 reformed): 2026-03-15 + 60 = 2026-05-14.
        Deadline(cancelled, PartKind.Machinery, "AF", new DateOnly(2025, 1, 1), new DateOnly(2030, 12, 31), new DateOnly(2026, 3, 15))
            .ShouldBe(new DateOnly(2026, 5, 14));
        Deadline(cancelled, PartKind.Machinery, "AF", new DateOnly(2025, 1, 1), null, new DateOnly(2026, 4, 1))
            .ShouldBe(new DateOnly(2026, 5, 14));
        // 180 days (RGCE rule 4.3.8): 2026-03-15 + 180 = 2026-09-11.
        Deadline(cancelled with { CancellationWindowDays = 180 }, PartKind.Material, "IN", new DateOnly(2025, 6, 1), null, new DateOnly(2026, 4, 1))
            .ShouldBe(new DateOnly(2026, 9, 11));
        // An earlier deadline stays: 2024-10-01 + 18 months = 2026-04-01 < 2026-05-14.
        Deadline(cancelled, PartKind.Material, "IN", new DateOnly(2024, 10, 1), null, new DateOnly(2026, 4, 1))
            .ShouldBe(new DateOnly(2026, 4, 1));
        // As of a day before the cancellation, the program's vigencia still holds.
        Deadline(cancelled, PartKind.Machinery, "AF", new DateOnly(2025, 1, 1), new DateOnly(2030, 12, 31), new DateOnly(2026, 3, 14))
            .ShouldBe(new DateOnly(2030, 12, 31));
    }

    [Fact]
    public void Cancellation_never_lengthens_a_deadline_and_caps_it_at_cancellation_plus_window() =>
        Gen.Select(Dates, Gen.Int[0, 240], Dates, Gen.Int[0, 400]).Sample((entry, months, cancelled, window) =>
        {
            var plain = new TermOptions();
            var capped = new TermOptions { CancelledOn = cancelled, CancellationWindowDays = window };
            var rule = TermLength.OfMonths(months);
            var before = TermCalculator.Apply(rule, entry, null, plain)!.Value;
            var after = TermCalculator.Cap(TermCalculator.Apply(rule, entry, null, capped), capped)!.Value;
            after.ShouldBeLessThanOrEqualTo(before);
            after.ShouldBeLessThanOrEqualTo(cancelled.AddDays(window));
            (after == before || after == cancelled.AddDays(window)).ShouldBeTrue();
            TermCalculator.Cap(null, capped).ShouldBe(cancelled.AddDays(window)); // a program deadline without valid-to
        });

    [Fact]
    public void Sets_parse_in_any_order_and_case_and_print_in_enum_order()
    {
        var sets = ProgramTermSettings.ParseSets(" OEA_36_months , v1_6_months,oea_36_months").Value;
        sets.ShouldBe([OptionalTermSet.V1SixMonths, OptionalTermSet.Oea36Months]);
        (ProgramTermSettings.Default with { Sets = sets }).SetsText.ShouldBe("v1_6_months,oea_36_months");
        ProgramTermSettings.ParseSets("none").Value.ShouldBeEmpty();
        ProgramTermSettings.ParseSets("").Value.ShouldBeEmpty();
        ProgramTermSettings.ParseSets("oea").Error!.Message.ShouldContain("'oea'");
        ProgramTermSettings.ParseMissingDay("First_Business_Day").Value.ShouldBe(MissingDayRule.FirstBusinessDayOfNextMonth);
        ProgramTermSettings.ParseMissingDay("end").IsOk.ShouldBeFalse();
    }

    [Fact]
    public void Cancellation_window_out_of_range_is_a_programming_error() =>
        Should.Throw<ArgumentException>(() => new TermOptions { CancellationWindowDays = -1 });

    [Theory]
    [InlineData(91, "")]
    [InlineData(90, "90")]
    [InlineData(61, "90")]
    [InlineData(60, "60")]
    [InlineData(31, "60")]
    [InlineData(30, "30")]
    [InlineData(0, "30")]
    [InlineData(-1, "expired")]
    public void Alert_band_names_the_band_of_the_days_left(int daysLeft, string band)
    {
        var deadline = new DateOnly(2026, 6, 30);
        LotStatus.At(1m, deadline, deadline.AddDays(-daysLeft)).AlertBandName.ShouldBe(band);
        LotStatus.At(0m, deadline, deadline.AddDays(-daysLeft)).AlertBandName.ShouldBe(string.Empty); // closed
    }

    [Fact]
    public void Alert_band_is_empty_without_a_deadline() => LotStatus.At(1m, null, AsOf).AlertBandName.ShouldBe(string.Empty);

    [Fact]
    public void Submanufacture_term_is_six_months_and_six_more_with_the_extension()
    {
        SubmanufactureTerm.Deadline(new DateOnly(2026, 1, 15), extended: false).ShouldBe(new DateOnly(2026, 7, 15));
        SubmanufactureTerm.Deadline(new DateOnly(2026, 1, 15), extended: true).ShouldBe(new DateOnly(2027, 1, 15));
        SubmanufactureTerm.Deadline(new DateOnly(2025, 8, 31), extended: false).ShouldBe(new DateOnly(2026, 2, 28));
    }

    [Fact]
    public void Zero_months_rule_ends_on_the_entry_date() =>
        TermCalculator.Deadline(PartKind.Material, "IN", Fraccion.Parse("39269099").Value, new DateOnly(2025, 3, 3), null,
            ProgramTermSettings.Default.ToOptions([TermRule.Parse(null, null, "39269099", "0", "2000-01-01", null, null).Value], AsOf))
            .Date.ShouldBe(new DateOnly(2025, 3, 3));
}
