using Traza.Domain.Terms;

namespace Traza.Domain.Tests.Terms;

public class LotStatusTests
{
    private static readonly DateOnly Deadline = new(2027, 2, 28);

    [Fact]
    public void Lot_with_zero_balance_is_closed_even_past_its_deadline()
    {
        var status = LotStatus.At(0m, Deadline, new DateOnly(2027, 6, 1));

        status.State.ShouldBe(LotState.Closed);
        status.DaysLeft.ShouldBe(-93);
    }

    [Fact]
    public void Balance_rounding_to_zero_at_6_decimals_is_closed()
    {
        LotStatus.At(0.0000004m, Deadline, new DateOnly(2026, 1, 1)).State.ShouldBe(LotState.Closed);
        LotStatus.At(0.0000005m, Deadline, new DateOnly(2026, 1, 1)).State.ShouldNotBe(LotState.Closed);
    }

    [Fact]
    public void Lot_with_balance_after_its_deadline_is_expired()
    {
        var status = LotStatus.At(5m, Deadline, new DateOnly(2027, 3, 1));

        status.State.ShouldBe(LotState.Expired);
        status.DaysLeft.ShouldBe(-1);
    }

    [Fact]
    public void Lot_on_its_deadline_day_is_expiring_with_zero_days_left()
    {
        var status = LotStatus.At(5m, Deadline, Deadline);

        status.State.ShouldBe(LotState.Expiring);
        status.DaysLeft.ShouldBe(0);
    }

    [Fact]
    public void Deadline_exactly_90_days_away_is_expiring()
    {
        var status = LotStatus.At(5m, Deadline, Deadline.AddDays(-90));

        status.State.ShouldBe(LotState.Expiring);
        status.DaysLeft.ShouldBe(90);
    }

    [Fact]
    public void Deadline_91_days_away_is_open()
    {
        var status = LotStatus.At(5m, Deadline, Deadline.AddDays(-91));

        status.State.ShouldBe(LotState.Open);
        status.DaysLeft.ShouldBe(91);
    }

    [Fact]
    public void Lot_without_deadline_is_open_and_never_expires()
    {
        var status = LotStatus.At(5m, null, new DateOnly(2099, 12, 31));

        status.State.ShouldBe(LotState.Open);
        status.DaysLeft.ShouldBeNull();
        LotStatus.At(0m, null, new DateOnly(2099, 12, 31)).State.ShouldBe(LotState.Closed);
    }

    [Fact]
    public void Closed_flag_overload_agrees_with_balance()
    {
        LotStatus.At(true, Deadline, new DateOnly(2028, 1, 1)).State.ShouldBe(LotState.Closed);
        LotStatus.At(false, Deadline, new DateOnly(2028, 1, 1)).State.ShouldBe(LotState.Expired);
    }

    [Theory]
    [InlineData(90, 90)]
    [InlineData(61, 90)]
    [InlineData(60, 60)]
    [InlineData(31, 60)]
    [InlineData(30, 30)]
    [InlineData(0, 30)]
    public void Expiring_lot_falls_in_the_90_60_30_alert_bands(int daysLeft, int band) =>
        LotStatus.At(1m, Deadline, Deadline.AddDays(-daysLeft)).AlertBand.ShouldBe(band);

    [Fact]
    public void Only_expiring_lots_have_an_alert_band()
    {
        LotStatus.At(1m, Deadline, Deadline.AddDays(-91)).AlertBand.ShouldBeNull();
        LotStatus.At(1m, Deadline, Deadline.AddDays(1)).AlertBand.ShouldBeNull();
        LotStatus.At(0m, Deadline, Deadline).AlertBand.ShouldBeNull();
    }

    [Fact]
    public void States_print_as_the_report_values()
    {
        Enum.GetValues<LotState>().Select(s => s.Name()).ShouldBe(["open", "expiring", "expired", "closed"]);
        LotStates.TryParse("expired", out var state).ShouldBeTrue();
        state.ShouldBe(LotState.Expired);
        LotStates.TryParse("Expired", out _).ShouldBeFalse();
    }

    [Fact]
    public void Status_of_a_computed_deadline_end_to_end()
    {
        var deadline = TermCalculator.Deadline(Model.PartKind.Material, "IN", null, new DateOnly(2025, 8, 31), null).Date;

        LotStatus.At(10m, deadline, new DateOnly(2026, 12, 1)).ShouldBe(new LotStatus(LotState.Expiring, 89));
        LotStatus.At(10m, deadline, new DateOnly(2026, 11, 30)).ShouldBe(new LotStatus(LotState.Expiring, 90));
        LotStatus.At(10m, deadline, new DateOnly(2026, 11, 29)).ShouldBe(new LotStatus(LotState.Open, 91));
    }
}
