using CsCheck;
using Traza.Domain.Exposure;

namespace Traza.Domain.Tests.Exposure;

/// <summary>
/// Issue 14 item 3: the options of a lot at risk, worked by hand with <see cref="ExposureCalculatorTests.Tables"/>.
/// <code>
/// Expiring lot: CHN, entered 2026-01-20, 10 of 10 left, customs value 10,000.00; deadline 2027-07-20; D 2027-05-01 (80 days left)
///   IGI 35 % (the 2026 row) = 3500.00; DTA 80.00; IVA (10000 + 3500 + 80) × 16 % = 2172.80; taxes 5752.80
///   factor INPC 2027-04 / 2025-12 = 147 / 140 = 1.05 → actualización 5752.80 × 0.05 = 287.64
///   surcharges 2026-02 .. 2027-05 = 16 × 1.47 = 23.52 % → recargos 5752.80 × 1.05 × 0.2352 = 1420.71
///   return 0; transfer 0; change of regime F4 = 5752.80 + 287.64 + 1420.71 = 7461.15 (6040.44 without recargos);
///   regularize: not before the deadline (A3 case II); destruction 0.
/// Expired lot: USA TMEC, entered 2025-03-10, 40 of 100 left, 50,000.00; deadline 2026-09-10; D 2026-10-15 (35 days late)
///   IGI 0; DTA 160.00; IVA 3225.60; actualización 169.28; recargos 992.88 (ExposureCalculatorTests) → taxes 4547.76
///   fine 3 periods of 15 days × 3020 .. 4560 = 9060.00 .. 13680.00
///   return (late) 9060.00 .. 13680.00; transfer, change of regime, destruction: not available;
///   regularize A3 = 4547.76 + 9060 = 13607.76 .. 4547.76 + 13680 = 18227.76
/// </code>
/// </summary>
public sealed class LotOptionsTests
{
    private static readonly ExposureLot Expiring =
        new(new DateOnly(2026, 1, 20), new DateOnly(2027, 7, 20), 10m, 10m, 10_000m, "85444299", "00", "CHN", null, false);

    private static readonly ExposureLot Expired =
        new(new DateOnly(2025, 3, 10), new DateOnly(2026, 9, 10), 100m, 40m, 50_000m, "85444299", "00", "USA", "TMEC", false);

    private static (bool Available, decimal? Min, decimal? Max) Cost(LotOptionCosts costs, LotOption option)
    {
        var o = costs.Options[(int)option];
        o.Option.ShouldBe(option);
        return (o.Available, o.CostMin, o.CostMax);
    }

    [Fact]
    public void Expiring_lot_options_cost_nothing_but_the_change_of_regime_worked_by_hand()
    {
        var costs = LotOptions.Price(Expiring, new DateOnly(2027, 5, 1), ExposureCalculatorTests.Tables, fixedAsset: false);

        costs.Options.Select(o => o.Name).ShouldBe(["return", "transfer", "change_regime", "regularize", "destruction"]);
        costs.Options.Select(o => o.Clave).ShouldBe(["RT", "V1", "F4", "A3", ""]);
        Cost(costs, LotOption.Return).ShouldBe((true, 0m, 0m));
        Cost(costs, LotOption.Transfer).ShouldBe((true, 0m, 0m));
        Cost(costs, LotOption.ChangeRegime).ShouldBe((true, 7461.15m, 7461.15m));
        Cost(costs, LotOption.Regularize).ShouldBe((false, null, null));
        Cost(costs, LotOption.Destruction).ShouldBe((true, 0m, 0m));
        costs.Options[(int)LotOption.Transfer].Note.ShouldContain("clock-reset risk");
        costs.Options[(int)LotOption.Destruction].Rule.ShouldContain("RGCE rule 4.3.5");
        costs.Options[(int)LotOption.Destruction].Note.ShouldContain("not computed");

        var withoutRecargos = LotOptions.Price(Expiring, new DateOnly(2027, 5, 1), ExposureCalculatorTests.Tables, fixedAsset: false, withRecargos: false);
        Cost(withoutRecargos, LotOption.ChangeRegime).ShouldBe((true, 6040.44m, 6040.44m));
    }

    [Fact]
    public void Fixed_asset_lot_changes_regime_with_F5_and_may_take_A3_case_IV_before_the_deadline()
    {
        var costs = LotOptions.Price(Expiring, new DateOnly(2027, 5, 1), ExposureCalculatorTests.Tables, fixedAsset: true);

        costs.Options[(int)LotOption.ChangeRegime].Clave.ShouldBe("F5");
        Cost(costs, LotOption.ChangeRegime).ShouldBe((true, 7461.15m, 7461.15m));
        Cost(costs, LotOption.Regularize).ShouldBe((true, 7461.15m, 7461.15m));
        costs.Options[(int)LotOption.Regularize].Rule.ShouldContain("case IV");
    }

    [Fact]
    public void Expired_lot_can_only_be_returned_late_or_regularized_with_the_fine_worked_by_hand()
    {
        var costs = LotOptions.Price(Expired, new DateOnly(2026, 10, 15), ExposureCalculatorTests.Tables, fixedAsset: false);

        Cost(costs, LotOption.Return).ShouldBe((true, 9060m, 13680m));
        Cost(costs, LotOption.Transfer).ShouldBe((false, null, null));
        Cost(costs, LotOption.ChangeRegime).ShouldBe((false, null, null));
        Cost(costs, LotOption.Regularize).ShouldBe((true, 13607.76m, 18227.76m));
        Cost(costs, LotOption.Destruction).ShouldBe((false, null, null));
        costs.Options[(int)LotOption.Return].Rule.ShouldContain("art. 183 fr. II");
        costs.Options[(int)LotOption.Regularize].Rule.ShouldStartWith("Apendice 2 A3 case II");
    }

    [Fact]
    public void Lot_without_customs_value_has_no_cost_for_the_taxed_options_never_zero()
    {
        var costs = LotOptions.Price(Expiring with { CustomsValueMxn = null }, new DateOnly(2027, 5, 1), ExposureCalculatorTests.Tables, fixedAsset: false);

        Cost(costs, LotOption.ChangeRegime).ShouldBe((true, null, null));
        Cost(costs, LotOption.Return).ShouldBe((true, 0m, 0m), "a return before the deadline pays nothing, value or not");
        costs.Taxes.Missing.ShouldContain("customs value");
    }

    /// <summary>
    /// The change of regime's cost is linear in the balance (unrounded: exactly, up to decimal's digits); return, transfer and
    /// destruction cost 0 whatever the balance.
    /// </summary>
    [Fact]
    public void Option_costs_are_linear_in_the_balance() =>
        Gen.Select(Gen.Int[new DateOnly(2025, 1, 1).DayNumber, new DateOnly(2026, 6, 30).DayNumber], Gen.Int[1, 1_000_000],
            Gen.Long[0, 10_000_000_000L], Gen.Int[0, 1000], Gen.Int[0, 89]).Sample((day, qty, cents, permille, daysBefore) =>
        {
            var entry = DateOnly.FromDayNumber(day);
            var lot = new ExposureLot(entry, entry.AddMonths(18), qty, qty, cents / 100m, "85444299", "00", "CHN", null, false);
            var asOf = entry.AddMonths(18).AddDays(-daysBefore);
            var first = Math.Round(qty * permille / 1000m, 6);
            var tables = ExposurePropertyTests.LinearTables;
            decimal Change(decimal balance) =>
                LotOptions.Price(lot with { Balance = balance }, asOf, tables, false, round: false).Options[(int)LotOption.ChangeRegime].CostMin!.Value;
            Math.Abs(Change(qty) - (Change(first) + Change(qty - first))).ShouldBeLessThanOrEqualTo(0.000_000_01m);
            var whole = LotOptions.Price(lot, asOf, tables, false);
            foreach (var option in new[] { LotOption.Return, LotOption.Transfer, LotOption.Destruction })
            {
                Cost(whole, option).ShouldBe((true, 0m, 0m));
            }
        });
}
