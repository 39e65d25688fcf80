namespace Traza.Domain.Catalogs;

/// <summary>One clave de pedimento of Anexo 22 Apéndice 2.</summary>
/// <param name="Clave">The 2-character clave (<c>IN</c>, <c>AF</c>, <c>RT</c> …).</param>
/// <param name="Group">The Apéndice 2 group (Régimen Definitivo, Temporales, IMMEX, Depósito Fiscal / … ).</param>
/// <param name="Title">The official title.</param>
/// <param name="Legacy">True for a clave no longer in the current Apéndice 2 but still found in old data (A6).</param>
/// <param name="ValidFrom">First day the clave is in force.</param>
/// <param name="ValidTo">Last day in force; null while in force.</param>
/// <param name="Note">Why a row is doubtful or added, when it is.</param>
public sealed record ClaveDePedimento(string Clave, string Group, string Title, bool Legacy, DateOnly ValidFrom, DateOnly? ValidTo, string Note);

/// <summary>
/// Every clave de pedimento of Anexo 22 Apéndice 2 with its title (Data/claves_pedimento.csv), plus legacy claves
/// (A6) flagged <see cref="ClaveDePedimento.Legacy"/>. Data Stage keeps every clave for reconciliation, so this is
/// the catalog that names them; which claves the Traza entries/exits files accept, and their effect on balances,
/// is <see cref="ClaveTable"/> (SPEC §3.3).
/// </summary>
public static class ClaveCatalog
{
    private static readonly Lazy<IReadOnlyList<ClaveDePedimento>> Rows = new(Load);

    public static IReadOnlyList<ClaveDePedimento> All => Rows.Value;

    /// <summary>The clave (trimmed, any case), in force on the date if given.</summary>
    public static ClaveDePedimento? Find(string? clave, DateOnly? date = null)
    {
        var c = (clave ?? string.Empty).Trim().ToUpperInvariant();
        foreach (var row in Rows.Value)
        {
            if (string.Equals(row.Clave, c, StringComparison.Ordinal) && CatalogDates.InForce(row.ValidFrom, row.ValidTo, date))
            {
                return row;
            }
        }

        return null;
    }

    public static bool Contains(string? clave, DateOnly? date = null) => Find(clave, date) is not null;

    private static List<ClaveDePedimento> Load()
    {
        var rows = new List<ClaveDePedimento>();
        foreach (var r in CatalogResource.ReadCsv("claves_pedimento.csv"))
        {
            rows.Add(new ClaveDePedimento(r[0], r[1], r[2], string.Equals(r[3], "yes", StringComparison.Ordinal),
                CatalogDates.Parse(r[4], "claves_pedimento.csv"), CatalogDates.ParseOptional(r[5], "claves_pedimento.csv"), r[6]));
        }

        return rows;
    }
}
