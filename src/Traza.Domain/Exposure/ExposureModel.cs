namespace Traza.Domain.Exposure;

/// <summary>The loaded tables an exposure is computed from (SPEC §4.1) and the shipped penalty rules.</summary>
public sealed record ExposureTables(
    TariffSchedule Tariffs, TradePartners Partners, MonthlySeries Inpc, MonthlySeries Surcharges, PenaltyRules Penalties)
{
    public static ExposureTables Empty { get; } =
        new(TariffSchedule.Empty, TradePartners.Empty, MonthlySeries.Empty, MonthlySeries.Empty, PenaltyRules.Default);
}

/// <summary>
/// One lot at risk as the calculator needs it: dates, quantities, the lot's customs value in MXN (SPEC §3.4, resolved by
/// <see cref="CustomsValue.Of"/>; null when none), the part's fracción and NICO, origin, preference, and whether the program
/// is certified in IVA/IEPS (IVA then creditable, LIVA art. 28-A). <paramref name="NoValueReason"/> says why the value is
/// missing, for the <c>rule</c> column.
/// </summary>
public sealed record ExposureLot(
    DateOnly EntryDate,
    DateOnly? Deadline,
    decimal QtyEntered,
    decimal Balance,
    decimal? CustomsValueMxn,
    string? Fraccion,
    string? Nico,
    string? Origin,
    string? Preference,
    bool IvaCreditable,
    string? NoValueReason = null);

/// <summary>
/// The taxes of a lot at risk, shared by its three scenarios (SPEC §3.9), each with what it rests on: the tariff row or the
/// partners row behind IGI, the INPC months and indexes behind the factor, the surcharge months behind recargos. A null
/// amount is unknown — never zero — and <see cref="Missing"/> names what it lacks.
/// </summary>
public sealed record TaxFigures
{
    /// <summary>The balance's share of the customs value, <c>customs_value_mxn × balance / qty_entered</c>.</summary>
    public decimal? Value { get; init; }

    public decimal? Igi { get; init; }

    public decimal? Dta { get; init; }

    public decimal? Iva { get; init; }

    public decimal? Actualizacion { get; init; }

    public decimal? Recargos { get; init; }

    /// <summary>IGI + DTA + IVA, the base of actualización, recargos and the authority's penalty; null when one is unknown.</summary>
    public decimal? Taxes => Igi is { } i && Dta is { } d && Iva is { } v ? i + d + v : null;

    /// <summary>The IGI rate applied (%): the tariff row's MFN rate, 0 under a preference in force; null when unknown.</summary>
    public decimal? IgiPct { get; init; }

    /// <summary>The tariffs row applied (also set under a preference, for reference); null when none in force.</summary>
    public TariffLine? Tariff { get; init; }

    /// <summary>The partners row of the preference in force on the entry date; null when none.</summary>
    public PartnerLine? Partner { get; init; }

    /// <summary>Why IGI is what it is, e.g. <c>tariffs 85444299.00 from 2026-01-01: 35 % (LA art. 56 fr. I)</c>.</summary>
    public string IgiRule { get; init; } = string.Empty;

    /// <summary>IVA creditable (program certified in IVA/IEPS, LIVA art. 28-A, RGCE 7.1.2/7.1.3).</summary>
    public bool IvaCreditable { get; init; }

    /// <summary>The month before the entry month (CFF art. 17-A: the older index).</summary>
    public YearMonth InpcEntryMonth { get; init; }

    public decimal? InpcEntry { get; init; }

    /// <summary>The month before D's month (the newer index).</summary>
    public YearMonth InpcAsOfMonth { get; init; }

    public decimal? InpcAsOf { get; init; }

    /// <summary>max(1, INPC(D − 1 month) ÷ INPC(entry − 1 month)), unrounded; null when an index is missing.</summary>
    public decimal? Factor { get; init; }

    /// <summary>The months whose surcharges count: after the entry month up to and including D's month; empty when none.</summary>
    public IReadOnlyList<YearMonth> SurchargeMonths { get; init; } = [];

    /// <summary>Σ of their monthly pct; null when a month is missing.</summary>
    public decimal? SurchargePct { get; init; }

    /// <summary>What is missing, each named (<c>inpc 2026-11</c>, <c>surcharges 2026-03</c>, <c>tariffs …</c>); empty when nothing.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
}

/// <summary>
/// One scenario's penalty: min, max and the rule behind them. <c>Rule</c> is the <c>rule</c> column (article and fracción,
/// how the figure was reached, or why it is empty); <c>Applied</c> the penalty rule (null when none is in force or the lot
/// has no value); <c>DaysLate</c> D − deadline when positive, else 0; <c>Periods</c> the periods of 15 days (or fraction)
/// late of the per-15-days rule, else null.
/// </summary>
public sealed record ScenarioFigures(
    ExposureScenario Scenario, decimal? PenaltyMin, decimal? PenaltyMax, string Rule, PenaltyRule? Applied, int DaysLate, int? Periods);

/// <summary>A lot's exposure: its taxes and its three scenarios, in the order of SPEC §3.9.</summary>
public sealed record LotExposure(TaxFigures Taxes, IReadOnlyList<ScenarioFigures> Scenarios, DateOnly LapseDate);
