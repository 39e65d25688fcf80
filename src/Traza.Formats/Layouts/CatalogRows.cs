using Traza.Domain.Values;

namespace Traza.Formats.Layouts;

/// <summary>A tariffs row (SPEC §4.1): the MFN rate of a fracción (+ NICO) from a date.</summary>
public sealed record TariffRow(long Line, Fraccion Fraccion, string Nico, decimal MfnPct, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>A partners row (SPEC §4.1): a country's trade agreement in force from a date.</summary>
public sealed record PartnerRow(long Line, string Country, string Agreement, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>A rates row (SPEC §4.1): the DOF exchange rate of a date.</summary>
public sealed record RateRow(long Line, DateOnly Date, decimal MxnPerUsd);

/// <summary>An inpc or surcharges row (SPEC §4.1): a monthly value keyed by <c>YYYY-MM</c>.</summary>
public sealed record MonthlyRow(long Line, string Month, decimal Value);

/// <summary>A terms row (SPEC §4.1, §3.7): a rule on a kind, clave or fracción, in months or <c>program</c>.</summary>
public sealed record TermRow(long Line, string RuleOn, string Key, string Months, DateOnly ValidFrom, DateOnly? ValidTo, string? Note);
