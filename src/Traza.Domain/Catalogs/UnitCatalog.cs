namespace Traza.Domain.Catalogs;

/// <summary>
/// Units of measure of Anexo 22 Apéndice 7 (UMC and UMT share the catalog). Source: Data/units.csv, copied from
/// shared/data/anexo22/36_apendice_7.json (code 22 "Carat" appears only in that source: UNCERTAIN, kept).
/// </summary>
public static class UnitCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<int, string>> Units = new(Load);

    public static IReadOnlyDictionary<int, string> All => Units.Value;

    public static bool Contains(int code) => Units.Value.ContainsKey(code);

    private static Dictionary<int, string> Load()
    {
        var result = new Dictionary<int, string>();
        foreach (var row in CatalogResource.ReadCsv("units.csv"))
        {
            result[int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)] = row[1];
        }

        return result;
    }
}
