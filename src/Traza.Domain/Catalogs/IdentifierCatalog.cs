namespace Traza.Domain.Catalogs;

/// <summary>One identificador of Anexo 22 Apéndice 8: its code and description (complements are not kept).</summary>
public sealed record Identifier(string Code, string Description);

/// <summary>
/// Identificadores of Anexo 22 Apéndice 8 (Data/identifiers.csv; Data Stage 507 at pedimento level, 554 at
/// partida level). A few codes (CF, EP, IF, SH, TB) have one meaning at pedimento level and another at partida
/// level, so <see cref="Find"/> returns every description of a code.
/// </summary>
public static class IdentifierCatalog
{
    private static readonly Lazy<IReadOnlyList<Identifier>> Rows = new(Load);

    public static IReadOnlyList<Identifier> All => Rows.Value;

    public static IReadOnlyList<Identifier> Find(string? code)
    {
        var c = (code ?? string.Empty).Trim().ToUpperInvariant();
        return [.. Rows.Value.Where(r => string.Equals(r.Code, c, StringComparison.Ordinal))];
    }

    public static bool Contains(string? code) => Find(code).Count > 0;

    private static List<Identifier> Load() =>
        [.. CatalogResource.ReadCsv("identifiers.csv").Select(r => new Identifier(r[0], r[1]))];
}
