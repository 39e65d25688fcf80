using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Traza.Formats.M3;

/// <summary>A described field of an M3 register (type N numeric, AN alphanumeric, F date).</summary>
public sealed record M3Field(int Position, string Name, string Type, bool Required);

/// <summary>An M3 register layout: its code, name, arity and the fields the sources describe.</summary>
public sealed record M3RegisterLayout(string Code, string Name, int? Arity, IReadOnlyList<M3Field> Fields)
{
    /// <summary>The 1-based positions of date fields.</summary>
    public IReadOnlyList<int> DatePositions { get; } = [.. Fields.Where(f => f.Type == "F").Select(f => f.Position)];
}

/// <summary>
/// The M3 v9.0 register layouts, from the embedded copy of <c>shared/data/m3_layout_v9.json</c> (secondary
/// compilations of "Lineamientos Técnicos de Registros VOCE-SAAI M3 v9.0", Aug 2021).
/// </summary>
public static class M3Layouts
{
    private static readonly Lazy<FrozenDictionary<string, M3RegisterLayout>> Registers = new(Load);

    public static IReadOnlyCollection<M3RegisterLayout> All => Registers.Value.Values;

    public static bool TryGet(string code, out M3RegisterLayout layout)
    {
        if (Registers.Value.TryGetValue(code, out var found))
        {
            layout = found;
            return true;
        }

        layout = null!;
        return false;
    }

    private static FrozenDictionary<string, M3RegisterLayout> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Traza.Formats.M3.m3_layout_v9.json")
            ?? throw new InvalidOperationException("Embedded m3_layout_v9.json is missing");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, M3RegisterLayout>(StringComparer.Ordinal);
        foreach (var reg in doc.RootElement.GetProperty("registers").EnumerateObject())
        {
            var fields = reg.Value.GetProperty("fields").EnumerateArray()
                .Select(f => new M3Field(
                    f.GetProperty("pos").GetInt32(),
                    f.GetProperty("name").GetString() ?? string.Empty,
                    f.GetProperty("type").GetString() ?? "AN",
                    f.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True))
                .ToArray();
            int? arity = reg.Value.TryGetProperty("arity_per_aduanai", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : null;
            result[reg.Name] = new M3RegisterLayout(reg.Name, reg.Value.GetProperty("name").GetString() ?? reg.Name, arity, fields);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
