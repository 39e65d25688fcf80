using Traza.Domain.Exposure;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>The loaded catalog tables (SPEC §4.1 tariffs, partners, rates, inpc, surcharges) as the exposure calculator reads them.</summary>
internal static class ExposureInputs
{
    public static ExchangeRates Rates(ITrazaStore store) => new(store.LoadRates().Select(r => (r.Date, r.MxnPerUsd)));

    public static ExposureTables Tables(ITrazaStore store) => new(
        new TariffSchedule(store.LoadTariffs().Select(t => new TariffLine(t.Fraccion, t.Nico, t.MfnPct, t.ValidFrom, t.ValidTo))),
        new TradePartners(store.LoadPartners().Select(p => new PartnerLine(p.Country, p.Agreement, p.ValidFrom, p.ValidTo))),
        Monthly(store.LoadInpc()),
        Monthly(store.LoadSurcharges()),
        PenaltyRules.Default);

    /// <summary>SPEC §3.4 for a stored entry: the row's MXN, else USD × its rate, else USD × the DOF rate of its date.</summary>
    public static CustomsValue CustomsValueOf(EntryRecord e, ExchangeRates rates) =>
        CustomsValue.Of(e.CustomsValueMxn, e.ValueUsd, e.ExchangeRate, e.Date, rates);

    /// <summary>
    /// The calculator's view of <paramref name="balance"/> of a stored lot (<c>exposure</c>, <c>options</c>, <c>usmca</c>): its
    /// customs value (SPEC §3.4), the part's fracción and NICO, the entry's origin (else the part's) and preference.
    /// </summary>
    public static (ExposureLot Lot, CustomsValue Value) LotOf(
        EntryRecord e, PartRecord part, DateOnly? deadline, decimal balance, ExchangeRates rates, bool ivaCreditable)
    {
        var value = CustomsValueOf(e, rates);
        var origin = string.IsNullOrWhiteSpace(e.Origin) ? part.Origin : e.Origin;
        return (new ExposureLot(e.Date, deadline, e.Qty, balance, value.Mxn, part.Fraccion, part.Nico, origin, e.Preference, ivaCreditable,
            value.Mxn is null ? NoValueReason(e) : null), value);
    }

    /// <summary>Why an entry has no customs value, for the exposure's <c>rule</c> column.</summary>
    public static string NoValueReason(EntryRecord e) => e.ValueUsd is null
        ? "the entry gives neither customs_value_mxn nor value_usd"
        : FormattableString.Invariant(
            $"the entry gives value_usd but neither customs_value_mxn nor exchange_rate, and no DOF rate is loaded for {e.Date:yyyy-MM-dd} or the {ExchangeRates.MaxDaysBack} days before");

    private static MonthlySeries Monthly(IEnumerable<MonthlyRecord> rows) =>
        new(rows.Select(r => (YearMonth.Parse(r.Month), r.Value)).Where(r => r.Item1 is not null).Select(r => (r.Item1!.Value, r.Value)));
}
