using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Traza.Formats.DataStage;

/// <summary>The level a Data Stage table describes (SAT "Consulta Data Stage – Descripción de campos", 2022).</summary>
public enum DataStageLevel
{
    /// <summary>One or more rows per pedimento, keyed by Patente + Pedimento + SeccionAduanera.</summary>
    Pedimento,

    /// <summary>Rows per partida: the pedimento key plus SecuenciaFraccion.</summary>
    Partida,

    /// <summary>The consultation itself (Resumen).</summary>
    Consulta,
}

/// <summary>One field of a Data Stage table: its header name exactly as SAT writes it (typos kept) and SAT type.</summary>
public sealed record DataStageField(int Position, string Header, string Meaning, string SatType)
{
    /// <summary>True for SAT type FECHA.</summary>
    public bool IsDate => SatType.StartsWith("FECHA", StringComparison.Ordinal);
}

/// <summary>A Data Stage table layout: name as in the file name (<c>501</c>, <c>Inci</c>, <c>Resumen</c>), fields in order.</summary>
public sealed class DataStageTableLayout
{
    internal DataStageTableLayout(string name, string title, DataStageLevel level, IReadOnlyList<DataStageField> fields, int order)
    {
        Name = name;
        Title = title;
        Level = level;
        Fields = fields;
        Order = order;
        Headers = fields.Select(f => f.Header).ToArray();
    }

    public string Name { get; }

    public string Title { get; }

    public DataStageLevel Level { get; }

    public IReadOnlyList<DataStageField> Fields { get; }

    /// <summary>The header names in order, as the header row of a real file lists them.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Processing order inside a package: Resumen, 501, then the rest as SAT numbers them.</summary>
    public int Order { get; }

    /// <summary>True when rows carry the pedimento key (every table but Resumen).</summary>
    public bool HasPedimentoKey => Level != DataStageLevel.Consulta;

    /// <summary>True when rows carry SecuenciaFraccion (partida tables and Inci).</summary>
    public bool HasPartida => Headers.Contains("SecuenciaFraccion", StringComparer.Ordinal);

    public override string ToString() => Name;
}

/// <summary>
/// The 26 Data Stage table layouts, from the embedded copy of <c>shared/data/datastage_layouts.json</c> (header names
/// checked against real SAT packages 2020-2022; types from SAT/ANAM "Consulta Data Stage – Descripción de campos",
/// April 2022). The product reads only this embedded copy.
/// </summary>
public static class DataStageLayouts
{
    /// <summary>Table names in processing order.</summary>
    public static readonly IReadOnlyList<string> TableNames =
    [
        "Resumen", "501", "502", "503", "504", "505", "506", "507", "508", "509", "510", "511", "512", "520",
        "551", "552", "553", "554", "555", "556", "557", "558", "701", "702", "Sel", "Inci",
    ];

    private static readonly Lazy<FrozenDictionary<string, DataStageTableLayout>> ByName = new(Load);

    /// <summary>All 26 layouts in processing order.</summary>
    public static IReadOnlyList<DataStageTableLayout> All => [.. TableNames.Select(n => ByName.Value[n])];

    /// <summary>The layout of a table, by its name in the file name (case-insensitive: <c>inci</c> is Inci).</summary>
    public static bool TryGet(string name, out DataStageTableLayout layout)
    {
        if (ByName.Value.TryGetValue(name, out var found))
        {
            layout = found;
            return true;
        }

        layout = null!;
        return false;
    }

    public static DataStageTableLayout Get(string name) =>
        TryGet(name, out var layout) ? layout : throw new ArgumentException($"No Data Stage table '{name}'", nameof(name));

    private static FrozenDictionary<string, DataStageTableLayout> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Traza.Formats.DataStage.datastage_layouts.json")
            ?? throw new InvalidOperationException("Embedded datastage_layouts.json is missing");
        using var doc = JsonDocument.Parse(stream);
        var tables = doc.RootElement.GetProperty("tables");
        var result = new Dictionary<string, DataStageTableLayout>(StringComparer.OrdinalIgnoreCase);
        for (var order = 0; order < TableNames.Count; order++)
        {
            var name = TableNames[order];
            var t = tables.GetProperty(name);
            var level = t.GetProperty("level").GetString() switch
            {
                "partida" => DataStageLevel.Partida,
                "consulta" => DataStageLevel.Consulta,
                _ => DataStageLevel.Pedimento,
            };
            var fields = t.GetProperty("fields").EnumerateArray()
                .Select(f => new DataStageField(
                    f.GetProperty("pos").GetInt32(),
                    f.GetProperty("header").GetString()!,
                    f.GetProperty("meaning").GetString() ?? string.Empty,
                    f.GetProperty("sat_type").GetString() ?? string.Empty))
                .ToArray();
            result[name] = new DataStageTableLayout(name, t.GetProperty("name").GetString() ?? name, level, fields, order);
        }

        return result.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
