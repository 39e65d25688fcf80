namespace Traza.Formats.Layouts;

/// <summary>
/// Strings of a file's fields, shared when a value repeats (claves, parts, clients, origins, pedimentos over their
/// partidas): one string per distinct value instead of one per row. Bounded, so unique values (invoices) stop
/// being kept once it is full.
/// </summary>
internal sealed class StringPool
{
    private const int Capacity = 1 << 16;

    private readonly HashSet<string> set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool() => lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (lookup.TryGetValue(value, out var found))
        {
            return found;
        }

        var text = value.ToString();
        if (set.Count < Capacity)
        {
            set.Add(text);
        }

        return text;
    }
}
