using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// Parts by client, then part number, with ordinal string keys: the lookup every imported row makes (SPEC §4.1 "every
/// part a row names must exist for its client"), kept cheaper than one dictionary over (client, part) tuples.
/// </summary>
public sealed class PartIndex
{
    private readonly Dictionary<string, Dictionary<string, PartRecord>> byClient = new(StringComparer.Ordinal);
    private string? lastClient;
    private Dictionary<string, PartRecord>? lastParts;

    public int Count { get; private set; }

    /// <summary>Adds a part unless its (client, part) is already there.</summary>
    public bool TryAdd((string Client, string Part) key, PartRecord record)
    {
        if (!byClient.TryGetValue(key.Client, out var parts))
        {
            byClient[key.Client] = parts = new Dictionary<string, PartRecord>(StringComparer.Ordinal);
            lastClient = null;
        }

        if (!parts.TryAdd(key.Part, record))
        {
            return false;
        }

        Count++;
        return true;
    }

    public bool TryGetValue((string Client, string Part) key, out PartRecord record)
    {
        if (!ReferenceEquals(lastClient, key.Client) && !string.Equals(lastClient, key.Client, StringComparison.Ordinal))
        {
            lastParts = byClient.GetValueOrDefault(key.Client);
            lastClient = key.Client;
        }

        if (lastParts is not null && lastParts.TryGetValue(key.Part, out var found))
        {
            record = found;
            return true;
        }

        record = null!;
        return false;
    }
}
