using System.Reflection;
using System.Text;

namespace Traza.Domain.Catalogs;

/// <summary>Reads the catalogs embedded in this assembly (Catalogs/Data, each with its source noted).</summary>
internal static class CatalogResource
{
    /// <summary>Reads an embedded CSV (header skipped); quoted fields may contain commas and doubled quotes.</summary>
    public static IEnumerable<string[]> ReadCsv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Traza.Domain.Catalogs.Data." + name)
            ?? throw new InvalidOperationException($"Catalog resource {name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        _ = reader.ReadLine();
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(SplitCsvLine(line));
            }
        }

        return rows;
    }

    internal static string[] SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        fields.Add(sb.ToString());
        return [.. fields];
    }
}
