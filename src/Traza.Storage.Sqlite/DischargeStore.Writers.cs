using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

// DischargeStore: the row writers both saves share. Each row written is hashed into the derived digest
// (migration 0028) in the order it is written: pool segments, allocation chunks, shortages, waste disposals, findings.
public sealed partial class DischargeStore
{
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
            hasher.Begin(DerivedDigest.Pool).Integer(SqliteDatabase.ProgramId).Integer(segment).Text(client).Text(part).Integer(first)
                .Integer(runId).Text(lotKeys).Blob(lotState).AddTo(digest, DerivedDigest.Pool);
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
                hasher.Begin(DerivedDigest.Alloc).Integer(SqliteDatabase.ProgramId).Text(pool.Client).Text(pool.Part)
                    .Integer(chunk.Period).Integer(sequence)
                    .Integer(chunk.LastDay).Integer(chunk.Count).Blob(chunk.Data).AddTo(digest, DerivedDigest.Alloc);
            }
        }

        public void Dispose() => insert.Dispose();
    }

    private void InsertShortages(
        SqliteTransaction tx, IEnumerable<StoredShortage> shortages, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using (var cmd = Command(tx,
            $"INSERT INTO discharge_shortage VALUES ({SqliteDatabase.ProgramIdSql}, $client, $m, $part, $kind, $doc, $date, $qty)"))
        {
            foreach (var s in shortages)
            {
                Set(cmd, ("$client", s.Client), ("$m", s.Movement), ("$part", s.Part), ("$kind", s.MovementKind), ("$doc", s.Document),
                    ("$date", CanonicalText.Date(s.Date)), ("$qty", CanonicalText.Decimal(s.Qty)));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.Shortage).Integer(SqliteDatabase.ProgramId).Text(s.Client).Integer(s.Movement).Text(s.Part)
                    .Text(s.MovementKind)
                    .Text(s.Document).Text(CanonicalText.Date(s.Date)).Text(CanonicalText.Decimal(s.Qty))
                    .AddTo(digest, DerivedDigest.Shortage);
            }
        }
    }

    private void InsertDisposals(
        SqliteTransaction tx, IEnumerable<StoredWasteDisposal> disposals, DerivedRowHasher hasher, DerivedDigest digest)
    {
        using (var cmd = Command(tx,
            $"INSERT INTO discharge_waste_disposal VALUES ({SqliteDatabase.ProgramIdSql}, " +
            "$client, $m, $part, $ped, $partida, $date, $qty)"))
        {
            foreach (var d in disposals)
            {
                Set(cmd, ("$client", d.Client), ("$m", d.Movement), ("$part", d.Part), ("$ped", d.Pedimento), ("$partida", d.Partida),
                    ("$date", CanonicalText.Date(d.Date)), ("$qty", CanonicalText.Decimal(d.Qty)));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.WasteDisposal).Integer(SqliteDatabase.ProgramId).Text(d.Client).Integer(d.Movement)
                    .Text(d.Part).Text(d.Pedimento)
                    .Integer(d.Partida).Text(CanonicalText.Date(d.Date)).Text(CanonicalText.Decimal(d.Qty))
                    .AddTo(digest, DerivedDigest.WasteDisposal);
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
                    ("$date", CanonicalText.Date(f.Date)), ("$part", f.Part), ("$ped", f.Pedimento), ("$partida", f.Partida),
                    ("$qty", CanonicalText.Decimal(f.Qty)),
                    ("$detail", f.Detail));
                cmd.ExecuteNonQuery();
                hasher.Begin(DerivedDigest.Finding).Integer(SqliteDatabase.ProgramId).Integer(seq).Text(f.Client).Text(f.Code)
                    .Integer(f.Movement)
                    .Text(f.Document).Text(CanonicalText.Date(f.Date)).Text(f.Part).Text(f.Pedimento).Integer(f.Partida)
                    .Text(CanonicalText.Decimal(f.Qty)).Text(f.Detail).AddTo(digest, DerivedDigest.Finding);
            }
        }
    }
}
