using Traza.Domain.Values;

namespace Traza.Domain.Catalogs;

/// <summary>One row of Anexo 22 Apéndice 5 (a currency as used by one country).</summary>
public sealed record Currency(string Code, string Name, string Country);

/// <summary>
/// Currencies of Anexo 22 Apéndice 5 (Data/currencies.csv): one row per country, so a code (EUR, USD) appears on
/// several rows. Apéndice 5 writes the peso as the legacy <c>MXP</c>, which <see cref="CurrencyCode"/> reads as
/// <c>MXN</c>; both are known here. Legacy codes (ARP, BRC …) are kept as the source has them.
/// </summary>
public static class CurrencyCatalog
{
    private static readonly Lazy<IReadOnlyList<Currency>> Rows = new(Load);

    public static IReadOnlyList<Currency> All => Rows.Value;

    public static bool Contains(CurrencyCode code) => Find(code).Count > 0;

    /// <summary>The rows of this currency (one per country that uses it).</summary>
    public static IReadOnlyList<Currency> Find(CurrencyCode code)
    {
        var c = code == CurrencyCode.Mxn ? "MXP" : code.Code;
        var result = new List<Currency>();
        foreach (var row in Rows.Value)
        {
            if (string.Equals(row.Code, c, StringComparison.Ordinal))
            {
                result.Add(row);
            }
        }

        return result;
    }

    private static List<Currency> Load() =>
        [.. CatalogResource.ReadCsv("currencies.csv").Select(r => new Currency(r[0], r[1], r[2]))];
}
