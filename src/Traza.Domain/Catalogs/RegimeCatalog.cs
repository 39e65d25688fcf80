namespace Traza.Domain.Catalogs;

/// <summary>One régimen aduanero of Anexo 22 Apéndice 16 (IMD, ITE …).</summary>
public sealed record Regime(string Code, string Description);

/// <summary>
/// Regímenes of Anexo 22 Apéndice 16 (Data/regimes.csv). Printed on the pedimento but not carried by Data Stage,
/// which leaves it to be derived from the clave and TipoOperacion.
/// </summary>
public static class RegimeCatalog
{
    private static readonly Lazy<IReadOnlyList<Regime>> Rows = new(Load);

    public static IReadOnlyList<Regime> All => Rows.Value;

    public static Regime? Find(string? code)
    {
        var c = (code ?? string.Empty).Trim().ToUpperInvariant();
        return Rows.Value.FirstOrDefault(r => string.Equals(r.Code, c, StringComparison.Ordinal));
    }

    public static bool Contains(string? code) => Find(code) is not null;

    private static List<Regime> Load() =>
        [.. CatalogResource.ReadCsv("regimes.csv").Select(r => new Regime(r[0], r[1]))];
}
