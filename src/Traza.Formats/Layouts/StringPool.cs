namespace Traza.Formats.Layouts;

/// <summary>
/// Strings of a file's fields, shared when a value repeats (claves, parts, clients, origins, pedimentos over their
/// partidas): one string per distinct value instead of one per row. Per column, a value equal to the previous row's
/// is found by one comparison; a column whose values rarely repeat (invoices) stops being hashed once that shows, and
/// the shared set is bounded (SPEC §8 import throughput).
/// </summary>
internal sealed class StringPool
{
    private const int Capacity = 1 << 16;

    /// <summary>Lookups of a column before its hit rate decides whether it keeps being pooled.</summary>
    private const int Trial = 4096;

    private readonly HashSet<string> set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly string[] last;
    private readonly int[] lookups;
    private readonly int[] hits;

    public StringPool(int columns)
    {
        lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        last = new string[columns];
        Array.Fill(last, string.Empty);
        lookups = new int[columns];
        hits = new int[columns];
    }

    public string Get(int column, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        var previous = last[column];
        if (value.SequenceEqual(previous))
        {
            return previous;
        }

        return last[column] = Pooled(column, value);
    }

    private string Pooled(int column, ReadOnlySpan<char> value)
    {
        var tried = lookups[column];
        if (tried >= Trial && hits[column] < tried / 2)
        {
            return value.ToString(); // mostly unique values: hashing them only costs
        }

        if (tried < Trial)
        {
            lookups[column] = tried + 1;
        }

        if (lookup.TryGetValue(value, out var found))
        {
            if (tried < Trial)
            {
                hits[column]++;
            }

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
