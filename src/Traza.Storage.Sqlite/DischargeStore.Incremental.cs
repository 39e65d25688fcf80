using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

// DischargeStore: an incremental run's save. Only the pools it touched are rewritten (a tail, or a whole pool and its
// chunks from a period on) and the records dated from its resume day; the stored digest is carried over, less every row
// deleted (read back through DELETE … RETURNING), plus every row written.
public sealed partial class DischargeStore
{
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
        IEnumerable<StoredFinding> findings,
        IEnumerable<StoredReservation>? reservations = null,
        IEnumerable<StoredKitDraw>? kitDraws = null)
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

        var day = CanonicalText.Date(from);
        foreach (var table in (ReadOnlySpan<int>)[DerivedDigest.Shortage, DerivedDigest.WasteDisposal, DerivedDigest.Finding])
        {
            using var delete = DerivedRowStatement.Delete(connection, table, $"{SqliteDatabase.ProgramSql} AND date >= ?1");
            delete.Text(1, day);
            delete.Run(hasher, digest, -1);
        }

        // Work orders from the resume date on run again (none before it holds anything: IncrementalDischarge).
        foreach (var table in (ReadOnlySpan<int>)[DerivedDigest.Reservation, DerivedDigest.KitDraw])
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
        InsertWorkOrders(tx, reservations, kitDraws, hasher, digest);
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
}
