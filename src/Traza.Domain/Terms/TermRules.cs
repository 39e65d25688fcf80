using Traza.Domain.Catalogs;
using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Domain.Terms;

/// <summary>
/// An immutable set of dated term rules and the lookup of SPEC §3.7: for a lot, the rule keyed by its fracción wins
/// over the rule keyed by its clave, which wins over the rule keyed by its part kind; only rules in force on the
/// lot's entry date count. For one key, a user rule wins over an enabled optional rule, which wins over a default;
/// within one layer, the rule with the latest <see cref="TermRule.ValidFrom"/> wins (then the one added last).
/// </summary>
/// <remarks>
/// Build the rules a program runs with as
/// <c>TermRules.Default.Enable(OptionalTermSet.Oea36Months).With(userRules)</c>: a user rule for a key the
/// defaults also have overrides them from its <c>valid_from</c> on; a user rule for a new key extends them.
/// <see cref="Of"/> takes exactly the rules given (no defaults). Lookups are dictionary reads (no I/O, no LINQ),
/// cheap enough for a deadline per lot over a million lots.
/// </remarks>
public sealed class TermRules
{
    private static readonly Lazy<IReadOnlyList<TermRule>> ShippedRules = new(LoadShipped);
    private static readonly Lazy<TermRules> DefaultRules = new(() => Of(ShippedRules.Value.Where(r => r.Source == TermRuleSource.Default)));

    private readonly Dictionary<TermKey, TermRule[]> byKey;

    private TermRules(IReadOnlyList<TermRule> rules)
    {
        Rules = rules;
        byKey = [];
        var order = new Dictionary<TermRule, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < rules.Count; i++)
        {
            order[rules[i]] = i;
        }

        foreach (var group in rules.GroupBy(r => r.Key))
        {
            byKey[group.Key] = [.. group
                .OrderByDescending(r => r.Source)
                .ThenByDescending(r => r.ValidFrom)
                .ThenByDescending(r => order[r])];
        }
    }

    /// <summary>
    /// The defaults of SPEC §3.7 (Data/terms_default.csv, set <c>default</c>): by kind, container 24 months
    /// (Ley Aduanera art. 108-II), machinery and tooling <c>program</c> (108-III), material, packaging, consumable and
    /// finished 18 months (108-I); by clave, AF, E2 and A6 <c>program</c> (108-III). Optional sets off.
    /// </summary>
    public static TermRules Default => DefaultRules.Value;

    /// <summary>No rules at all: every lot is without a deadline.</summary>
    public static TermRules Empty { get; } = new([]);

    /// <summary>Every shipped rule, the optional sets included (each tagged with its set).</summary>
    public static IReadOnlyList<TermRule> Shipped => ShippedRules.Value;

    /// <summary>The rules, in the order they were given.</summary>
    public IReadOnlyList<TermRule> Rules { get; }

    /// <summary>Exactly these rules.</summary>
    public static TermRules Of(IEnumerable<TermRule> rules) => new([.. rules]);

    /// <summary>The shipped rules of one optional set.</summary>
    public static IReadOnlyList<TermRule> OptionalSet(OptionalTermSet set) =>
        [.. ShippedRules.Value.Where(r => r.Source == TermRuleSource.Optional && string.Equals(r.Set, set.Name(), StringComparison.Ordinal))];

    /// <summary>These rules plus the shipped rules of the given optional sets (SPEC §3.7: off by default).</summary>
    public TermRules Enable(params OptionalTermSet[] sets) =>
        new([.. Rules, .. sets.Distinct().SelectMany(OptionalSet).Where(r => !Rules.Contains(r))]);

    /// <summary>
    /// These rules plus <paramref name="rules"/> (typically a user's <c>terms</c> file, SPEC §4.1), which keep their
    /// own <see cref="TermRule.Source"/>: user rules override defaults and optional rules of the same key.
    /// </summary>
    public TermRules With(IEnumerable<TermRule> rules) => new([.. Rules, .. rules]);

    /// <summary>
    /// The rule for a lot of a part of <paramref name="kind"/>, entered with <paramref name="clave"/> (the rectified
    /// clave after a rectification, SPEC §3.8) and classified under <paramref name="fraccion"/>, on
    /// <paramref name="entryDate"/>; null when no rule applies.
    /// </summary>
    public TermRule? Find(PartKind kind, string? clave, Fraccion? fraccion, DateOnly entryDate)
    {
        if (fraccion is { } f && Find(TermKey.ForFraccion(f), entryDate) is { } byFraccion)
        {
            return byFraccion;
        }

        if (!string.IsNullOrWhiteSpace(clave) && Find(TermKey.ForClave(clave), entryDate) is { } byClave)
        {
            return byClave;
        }

        return Find(TermKey.ForKind(kind), entryDate);
    }

    /// <summary>The winning rule for exactly this key on <paramref name="entryDate"/>, or null.</summary>
    public TermRule? Find(TermKey key, DateOnly entryDate)
    {
        if (!byKey.TryGetValue(key, out var candidates))
        {
            return null;
        }

        foreach (var rule in candidates)
        {
            if (rule.InForceOn(entryDate))
            {
                return rule;
            }
        }

        return null;
    }

    private static List<TermRule> LoadShipped()
    {
        var rules = new List<TermRule>();
        foreach (var row in CatalogResource.ReadCsv("terms_default.csv"))
        {
            var parsed = TermRule.Parse(row[1], row[2], row[3], row[4], row[5], row[6], row[7]);
            if (!parsed.IsOk)
            {
                throw new InvalidOperationException($"terms_default.csv: {parsed.Error!.Message}");
            }

            var isDefault = string.Equals(row[0], "default", StringComparison.Ordinal);
            if (!isDefault && !OptionalTermSets.TryParse(row[0], out _))
            {
                throw new InvalidOperationException($"terms_default.csv: unknown set {row[0]}");
            }

            rules.Add(parsed.Value with { Source = isDefault ? TermRuleSource.Default : TermRuleSource.Optional, Set = row[0] });
        }

        return rules;
    }
}
