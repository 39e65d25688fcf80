using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

// DischargeStore: the run row (as-of, ledger head, counts per day, the derived digest) and the catalog blob the last
// full run stored.
public sealed partial class DischargeStore
{
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
            ? new DischargeRunRecord(r.GetInt64(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                r.GetInt64(5), r.GetInt64(6), r.GetInt64(7))
            {
                LastBatch = r.GetInt64(8),
                DayCounts = r.IsDBNull(9) ? new Dictionary<int, (long, long)>() : UnpackDayCounts((byte[])r.GetValue(9)),
                DerivedDigest = r.IsDBNull(10) ? null : r.GetString(10),
            }
            : null;
    }

    /// <summary>Inserts the run row last: its own hash joins the digest it stores (migration 0028).</summary>
    private void InsertRun(SqliteTransaction tx, DischargeRunRecord run, DerivedRowHasher hasher, DerivedDigest digest)
    {
        var days = PackDayCounts(run.DayCounts);
        hasher.Begin(DerivedDigest.Run).Integer(SqliteDatabase.ProgramId).Integer(run.Id).Text(CanonicalText.Date(run.AsOf))
            .Text(run.LedgerHead).Text(run.StartedAt)
            .Text(run.FinishedAt).Integer(run.Consumptions).Integer(run.Allocations).Integer(run.Shortages).Integer(run.LastBatch)
            .Blob(days).AddTo(digest, DerivedDigest.Run);
        using (var cmd = Command(tx, "INSERT INTO discharge_run (program_id, id, as_of, ledger_head, started_at, finished_at, " +
            "consumptions, allocations, shortages, last_batch, day_counts, derived_digest) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}, $id, $asof, $head, $start, $end, $c, $a, $s, $last, $days, $digest)"))
        {
            cmd.Parameters.AddWithValue("$id", run.Id);
            cmd.Parameters.AddWithValue("$asof", CanonicalText.Date(run.AsOf));
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
}
