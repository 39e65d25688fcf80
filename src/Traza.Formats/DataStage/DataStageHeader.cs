using System.Collections.Frozen;

namespace Traza.Formats.DataStage;

/// <summary>
/// The header row of one <c>.asc</c> member: column names in file order and a lookup by name. Columns are found by
/// name, never by position (the Excel variant and future SAT changes reorder or add columns); unknown columns are
/// kept and tolerated.
/// </summary>
public sealed class DataStageHeader
{
    private readonly FrozenDictionary<string, int> index;

    public DataStageHeader(IReadOnlyList<string> names, string line)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = names;
        Line = line;
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            map.TryAdd(names[i], i);
        }

        index = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The header line as delivered (decoded, without its line end).</summary>
    public string Line { get; }

    public int Count => Names.Count;

    /// <summary>The 0-based position of a column, or -1 when the file lacks it.</summary>
    public int IndexOf(string name) => index.TryGetValue(name, out var i) ? i : -1;

    public bool Contains(string name) => index.ContainsKey(name);
}
