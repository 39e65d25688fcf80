using System.Globalization;

namespace Traza.Storage.Sqlite;

// DischargeStore: a full run's save. Everything derived is deleted and rewritten in one transaction, pools with
// their tails deferred so they lie together, indexes dropped during the bulk insert and rebuilt, the run row last.
public sealed partial class DischargeStore
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
        byte[]? catalog = null,
        IEnumerable<StoredReservation>? reservations = null,
        IEnumerable<StoredKitDraw>? kitDraws = null)
    {
        ArgumentNullException.ThrowIfNull(run);

        // The run's ~200 MB of new pages need no cache: a small one spills them to the WAL as they fill, instead of
        // holding them all in fresh memory until the commit (peak memory and page-fault time, docs/benchmarks.md).
        var cacheSize = Pragma("cache_size");
        Exec(null, "PRAGMA cache_size = -16384");
        try
        {
            SaveAll(run, pools, shortages, disposals, findings, catalog, reservations, kitDraws);
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
        byte[]? catalog,
        IEnumerable<StoredReservation>? reservations,
        IEnumerable<StoredKitDraw>? kitDraws)
    {
        using var tx = connection.BeginTransaction();
        Exec(tx, "DELETE FROM discharge_run; DELETE FROM discharge_pool; DELETE FROM discharge_alloc; DELETE FROM discharge_shortage; " +
            "DELETE FROM discharge_waste_disposal; DELETE FROM discharge_finding; DELETE FROM discharge_reservation; DELETE FROM discharge_kit_draw; DROP INDEX IF EXISTS discharge_alloc_key; " +
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
        InsertWorkOrders(tx, reservations, kitDraws, hasher, digest);
        InsertRun(tx, run, hasher, digest);
        tx.Commit();
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
}
