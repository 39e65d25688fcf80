using Traza.Storage;


namespace Traza.App.Reports;

/// <summary>
/// Finds an entry row by its lot key within a part — (part, pedimento as UTF-8, partida) — without a string or a hash-table
/// entry per lot: the rows grouped by part (a counting sort), each group ordered by a 64-bit hash of the key, so a pool's
/// lots, read one pool after another, are found by binary search in one small, contiguous array and then compared exactly.
/// </summary>
internal sealed class EntriesByPart
{
    private readonly int[] start;
    private readonly int[] rows;
    private readonly long[] keys;

    /// <param name="entries">The entry rows.</param>
    /// <param name="partOf">Each row's part (an index below <paramref name="parts"/>), or -1 for a row not to find.</param>
    /// <param name="parts">How many parts there are.</param>
    public EntriesByPart(LotEntryTable entries, int[] partOf, int parts)
    {
        Entries = entries;
        start = new int[parts + 1];
        foreach (var p in partOf)
        {
            if (p >= 0)
            {
                start[p + 1]++;
            }
        }

        for (var p = 0; p < parts; p++)
        {
            start[p + 1] += start[p];
        }

        rows = new int[start[parts]];
        keys = new long[start[parts]];
        var next = start[..parts];
        for (var r = 0; r < partOf.Length; r++)
        {
            if (partOf[r] >= 0)
            {
                var at = next[partOf[r]]++;
                rows[at] = r;
                keys[at] = Key(entries.Pedimento(r), entries[r].Partida);
            }
        }

        for (var p = 0; p < parts; p++)
        {
            keys.AsSpan(start[p], start[p + 1] - start[p]).Sort(rows.AsSpan(start[p], start[p + 1] - start[p]));
        }
    }

    public LotEntryTable Entries { get; }

    /// <summary>The rows of <paramref name="part"/> (in the order of their key hashes).</summary>
    public ReadOnlySpan<int> RowsOf(int part) => rows.AsSpan(start[part], start[part + 1] - start[part]);

    /// <summary>The row of <paramref name="part"/> with this pedimento and partida, or -1.</summary>
    public int Find(int part, ReadOnlySpan<byte> pedimento, int partida)
    {
        var key = Key(pedimento, partida);
        var group = keys.AsSpan(start[part], start[part + 1] - start[part]);
        var i = group.BinarySearch(key);
        if (i < 0)
        {
            return -1;
        }

        while (i > 0 && group[i - 1] == key)
        {
            i--;
        }

        for (; i < group.Length && group[i] == key; i++)
        {
            var row = rows[start[part] + i];
            if (Entries[row].Partida == partida && Entries.Pedimento(row).SequenceEqual(pedimento))
            {
                return row;
            }
        }

        return -1;
    }

    /// <summary>FNV-1a over the pedimento's bytes and the partida.</summary>
    private static long Key(ReadOnlySpan<byte> pedimento, int partida)
    {
        unchecked
        {
            var h = 14695981039346656037UL;
            foreach (var b in pedimento)
            {
                h = (h ^ b) * 1099511628211UL;
            }

            h = (h ^ (uint)partida) * 1099511628211UL;
            return (long)h;
        }
    }
}
