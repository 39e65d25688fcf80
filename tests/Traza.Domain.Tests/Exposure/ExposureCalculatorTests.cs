using Traza.Domain.Exposure;

namespace Traza.Domain.Tests.Exposure;

/// <summary>
/// SPEC §3.9 worked by hand (issue 14 item 7). The tables of every example:
/// <code>
/// tariffs   85444299 (every NICO)  5 % 2020-01-01..2025-12-31;  35 % from 2026-01-01 (the 2026 increase for non-partners)
/// partners  USA TMEC from 2020-07-01
/// inpc      2025-02 138.000   2025-12 140.000   2026-09 144.900   2027-04 147.000
/// surcharges 1.47 % every month 2025-01 .. 2027-12
/// penalties the shipped rules (Catalogs/Data/penalty_rules.csv)
/// </code>
/// </summary>
public sealed class ExposureCalculatorTests
{
    internal static readonly ExposureTables Tables = new(
        new TariffSchedule(
        [
            new TariffLine("85444299", "", 5m, new DateOnly(2020, 1, 1), new DateOnly(2025, 12, 31)),
            new TariffLine("85444299", "", 35m, new DateOnly(2026, 1, 1), null),
        ]),
        new TradePartners([new PartnerLine("USA", "TMEC", new DateOnly(2020, 7, 1), null)]),
        new MonthlySeries(
        [
            (new YearMonth(2025, 2), 138.000m), (new YearMonth(2025, 12), 140.000m),
            (new YearMonth(2026, 9), 144.900m), (new YearMonth(2027, 4), 147.000m),
        ]),
        new MonthlySeries(Enumerable.Range(0, 36).Select(i => (new YearMonth(2025, 1).AddMonths(i), 1.47m))),
        PenaltyRules.Default);

    /// <summary>
    /// Partner lot: USA, preference TMEC in force on 2025-03-10 → IGI 0. Entered 100, balance 40, customs value 50,000.00;
    /// deadline 2026-09-10, D 2026-10-15 (expired, 35 days late).
    /// <code>
    /// value = 50000 × 40 / 100                         = 20000.00
    /// IGI   = 0 (preference)                           =     0.00
    /// DTA   = 20000 × 8 / 1000                         =   160.00
    /// IVA   = (20000 + 0 + 160) × 16 %                 =  3225.60      taxes = 0 + 160 + 3225.60 = 3385.60
    /// factor = INPC 2026-09 / INPC 2025-02 = 144.9 / 138 = 1.05
    /// actualización = 3385.60 × 0.05                   =   169.28
    /// surcharges 2025-04 .. 2026-10 = 19 months × 1.47 = 27.93 %
    /// recargos = 3385.60 × 1.05 × 27.93 / 100 = 3554.88 × 0.2793 = 992.877984 → 992.88
    /// regularize: lapse 2026-09-11 (2026 rule), ceil(35 / 15) = 3 periods → 3 × 3020 = 9060.00 .. 3 × 4560 = 13680.00 (below value)
    /// authority:  3385.60 × 130 % = 4401.28 .. × 150 % = 5078.40
    /// missing:    20000 × 250 %   = 50000.00 .. × 300 % = 60000.00
    /// </code>
    /// </summary>
    [Fact]
    public void Partner_lot_with_preference_in_force_pays_no_igi()
    {
        var lot = new ExposureLot(new DateOnly(2025, 3, 10), new DateOnly(2026, 9, 10), 100m, 40m, 50_000m, "85444299", "00", "USA", "TMEC", false);
        var x = ExposureCalculator.Assess(lot, new DateOnly(2026, 10, 15), Tables);

        x.Taxes.Value.ShouldBe(20000.00m);
        x.Taxes.Igi.ShouldBe(0m);
        x.Taxes.IgiPct.ShouldBe(0m);
        x.Taxes.Partner!.Agreement.ShouldBe("TMEC");
        x.Taxes.IgiRule.ShouldStartWith("IGI 0: preference TMEC in force for USA");
        x.Taxes.Dta.ShouldBe(160.00m);
        x.Taxes.Iva.ShouldBe(3225.60m);
        x.Taxes.Factor.ShouldBe(1.05m);
        x.Taxes.Actualizacion.ShouldBe(169.28m);
        x.Taxes.SurchargeMonths.Count.ShouldBe(19);
        x.Taxes.SurchargeMonths[0].ShouldBe(new YearMonth(2025, 4));
        x.Taxes.SurchargeMonths[^1].ShouldBe(new YearMonth(2026, 10));
        x.Taxes.SurchargePct.ShouldBe(27.93m);
        x.Taxes.Recargos.ShouldBe(992.88m);
        x.Taxes.Missing.ShouldBeEmpty();
        x.LapseDate.ShouldBe(new DateOnly(2026, 9, 11));

        var (regularize, authority, missing) = (x.Scenarios[0], x.Scenarios[1], x.Scenarios[2]);
        regularize.Scenario.ShouldBe(ExposureScenario.Regularize);
        (regularize.PenaltyMin, regularize.PenaltyMax, regularize.Periods, regularize.DaysLate).ShouldBe((9060.00m, 13680.00m, 3, 35));
        regularize.Rule.ShouldContain("art. 183 fr. II");
        (authority.PenaltyMin, authority.PenaltyMax).ShouldBe((4401.28m, 5078.40m));
        authority.Rule.ShouldContain("art. 178 fr. I");
        (missing.PenaltyMin, missing.PenaltyMax).ShouldBe((50000.00m, 60000.00m));
        missing.Rule.ShouldContain("250-300 %");
    }

    /// <summary>
    /// Non-partner lot (CHN, no preference) entered 2026-01-20 under the 2026 increase row (35 %). Entered 10, balance 10,
    /// value 10,000.00; deadline 2027-07-20, D 2027-05-01 (expiring, not late).
    /// <code>
    /// value 10000.00; IGI = 10000 × 35 % = 3500.00; DTA = 80.00; IVA = (10000 + 3500 + 80) × 16 % = 2172.80
    /// taxes = 3500 + 80 + 2172.80 = 5752.80
    /// factor = INPC 2027-04 / INPC 2025-12 = 147 / 140 = 1.05 → actualización = 5752.80 × 0.05 = 287.64
    /// surcharges 2026-02 .. 2027-05 = 16 × 1.47 = 23.52 % → recargos = 5752.80 × 1.05 × 23.52 / 100 = 6040.44 × 0.2352
    ///   = 1420.711488 → 1420.71
    /// regularize: 0 days late → 0 periods → 0.00 .. 0.00
    /// authority: 5752.80 × 130 % = 7478.64 .. × 150 % = 8629.20;  missing: 25000.00 .. 30000.00
    /// </code>
    /// </summary>
    [Fact]
    public void Non_partner_lot_pays_the_2026_increase_row()
    {
        var lot = new ExposureLot(new DateOnly(2026, 1, 20), new DateOnly(2027, 7, 20), 10m, 10m, 10_000m, "85444299", "00", "CHN", null, false);
        var x = ExposureCalculator.Assess(lot, new DateOnly(2027, 5, 1), Tables);

        (x.Taxes.Value, x.Taxes.Igi, x.Taxes.Dta, x.Taxes.Iva).ShouldBe((10000.00m, 3500.00m, 80.00m, 2172.80m));
        x.Taxes.IgiPct.ShouldBe(35m);
        x.Taxes.IgiRule.ShouldBe("tariffs 85444299 from 2026-01-01: 35 % MFN (LA art. 56 fr. I)");
        (x.Taxes.Actualizacion, x.Taxes.SurchargePct, x.Taxes.Recargos).ShouldBe((287.64m, 23.52m, 1420.71m));
        (x.Scenarios[0].PenaltyMin, x.Scenarios[0].PenaltyMax, x.Scenarios[0].Periods).ShouldBe((0m, 0m, 0));
        (x.Scenarios[1].PenaltyMin, x.Scenarios[1].PenaltyMax).ShouldBe((7478.64m, 8629.20m));
        (x.Scenarios[2].PenaltyMin, x.Scenarios[2].PenaltyMax).ShouldBe((25000.00m, 30000.00m));
    }

    /// <summary>
    /// The same part entered 2025-12-15 and 2026-01-20: the rate is the row in force on each entry date (LA art. 56).
    /// 2025-12-15: 10000 × 5 % = 500.00, IVA = (10000 + 500 + 80) × 16 % = 1692.80; 2026-01-20: 3500.00 (above).
    /// A preference that names no agreement in force for the origin (TMEC for CHN) changes nothing and is said.
    /// </summary>
    [Fact]
    public void Tariff_is_the_row_in_force_on_each_entry_date()
    {
        var before = new ExposureLot(new DateOnly(2025, 12, 15), new DateOnly(2027, 6, 15), 10m, 10m, 10_000m, "85444299", "00", "CHN", "TMEC", false);
        var after = before with { EntryDate = new DateOnly(2026, 1, 20), Preference = null };
        var asOf = new DateOnly(2027, 5, 1);

        var x = ExposureCalculator.Taxes(before, asOf, Tables);
        (x.IgiPct, x.Igi, x.Iva).ShouldBe((5m, 500.00m, 1692.80m));
        x.IgiRule.ShouldBe("tariffs 85444299 from 2020-01-01: 5 % MFN (LA art. 56 fr. I); preference TMEC not in force for CHN on 2025-12-15");
        ExposureCalculator.Taxes(after, asOf, Tables).Igi.ShouldBe(3500.00m);
    }

    /// <summary>A lot without a customs value: every amount empty, never zero, and the rule says why (SPEC §3.9).</summary>
    [Fact]
    public void Lot_without_customs_value_has_empty_amounts_and_a_rule_that_says_so()
    {
        var lot = new ExposureLot(new DateOnly(2025, 3, 10), new DateOnly(2026, 9, 10), 100m, 40m, null, "85444299", "00", "USA", null, false,
            "the entry has value_usd but no exchange_rate, and no DOF rate is loaded for 2025-03-10");
        var x = ExposureCalculator.Assess(lot, new DateOnly(2026, 10, 15), Tables);

        new[] { x.Taxes.Value, x.Taxes.Igi, x.Taxes.Dta, x.Taxes.Iva, x.Taxes.Actualizacion, x.Taxes.Recargos }.ShouldAllBe(a => a == null);
        x.Scenarios.Count.ShouldBe(3);
        foreach (var s in x.Scenarios)
        {
            s.PenaltyMin.ShouldBeNull();
            s.PenaltyMax.ShouldBeNull();
            s.Rule.ShouldBe("no customs value: the entry has value_usd but no exchange_rate, and no DOF rate is loaded for 2025-03-10");
        }

        x.Taxes.Missing.ShouldContain("customs value");
    }

    /// <summary>
    /// INPC of the month before the entry month (2025-05 for an entry of 2025-06-02) not loaded: the factor, actualización and
    /// recargos are empty and the month is named; IGI, DTA, IVA and the penalties stand.
    /// </summary>
    [Fact]
    public void Missing_inpc_month_is_named_and_its_amounts_are_empty()
    {
        var lot = new ExposureLot(new DateOnly(2025, 6, 2), new DateOnly(2026, 9, 10), 10m, 10m, 10_000m, "85444299", "00", "CHN", null, false);
        var x = ExposureCalculator.Assess(lot, new DateOnly(2026, 10, 15), Tables);

        x.Taxes.Missing.ShouldBe(["inpc 2025-05"]);
        x.Taxes.InpcEntryMonth.ShouldBe(new YearMonth(2025, 5));
        x.Taxes.InpcAsOf.ShouldBe(144.900m);
        (x.Taxes.Factor, x.Taxes.Actualizacion, x.Taxes.Recargos).ShouldBe((null, null, null));
        x.Taxes.Igi.ShouldBe(500.00m);
        x.Scenarios[1].PenaltyMin.ShouldNotBeNull();
    }

    [Fact]
    public void Missing_surcharge_months_and_tariff_are_named()
    {
        var tables = Tables with { Surcharges = new MonthlySeries([(new YearMonth(2026, 10), 1.47m)]) };
        var lot = new ExposureLot(new DateOnly(2026, 7, 20), new DateOnly(2026, 9, 10), 10m, 10m, 10_000m, "39269099", "99", "CHN", null, false);
        var x = ExposureCalculator.Taxes(lot, new DateOnly(2026, 10, 15), tables);

        x.Missing.ShouldBe(["tariffs 39269099.99 on 2026-07-20", "inpc 2026-06", "surcharges 2026-08 2026-09"]);
        x.IgiRule.ShouldBe("no tariffs row for 39269099.99 in force on 2026-07-20");
        (x.Igi, x.Iva, x.Recargos).ShouldBe((null, null, null));
        x.Dta.ShouldBe(80.00m);
    }

    /// <summary>
    /// Never below 1: an index that fell gives factor 1, actualización 0.00 (CFF art. 17-A).
    /// An entry in D's own month has no surcharge month: recargos 0.00.
    /// </summary>
    [Fact]
    public void Factor_is_never_below_one_and_an_entry_of_the_same_month_has_no_surcharge()
    {
        var tables = Tables with { Inpc = new MonthlySeries([(new YearMonth(2026, 9), 150m), (new YearMonth(2026, 9), 150m)]) };
        var lot = new ExposureLot(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 20), 10m, 10m, 10_000m, "85444299", "", "CHN", null, false);
        var x = ExposureCalculator.Taxes(lot, new DateOnly(2026, 10, 15), tables);
        (x.Factor, x.Actualizacion, x.SurchargePct, x.Recargos).ShouldBe((1m, 0m, 0m, 0m));

        var fell = Tables with { Inpc = new MonthlySeries([(new YearMonth(2025, 2), 150m), (new YearMonth(2026, 9), 144.9m)]) };
        var old = lot with { EntryDate = new DateOnly(2025, 3, 10) };
        ExposureCalculator.Taxes(old, new DateOnly(2026, 10, 15), fell).Factor.ShouldBe(1m);
    }

    /// <summary>
    /// Rules switch on their effective dates (the lapse date, deadline + 1): a lot whose deadline is 2025-12-30 lapses on
    /// 2025-12-31 under the pre-reform 70-100 % for missing goods and has no shipped late-return amounts (regularize empty,
    /// named); one whose deadline is 2025-12-31 lapses on 2026-01-01 under 250-300 % and the 2026 amounts.
    /// Value 10,000: 70 % = 7000.00, 100 % = 10000.00; 250 % = 25000.00, 300 % = 30000.00.
    /// D = 2026-02-14: 46 and 45 days late → 4 and 3 periods; the second: 3 × 3020 = 9060.00 .. 3 × 4560 = 13680.00 → capped at 10000.00.
    /// </summary>
    [Fact]
    public void Penalty_rules_switch_on_their_effective_dates()
    {
        var asOf = new DateOnly(2026, 2, 14);
        var early = new ExposureLot(new DateOnly(2024, 6, 30), new DateOnly(2025, 12, 30), 10m, 10m, 10_000m, "85444299", "", "CHN", null, false);
        var late = early with { Deadline = new DateOnly(2025, 12, 31) };

        var a = ExposureCalculator.Assess(early, asOf, Tables);
        a.LapseDate.ShouldBe(new DateOnly(2025, 12, 31));
        (a.Scenarios[2].PenaltyMin, a.Scenarios[2].PenaltyMax).ShouldBe((7000.00m, 10000.00m));
        a.Scenarios[2].Applied!.ValidTo.ShouldBe(new DateOnly(2025, 12, 31));
        (a.Scenarios[0].PenaltyMin, a.Scenarios[0].PenaltyMax).ShouldBe((null, null));
        a.Scenarios[0].Rule.ShouldBe("no regularize penalty rule in force on the lapse date 2025-12-31");
        (a.Scenarios[1].PenaltyMin is not null).ShouldBeTrue(); // 130-150 % holds on both sides of the reform

        var b = ExposureCalculator.Assess(late, asOf, Tables);
        b.LapseDate.ShouldBe(new DateOnly(2026, 1, 1));
        (b.Scenarios[2].PenaltyMin, b.Scenarios[2].PenaltyMax).ShouldBe((25000.00m, 30000.00m));
        (b.Scenarios[0].PenaltyMin, b.Scenarios[0].PenaltyMax, b.Scenarios[0].Periods).ShouldBe((9060.00m, 10000.00m, 3));
    }

    [Fact]
    public void Tariff_row_of_the_exact_nico_wins_over_the_fraccion_row()
    {
        var schedule = new TariffSchedule(
        [
            new TariffLine("85444299", "", 5m, new DateOnly(2020, 1, 1), null),
            new TariffLine("85444299", "02", 10m, new DateOnly(2024, 1, 1), null),
        ]);
        schedule.On("85444299", "02", new DateOnly(2025, 1, 1))!.MfnPct.ShouldBe(10m);
        schedule.On("85444299", "02", new DateOnly(2023, 1, 1))!.MfnPct.ShouldBe(5m);
        schedule.On("85444299", "01", new DateOnly(2025, 1, 1))!.MfnPct.ShouldBe(5m);
        schedule.On("85444200", "01", new DateOnly(2025, 1, 1)).ShouldBeNull();
    }

    /// <summary>SPEC §3.4 customs value: the row's MXN, else USD × the row's rate, else USD × the DOF rate of the entry date
    /// (the latest row on or before it, at most 7 days back, CFF art. 20).</summary>
    [Fact]
    public void Customs_value_takes_the_row_then_its_rate_then_the_dof_rate()
    {
        var rates = new ExchangeRates([(new DateOnly(2025, 3, 7), 20.10m), (new DateOnly(2025, 3, 10), 20.25m)]);
        var day = new DateOnly(2025, 3, 10);
        CustomsValue.Of(1000m, 50m, 19m, day, rates).ShouldBe(new CustomsValue(1000m, CustomsValueSource.Row, null, null));
        CustomsValue.Of(null, 50m, 19m, day, rates).ShouldBe(new CustomsValue(950m, CustomsValueSource.RowRate, 19m, null));
        CustomsValue.Of(null, 50m, null, day, rates).ShouldBe(new CustomsValue(1012.50m, CustomsValueSource.DofRate, 20.25m, day));
        CustomsValue.Of(null, 50m, null, new DateOnly(2025, 3, 9), rates)
            .ShouldBe(new CustomsValue(1005.00m, CustomsValueSource.DofRate, 20.10m, new DateOnly(2025, 3, 7)));
        CustomsValue.Of(null, 50m, null, new DateOnly(2025, 3, 17), rates).Mxn.ShouldBe(1012.50m); // 7 days after the last row
        CustomsValue.Of(null, 50m, null, new DateOnly(2025, 3, 17), rates).RateDate.ShouldBe(day);
        CustomsValue.Of(null, 50m, null, new DateOnly(2025, 3, 18), rates).Source.ShouldBe(CustomsValueSource.None);
        CustomsValue.Of(null, 50m, null, new DateOnly(2025, 3, 6), rates).Mxn.ShouldBeNull();
        CustomsValue.Of(null, null, 19m, day, rates).Mxn.ShouldBeNull();
    }

    [Fact]
    public void Shipped_penalty_rules_name_article_and_fraccion_and_cover_every_scenario_from_2026()
    {
        foreach (var scenario in Enum.GetValues<ExposureScenario>())
        {
            var rule = PenaltyRules.Default.On(scenario, new DateOnly(2026, 1, 1)).ShouldNotBeNull();
            rule.Rule.ShouldContain("art. ");
            rule.Rule.ShouldContain(" fr. ");
        }
    }
}
