using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// Parts by client, then part number, with ordinal string keys: the lookup every imported row makes (SPEC §4.1 "every
/// part a row names must exist for its client"), kept cheaper than one dictionary over (client, part) tuples.
/// </summary>
public sealed class PartIndex
{
    private readonly Dictionary<string, Dictionary<string, PartRecord>> byClient = new(StringComparer.Ordinal);
    /// <summary>The last client looked up and its parts, replaced as a whole so a reader thread sees a consistent pair.</summary>
    private ClientParts? last;

    public int Count { get; private set; }

    /// <summary>Adds a part unless its (client, part) is already there.</summary>
    public bool TryAdd((string Client, string Part) key, PartRecord record)
    {
        if (!byClient.TryGetValue(key.Client, out var parts))
        {
            byClient[key.Client] = parts = new Dictionary<string, PartRecord>(StringComparer.Ordinal);
            last = null;
        }

        if (!parts.TryAdd(key.Part, record))
        {
            return false;
        }

        Count++;
        return true;
    }

    /// <summary>Finds a part; safe from a second thread while no part is being added.</summary>
    public bool TryGetValue((string Client, string Part) key, out PartRecord record)
    {
        var current = last;
        if (current is null || !string.Equals(current.Client, key.Client, StringComparison.Ordinal))
        {
            current = new ClientParts(key.Client, byClient.GetValueOrDefault(key.Client));
            last = current;
        }

        if (current.Parts is not null && current.Parts.TryGetValue(key.Part, out var found))
        {
            record = found;
            return true;
        }

        record = null!;
        return false;
    }

    private sealed record ClientParts(string Client, Dictionary<string, PartRecord>? Parts);
}
