namespace Traza.Storage.Sqlite;

// DischargeStore: what an incremental run reads to resume — every stored tail, and the pools with allocations from a
// day on.
public sealed partial class DischargeStore
{
    /// <summary>
    /// Every stored tail (migration 0021), without chunks: each with <see cref="StoredPool.FirstLot"/> set to where it starts
    /// in the whole pool. They lie together (migration 0022), so reading them all is one short range scan.
    /// </summary>
    public List<StoredPool> Tails()
    {
        var tails = new List<StoredPool>();
        using var cmd = SegmentScan(1, null);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            tails.Add(Segment(r));
        }

        return tails;
    }

    /// <summary>The pools with a stored allocation dated on or after <paramref name="from"/>.</summary>
    public HashSet<(string Client, string Part)> PoolsAllocatedFrom(DateOnly from)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT DISTINCT client, part FROM discharge_alloc INDEXED BY discharge_alloc_period " +
            $"WHERE {SqliteDatabase.ProgramSql} AND period >= $period AND last_day >= $day";
        cmd.Parameters.AddWithValue("$period", AllocationChunk.PeriodOf(from.DayNumber));
        cmd.Parameters.AddWithValue("$day", from.DayNumber);
        using var r = cmd.ExecuteReader();
        var pools = new HashSet<(string, string)>();
        while (r.Read())
        {
            pools.Add((r.GetString(0), r.GetString(1)));
        }

        return pools;
    }
}
