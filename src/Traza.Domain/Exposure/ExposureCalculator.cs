using System.Globalization;

namespace Traza.Domain.Exposure;

/// <summary>
/// What a lot at risk would cost, SPEC §3.9, pure and traceable. Each amount is rounded to cents (half away from zero) at the
/// end of its own line, and the next line is computed from the rounded figures the report shows, so every figure can be
/// re-derived from the row: value → IGI, DTA → IVA → actualización, recargos → penalties.
/// <list type="bullet">
/// <item>value = customs_value_mxn × balance / qty_entered.</item>
/// <item>IGI = value × MFN % of the tariffs row of the fracción and NICO in force on the entry date (Ley Aduanera art. 56
/// fr. I); 0 when the lot's preference names an agreement in force on the entry date for its origin (partners).</item>
/// <item>DTA = 8 ‰ of value (Ley Federal de Derechos art. 49 fr. I). IVA = 16 % of (value + IGI + DTA) (LIVA art. 24 fr. I,
/// 27), creditable for IVA/IEPS-certified programs (LIVA art. 28-A).</item>
/// <item>actualización = (IGI + DTA + IVA) × (factor − 1), factor = INPC(month before D's) ÷ INPC(month before the entry
/// month), never below 1 (CFF art. 17-A).</item>
/// <item>recargos = (IGI + DTA + IVA) × factor × Σ surcharges % of the months after the entry month up to and including
/// D's month ÷ 100 (CFF art. 21).</item>
/// <item>penalties from <see cref="PenaltyRules"/> in force on the lapse date (deadline + 1 day).</item>
/// </list>
/// The calculator is the one place these formulas live: the change-of-regime options of <c>report expiring</c> (F4/A3 cost =
/// the <c>regularize</c> scenario's taxes at the change date) and the USMCA art. 2.5 report (IGI of a non-originating share
/// at the export date, with its recargos) reuse <see cref="Taxes"/> with their own value, date and as-of.
/// </summary>
public static class ExposureCalculator
{
    /// <summary>DTA, Ley Federal de Derechos art. 49 fr. I: 8 al millar of the customs value.</summary>
    public const decimal DtaPerMil = 8m;

    /// <summary>IVA, LIVA art. 1 and 27: 16 % of the customs value plus IGI and the other contributions.</summary>
    public const decimal IvaPct = 16m;

    /// <summary>The late-return fine counts periods of this many days (Ley Aduanera art. 183 fr. II).</summary>
    public const int FinePeriodDays = 15;

    /// <summary>
    /// The three scenarios of <paramref name="lot"/> at <paramref name="asOf"/>; <paramref name="round"/> false computes every
    /// line unrounded (the linearity property's twin), the report always rounds.
    /// </summary>
    public static LotExposure Assess(ExposureLot lot, DateOnly asOf, ExposureTables tables, bool round = true)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(tables);
        var taxes = Taxes(lot, asOf, tables, round);
        var lapse = (lot.Deadline ?? asOf).AddDays(1);
        var daysLate = lot.Deadline is { } d && asOf > d ? asOf.DayNumber - d.DayNumber : 0;
        ScenarioFigures[] scenarios =
        [
            Penalty(ExposureScenario.Regularize, lot, taxes, tables.Penalties, lapse, daysLate, round),
            Penalty(ExposureScenario.Authority, lot, taxes, tables.Penalties, lapse, daysLate, round),
            Penalty(ExposureScenario.Missing, lot, taxes, tables.Penalties, lapse, daysLate, round),
        ];
        return new LotExposure(taxes, scenarios, lapse);
    }

    /// <summary>The taxes of <paramref name="lot"/>'s balance (shared by the three scenarios).</summary>
    public static TaxFigures Taxes(ExposureLot lot, DateOnly asOf, ExposureTables tables, bool round = true)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(tables);
        var missing = new List<string>();
        var entryMonth = YearMonth.Of(lot.EntryDate);
        var inpcEntryMonth = entryMonth.AddMonths(-1);
        var inpcAsOfMonth = YearMonth.Of(asOf).AddMonths(-1);
        var surchargeMonths = new List<YearMonth>();
        for (var m = entryMonth.AddMonths(1); m <= YearMonth.Of(asOf); m = m.AddMonths(1))
        {
            surchargeMonths.Add(m);
        }

        var figures = new TaxFigures
        {
            InpcEntryMonth = inpcEntryMonth,
            InpcAsOfMonth = inpcAsOfMonth,
            SurchargeMonths = surchargeMonths,
            IvaCreditable = lot.IvaCreditable,
        };

        decimal? value = lot.CustomsValueMxn is { } cv && lot.QtyEntered != 0 ? R(cv * lot.Balance / lot.QtyEntered, round) : null;
        if (value is null)
        {
            missing.Add("customs value");
        }

        // IGI: a preference in force wins over the tariff; without one, the tariffs row of the entry date.
        var partner = tables.Partners.InForce(lot.Origin, lot.Preference, lot.EntryDate);
        TariffLine? tariff = string.IsNullOrWhiteSpace(lot.Fraccion) ? null : tables.Tariffs.On(lot.Fraccion, lot.Nico, lot.EntryDate);
        decimal? igiPct;
        string igiRule;
        if (partner is not null)
        {
            igiPct = 0m;
            igiRule = Inv($"IGI 0: preference {partner.Agreement} in force for {partner.Country} on {lot.EntryDate:yyyy-MM-dd} (partners from {partner.ValidFrom:yyyy-MM-dd})");
        }
        else if (tariff is not null)
        {
            igiPct = tariff.MfnPct;
            igiRule = tariff.Describe() + " MFN (LA art. 56 fr. I)"
                + (string.IsNullOrWhiteSpace(lot.Preference) ? string.Empty
                    : Inv($"; preference {lot.Preference.Trim()} not in force for {(string.IsNullOrWhiteSpace(lot.Origin) ? "an unknown origin" : lot.Origin.Trim())} on {lot.EntryDate:yyyy-MM-dd}"));
        }
        else
        {
            igiPct = null;
            var code = string.IsNullOrWhiteSpace(lot.Fraccion) ? null
                : lot.Fraccion.Trim() + (string.IsNullOrWhiteSpace(lot.Nico) ? string.Empty : "." + lot.Nico.Trim());
            igiRule = code is null ? "the part has no fracción" : Inv($"no tariffs row for {code} in force on {lot.EntryDate:yyyy-MM-dd}");
            missing.Add(code is null ? "fraccion" : Inv($"tariffs {code} on {lot.EntryDate:yyyy-MM-dd}"));
        }

        decimal? igi = value is { } v1 && igiPct is { } pct ? R(v1 * pct / 100m, round) : null;
        decimal? dta = value is { } v2 ? R(v2 * DtaPerMil / 1000m, round) : null;
        decimal? iva = value is { } v3 && igi is { } i && dta is { } d ? R((v3 + i + d) * IvaPct / 100m, round) : null;
        figures = figures with { Value = value, Igi = igi, Dta = dta, Iva = iva, IgiPct = igiPct, IgiRule = igiRule, Tariff = tariff, Partner = partner };

        var inpcEntry = tables.Inpc[inpcEntryMonth];
        var inpcAsOf = tables.Inpc[inpcAsOfMonth];
        if (inpcEntry is null)
        {
            missing.Add("inpc " + inpcEntryMonth);
        }

        if (inpcAsOf is null && inpcAsOfMonth != inpcEntryMonth)
        {
            missing.Add("inpc " + inpcAsOfMonth);
        }

        decimal? factor = inpcEntry is { } older && inpcAsOf is { } newer && older > 0 ? Math.Max(1m, newer / older) : null;
        decimal? surchargePct = 0m;
        var gaps = surchargeMonths.Where(m => tables.Surcharges[m] is null).ToList();
        if (gaps.Count > 0)
        {
            surchargePct = null;
            missing.Add("surcharges " + string.Join(' ', gaps));
        }
        else
        {
            foreach (var m in surchargeMonths)
            {
                surchargePct += tables.Surcharges[m]!.Value;
            }
        }

        var taxes = figures.Taxes;
        decimal? actualizacion = taxes is { } t1 && factor is { } f1 ? R(t1 * (f1 - 1m), round) : null;
        decimal? recargos = taxes is { } t2 && factor is { } f2 && surchargePct is { } s ? R(t2 * f2 * s / 100m, round) : null;
        return figures with
        {
            InpcEntry = inpcEntry,
            InpcAsOf = inpcAsOf,
            Factor = factor,
            SurchargePct = surchargePct,
            Actualizacion = actualizacion,
            Recargos = recargos,
            Missing = missing,
        };
    }

    private static ScenarioFigures Penalty(
        ExposureScenario scenario, ExposureLot lot, TaxFigures taxes, PenaltyRules rules, DateOnly lapse, int daysLate, bool round)
    {
        if (taxes.Value is not { } value)
        {
            return new ScenarioFigures(scenario, null, null,
                "no customs value: " + (lot.NoValueReason ?? "no customs_value_mxn, no value_usd × exchange_rate, no loaded DOF rate"),
                null, daysLate, null);
        }

        if (rules.On(scenario, lapse) is not { } rule)
        {
            return new ScenarioFigures(scenario, null, null,
                Inv($"no {PenaltyRules.Name(scenario)} penalty rule in force on the lapse date {lapse:yyyy-MM-dd}"), null, daysLate, null);
        }

        switch (rule.Basis)
        {
            case PenaltyBasis.Per15Days:
                var periods = (daysLate + FinePeriodDays - 1) / FinePeriodDays;
                return new ScenarioFigures(scenario,
                    R(Math.Min(periods * rule.Min, value), round), R(Math.Min(periods * rule.Max, value), round),
                    Inv($"{rule.Rule}; {periods} period(s) of 15 days ({daysLate} days late)"), rule, daysLate, periods);
            case PenaltyBasis.PctOfTaxes:
                return taxes.Taxes is { } t
                    ? new ScenarioFigures(scenario, R(t * rule.Min / 100m, round), R(t * rule.Max / 100m, round), rule.Rule, rule, daysLate, null)
                    : new ScenarioFigures(scenario, null, null,
                        rule.Rule + "; IGI + DTA + IVA unknown (" + string.Join(", ", taxes.Missing) + ")", rule, daysLate, null);
            default:
                return new ScenarioFigures(scenario, R(value * rule.Min / 100m, round), R(value * rule.Max / 100m, round), rule.Rule, rule, daysLate, null);
        }
    }

    private static decimal R(decimal amount, bool round) => round ? Math.Round(amount, 2, MidpointRounding.AwayFromZero) : amount;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
