namespace Traza.Storage;

/// <summary>
/// Which layouts' batches a reversal may take back (SPEC §4.1 reversals, docs/architecture.md Decision 4), and the
/// table holding their rows. Program, clients, Data Stage, M3 and reversals themselves are final.
/// </summary>
public static class Reversibility
{
    private static readonly Dictionary<string, TableSpec> Reversible = new(StringComparer.Ordinal)
    {
        ["parts"] = TableSpec.Part,
        ["bom"] = TableSpec.Bom,
        ["entries"] = TableSpec.Entry,
        ["exits"] = TableSpec.Exit,
        ["events"] = TableSpec.Event,
        ["counts"] = TableSpec.Count,
        ["tariffs"] = TableSpec.Tariff,
        ["partners"] = TableSpec.Partner,
        ["rates"] = TableSpec.Rate,
        ["inpc"] = TableSpec.Inpc,
        ["surcharges"] = TableSpec.Surcharge,
        ["terms"] = TableSpec.TermRule,
    };

    /// <summary>The layouts whose rows may be reversed, in import order.</summary>
    public static IReadOnlyCollection<string> Layouts => Reversible.Keys;

    /// <summary>The table holding the rows of <paramref name="layout"/>'s batches, or null when they cannot be reversed.</summary>
    public static TableSpec? TableOf(string layout) => Reversible.GetValueOrDefault(layout);
}
