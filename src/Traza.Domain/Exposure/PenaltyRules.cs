using System.Globalization;
using Traza.Domain.Catalogs;

namespace Traza.Domain.Exposure;

/// <summary>The three scenarios of SPEC §3.9, in report order.</summary>
public enum ExposureScenario
{
    /// <summary>The company changes the lot's regime now (A3 or F4).</summary>
    Regularize,

    /// <summary>The authority finds the lapse first.</summary>
    Authority,

    /// <summary>The goods are not at the program's domicile.</summary>
    Missing,
}

/// <summary>What a penalty rule's percentages or amounts apply to.</summary>
public enum PenaltyBasis
{
    /// <summary>A fixed amount (MXN) per 15 days, or fraction, past the deadline, capped at the value (art. 183 fr. II).</summary>
    Per15Days,

    /// <summary>A percentage of the omitted IGI + DTA + IVA (art. 178 fr. I).</summary>
    PctOfTaxes,

    /// <summary>A percentage of the value (art. 178 fr. III–VI).</summary>
    PctOfValue,
}

/// <summary>
/// One dated penalty rule (Catalogs/Data/penalty_rules.csv): the scenario it prices, on what, min and max; <c>Rule</c> names
/// the article and fracción as the report's <c>rule</c> column shows them, <c>Uncertain</c> what regulatory.md marks
/// UNCERTAIN about it (empty when nothing).
/// </summary>
public sealed record PenaltyRule(
    ExposureScenario Scenario, PenaltyBasis Basis, decimal Min, decimal Max, DateOnly ValidFrom, DateOnly? ValidTo, string Rule, string Uncertain)
{
    public bool InForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}

/// <summary>
/// The dated penalty rules (SPEC §3.9 "penalty_min / penalty_max from dated penalty rules (shipped defaults, rule naming article
/// and fracción)"), shipped as data because their amounts are UNCERTAIN and change by decree (regulatory.md §6.6, §8 U13).
/// A rule is chosen by the lapse date: the first day the goods are illegally in the country (the day after the deadline),
/// when the infraction is committed — the law of that day punishes it (a reading; see docs/cli.md).
/// </summary>
public sealed class PenaltyRules
{
    private readonly PenaltyRule[] rules;

    public PenaltyRules(IEnumerable<PenaltyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        this.rules = [.. rules.OrderByDescending(r => r.ValidFrom)];
    }

    /// <summary>The shipped rules (Catalogs/Data/penalty_rules.csv).</summary>
    public static PenaltyRules Default { get; } = new(Load());

    public IReadOnlyList<PenaltyRule> All => rules;

    /// <summary>The rule of <paramref name="scenario"/> in force on <paramref name="date"/> (the latest valid_from wins); null when none.</summary>
    public PenaltyRule? On(ExposureScenario scenario, DateOnly date) => Array.Find(rules, r => r.Scenario == scenario && r.InForceOn(date));

    /// <summary>The scenario's name in the report (SPEC §3.9): regularize, authority, missing.</summary>
    public static string Name(ExposureScenario scenario) => scenario switch
    {
        ExposureScenario.Regularize => "regularize",
        ExposureScenario.Authority => "authority",
        _ => "missing",
    };

    private static IEnumerable<PenaltyRule> Load()
    {
        foreach (var f in CatalogResource.ReadCsv("penalty_rules.csv"))
        {
            var scenario = f[0] switch
            {
                "regularize" => ExposureScenario.Regularize,
                "authority" => ExposureScenario.Authority,
                "missing" => ExposureScenario.Missing,
                _ => throw new InvalidOperationException($"penalty_rules.csv: unknown scenario '{f[0]}'"),
            };
            var basis = f[1] switch
            {
                "per_15_days" => PenaltyBasis.Per15Days,
                "pct_of_taxes" => PenaltyBasis.PctOfTaxes,
                "pct_of_value" => PenaltyBasis.PctOfValue,
                _ => throw new InvalidOperationException($"penalty_rules.csv: unknown basis '{f[1]}'"),
            };
            yield return new PenaltyRule(scenario, basis,
                decimal.Parse(f[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                decimal.Parse(f[3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                DateOnly.ParseExact(f[4], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                f[5].Length == 0 ? null : DateOnly.ParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                f[6], f[7]);
        }
    }
}
