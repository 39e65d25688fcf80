using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

// DischargeStore: pools loaded whole — head and tail segments joined (migration 0021), with their allocation chunks
// (all, or from a period on) — for reports and the discharge engine.
public sealed partial class DischargeStore
{
    /// <summary>Every stored pool (of one client when given), its segments joined.</summary>
    public IEnumerable<StoredPool> Pools(string? client = null, bool withAllocations = true)
    {
        var chunks = connection.CreateCommand();
        chunks.CommandText = $"SELECT client, part, period, count, allocations FROM discharge_alloc WHERE {SqliteDatabase.ProgramSql} " +
            "AND ($client IS NULL OR client = $client) AND $with ORDER BY client, part, period, seq";
        chunks.Parameters.AddWithValue("$with", withAllocations ? 1 : 0);
        chunks.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        foreach (var pool in WithChunks(client, null, chunks))
        {
            yield return pool;
        }
    }

    /// <summary>The pools (of one client when given; only the <paramref name="wanted"/> when given) joined with the rows of <paramref name="chunks"/>, which it disposes.</summary>
    private IEnumerable<StoredPool> WithChunks(string? client, HashSet<(string, string)>? wanted, SqliteCommand chunks)
    {
        using var command = chunks;
        using var heads = SegmentScan(0, client);
        using var tails = SegmentScan(1, client);
        using var h = heads.ExecuteReader();
        using var t = tails.ExecuteReader();
        using var c = chunks.ExecuteReader();
        var cursor = new ChunkCursor(c);
        foreach (var pool in JoinSegments(h, t, wanted))
        {
            yield return new StoredPool
            {
                Client = pool.Client, Part = pool.Part, LotKeys = pool.LotKeys, LotTotals = pool.LotTotals, Chunks = cursor.Take(pool),
            };
        }
    }

    /// <summary>
    /// Walks chunk rows (client, part, period, count, allocations) in (client, part) order beside pools in the same order:
    /// each pool takes its own rows, and the rows of pools not asked for are passed over.
    /// </summary>
    private sealed class ChunkCursor(SqliteDataReader rows)
    {
        private bool pending = rows.Read();

        public List<AllocationChunk> Take(StoredPool pool)
        {
            var list = new List<AllocationChunk>();
            while (pending && Before(rows.GetString(0), rows.GetString(1), pool.Client, pool.Part) is var order && order <= 0)
            {
                if (order == 0)
                {
                    list.Add(new AllocationChunk(rows.GetInt32(2), rows.GetInt32(3), (byte[])rows.GetValue(4)));
                }

                pending = rows.Read();
            }

            return list;
        }
    }

    /// <summary>Whole pools (with their chunks from <paramref name="fromPeriod"/> on only) of the given (client, part) keys.</summary>
    public List<StoredPool> PoolsOf(IEnumerable<(string Client, string Part)> keys, int fromPeriod = 0)
    {
        var wanted = keys.ToHashSet();
        if (wanted.Count == 0)
        {
            return [];
        }

        // Many pools (an incremental run): one pass over the pool rows and one range read of the chunks by period.
        // A few (a custody query): point reads.
        var chunks = new Dictionary<(string, string), List<AllocationChunk>>();
        var pools = new List<StoredPool>();
        if (wanted.Count > 64)
        {
            using (var heads = SegmentScan(0, null))
            using (var tails = SegmentScan(1, null))
            using (var h = heads.ExecuteReader())
            using (var t = tails.ExecuteReader())
            {
                pools.AddRange(JoinSegments(h, t, wanted));
            }

            using var c = connection.CreateCommand();
            c.CommandText = $"SELECT client, part, period, count, allocations FROM discharge_alloc WHERE {SqliteDatabase.ProgramSql} " +
                "AND period >= $from ORDER BY period, seq";
            c.Parameters.AddWithValue("$from", fromPeriod);
            using var cr = c.ExecuteReader();
            while (cr.Read())
            {
                var key = (cr.GetString(0), cr.GetString(1));
                if (wanted.Contains(key))
                {
                    (chunks.TryGetValue(key, out var list) ? list : chunks[key] = []).Add(
                        new AllocationChunk(cr.GetInt32(2), cr.GetInt32(3), (byte[])cr.GetValue(4)));
                }
            }
        }
        else
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT {SegmentColumns} FROM discharge_pool WHERE {SqliteDatabase.ProgramSql} AND segment IN (0, 1) " +
                "AND client = $client AND part = $part ORDER BY segment";
            var pClient = cmd.Parameters.Add("$client", SqliteType.Text);
            var pPart = cmd.Parameters.Add("$part", SqliteType.Text);
            using var c = connection.CreateCommand();
            c.CommandText = $"SELECT period, count, allocations FROM discharge_alloc WHERE {SqliteDatabase.ProgramSql} AND client = $client " +
                "AND part = $part AND period >= $from ORDER BY period, seq";
            var cClient = c.Parameters.Add("$client", SqliteType.Text);
            var cPart = c.Parameters.Add("$part", SqliteType.Text);
            c.Parameters.AddWithValue("$from", fromPeriod);
            foreach (var (client, part) in wanted)
            {
                pClient.Value = cClient.Value = client;
                pPart.Value = cPart.Value = part;
                using (var r = cmd.ExecuteReader())
                {
                    if (r.Read())
                    {
                        var pool = new StoredPool
                        {
                            Client = client, Part = part, LotKeys = new List<PoolLotKey>(), LotTotals = new List<PoolLotTotals>(),
                        };
                        do
                        {
                            AddSegment(r, pool);
                        }
                        while (r.Read());
                        pools.Add(pool);
                    }
                }

                var list = chunks[(client, part)] = [];
                using var cr = c.ExecuteReader();
                while (cr.Read())
                {
                    list.Add(new AllocationChunk(cr.GetInt32(0), cr.GetInt32(1), (byte[])cr.GetValue(2)));
                }
            }
        }

        return [.. pools.Select(p => new StoredPool
        {
            Client = p.Client, Part = p.Part, LotKeys = p.LotKeys, LotTotals = p.LotTotals,
            Chunks = chunks.GetValueOrDefault((p.Client, p.Part)) ?? [],
        })];
    }

    /// <summary>
    /// <see cref="PoolsOf"/> one pool at a time: many pools in one pass over the pool rows and one over the chunks in key order
    /// (from <paramref name="fromPeriod"/> on), joined as they come, so only the pools being used are in memory; a few as
    /// <see cref="PoolsOf"/> reads them.
    /// </summary>
    public IEnumerable<StoredPool> EachPoolOf(IEnumerable<(string Client, string Part)> keys, int fromPeriod = 0)
    {
        var wanted = keys.ToHashSet();
        if (wanted.Count <= 64)
        {
            foreach (var pool in PoolsOf(wanted, fromPeriod))
            {
                yield return pool;
            }

            yield break;
        }

        var chunks = connection.CreateCommand();
        // `+period`: the key index in key order, not the period index and a sort of every chunk.
        chunks.CommandText = $"SELECT client, part, period, count, allocations FROM discharge_alloc WHERE {SqliteDatabase.ProgramSql} " +
            "AND +period >= $from ORDER BY client, part, period, seq";
        chunks.Parameters.AddWithValue("$from", fromPeriod);
        foreach (var pool in WithChunks(null, wanted, chunks))
        {
            yield return pool;
        }
    }

    /// <summary>The stored pool of one (client, part) with all its chunks, or null.</summary>
    public StoredPool? Pool(string client, string part) => PoolsOf([(client, part)]) is [var pool] ? pool : null;

    private const string SegmentColumns = "client, part, segment, first_lot, lot_keys, lot_state";

    /// <summary>One segment of every pool (of one client when given), in (client, part) order.</summary>
    private SqliteCommand SegmentScan(int segment, string? client)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT {SegmentColumns} FROM discharge_pool WHERE {SqliteDatabase.ProgramSql} AND segment = $segment " +
            "AND ($client IS NULL OR client = $client) ORDER BY client, part";
        cmd.Parameters.AddWithValue("$segment", segment);
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        return cmd;
    }

    /// <summary>
    /// Joins the heads and tails of <see cref="SegmentScan"/> (every pool has both) into whole pools; skips pools not
    /// <paramref name="wanted"/> (when given) without reading their lots.
    /// </summary>
    private static IEnumerable<StoredPool> JoinSegments(SqliteDataReader heads, SqliteDataReader tails, HashSet<(string, string)>? wanted)
    {
        while (heads.Read())
        {
            var (client, part) = (heads.GetString(0), heads.GetString(1));
            if (!tails.Read() || tails.GetString(0) != client || tails.GetString(1) != part)
            {
                throw new InvalidDataException($"pool ({client}, {part}): its head has no tail segment (migration 0021)");
            }

            if (wanted is not null && !wanted.Contains((client, part)))
            {
                continue;
            }

            var pool = new StoredPool
            {
                Client = client, Part = part, LotKeys = new List<PoolLotKey>(), LotTotals = new List<PoolLotTotals>(),
            };
            AddSegment(heads, pool);
            AddSegment(tails, pool);
            yield return pool;
        }

        if (tails.Read())
        {
            throw new InvalidDataException(
                $"pool ({tails.GetString(0)}, {tails.GetString(1)}): its tail has no head segment (migration 0021)");
        }
    }

    /// <summary>Appends the segment a reader is on to a pool being joined, checking it starts where the pool ends.</summary>
    private static void AddSegment(SqliteDataReader r, StoredPool pool)
    {
        var keys = (List<PoolLotKey>)pool.LotKeys;
        var totals = (List<PoolLotTotals>)pool.LotTotals;
        if (r.GetInt32(3) != keys.Count)
        {
            throw new InvalidDataException(
                $"pool ({pool.Client}, {pool.Part}): segment {r.GetInt32(2)} starts at lot {r.GetInt32(3)}, expected {keys.Count}");
        }

        keys.AddRange(SplitKeys(r.GetString(4)));
        LotStateCodec.Decode((byte[])r.GetValue(5), totals);
        if (keys.Count != totals.Count)
        {
            throw new InvalidDataException($"pool ({pool.Client}, {pool.Part}): {keys.Count} lot keys but {totals.Count} lot states");
        }
    }

    /// <summary>The segment a reader is on, as a pool part starting at its <see cref="StoredPool.FirstLot"/>.</summary>
    private static StoredPool Segment(SqliteDataReader r)
    {
        var keys = SplitKeys(r.GetString(4));
        var totals = new List<PoolLotTotals>(keys.Length);
        LotStateCodec.Decode((byte[])r.GetValue(5), totals);
        if (keys.Length != totals.Count)
        {
            throw new InvalidDataException(
                $"pool ({r.GetString(0)}, {r.GetString(1)}): {keys.Length} lot keys but {totals.Count} lot states");
        }

        return new StoredPool
        {
            Client = r.GetString(0), Part = r.GetString(1), FirstLot = r.GetInt32(3), LotKeys = keys, LotTotals = totals,
        };
    }

    private static int Before(string client, string part, string poolClient, string poolPart)
    {
        var c = string.CompareOrdinal(client, poolClient);
        return c != 0 ? c : string.CompareOrdinal(part, poolPart);
    }
}
