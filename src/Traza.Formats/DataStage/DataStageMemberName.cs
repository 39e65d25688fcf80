namespace Traza.Formats.DataStage;

/// <summary>
/// Member names of a Data Stage package: <c>{folio}_{tabla}.asc</c> (e.g. <c>896998_501.asc</c>,
/// <c>896998_Inci.asc</c>); the folio is the SAT request number, repeated in Resumen.Folio.
/// </summary>
public static class DataStageMemberName
{
    /// <summary>The member name of a table of a package.</summary>
    public static string Of(string folio, string table) => folio + "_" + table + ".asc";

    /// <summary>Parses a file name (no folders); the table name is matched case-insensitively.</summary>
    public static bool TryParse(string fileName, out string folio, out DataStageTableLayout layout)
    {
        folio = string.Empty;
        layout = null!;
        if (fileName is null || !fileName.EndsWith(".asc", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stem = fileName[..^4];
        var cut = stem.LastIndexOf('_');
        if (cut <= 0 || cut == stem.Length - 1)
        {
            return false;
        }

        if (!DataStageLayouts.TryGet(stem[(cut + 1)..], out layout))
        {
            return false;
        }

        folio = stem[..cut];
        return true;
    }
}
