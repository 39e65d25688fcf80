using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Reads and replaces the derived discharge data (migration 0003): one transaction swaps a whole run, so readers
/// always see one consistent run (SPEC §9).
/// </summary>
public sealed class DischargeStore(SqliteConnection connection) : IDerivedStore
{
    /// <summary>
    /// Replaces the stored run with a new one, atomically; with the run's <paramref name="catalog"/> (<see cref="CatalogCodec"/>)
    /// when given.
    /// </summary>
    public void Save(
        DischargeRunRecord run,
        IEnumerable<StoredPool> pools,
        IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals,
        IEnumerable<StoredFinding> findings,
        byte[]? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(run);

        // The run's ~200 MB of new pages need no cache: a small one spills them to the WAL as they fill, instead of
        // holding them all in fresh memory until the commit (peak memory and page-fault time, docs/benchmarks.md).
        var cacheSize = Pragma("cache_size");
        Exec(null, "PRAGMA cache_size = -16384");
        try
        {
            SaveAll(run, pools, shortages, disposals, findings, catalog);
        }
        finally
        {
            Exec(null, "PRAGMA cache_size = " + cacheSize.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void SaveAll(
        DischargeRunRecord run,
        IEnumerable<StoredPool> pools,
        IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals,
        IEnumerable<StoredFinding> findings,
        byte[]? catalog)
    {
        using var tx = connection.BeginTransaction();
        Exec(tx, "DELETE FROM discharge_run; DELETE FROM discharge_pool; DELETE FROM discharge_alloc; DELETE FROM discharge_shortage; " +
            "DELETE FROM discharge_waste_disposal; DELETE FROM discharge_finding; DROP INDEX IF EXISTS discharge_alloc_key; " +
            "DROP INDEX IF EXISTS discharge_alloc_period;");
        var digest = new DerivedDigest(); // every row written is added (migration 0028)
        using var hasher = new DerivedRowHasher();
        Exec(tx, "DELETE FROM discharge_catalog");
        if (catalog is not null)
        {
            using var cmd = Command(tx, $"INSERT INTO discharge_catalog (program_id, data) VALUES ({SqliteDatabase.ProgramIdSql}, $data)");
            cmd.Parameters.AddWithValue("$data", catalog);
            cmd.ExecuteNonQuery();
            hasher.Begin(DerivedDigest.Catalog).Integer(SqliteDatabase.ProgramId).Blob(catalog).AddTo(digest, DerivedDigest.Catalog);
        }

        InsertPools(run.Id, pools, hasher, digest);
        Exec(tx, "CREATE UNIQUE INDEX discharge_alloc_key ON discharge_alloc (program_id, client, part, period, seq); " +
            "CREATE INDEX discharge_alloc_period ON discharge_alloc (program_id, period, last_day);");
        InsertShortages(tx, shortages, hasher, digest);
        InsertDisposals(tx, disposals, hasher, digest);
        InsertFindings(tx, findings, 0, hasher, digest);
        InsertRun(tx, run, hasher, digest);
        tx.Commit();
    }

    /// <summary>
    /// Applies an incremental run atomically: each given pool's row is replaced and its chunks from its period on are
    /// rewritten; shortages, disposals and findings dated on or after <paramref name="from"/> are replaced.
    /// </summary>
    public void SaveIncremental(
        DischargeRunRecord run,
        IEnumerable<(StoredPool Pool, int FromPeriod)> pools,
        DateOnly from,
        IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals,
        IEnumerable<StoredFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pools);
        using var tx = connection.BeginTransaction();
        using var hasher = new DerivedRowHasher();

        // The stored digest, less every row this save deletes — read back as SQLite deletes it (migration 0028) — plus
        // every row it writes.
        string? stored = null;
        var digest = new DerivedDigest();
        using (var deleteRun = new DerivedRowStatement(connection, DerivedDigest.Run,
            $"DELETE FROM discharge_run RETURNING {DerivedDigest.Tables[DerivedDigest.Run].Columns}, derived_digest"))
        {
            var digestColumn = DerivedDigest.Tables[DerivedDigest.Run].ColumnCount;
            deleteRun.Run(hasher, digest, -1, row => stored = row.ColumnText(digestColumn));
        }

        var before = DerivedDigest.Parse(stored)
            ?? throw new InvalidOperationException("the stored discharge run has no digest (migration 0028): run a full discharge");
        before.Merge(digest);
        digest = before;

        // Appended chunks are numbered by the resume day: a tail-only run resumes after every stored allocation, so a
        // month's chunks in seq order stay in processing order (migration 0021).
        var appendSeq = (long)from.DayNumber;

        using (var deleteTail = DerivedRowStatement.Delete(connection, DerivedDigest.Pool,
            $"{SqliteDatabase.ProgramSql} AND segment = 1 AND client = ?1 AND part = ?2 AND first_lot = ?3"))
        using (var deleteHead = DerivedRowStatement.Delete(connection, DerivedDigest.Pool,
            $"{SqliteDatabase.ProgramSql} AND segment = 0 AND client = ?1 AND part = ?2"))
        using (var poolCmd = new SegmentInsert(connection, run.Id, hasher, digest))
        using (var deletePool = DerivedRowStatement.Delete(connection, DerivedDigest.Pool,
            $"{SqliteDatabase.ProgramSql} AND segment IN (0, 1) AND client = ?1 AND part = ?2"))
        using (var deleteChunks = DerivedRowStatement.Delete(connection, DerivedDigest.Alloc,
            $"{SqliteDatabase.ProgramSql} AND client = ?1 AND part = ?2 AND period >= ?3"))
        using (var chunkCmd = new ChunkInsert(connection, hasher, digest))
        {
            foreach (var (pool, fromPeriod) in pools)
            {
                if (pool.TailOnly)
                {
                    // The stored lots with their new state, then any new ones; the new allocations go in further chunks of
                    // their months. Exhausted lots at the tail's start may move to the head (lot indexes do not change).
                    var moved = pool.MoveToHead;
                    if (moved > 0)
                    {
                        MoveToHead(deleteHead, poolCmd, hasher, digest, pool);
                    }

                    var count = pool.LotKeys.Count - moved;
                    deleteTail.Text(1, pool.Client);
                    deleteTail.Text(2, pool.Part);
                    deleteTail.Integer(3, pool.FirstLot);
                    if (deleteTail.Run(hasher, digest, -1) != 1)
                    {
                        throw new InvalidOperationException(
                            $"no stored tail of pool ({pool.Client}, {pool.Part}) starting at lot {pool.FirstLot}");
                    }

                    poolCmd.Write(pool.Client, pool.Part, 1, pool.FirstLot + moved, JoinKeys(pool.LotKeys, moved, count),
                        LotStateCodec.Encode(pool.LotTotals, moved, count));
                    chunkCmd.Insert(pool, appendSeq);
                    continue;
                }

                if (pool.FirstLot != 0)
                {
                    throw new ArgumentException(
                        $"pool ({pool.Client}, {pool.Part}): only a whole pool can replace the stored one", nameof(pools));
                }

                deletePool.Text(1, pool.Client);
                deletePool.Text(2, pool.Part);
                deletePool.Run(hasher, digest, -1);
                poolCmd.Insert(pool);
                deleteChunks.Text(1, pool.Client);
                deleteChunks.Text(2, pool.Part);
                deleteChunks.Integer(3, fromPeriod);
                deleteChunks.Run(hasher, digest, -1);
                chunkCmd.Insert(pool, 0);
            }
        }

        var day = Iso(from);
        foreach (var table in (ReadOnlySpan<int>)[DerivedDigest.Shortage, DerivedDigest.WasteDisposal, DerivedDigest.Finding])
        {
            using var delete = DerivedRowStatement.Delete(connection, table, $"{SqliteDatabase.ProgramSql} AND date >= ?1");
            delete.Text(1, day);
            delete.Run(hasher, digest, -1);
        }

        long lastSeq;
        using (var cmd = Command(tx, $"SELECT coalesce(max(seq), 0) FROM discharge_finding WHERE {SqliteDatabase.ProgramSql}"))
        {
            lastSeq = (long)cmd.ExecuteScalar()!;
        }

        InsertShortages(tx, shortages, hasher, digest);
        InsertDisposals(tx, disposals, hasher, digest);
        InsertFindings(tx, findings, lastSeq, hasher, digest);
        long shortageCount;
        using (var cmd = Command(tx, $"SELECT count(*) FROM discharge_shortage WHERE {SqliteDatabase.ProgramSql}"))
        {
            shortageCount = (long)cmd.ExecuteScalar()!;
        }

        InsertRun(tx, run with { Shortages = shortageCount }, hasher, digest);
        tx.Commit();
    }

    /// <summary>Appends a tail's first <see cref="StoredPool.MoveToHead"/> lots (exhausted) to the stored head.</summary>
    private static void MoveToHead(
        DerivedRowStatement deleteHead, SegmentInsert insert, DerivedRowHasher hasher, DerivedDigest digest, StoredPool pool)
    {
        deleteHead.Text(1, pool.Client);
        deleteHead.Text(2, pool.Part);
        string? keys = null;
        var totals = new List<PoolLotTotals>();
        deleteHead.Run(hasher, digest, -1, row =>
        {
            keys = row.ColumnText(6);
            LotStateCodec.Decode(row.ColumnBytes(7).ToArray(), totals);
        });
        if (keys is null)
        {
            throw new InvalidOperationException($"no stored head of pool ({pool.Client}, {pool.Part})");
        }

        if (totals.Count != pool.FirstLot)
        {
            throw new InvalidOperationException(
                $"pool ({pool.Client}, {pool.Part}): the stored head has {totals.Count} lots, its tail starts at lot {pool.FirstLot}");
        }

        for (var k = 0; k < pool.MoveToHead; k++)
        {
            totals.Add(pool.LotTotals[k]);
        }

        insert.Write(pool.Client, pool.Part, 0, 0, keys + JoinKeys(pool.LotKeys, 0, pool.MoveToHead),
            LotStateCodec.Encode(totals, 0, totals.Count));
    }

    /// <summary>Inserts the run row last: its own hash joins the digest it stores (migration 0028).</summary>
    private void InsertRun(SqliteTransaction tx, DischargeRunRecord run, DerivedRowHasher hasher, DerivedDigest digest)
    {
        var days = PackDayCounts(run.DayCounts);
        hasher.Begin(DerivedDigest.Run).Integer(SqliteDatabase.ProgramId).Integer(run.Id).Text(Iso(run.AsOf)).Text(run.LedgerHead).Text(run.StartedAt)
            .Text(run.FinishedAt).Integer(run.Consumptions).Integer(run.Allocations).Integer(run.Shortages).Integer(run.LastBatch)
            .Blob(days).AddTo(digest, DerivedDigest.Run);
        using (var cmd = Command(tx, "INSERT INTO discharge_run (program_id, id, as_of, ledger_head, started_at, finished_at, " +
            "consumptions, allocations, shortages, last_batch, day_counts, derived_digest) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}, $id, $asof, $head, $start, $end, $c, $a, $s, $last, $days, $digest)"))
        {
            cmd.Parameters.AddWithValue("$id", run.Id);
            cmd.Parameters.AddWithValue("$asof", Iso(run.AsOf));
            cmd.Parameters.AddWithValue("$head", run.LedgerHead);
            cmd.Parameters.AddWithValue("$start", run.StartedAt);
            cmd.Parameters.AddWithValue("$end", run.FinishedAt);
            cmd.Parameters.AddWithValue("$c", run.Consumptions);
            cmd.Parameters.AddWithValue("$a", run.Allocations);
            cmd.Parameters.AddWithValue("$s", run.Shortages);
            cmd.Parameters.AddWithValue("$last", run.LastBatch);
            cmd.Parameters.AddWithValue("$days", days);
            cmd.Parameters.AddWithValue("$digest", digest.Format());
            cmd.ExecuteNonQuery();
        }
    }

    private void InsertPools(long runId, IEnumerable<StoredPool> pools, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using var poolCmd = new SegmentInsert(connection, runId, hasher, digest, deferTails: true);
        using var chunkCmd = new ChunkInsert(connection, hasher, digest);
        foreach (var pool in pools)
        {
            poolCmd.Insert(pool);
            chunkCmd.Insert(pool, 0);
        }

        poolCmd.InsertDeferredTails();
    }

    /// <summary>
    /// Where a whole pool's tail starts (migration 0021): at its first lot with quantity left to discharge. Lots before it
    /// can change again only through a back-dated change, a waste disposal or an exit that names them.
    /// </summary>
    public static int TailStart(IReadOnlyList<PoolLotTotals> totals) => PoolSegments.TailStart(totals);

    /// <summary>
    /// Inserts a whole pool as its head and tail segments. A full run defers the tails (~7 MB on <c>large</c>) until every
    /// head is written, so their pages lie together in the file as well as in the key order: a daily run then reads and
    /// rewrites a compact range instead of pages spread through the whole table.
    /// </summary>
    private sealed class SegmentInsert(
        SqliteConnection connection, long runId, DerivedRowHasher hasher, DerivedDigest digest, bool deferTails = false) : IDisposable
    {
        private readonly NativeStatement insert = new(connection,
            "INSERT INTO discharge_pool (program_id, client, part, segment, first_lot, run_id, lot_keys, lot_state) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}, ?1, ?2, ?3, ?4, ?5, ?6, ?7)");

        private readonly List<(string Client, string Part, int First, string Keys, byte[] State)>? deferred = deferTails ? [] : null;

        public void Insert(StoredPool pool)
        {
            var tail = TailStart(pool.LotTotals);
            var count = pool.LotKeys.Count;
            Write(pool.Client, pool.Part, 0, 0, JoinKeys(pool.LotKeys, 0, tail), LotStateCodec.Encode(pool.LotTotals, 0, tail));
            var (tailKeys, tailState) =
                (JoinKeys(pool.LotKeys, tail, count - tail), LotStateCodec.Encode(pool.LotTotals, tail, count - tail));
            if (deferred is not null)
            {
                deferred.Add((pool.Client, pool.Part, tail, tailKeys, tailState));
            }
            else
            {
                Write(pool.Client, pool.Part, 1, tail, tailKeys, tailState);
            }
        }

        public void InsertDeferredTails()
        {
            foreach (var t in deferred ?? [])
            {
                Write(t.Client, t.Part, 1, t.First, t.Keys, t.State);
            }

            deferred?.Clear();
        }

        public void Write(string client, string part, int segment, int first, string lotKeys, byte[] lotState)
        {
            hasher.Begin(DerivedDigest.Pool).Integer(SqliteDatabase.ProgramId).Integer(segment).Text(client).Text(part).Integer(first).Integer(runId)
                .Text(lotKeys).Blob(lotState).AddTo(digest, DerivedDigest.Pool);
            insert.BindText(1, client);
            insert.BindText(2, part);
            insert.BindInt64(3, segment);
            insert.BindInt64(4, first);
            insert.BindInt64(5, runId);
            insert.BindText(6, lotKeys);
            insert.BindBlob(7, lotState);
            _ = insert.Execute();
        }

        public void Dispose() => insert.Dispose();
    }

    /// <summary>Inserts a pool's chunks with one sequence number.</summary>
    private sealed class ChunkInsert(SqliteConnection connection, DerivedRowHasher hasher, DerivedDigest digest) : IDisposable
    {
        private readonly NativeStatement insert = new(connection,
            "INSERT INTO discharge_alloc (program_id, client, part, period, seq, last_day, count, allocations) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}, ?1, ?2, ?3, ?4, ?5, ?6, ?7)");

        public void Insert(StoredPool pool, long sequence)
        {
            if (pool.Chunks.Count == 0)
            {
                return;
            }

            insert.BindText(1, pool.Client); // bindings survive each row: the pool's client, part and sequence are bound once
            insert.BindText(2, pool.Part);
            insert.BindInt64(4, sequence);
            foreach (var chunk in pool.Chunks)
            {
                insert.BindInt64(3, chunk.Period);
                insert.BindInt64(5, chunk.LastDay);
                insert.BindInt64(6, chunk.Count);
                insert.BindBlob(7, chunk.Data);
                _ = insert.Execute();
                hasher.Begin(DerivedDigest.Alloc).Integer(SqliteDatabase.ProgramId).Text(pool.Client).Text(pool.Part).Integer(chunk.Period).Integer(sequence)
                    .Integer(chunk.LastDay).Integer(chunk.Count).Blob(chunk.Data).AddTo(digest, DerivedDigest.Alloc);
            }
        }

        public void Dispose() => insert.Dispose();
    }

    private void InsertShortages(
        SqliteTransaction tx, IEnumerable<StoredShortage> shortages, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using (var cmd = Command(tx, $"INSERT INTO discharge_shortage VALUES ({SqliteDatabase.ProgramIdSql}, $client, $m, $part, $kind, $doc, $date, $qty)"))
        {
            foreach (var s in shortages)
            {
                Set(cmd, ("$client", s.Client), ("$m", s.Movement), ("$part", s.Part), ("$kind", s.MovementKind), ("$doc", s.Document),
                    ("$date", Iso(s.Date)), ("$qty", Dec(s.Qty)));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.Shortage).Integer(SqliteDatabase.ProgramId).Text(s.Client).Integer(s.Movement).Text(s.Part).Text(s.MovementKind)
                    .Text(s.Document).Text(Iso(s.Date)).Text(Dec(s.Qty)).AddTo(digest, DerivedDigest.Shortage);
            }
        }
    }

    private void InsertDisposals(
        SqliteTransaction tx, IEnumerable<StoredWasteDisposal> disposals, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using (var cmd = Command(tx, $"INSERT INTO discharge_waste_disposal VALUES ({SqliteDatabase.ProgramIdSql}, $client, $m, $part, $ped, $partida, $date, $qty)"))
        {
            foreach (var d in disposals)
            {
                Set(cmd, ("$client", d.Client), ("$m", d.Movement), ("$part", d.Part), ("$ped", d.Pedimento), ("$partida", d.Partida),
                    ("$date", Iso(d.Date)), ("$qty", Dec(d.Qty)));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.WasteDisposal).Integer(SqliteDatabase.ProgramId).Text(d.Client).Integer(d.Movement).Text(d.Part).Text(d.Pedimento)
                    .Integer(d.Partida).Text(Iso(d.Date)).Text(Dec(d.Qty)).AddTo(digest, DerivedDigest.WasteDisposal);
            }
        }
    }

    private void InsertFindings(
        SqliteTransaction tx, IEnumerable<StoredFinding> findings, long lastSeq, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using (var cmd = Command(tx, "INSERT INTO discharge_finding " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}, $seq, $client, $code, $m, $doc, $date, $part, $ped, $partida, $qty, $detail)"))
        {
            var seq = lastSeq;
            foreach (var f in findings)
            {
                Set(cmd, ("$seq", ++seq), ("$client", f.Client), ("$code", f.Code), ("$m", f.Movement), ("$doc", f.Document),
                    ("$date", Iso(f.Date)), ("$part", f.Part), ("$ped", f.Pedimento), ("$partida", f.Partida), ("$qty", Dec(f.Qty)),
                    ("$detail", f.Detail));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.Finding).Integer(SqliteDatabase.ProgramId).Integer(seq).Text(f.Client).Text(f.Code).Integer(f.Movement)
                    .Text(f.Document).Text(Iso(f.Date)).Text(f.Part).Text(f.Pedimento).Integer(f.Partida).Text(Dec(f.Qty)).Text(f.Detail)
                    .AddTo(digest, DerivedDigest.Finding);
            }
        }
    }

    /// <summary>The catalog the last full run stored (<see cref="CatalogCodec"/>), or null.</summary>
    public byte[]? Catalog()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT data FROM discharge_catalog WHERE {SqliteDatabase.ProgramSql}";
        return cmd.ExecuteScalar() as byte[];
    }

    /// <summary>The stored run, or null before the first discharge.</summary>
    public DischargeRunRecord? LatestRun()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, as_of, ledger_head, started_at, finished_at, consumptions, allocations, shortages, last_batch, " +
            $"day_counts, derived_digest FROM discharge_run WHERE {SqliteDatabase.ProgramSql} ORDER BY id DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new DischargeRunRecord(r.GetInt64(0), ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                r.GetInt64(5), r.GetInt64(6), r.GetInt64(7))
            {
                LastBatch = r.GetInt64(8),
                DayCounts = r.IsDBNull(9) ? new Dictionary<int, (long, long)>() : UnpackDayCounts((byte[])r.GetValue(9)),
                DerivedDigest = r.IsDBNull(10) ? null : r.GetString(10),
            }
            : null;
    }

    /// <summary>Every stored pool (of one client when given), its segments joined.</summary>
    public IEnumerable<StoredPool> Pools(string? client = null, bool withAllocations = true)
    {
        using var heads = SegmentScan(0, client);
        using var tails = SegmentScan(1, client);
        using var chunks = connection.CreateCommand();
        chunks.CommandText = $"SELECT client, part, period, count, allocations FROM discharge_alloc WHERE {SqliteDatabase.ProgramSql} " +
            "AND ($client IS NULL OR client = $client) AND $with ORDER BY client, part, period, seq";
        chunks.Parameters.AddWithValue("$with", withAllocations ? 1 : 0);
        chunks.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var h = heads.ExecuteReader();
        using var t = tails.ExecuteReader();
        using var c = chunks.ExecuteReader();
        var pending = c.Read();
        foreach (var pool in JoinSegments(h, t, null))
        {
            var list = new List<AllocationChunk>();
            while (pending && Before(c.GetString(0), c.GetString(1), pool.Client, pool.Part) <= 0)
            {
                if (Before(c.GetString(0), c.GetString(1), pool.Client, pool.Part) == 0)
                {
                    list.Add(new AllocationChunk(c.GetInt32(2), c.GetInt32(3), (byte[])c.GetValue(4)));
                }

                pending = c.Read();
            }

            yield return new StoredPool
            {
                Client = pool.Client, Part = pool.Part, LotKeys = pool.LotKeys, LotTotals = pool.LotTotals, Chunks = list,
            };
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

    /// <summary>The stored pool of one (client, part) with all its chunks, or null.</summary>
    public StoredPool? Pool(string client, string part) => PoolsOf([(client, part)]) is [var pool] ? pool : null;

    public IReadOnlyList<StoredShortage> Shortages(string? client = null)
    {
        var result = new List<StoredShortage>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, movement, part, movement_kind, document, date, qty FROM discharge_shortage " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) ORDER BY date, client, document, part, movement";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredShortage(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
                ParseDate(r.GetString(5)), ParseDec(r.GetString(6))));
        }

        return result;
    }

    public IReadOnlyList<StoredWasteDisposal> WasteDisposals(string? client = null, DateOnly? from = null)
    {
        var result = new List<StoredWasteDisposal>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, movement, part, pedimento, partida, date, qty FROM discharge_waste_disposal " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) AND ($from IS NULL OR date >= $from) " +
            "ORDER BY date, client, part, movement";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$from", from is { } f ? Iso(f) : DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredWasteDisposal(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt32(4),
                ParseDate(r.GetString(5)), ParseDec(r.GetString(6))));
        }

        return result;
    }

    public IReadOnlyList<StoredFinding> Findings(string? client = null)
    {
        var result = new List<StoredFinding>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, code, movement, document, date, part, pedimento, partida, qty, detail FROM discharge_finding " +
            $"WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) ORDER BY seq";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredFinding(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), ParseDate(r.GetString(4)),
                r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7), ParseDec(r.GetString(8)), r.GetString(9)));
        }

        return result;
    }

    private static byte[] PackDayCounts(IReadOnlyDictionary<int, (long Consumptions, long Allocations)> counts)
    {
        var blob = new byte[counts.Count * 20];
        var at = 0;
        foreach (var (day, (c, a)) in counts.OrderBy(kv => kv.Key))
        {
            BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(at), day);
            BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(at + 4), c);
            BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(at + 12), a);
            at += 20;
        }

        return blob;
    }

    private static Dictionary<int, (long, long)> UnpackDayCounts(byte[] blob)
    {
        var result = new Dictionary<int, (long, long)>(blob.Length / 20);
        for (var at = 0; at + 20 <= blob.Length; at += 20)
        {
            result[BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(at))] =
                (BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(at + 4)), BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(at + 12)));
        }

        return result;
    }

    private static string JoinKeys(IReadOnlyList<PoolLotKey> keys, int start, int count)
    {
        var sb = new StringBuilder(count * 20);
        for (var i = start; i < start + count; i++)
        {
            sb.Append(keys[i].Pedimento).Append('\t').Append(keys[i].Partida.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private static PoolLotKey[] SplitKeys(string text)
    {
        var keys = new PoolLotKey[text.AsSpan().Count('\n')];
        var at = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var end = text.IndexOf('\n', at);
            var tab = text.LastIndexOf('\t', end - 1, end - at);
            keys[i] = new PoolLotKey(text[at..tab], int.Parse(text.AsSpan(tab + 1, end - tab - 1), CultureInfo.InvariantCulture));
            at = end + 1;
        }

        return keys;
    }

    private long Pragma(string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + name;
        return (long)cmd.ExecuteScalar()!;
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private void Exec(SqliteTransaction? tx, string sql)
    {
        using var cmd = Command(tx, sql);
        cmd.ExecuteNonQuery();
    }

    private static void Set(SqliteCommand cmd, params (string Name, object? Value)[] values)
    {
        cmd.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal ParseDec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>
    /// Every stored lot of every pool (of one client when given) with its totals, without the allocations: what lot reports
    /// as of the run's date or later read (SPEC §8 balances). Stepped through SQLite directly, the lot keys read in place (no
    /// string per lot); all heads first, then all tails, each in FIFO order, so a later lot of a pool comes after an earlier.
    /// </summary>
    public void ScanLotTotals(string? client, LotTotalsVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var stmt = new NativeStatement(connection,
            $"SELECT client, part, lot_keys, lot_state FROM discharge_pool WHERE {SqliteDatabase.ProgramSql} AND segment IN (0, 1) " +
            "AND (?1 IS NULL OR client = ?1) ORDER BY segment, client, part");
        stmt.BindTextOrNull(1, client);
        while (stmt.Step())
        {
            VisitSegment(stmt.ColumnText(0)!, stmt.ColumnText(1)!, stmt.ColumnBytes(2), stmt.ColumnBytes(3), visit);
        }
    }

    /// <summary>
    /// One segment's lots: <c>pedimento TAB partida</c> lines (as <see cref="SplitKeys"/>) and their states
    /// (<see cref="LotStateCodec"/>).
    /// </summary>
    private static void VisitSegment(string client, string part, ReadOnlySpan<byte> keys, ReadOnlySpan<byte> state, LotTotalsVisitor visit)
    {
        var states = new LotStateCodec.Reader(state);
        var lot = 0;
        while (!keys.IsEmpty)
        {
            var end = keys.IndexOf((byte)'\n');
            var line = end < 0 ? keys : keys[..end];
            keys = end < 0 ? [] : keys[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (!states.Next(out var totals))
            {
                throw new InvalidDataException($"pool ({client}, {part}): more lot keys than lot states");
            }

            var tab = line.LastIndexOf((byte)'\t');
            visit(client, part, line[..tab], int.Parse(line[(tab + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture), totals);
            lot++;
        }

        if (states.Next(out _))
        {
            throw new InvalidDataException($"pool ({client}, {part}): more lot states than its {lot} lot keys");
        }
    }
}
