using Traza.Domain.Values;

namespace Traza.Domain.Catalogs;

/// <summary>One country of Anexo 22 Apéndice 4.</summary>
/// <param name="Code">The "Clave SAAI M3", 3 letters (what Data Stage and M3 carry).</param>
/// <param name="CodeFiii">The legacy "Clave SAAI FIII" (2 characters); empty when unknown.</param>
/// <param name="Name">The country name in Spanish, as Apéndice 4 writes it.</param>
/// <param name="Note">Set on rows added to the source (MEX).</param>
public sealed record Country(string Code, string CodeFiii, string Name, string Note);

/// <summary>
/// Countries of Anexo 22 Apéndice 4 (Data/countries.csv). The source copy is truncated (149 rows, alphabetical up
/// to "Mauricio"; UNCERTAIN completeness) and lacks MEX, which is supplemented and noted as such. A code missing here
/// is therefore a warning, never invalid input.
/// </summary>
public static class CountryCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, Country>> Rows = new(Load);

    public static IReadOnlyCollection<Country> All => (IReadOnlyCollection<Country>)Rows.Value.Values;

    public static Country? Find(CountryCode code) => Rows.Value.TryGetValue(code.Code, out var c) ? c : null;

    public static bool Contains(CountryCode code) => Rows.Value.ContainsKey(code.Code);

    /// <summary>The country whose legacy FIII code is <paramref name="fiii"/> (<c>G8</c> = USA).</summary>
    public static Country? FindByFiii(string? fiii)
    {
        var f = (fiii ?? string.Empty).Trim().ToUpperInvariant();
        foreach (var c in Rows.Value.Values)
        {
            if (f.Length > 0 && string.Equals(c.CodeFiii, f, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    private static Dictionary<string, Country> Load()
    {
        var rows = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var r in CatalogResource.ReadCsv("countries.csv"))
        {
            rows[r[0]] = new Country(r[0], r[1], r[2], r[3]);
        }

        return rows;
    }
}
