using Traza.Domain.Common;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

/// <summary>
/// The stored discharge on PostgreSQL (docs/architecture.md Decision 2): the same tables, blobs (bytea) and digest as SQLite's
/// <c>DischargeStore</c>. A full save deletes the program's run and writes the new one by binary COPY, in one transaction;
/// an incremental save deletes with RETURNING, so the digest loses exactly the rows it drops, as on SQLite.
/// </summary>
internal sealed class PostgresDerivedStore(PostgresStore store) : IDerivedStore
{
    private const string SegmentColumns = "client, part, segment, first_lot, lot_keys, lot_state";

    private string P => store.ProgramFilter;

    private long Program => store.Program.Value;

    public void Save(DischargeRunRecord run, IEnumerable<StoredPool> pools, IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals, IEnumerable<StoredFinding> findings, byte[]? catalog = null,
        IEnumerable<StoredReservation>? reservations = null, IEnumerable<StoredKitDraw>? kitDraws = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pools);
        using var tx = store.Connection.BeginTransaction();
        foreach (var table in DerivedDigest.Tables)
        {
            Exec($"DELETE FROM {table.Name} WHERE {P}");
        }

        var digest = new DerivedDigest();
        using var hasher = new DerivedRowHasher();
        if (catalog is not null)
        {
            using var cmd = store.Command("INSERT INTO discharge_catalog (program_id, data) VALUES ($1, $2)").Int(Program).Bytes(catalog);
            cmd.ExecuteNonQuery();
            hasher.Begin(DerivedDigest.Catalog).Integer(Program).Blob(catalog).AddTo(digest, DerivedDigest.Catalog);
        }

        var chunks = new ChunkCopy(store.Connection, Program, hasher, digest);
        using (var segments = new SegmentCopy(store.Connection, Program, run.Id, hasher, digest))
        {
            var tails = new List<(string Client, string Part, int First, string Keys, byte[] State)>();
            foreach (var pool in pools)
            {
                var tail = PoolSegments.TailStart(pool.LotTotals);
                var count = pool.LotKeys.Count;
                segments.Write(pool.Client, pool.Part, 0, 0, JoinKeys(pool.LotKeys, 0, tail), LotStateCodec.Encode(pool.LotTotals, 0, tail));
                tails.Add((pool.Client, pool.Part, tail, JoinKeys(pool.LotKeys, tail, count - tail),
                    LotStateCodec.Encode(pool.LotTotals, tail, count - tail)));
                chunks.Write(pool, 0);
            }

            // Tails after every head, as SQLite writes them (the order rows are written in does not change the digest).
            foreach (var t in tails)
            {
                segments.Write(t.Client, t.Part, 1, t.First, t.Keys, t.State);
            }

            segments.Complete();
        }

        chunks.Complete(); // a connection runs one COPY at a time: the chunks follow the segments

        InsertShortages(shortages, hasher, digest);
        InsertDisposals(disposals, hasher, digest);
        InsertFindings(findings, 0, hasher, digest);
        InsertWorkOrders(reservations, kitDraws, hasher, digest);
        InsertRun(run, hasher, digest);
        tx.Commit();
    }

    public void SaveIncremental(DischargeRunRecord run, IEnumerable<(StoredPool Pool, int FromPeriod)> pools, DateOnly from,
        IEnumerable<StoredShortage> shortages, IEnumerable<StoredWasteDisposal> disposals, IEnumerable<StoredFinding> findings,
        IEnumerable<StoredReservation>? reservations = null, IEnumerable<StoredKitDraw>? kitDraws = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pools);
        using var tx = store.Connection.BeginTransaction();
        using var hasher = new DerivedRowHasher();
        string? stored = null;
        var digest = new DerivedDigest();
        var runColumns = DerivedDigest.Tables[DerivedDigest.Run];
        DeleteReturning(DerivedDigest.Run, P, null, hasher, digest, r => stored = r.TextOrNull(runColumns.ColumnCount), ", derived_digest");
        var before = DerivedDigest.Parse(stored)
            ?? throw new InvalidOperationException("the stored discharge run has no digest (migration 0028): run a full discharge");
        before.Merge(digest);
        digest = before;
        SavePools([.. pools], from, run.Id, hasher, digest);
        foreach (var table in (ReadOnlySpan<int>)[DerivedDigest.Shortage, DerivedDigest.WasteDisposal, DerivedDigest.Finding])
        {
            DeleteReturning(table, $"{P} AND date >= $1", cmd => cmd.Text(CanonicalText.Date(from)), hasher, digest);
        }

        // Work orders from the resume date on run again (none before it holds anything: IncrementalDischarge).
        foreach (var table in (ReadOnlySpan<int>)[DerivedDigest.Reservation, DerivedDigest.KitDraw])
        {
            DeleteReturning(table, $"{P} AND date >= $1", cmd => cmd.Text(CanonicalText.Date(from)), hasher, digest);
        }

        long lastSeq;
        using (var cmd = store.Command($"SELECT coalesce(max(seq), 0) FROM discharge_finding WHERE {P}"))
        {
            lastSeq = (long)cmd.ExecuteScalar()!;
        }

        InsertShortages(shortages, hasher, digest);
        InsertDisposals(disposals, hasher, digest);
        InsertFindings(findings, lastSeq, hasher, digest);
        InsertWorkOrders(reservations, kitDraws, hasher, digest);
        long shortageCount;
        using (var cmd = store.Command($"SELECT count(*) FROM discharge_shortage WHERE {P}"))
        {
            shortageCount = (long)cmd.ExecuteScalar()!;
        }

        InsertRun(run with { Shortages = shortageCount }, hasher, digest);
        tx.Commit();
    }

    public byte[]? Catalog()
    {
        using var cmd = store.Command($"SELECT data FROM discharge_catalog WHERE {P}");
        return cmd.ExecuteScalar() as byte[];
    }

    public DischargeRunRecord? LatestRun()
    {
        using var cmd = store.Command(
            "SELECT id, as_of, ledger_head, started_at, finished_at, consumptions, allocations, shortages, last_batch, day_counts, derived_digest " +
            $"FROM discharge_run WHERE {P} ORDER BY id DESC LIMIT 1");
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new DischargeRunRecord(r.GetInt64(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                r.GetInt64(5), r.GetInt64(6), r.GetInt64(7))
            {
                LastBatch = r.GetInt64(8),
                DayCounts = r.IsDBNull(9) ? new Dictionary<int, (long, long)>() : UnpackDayCounts((byte[])r.GetValue(9)),
                DerivedDigest = r.TextOrNull(10),
            }
            : null;
    }

    public IEnumerable<StoredPool> Pools(string? client = null, bool withAllocations = true)
    {
        // Materialized: one connection cannot hold two open readers, and callers may read the store while they walk pools.
        var pools = ReadPools(client, null);
        var chunks = new Dictionary<(string, string), List<AllocationChunk>>();
        if (withAllocations)
        {
            ReadChunks($"SELECT client, part, period, count, allocations, last_day FROM discharge_alloc WHERE {P} " +
                "AND ($1::text IS NULL OR client = $1) ORDER BY client, part, period, seq", cmd => cmd.Text(client), chunks);
        }

        return pools.Select(p => WithChunks(p, chunks)).ToList();
    }

    public List<StoredPool> PoolsOf(IEnumerable<(string Client, string Part)> keys, int fromPeriod = 0)
    {
        var wanted = keys.ToHashSet();
        if (wanted.Count == 0)
        {
            return [];
        }

        var pools = ReadPools(null, wanted);
        var chunks = new Dictionary<(string, string), List<AllocationChunk>>();
        ReadChunks(
            $"SELECT client, part, period, count, allocations, last_day FROM discharge_alloc WHERE {P} AND period >= $3 " +
            "AND (client, part) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY period, seq",
            cmd => cmd.PoolKeys(wanted).Int(fromPeriod),
            chunks);
        return [.. pools.Select(p => WithChunks(p, chunks))];
    }

    public HashSet<(string Client, string Part)> PoolsAllocatedFrom(DateOnly from)
    {
        using var cmd = store.Command($"SELECT DISTINCT client, part FROM discharge_alloc WHERE {P} AND period >= $1 AND last_day >= $2")
            .Int(AllocationChunk.PeriodOf(from.DayNumber)).Int(from.DayNumber);
        using var r = cmd.ExecuteReader();
        var pools = new HashSet<(string, string)>();
        while (r.Read())
        {
            pools.Add((r.GetString(0), r.GetString(1)));
        }

        return pools;
    }

    public List<StoredPool> Tails()
    {
        var tails = new List<StoredPool>();
        using var cmd = store.Command($"SELECT {SegmentColumns} FROM discharge_pool WHERE {P} AND segment = 1 ORDER BY client, part");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var keys = SplitKeys(r.GetString(4));
            var totals = new List<PoolLotTotals>(keys.Length);
            LotStateCodec.Decode((byte[])r.GetValue(5), totals);
            if (keys.Length != totals.Count)
            {
                throw new InvalidDataException($"pool ({r.GetString(0)}, {r.GetString(1)}): {keys.Length} lot keys but {totals.Count} lot states");
            }

            tails.Add(new StoredPool { Client = r.GetString(0), Part = r.GetString(1), FirstLot = r.Int32(3), LotKeys = keys, LotTotals = totals });
        }

        return tails;
    }

    public StoredPool? Pool(string client, string part) => PoolsOf([(client, part)]) is [var pool] ? pool : null;

    public IReadOnlyList<StoredShortage> Shortages(string? client = null)
    {
        var result = new List<StoredShortage>();
        Read("SELECT client, movement, part, movement_kind, document, date, qty FROM discharge_shortage " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) ORDER BY date, client, document, part, movement",
            cmd => cmd.Text(client),
            r => result.Add(new StoredShortage(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
                CanonicalText.ParseDate(r.GetString(5)), r.Dec(6))));
        return result;
    }

    public IReadOnlyList<StoredWasteDisposal> WasteDisposals(string? client = null, DateOnly? from = null)
    {
        var result = new List<StoredWasteDisposal>();
        Read("SELECT client, movement, part, pedimento, partida, date, qty FROM discharge_waste_disposal " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) AND ($2::text IS NULL OR date >= $2) " +
            "ORDER BY date, client, part, movement, pedimento, partida",
            cmd => cmd.Text(client).Text(from is { } f ? CanonicalText.Date(f) : null),
            r => result.Add(new StoredWasteDisposal(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.Int32(4),
                CanonicalText.ParseDate(r.GetString(5)), r.Dec(6))));
        return result;
    }

    public IReadOnlyList<StoredReservation> Reservations(string? client = null)
    {
        var result = new List<StoredReservation>();
        Read("SELECT client, work_order, leaf, part, pedimento, partida, date, qty, waste FROM discharge_reservation " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) ORDER BY client, work_order, leaf, part, pedimento, partida",
            cmd => cmd.Text(client),
            r => result.Add(new StoredReservation(r.GetString(0), r.GetInt64(1), r.Int32(2), r.GetString(3), r.GetString(4), r.Int32(5),
                CanonicalText.ParseDate(r.GetString(6)), r.Dec(7), r.Dec(8))));
        return result;
    }

    public IReadOnlyList<StoredKitDraw> KitDraws(string? client = null)
    {
        var result = new List<StoredKitDraw>();
        Read("SELECT client, work_order, movement, part, date, kits FROM discharge_kit_draw " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) ORDER BY client, work_order, date, movement",
            cmd => cmd.Text(client),
            r => result.Add(new StoredKitDraw(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), CanonicalText.ParseDate(r.GetString(4)),
                r.Dec(5))));
        return result;
    }

    public IReadOnlyList<StoredFinding> Findings(string? client = null)
    {
        var result = new List<StoredFinding>();
        Read("SELECT client, code, movement, document, date, part, pedimento, partida, qty, detail FROM discharge_finding " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) ORDER BY seq",
            cmd => cmd.Text(client),
            r => result.Add(new StoredFinding(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), CanonicalText.ParseDate(r.GetString(4)),
                r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.Int32(7), r.Dec(8), r.GetString(9))));
        return result;
    }

    private const string ReconciliationColumns = "scope, as_of, options, stamp, computed_at, rows, findings, digest";

    public StoredReconciliation? Reconciliation(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        StoredReconciliation? result = null;
        Read($"SELECT {ReconciliationColumns} FROM reconcile_result WHERE {P} AND scope = $1",
            cmd => cmd.Text(scope),
            r => result = ReadReconciliation(r));
        return result;
    }

    public IReadOnlyList<StoredReconciliation> Reconciliations()
    {
        var result = new List<StoredReconciliation>();
        Read($"SELECT {ReconciliationColumns} FROM reconcile_result WHERE {P} ORDER BY scope",
            null,
            r => result.Add(ReadReconciliation(r)));
        return result;
    }

    public void SaveReconciliation(StoredReconciliation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var cmd = store.Command(
            $"INSERT INTO reconcile_result (program_id, {ReconciliationColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
            "ON CONFLICT (program_id, scope) DO UPDATE SET as_of = EXCLUDED.as_of, options = EXCLUDED.options, " +
            "stamp = EXCLUDED.stamp, computed_at = EXCLUDED.computed_at, rows = EXCLUDED.rows, findings = EXCLUDED.findings, " +
            "digest = EXCLUDED.digest")
            .Int(Program).Text(result.Scope).Text(CanonicalText.Date(result.AsOf)).Text(result.Options).Text(result.Stamp)
            .Text(result.ComputedAt).Int(result.Rows).Text(result.Findings).Text(result.Digest);
        cmd.ExecuteNonQuery();
    }

    private static StoredReconciliation ReadReconciliation(NpgsqlDataReader r) =>
        new(r.GetString(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5),
            r.GetString(6), r.GetString(7));

    public void ScanLotTotals(string? client, LotTotalsVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Read($"SELECT client, part, lot_keys, lot_state FROM discharge_pool WHERE {P} AND segment IN (0, 1) " +
            "AND ($1::text IS NULL OR client = $1) ORDER BY segment, client, part",
            cmd => cmd.Text(client),
            r => VisitSegment(r.GetString(0), r.GetString(1), Encoding.UTF8.GetBytes(r.GetString(2)), (byte[])r.GetValue(3), visit));
    }

    public void ScanLotTotalsOf(IReadOnlyCollection<(string Client, string Part)> pools, LotTotalsVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(visit);
        Read($"SELECT d.client, d.part, d.lot_keys, d.lot_state FROM unnest($1::text[], $2::text[]) AS w (c, t) JOIN discharge_pool d " +
            $"ON d.{P} AND d.client = w.c AND d.part = w.t AND d.segment IN (0, 1) ORDER BY d.client, d.part, d.segment",
            cmd => cmd.PoolKeys(pools),
            r => VisitSegment(r.GetString(0), r.GetString(1), Encoding.UTF8.GetBytes(r.GetString(2)), (byte[])r.GetValue(3), visit));
    }

    /// <summary>
    /// The derived half of <c>traza audit verify</c>, as SQLite's <c>DerivedAudit</c>: recomputes the digest over every stored
    /// derived row of the program, compares it table by table with the run's, and ties the run to its batch of the chain.
    /// </summary>
    public DerivedCheck Verify()
    {
        var actual = new DerivedDigest();
        using (var hasher = new DerivedRowHasher())
        {
            for (var t = 0; t < DerivedDigest.Tables.Count; t++)
            {
                var table = DerivedDigest.Tables[t];
                var index = t;
                Read($"SELECT {table.Columns} FROM {table.Name} WHERE {P}", null, r => Hash(r, index, hasher, actual, 1));
            }
        }

        var total = 0L;
        for (var t = 0; t < DerivedDigest.Tables.Count; t++)
        {
            total = checked(total + actual.Rows(t));
        }

        var run = LatestRun();
        if (run is null)
        {
            for (var t = 0; t < DerivedDigest.Tables.Count; t++)
            {
                if (actual.Rows(t) > 0)
                {
                    return Broken($"{Name(t)} holds {actual.Rows(t)} rows but no discharge run is stored");
                }
            }

            return new DerivedCheck(true, "derived data: none stored (no discharge yet)");
        }

        if (DerivedDigest.Parse(run.DerivedDigest) is not { } stored)
        {
            return Broken($"discharge run {run.Id} has no digest (runs stored before migration 0028 were dropped by it)");
        }

        for (var t = 0; t < DerivedDigest.Tables.Count; t++)
        {
            if (!actual.SameTable(stored, t))
            {
                return Broken(actual.Rows(t) == stored.Rows(t)
                    ? $"{Name(t)}: stored rows differ from their digest"
                    : $"{Name(t)}: {actual.Rows(t)} rows stored, {stored.Rows(t)} digested");
            }
        }

        string? head = string.Empty;
        if (run.LastBatch != 0)
        {
            using var cmd = store.Command($"SELECT chain_hash FROM import_batch WHERE {P} AND id = $1").Int(run.LastBatch);
            head = cmd.ExecuteScalar() as string;
        }

        if (!string.Equals(head, run.LedgerHead, StringComparison.Ordinal))
        {
            return Broken($"discharge run {run.Id} saw batch {run.LastBatch} with chain hash '{run.LedgerHead}', " +
                (head is null ? $"the ledger has no batch {run.LastBatch}" : $"the ledger's is '{head}'"));
        }

        return new DerivedCheck(true, string.Create(CultureInfo.InvariantCulture,
            $"derived data intact: discharge as of {run.AsOf:yyyy-MM-dd} through batch {run.LastBatch}, {total} rows verified"));
    }

    private static DerivedCheck Broken(string why) => new(false, "derived data altered: " + why);

    private static string Name(int table) => $"{DerivedDigest.Tables[table].Name} ({DerivedDigest.Tables[table].Holds})";

    /// <summary>Adds a row read back to a digest, each value by its stored type (bigint, text, bytea, NULL) as SQLite's audit does.</summary>
    private static void Hash(NpgsqlDataReader r, int table, DerivedRowHasher hasher, DerivedDigest digest, int sign)
    {
        hasher.Begin(table);
        for (var c = 0; c < DerivedDigest.Tables[table].ColumnCount; c++)
        {
            _ = r.IsDBNull(c) ? hasher.Null() : r.GetValue(c) switch
            {
                long l => hasher.Integer(l),
                string s => hasher.Text(s),
                byte[] b => hasher.Blob(b),
                var other => throw new InvalidDataException($"{DerivedDigest.Tables[table].Name}: unexpected {other.GetType().Name}"),
            };
        }

        hasher.AddTo(digest, table, sign);
    }

    /// <summary>Deletes rows, subtracting each from the digest; returns how many.</summary>
    private long DeleteReturning(int table, string where, Action<NpgsqlCommand>? bind, DerivedRowHasher hasher, DerivedDigest digest,
        Action<NpgsqlDataReader>? each = null, string extra = "")
    {
        var spec = DerivedDigest.Tables[table];
        using var cmd = store.Command($"DELETE FROM {spec.Name} WHERE {where} RETURNING {spec.Columns}{extra}");
        bind?.Invoke(cmd);
        return DeleteReturning(cmd, table, hasher, digest, each);
    }

    /// <summary>Runs a DELETE … RETURNING the table's digest columns (then any extra), subtracting each row from the digest.</summary>
    private static long DeleteReturning(NpgsqlCommand cmd, int table, DerivedRowHasher hasher, DerivedDigest digest,
        Action<NpgsqlDataReader>? each = null)
    {
        using var r = cmd.ExecuteReader();
        var count = 0L;
        while (r.Read())
        {
            Hash(r, table, hasher, digest, -1);
            each?.Invoke(r);
            count++;
        }

        return count;
    }

    /// <summary>
    /// The pools of an incremental save in a fixed number of statements whatever their number (one round trip each was the
    /// cost of a daily run on PostgreSQL): the rows to replace deleted by array-bound sets with RETURNING (each subtracted
    /// from the digest), then every new segment and chunk by binary COPY.
    /// </summary>
    private void SavePools(List<(StoredPool Pool, int FromPeriod)> pools, DateOnly from, long runId, DerivedRowHasher hasher,
        DerivedDigest digest)
    {
        var tails = new List<StoredPool>();
        var wholes = new List<(StoredPool Pool, int FromPeriod)>();
        foreach (var (pool, fromPeriod) in pools)
        {
            if (pool.TailOnly)
            {
                tails.Add(pool);
            }
            else if (pool.FirstLot != 0)
            {
                throw new ArgumentException($"pool ({pool.Client}, {pool.Part}): only a whole pool can replace the stored one", nameof(pools));
            }
            else
            {
                wholes.Add((pool, fromPeriod));
            }
        }

        var movers = tails.Where(t => t.MoveToHead > 0).ToList();
        var heads = DeleteHeads(movers, hasher, digest);
        var deletedTails = new HashSet<(string, string, long)>();
        if (tails.Count > 0)
        {
            using var cmd = store.Command(
                $"DELETE FROM discharge_pool WHERE {P} AND segment = 1 AND (client, part, first_lot) IN " +
                $"(SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])) RETURNING {DerivedDigest.Tables[DerivedDigest.Pool].Columns}")
                .PoolKeys([.. tails.Select(t => (t.Client, t.Part))]).IntArray([.. tails.Select(t => (long)t.FirstLot)]);
            DeleteReturning(cmd, DerivedDigest.Pool, hasher, digest, r => deletedTails.Add((r.GetString(2), r.GetString(3), r.GetInt64(4))));
        }

        foreach (var t in tails)
        {
            if (!deletedTails.Contains((t.Client, t.Part, t.FirstLot)))
            {
                throw new InvalidOperationException($"no stored tail of pool ({t.Client}, {t.Part}) starting at lot {t.FirstLot}");
            }
        }

        if (wholes.Count > 0)
        {
            var keys = wholes.Select(w => (w.Pool.Client, w.Pool.Part)).ToList();
            using (var cmd = store.Command(
                $"DELETE FROM discharge_pool WHERE {P} AND segment IN (0, 1) AND (client, part) IN " +
                $"(SELECT * FROM unnest($1::text[], $2::text[])) RETURNING {DerivedDigest.Tables[DerivedDigest.Pool].Columns}").PoolKeys(keys))
            {
                DeleteReturning(cmd, DerivedDigest.Pool, hasher, digest);
            }

            var alloc = DerivedDigest.Tables[DerivedDigest.Alloc];
            using (var cmd = store.Command(
                $"DELETE FROM discharge_alloc a USING unnest($1::text[], $2::text[], $3::bigint[]) AS w (c, p, f) WHERE a.{P} " +
                $"AND a.client = w.c AND a.part = w.p AND a.period >= w.f RETURNING {Qualified("a", alloc.Columns)}")
                .PoolKeys(keys).IntArray([.. wholes.Select(w => (long)w.FromPeriod)]))
            {
                DeleteReturning(cmd, DerivedDigest.Alloc, hasher, digest);
            }
        }

        using (var segments = new SegmentCopy(store.Connection, Program, runId, hasher, digest))
        {
            foreach (var t in movers)
            {
                var (keys, totals) = heads[(t.Client, t.Part)];
                for (var k = 0; k < t.MoveToHead; k++)
                {
                    totals.Add(t.LotTotals[k]);
                }

                segments.Write(t.Client, t.Part, 0, 0, keys + JoinKeys(t.LotKeys, 0, t.MoveToHead), LotStateCodec.Encode(totals, 0, totals.Count));
            }

            foreach (var t in tails)
            {
                var count = t.LotKeys.Count - t.MoveToHead;
                segments.Write(t.Client, t.Part, 1, t.FirstLot + t.MoveToHead, JoinKeys(t.LotKeys, t.MoveToHead, count),
                    LotStateCodec.Encode(t.LotTotals, t.MoveToHead, count));
            }

            foreach (var (pool, _) in wholes)
            {
                var tail = PoolSegments.TailStart(pool.LotTotals);
                var n = pool.LotKeys.Count;
                segments.Write(pool.Client, pool.Part, 0, 0, JoinKeys(pool.LotKeys, 0, tail), LotStateCodec.Encode(pool.LotTotals, 0, tail));
                segments.Write(pool.Client, pool.Part, 1, tail, JoinKeys(pool.LotKeys, tail, n - tail), LotStateCodec.Encode(pool.LotTotals, tail, n - tail));
            }

            segments.Complete();
        }

        var chunks = new ChunkCopy(store.Connection, Program, hasher, digest);
        var appendSeq = (long)from.DayNumber; // a tail's new chunks follow the month's stored ones (migration 0021)
        foreach (var t in tails)
        {
            chunks.Write(t, appendSeq);
        }

        foreach (var (pool, _) in wholes)
        {
            chunks.Write(pool, 0);
        }

        chunks.Complete();
    }

    /// <summary>Deletes the heads of the tails that hand lots to them, each checked against its tail; returns them by pool.</summary>
    private Dictionary<(string, string), (string Keys, List<PoolLotTotals> Totals)> DeleteHeads(List<StoredPool> movers,
        DerivedRowHasher hasher, DerivedDigest digest)
    {
        var heads = new Dictionary<(string, string), (string Keys, List<PoolLotTotals> Totals)>();
        if (movers.Count == 0)
        {
            return heads;
        }

        using (var cmd = store.Command(
            $"DELETE FROM discharge_pool WHERE {P} AND segment = 0 AND (client, part) IN (SELECT * FROM unnest($1::text[], $2::text[])) " +
            $"RETURNING {DerivedDigest.Tables[DerivedDigest.Pool].Columns}").PoolKeys([.. movers.Select(m => (m.Client, m.Part))]))
        {
            DeleteReturning(cmd, DerivedDigest.Pool, hasher, digest, r =>
            {
                var totals = new List<PoolLotTotals>();
                LotStateCodec.Decode((byte[])r.GetValue(7), totals);
                heads[(r.GetString(2), r.GetString(3))] = (r.GetString(6), totals);
            });
        }

        foreach (var m in movers)
        {
            if (!heads.TryGetValue((m.Client, m.Part), out var head))
            {
                throw new InvalidOperationException($"no stored head of pool ({m.Client}, {m.Part})");
            }

            if (head.Totals.Count != m.FirstLot)
            {
                throw new InvalidOperationException(
                    $"pool ({m.Client}, {m.Part}): the stored head has {head.Totals.Count} lots, its tail starts at lot {m.FirstLot}");
            }
        }

        return heads;
    }

    /// <summary>Every column of a list qualified by a table alias (RETURNING after a join names them unambiguously).</summary>
    private static string Qualified(string alias, string columns) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries).Select(c => alias + "." + c));

    private void InsertRun(DischargeRunRecord run, DerivedRowHasher hasher, DerivedDigest digest)
    {
        var days = PackDayCounts(run.DayCounts);
        hasher.Begin(DerivedDigest.Run).Integer(Program).Integer(run.Id).Text(CanonicalText.Date(run.AsOf)).Text(run.LedgerHead).Text(run.StartedAt)
            .Text(run.FinishedAt).Integer(run.Consumptions).Integer(run.Allocations).Integer(run.Shortages).Integer(run.LastBatch)
            .Blob(days).AddTo(digest, DerivedDigest.Run);
        using var cmd = store.Command("INSERT INTO discharge_run (program_id, id, as_of, ledger_head, started_at, finished_at, consumptions, " +
            "allocations, shortages, last_batch, day_counts, derived_digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
            .Int(Program).Int(run.Id).Text(CanonicalText.Date(run.AsOf)).Text(run.LedgerHead).Text(run.StartedAt).Text(run.FinishedAt)
            .Int(run.Consumptions).Int(run.Allocations).Int(run.Shortages).Int(run.LastBatch).Bytes(days).Text(digest.Format());
        cmd.ExecuteNonQuery();
    }

    private void InsertShortages(IEnumerable<StoredShortage> shortages, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using var copy = store.Connection.BeginBinaryImport(
            "COPY discharge_shortage (program_id, client, movement, part, movement_kind, document, date, qty) FROM STDIN (FORMAT BINARY)");
        foreach (var s in shortages)
        {
            var (date, qty) = (CanonicalText.Date(s.Date), Dec(s.Qty));
            copy.StartRow();
            copy.Write(Program, NpgsqlDbType.Bigint);
            copy.Write(s.Client, NpgsqlDbType.Text);
            copy.Write(s.Movement, NpgsqlDbType.Bigint);
            copy.Write(s.Part, NpgsqlDbType.Text);
            copy.Write(s.MovementKind, NpgsqlDbType.Text);
            copy.Write(s.Document, NpgsqlDbType.Text);
            copy.Write(date, NpgsqlDbType.Text);
            copy.Write(qty, NpgsqlDbType.Text);
            hasher.Begin(DerivedDigest.Shortage).Integer(Program).Text(s.Client).Integer(s.Movement).Text(s.Part).Text(s.MovementKind)
                .Text(s.Document).Text(date).Text(qty).AddTo(digest, DerivedDigest.Shortage);
        }

        copy.Complete();
    }

    private void InsertDisposals(IEnumerable<StoredWasteDisposal> disposals, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using var copy = store.Connection.BeginBinaryImport(
            "COPY discharge_waste_disposal (program_id, client, movement, part, pedimento, partida, date, qty) FROM STDIN (FORMAT BINARY)");
        foreach (var d in disposals)
        {
            var (date, qty) = (CanonicalText.Date(d.Date), Dec(d.Qty));
            copy.StartRow();
            copy.Write(Program, NpgsqlDbType.Bigint);
            copy.Write(d.Client, NpgsqlDbType.Text);
            copy.Write(d.Movement, NpgsqlDbType.Bigint);
            copy.Write(d.Part, NpgsqlDbType.Text);
            copy.Write(d.Pedimento, NpgsqlDbType.Text);
            copy.Write((long)d.Partida, NpgsqlDbType.Bigint);
            copy.Write(date, NpgsqlDbType.Text);
            copy.Write(qty, NpgsqlDbType.Text);
            hasher.Begin(DerivedDigest.WasteDisposal).Integer(Program).Text(d.Client).Integer(d.Movement).Text(d.Part).Text(d.Pedimento)
                .Integer(d.Partida).Text(date).Text(qty).AddTo(digest, DerivedDigest.WasteDisposal);
        }

        copy.Complete();
    }

    /// <summary>Work orders' reservations and kit draws (migration 0036), by binary COPY, each row digested as SQLite does.</summary>
    private void InsertWorkOrders(
        IEnumerable<StoredReservation>? reservations, IEnumerable<StoredKitDraw>? draws, DerivedRowHasher hasher, DerivedDigest digest)
    {
        if (reservations is not null)
        {
            using var copy = store.Connection.BeginBinaryImport(
                "COPY discharge_reservation (program_id, client, work_order, leaf, part, pedimento, partida, date, qty, waste) FROM STDIN (FORMAT BINARY)");
            foreach (var x in reservations)
            {
                var (date, qty, waste) = (CanonicalText.Date(x.Date), CanonicalText.Decimal(x.Qty), CanonicalText.Decimal(x.Waste));
                copy.StartRow();
                copy.Write(Program, NpgsqlDbType.Bigint);
                copy.Write(x.Client, NpgsqlDbType.Text);
                copy.Write(x.WorkOrder, NpgsqlDbType.Bigint);
                copy.Write((long)x.Leaf, NpgsqlDbType.Bigint);
                copy.Write(x.Part, NpgsqlDbType.Text);
                copy.Write(x.Pedimento, NpgsqlDbType.Text);
                copy.Write((long)x.Partida, NpgsqlDbType.Bigint);
                copy.Write(date, NpgsqlDbType.Text);
                copy.Write(qty, NpgsqlDbType.Text);
                copy.Write(waste, NpgsqlDbType.Text);
                hasher.Begin(DerivedDigest.Reservation).Integer(Program).Text(x.Client).Integer(x.WorkOrder).Integer(x.Leaf).Text(x.Part)
                    .Text(x.Pedimento).Integer(x.Partida).Text(date).Text(qty).Text(waste).AddTo(digest, DerivedDigest.Reservation);
            }

            copy.Complete();
        }

        if (draws is not null)
        {
            using var copy = store.Connection.BeginBinaryImport(
                "COPY discharge_kit_draw (program_id, client, work_order, movement, part, date, kits) FROM STDIN (FORMAT BINARY)");
            foreach (var d in draws)
            {
                var (date, kits) = (CanonicalText.Date(d.Date), CanonicalText.Decimal(d.Kits));
                copy.StartRow();
                copy.Write(Program, NpgsqlDbType.Bigint);
                copy.Write(d.Client, NpgsqlDbType.Text);
                copy.Write(d.WorkOrder, NpgsqlDbType.Bigint);
                copy.Write(d.Movement, NpgsqlDbType.Bigint);
                copy.Write(d.Part, NpgsqlDbType.Text);
                copy.Write(date, NpgsqlDbType.Text);
                copy.Write(kits, NpgsqlDbType.Text);
                hasher.Begin(DerivedDigest.KitDraw).Integer(Program).Text(d.Client).Integer(d.WorkOrder).Integer(d.Movement).Text(d.Part)
                    .Text(date).Text(kits).AddTo(digest, DerivedDigest.KitDraw);
            }

            copy.Complete();
        }
    }

    private void InsertFindings(IEnumerable<StoredFinding> findings, long lastSeq, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using var copy = store.Connection.BeginBinaryImport(
            "COPY discharge_finding (program_id, seq, client, code, movement, document, date, part, pedimento, partida, qty, detail) " +
            "FROM STDIN (FORMAT BINARY)");
        var seq = lastSeq;
        foreach (var f in findings)
        {
            seq++;
            var (date, qty) = (CanonicalText.Date(f.Date), Dec(f.Qty));
            copy.StartRow();
            copy.Write(Program, NpgsqlDbType.Bigint);
            copy.Write(seq, NpgsqlDbType.Bigint);
            copy.Write(f.Client, NpgsqlDbType.Text);
            copy.Write(f.Code, NpgsqlDbType.Text);
            copy.Write(f.Movement, NpgsqlDbType.Bigint);
            copy.Write(f.Document, NpgsqlDbType.Text);
            copy.Write(date, NpgsqlDbType.Text);
            copy.Write(f.Part, NpgsqlDbType.Text);
            copy.Write(f.Pedimento, NpgsqlDbType.Text);
            if (f.Partida is { } partida)
            {
                copy.Write((long)partida, NpgsqlDbType.Bigint);
            }
            else
            {
                copy.WriteNull();
            }

            copy.Write(qty, NpgsqlDbType.Text);
            copy.Write(f.Detail, NpgsqlDbType.Text);
            hasher.Begin(DerivedDigest.Finding).Integer(Program).Integer(seq).Text(f.Client).Text(f.Code).Integer(f.Movement)
                .Text(f.Document).Text(date).Text(f.Part).Text(f.Pedimento).Integer(f.Partida).Text(qty).Text(f.Detail)
                .AddTo(digest, DerivedDigest.Finding);
        }

        copy.Complete();
    }

    /// <summary>
    /// Whole pools (heads and tails joined) of one client, or of the wanted keys (filtered by the server: a daily run wants a
    /// few of them), in (client, part) order.
    /// </summary>
    private List<StoredPool> ReadPools(string? client, HashSet<(string Client, string Part)>? wanted)
    {
        var pools = new List<StoredPool>();
        StoredPool? current = null;
        Read(
            wanted is null
                ? $"SELECT {SegmentColumns} FROM discharge_pool WHERE {P} AND segment IN (0, 1) AND ($1::text IS NULL OR client = $1) " +
                    "ORDER BY client, part, segment"
                : $"SELECT {Qualified("d", SegmentColumns)} FROM unnest($1::text[], $2::text[]) AS w (c, p) JOIN discharge_pool d " +
                    $"ON d.{P} AND d.segment IN (0, 1) AND d.client = w.c AND d.part = w.p ORDER BY d.client, d.part, d.segment",
            cmd =>
            {
                if (wanted is null)
                {
                    cmd.Text(client);
                }
                else
                {
                    cmd.PoolKeys(wanted);
                }
            },
            r =>
            {
                var (c, p, segment) = (r.GetString(0), r.GetString(1), r.Int32(2));

                if (segment == 0)
                {
                    current = new StoredPool { Client = c, Part = p, LotKeys = new List<PoolLotKey>(), LotTotals = new List<PoolLotTotals>() };
                    pools.Add(current);
                }
                else if (current is null || current.Client != c || current.Part != p)
                {
                    throw new InvalidDataException($"pool ({c}, {p}): its tail has no head segment (migration 0021)");
                }

                var keys = (List<PoolLotKey>)current.LotKeys;
                var totals = (List<PoolLotTotals>)current.LotTotals;
                if (r.Int32(3) != keys.Count)
                {
                    throw new InvalidDataException($"pool ({c}, {p}): segment {segment} starts at lot {r.Int32(3)}, expected {keys.Count}");
                }

                keys.AddRange(SplitKeys(r.GetString(4)));
                LotStateCodec.Decode((byte[])r.GetValue(5), totals);
                if (keys.Count != totals.Count)
                {
                    throw new InvalidDataException($"pool ({c}, {p}): {keys.Count} lot keys but {totals.Count} lot states");
                }
            });
        return pools;
    }

    private void ReadChunks(string sql, Action<NpgsqlCommand> bind, Dictionary<(string, string), List<AllocationChunk>> chunks) =>
        Read(sql, bind, r =>
        {
            var key = (r.GetString(0), r.GetString(1));
            (chunks.TryGetValue(key, out var list) ? list : chunks[key] = []).Add(
                new AllocationChunk(r.Int32(2), r.Int32(3), (byte[])r.GetValue(4)) { LastDay = r.Int32(5) });
        });

    private static StoredPool WithChunks(StoredPool p, Dictionary<(string, string), List<AllocationChunk>> chunks) => new()
    {
        Client = p.Client, Part = p.Part, LotKeys = p.LotKeys, LotTotals = p.LotTotals,
        Chunks = chunks.GetValueOrDefault((p.Client, p.Part)) ?? [],
    };

    private void Read(string sql, Action<NpgsqlCommand>? bind, Action<NpgsqlDataReader> row)
    {
        using var cmd = store.Command(sql);
        bind?.Invoke(cmd);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            row(r);
        }
    }

    private void Exec(string sql)
    {
        using var cmd = store.Command(sql);
        cmd.ExecuteNonQuery();
    }

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

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);

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

    /// <summary>A full run's pool segments, by binary COPY, each added to the digest.</summary>
    private sealed class SegmentCopy(NpgsqlConnection connection, long program, long runId, DerivedRowHasher hasher, DerivedDigest digest)
        : IDisposable
    {
        private readonly NpgsqlBinaryImporter copy = connection.BeginBinaryImport(
            "COPY discharge_pool (program_id, client, part, segment, first_lot, run_id, lot_keys, lot_state) FROM STDIN (FORMAT BINARY)");

        public void Write(string client, string part, int segment, int first, string lotKeys, byte[] lotState)
        {
            hasher.Begin(DerivedDigest.Pool).Integer(program).Integer(segment).Text(client).Text(part).Integer(first).Integer(runId)
                .Text(lotKeys).Blob(lotState).AddTo(digest, DerivedDigest.Pool);
            copy.StartRow();
            copy.Write(program, NpgsqlDbType.Bigint);
            copy.Write(client, NpgsqlDbType.Text);
            copy.Write(part, NpgsqlDbType.Text);
            copy.Write((long)segment, NpgsqlDbType.Bigint);
            copy.Write((long)first, NpgsqlDbType.Bigint);
            copy.Write(runId, NpgsqlDbType.Bigint);
            copy.Write(lotKeys, NpgsqlDbType.Text);
            copy.Write(lotState, NpgsqlDbType.Bytea);
        }

        public void Complete() => copy.Complete();

        public void Dispose() => copy.Dispose();
    }

    /// <summary>A full run's allocation chunks, by binary COPY, each added to the digest.</summary>
    private sealed class ChunkCopy(NpgsqlConnection connection, long program, DerivedRowHasher hasher, DerivedDigest digest)
    {
        private readonly List<(string Client, string Part, long Seq, AllocationChunk Chunk)> pending = [];

        public void Write(StoredPool pool, long sequence)
        {
            foreach (var chunk in pool.Chunks)
            {
                pending.Add((pool.Client, pool.Part, sequence, chunk));
                hasher.Begin(DerivedDigest.Alloc).Integer(program).Text(pool.Client).Text(pool.Part).Integer(chunk.Period).Integer(sequence)
                    .Integer(chunk.LastDay).Integer(chunk.Count).Blob(chunk.Data).AddTo(digest, DerivedDigest.Alloc);
            }
        }

        /// <summary>Copies the chunks after the segments (one COPY at a time on a connection).</summary>
        public void Complete()
        {
            using var copy = connection.BeginBinaryImport(
                "COPY discharge_alloc (program_id, client, part, period, seq, last_day, count, allocations) FROM STDIN (FORMAT BINARY)");
            foreach (var (client, part, seq, chunk) in pending)
            {
                copy.StartRow();
                copy.Write(program, NpgsqlDbType.Bigint);
                copy.Write(client, NpgsqlDbType.Text);
                copy.Write(part, NpgsqlDbType.Text);
                copy.Write((long)chunk.Period, NpgsqlDbType.Bigint);
                copy.Write(seq, NpgsqlDbType.Bigint);
                copy.Write((long)chunk.LastDay, NpgsqlDbType.Bigint);
                copy.Write((long)chunk.Count, NpgsqlDbType.Bigint);
                copy.Write(chunk.Data, NpgsqlDbType.Bytea);
            }

            copy.Complete();
            pending.Clear();
        }
    }
}
