namespace Traza.Domain.Terms;

/// <summary>
/// The shipped optional term rule sets of SPEC §3.7, off by default. All three rest on secondary sources
/// (regulatory.md §4.1–4.3, open points U10–U12) and are UNCERTAIN; they exist so a user who relies on them can
/// switch them on, never so they apply silently.
/// </summary>
public enum OptionalTermSet
{
    /// <summary>
    /// <c>v1_6_months</c>: goods received by virtual transfer (clave V1) 6 months — industry reading of Decreto
    /// IMMEX art. 4 / RGCE rule 4.3.21. UNCERTAIN.
    /// </summary>
    V1SixMonths,

    /// <summary>
    /// <c>oea_36_months</c>: OEA-certified companies 36 months for art. 108-I goods (materials, packaging,
    /// consumables, finished) — reported as RGCE rule 7.3.3. UNCERTAIN.
    /// </summary>
    Oea36Months,

    /// <summary>
    /// <c>industry_5_10_years</c>: "dies and molds 5 years, machinery 10 years for imports from 2026" (tooling 60
    /// months, machinery 120 months, entries from 2026-01-01). Not found in the law text: the 2025 reform put 5- and
    /// 10-year terms in art. 106 (non-IMMEX); art. 108-III still ties fixed assets to the program. UNCERTAIN.
    /// </summary>
    Industry5And10Years,
}

/// <summary>Names of <see cref="OptionalTermSet"/> as the <c>set</c> column of terms_default.csv writes them.</summary>
public static class OptionalTermSets
{
    public static readonly IReadOnlyList<string> Names = ["v1_6_months", "oea_36_months", "industry_5_10_years"];

    public static string Name(this OptionalTermSet set) => Names[(int)set];

    public static bool TryParse(string? text, out OptionalTermSet set)
    {
        var t = (text ?? string.Empty).Trim();
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], t, StringComparison.OrdinalIgnoreCase))
            {
                set = (OptionalTermSet)i;
                return true;
            }
        }

        set = default;
        return false;
    }
}
