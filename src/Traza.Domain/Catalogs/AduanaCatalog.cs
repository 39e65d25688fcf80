using Traza.Domain.Values;

namespace Traza.Domain.Catalogs;

/// <summary>One aduana-sección of Anexo 22 Apéndice 1.</summary>
/// <param name="Aduana">The 2-digit aduana (the AA of a pedimento number).</param>
/// <param name="Seccion">The section digit (0 = main office); empty where the source printout lost it.</param>
/// <param name="Code">The 3-digit aduana-sección (Data Stage SeccionAduanera); empty where the section is unknown.</param>
/// <param name="Name">The denominación.</param>
/// <param name="ValidFrom">First day the row is in force.</param>
/// <param name="ValidTo">Last day in force; null while in force.</param>
/// <param name="Note">Why a row is doubtful, when it is.</param>
public sealed record AduanaSeccion(string Aduana, string Seccion, string Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo, string Note);

/// <summary>
/// Anexo 22 Apéndice 1 (aduana-sección) as amended DOF 15/01/2026, embedded as Data/aduanas.csv (source in
/// Data/SOURCE.md). 12 rows of the source printout have no section digit (UNCERTAIN): they are kept with an empty
/// <see cref="AduanaSeccion.Code"/>, so they answer <see cref="ContainsAduana"/> but not <see cref="Find"/>.
/// An unknown aduana in a pedimento is a warning, never invalid input (SPEC §3.1).
/// </summary>
public static class AduanaCatalog
{
    private static readonly Lazy<IReadOnlyList<AduanaSeccion>> Rows = new(Load);

    public static IReadOnlyList<AduanaSeccion> All => Rows.Value;

    /// <summary>The aduana-sección with this 3-digit code (<c>070</c>; <c>70</c> is padded), in force on the date if given.</summary>
    public static AduanaSeccion? Find(string? code, DateOnly? date = null)
    {
        var c = (code ?? string.Empty).Trim();
        if (c.Length is 1 or 2)
        {
            c = c.PadLeft(3, '0');
        }

        foreach (var row in Rows.Value)
        {
            if (row.Code.Length > 0 && string.Equals(row.Code, c, StringComparison.Ordinal)
                && CatalogDates.InForce(row.ValidFrom, row.ValidTo, date))
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>True when some section of the 2-digit aduana exists (on the date, if given).</summary>
    public static bool ContainsAduana(string? aduana, DateOnly? date = null) => MainOffice(aduana, date) is not null;

    /// <summary>The aduana's main office (section 0), else its first listed section.</summary>
    public static AduanaSeccion? MainOffice(string? aduana, DateOnly? date = null)
    {
        var a = (aduana ?? string.Empty).Trim();
        AduanaSeccion? first = null;
        foreach (var row in Rows.Value)
        {
            if (string.Equals(row.Aduana, a, StringComparison.Ordinal) && CatalogDates.InForce(row.ValidFrom, row.ValidTo, date))
            {
                if (string.Equals(row.Seccion, "0", StringComparison.Ordinal))
                {
                    return row;
                }

                first ??= row;
            }
        }

        return first;
    }

    /// <summary>True when the pedimento's aduana is in Apéndice 1: false is a warning, never a rejection.</summary>
    public static bool IsKnown(PedimentoNumber pedimento) => ContainsAduana(pedimento.Aduana);

    private static List<AduanaSeccion> Load()
    {
        var rows = new List<AduanaSeccion>();
        foreach (var r in CatalogResource.ReadCsv("aduanas.csv"))
        {
            rows.Add(new AduanaSeccion(r[0], r[1], r[2], r[3], CatalogDates.Parse(r[4], "aduanas.csv"),
                CatalogDates.ParseOptional(r[5], "aduanas.csv"), r[6]));
        }

        return rows;
    }
}
