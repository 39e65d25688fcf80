using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Reads and replaces the derived discharge data (migration 0003): one transaction swaps a whole run, so readers
/// always see one consistent run (SPEC §9).
/// </summary>
public sealed class DischargeStore(SqliteConnection connection)
{
    private const int LotTotalsSize = 32;

    /// <summary>Replaces the stored run with a new one, atomically.</summary>
    public void Save(
        DischargeRunRecord run,
        IEnumerable<StoredPool> pools,
        IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals,
        IEnumerable<StoredFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var tx = connection.BeginTransaction();
        Exec(tx, "DELETE FROM discharge_run; DELETE FROM discharge_pool; DELETE FROM discharge_shortage; " +
            "DELETE FROM discharge_waste_disposal; DELETE FROM discharge_finding;");
        using (var cmd = Command(tx, "INSERT INTO discharge_run VALUES (1, $id, $asof, $head, $start, $end, $c, $a, $s)"))
        {
            cmd.Parameters.AddWithValue("$id", run.Id);
            cmd.Parameters.AddWithValue("$asof", Iso(run.AsOf));
            cmd.Parameters.AddWithValue("$head", run.LedgerHead);
            cmd.Parameters.AddWithValue("$start", run.StartedAt);
            cmd.Parameters.AddWithValue("$end", run.FinishedAt);
            cmd.Parameters.AddWithValue("$c", run.Consumptions);
            cmd.Parameters.AddWithValue("$a", run.Allocations);
            cmd.Parameters.AddWithValue("$s", run.Shortages);
            cmd.ExecuteNonQuery();
        }

        using (var cmd = Command(tx, "INSERT INTO discharge_pool VALUES (1, $client, $part, $run, $keys, $totals, $alloc)"))
        {
            var pClient = cmd.Parameters.Add("$client", SqliteType.Text);
            var pPart = cmd.Parameters.Add("$part", SqliteType.Text);
            cmd.Parameters.AddWithValue("$run", run.Id);
            var pKeys = cmd.Parameters.Add("$keys", SqliteType.Text);
            var pTotals = cmd.Parameters.Add("$totals", SqliteType.Blob);
            var pAlloc = cmd.Parameters.Add("$alloc", SqliteType.Blob);
            cmd.Prepare();
            foreach (var pool in pools)
            {
                pClient.Value = pool.Client;
                pPart.Value = pool.Part;
                pKeys.Value = JoinKeys(pool.LotKeys);
                pTotals.Value = PackTotals(pool.LotTotals);
                pAlloc.Value = pool.Allocations;
                cmd.ExecuteNonQuery();
            }
        }

        using (var cmd = Command(tx, "INSERT INTO discharge_shortage VALUES (1, $client, $m, $part, $kind, $doc, $date, $qty)"))
        {
            foreach (var s in shortages)
            {
                Set(cmd, ("$client", s.Client), ("$m", s.Movement), ("$part", s.Part), ("$kind", s.MovementKind), ("$doc", s.Document),
                    ("$date", Iso(s.Date)), ("$qty", Dec(s.Qty)));
                cmd.ExecuteNonQuery();
            }
        }

        using (var cmd = Command(tx, "INSERT INTO discharge_waste_disposal VALUES (1, $client, $m, $part, $ped, $partida, $date, $qty)"))
        {
            foreach (var d in disposals)
            {
                Set(cmd, ("$client", d.Client), ("$m", d.Movement), ("$part", d.Part), ("$ped", d.Pedimento), ("$partida", d.Partida),
                    ("$date", Iso(d.Date)), ("$qty", Dec(d.Qty)));
                cmd.ExecuteNonQuery();
            }
        }

        using (var cmd = Command(tx, "INSERT INTO discharge_finding VALUES (1, $seq, $client, $code, $m, $doc, $date, $part, $ped, $partida, $qty, $detail)"))
        {
            var seq = 0;
            foreach (var f in findings)
            {
                Set(cmd, ("$seq", ++seq), ("$client", f.Client), ("$code", f.Code), ("$m", f.Movement), ("$doc", f.Document), ("$date", Iso(f.Date)),
                    ("$part", f.Part), ("$ped", f.Pedimento), ("$partida", f.Partida), ("$qty", Dec(f.Qty)), ("$detail", f.Detail));
                cmd.ExecuteNonQuery();
            }
        }

        tx.Commit();
    }

    /// <summary>The stored run, or null before the first discharge.</summary>
    public DischargeRunRecord? LatestRun()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id, as_of, ledger_head, started_at, finished_at, consumptions, allocations, shortages FROM discharge_run " +
            "WHERE program_id = 1 ORDER BY id DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new DischargeRunRecord(r.GetInt64(0), ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5),
                r.GetInt64(6), r.GetInt64(7))
            : null;
    }

    /// <summary>Every stored pool (of one client when given).</summary>
    public IEnumerable<StoredPool> Pools(string? client = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, part, lot_keys, lot_totals, allocations FROM discharge_pool WHERE program_id = 1 " +
            "AND ($client IS NULL OR client = $client) ORDER BY client, part";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return ReadPool(r);
        }
    }

    /// <summary>The stored pool of one (client, part), or null.</summary>
    public StoredPool? Pool(string client, string part)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, part, lot_keys, lot_totals, allocations FROM discharge_pool WHERE program_id = 1 " +
            "AND client = $client AND part = $part";
        cmd.Parameters.AddWithValue("$client", client);
        cmd.Parameters.AddWithValue("$part", part);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadPool(r) : null;
    }

    public IReadOnlyList<StoredShortage> Shortages(string? client = null)
    {
        var result = new List<StoredShortage>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, movement, part, movement_kind, document, date, qty FROM discharge_shortage WHERE program_id = 1 " +
            "AND ($client IS NULL OR client = $client) ORDER BY date, client, document, part, movement";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredShortage(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), ParseDate(r.GetString(5)),
                ParseDec(r.GetString(6))));
        }

        return result;
    }

    public IReadOnlyList<StoredWasteDisposal> WasteDisposals(string? client = null)
    {
        var result = new List<StoredWasteDisposal>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, movement, part, pedimento, partida, date, qty FROM discharge_waste_disposal WHERE program_id = 1 " +
            "AND ($client IS NULL OR client = $client) ORDER BY date, client, part, movement";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredWasteDisposal(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt32(4), ParseDate(r.GetString(5)),
                ParseDec(r.GetString(6))));
        }

        return result;
    }

    public IReadOnlyList<StoredFinding> Findings(string? client = null)
    {
        var result = new List<StoredFinding>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT client, code, movement, document, date, part, pedimento, partida, qty, detail FROM discharge_finding " +
            "WHERE program_id = 1 AND ($client IS NULL OR client = $client) ORDER BY seq";
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result.Add(new StoredFinding(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), ParseDate(r.GetString(4)), r.GetString(5),
                r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7), ParseDec(r.GetString(8)), r.GetString(9)));
        }

        return result;
    }

    private static StoredPool ReadPool(SqliteDataReader r)
    {
        var keys = SplitKeys(r.GetString(2));
        var totalsBlob = (byte[])r.GetValue(3);
        var totals = new PoolLotTotals[totalsBlob.Length / LotTotalsSize];
        for (var i = 0; i < totals.Length; i++)
        {
            var s = totalsBlob.AsSpan(i * LotTotalsSize);
            totals[i] = new PoolLotTotals(
                BinaryPrimitives.ReadInt64LittleEndian(s),
                BinaryPrimitives.ReadInt64LittleEndian(s[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(s[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(s[24..]));
        }

        return new StoredPool
        {
            Client = r.GetString(0),
            Part = r.GetString(1),
            LotKeys = keys,
            LotTotals = totals,
            Allocations = (byte[])r.GetValue(4),
        };
    }

    private static byte[] PackTotals(IReadOnlyList<PoolLotTotals> totals)
    {
        var blob = new byte[totals.Count * LotTotalsSize];
        for (var i = 0; i < totals.Count; i++)
        {
            var s = blob.AsSpan(i * LotTotalsSize);
            BinaryPrimitives.WriteInt64LittleEndian(s, totals[i].Entered);
            BinaryPrimitives.WriteInt64LittleEndian(s[8..], totals[i].Discharged);
            BinaryPrimitives.WriteInt64LittleEndian(s[16..], totals[i].Waste);
            BinaryPrimitives.WriteInt64LittleEndian(s[24..], totals[i].WasteDisposed);
        }

        return blob;
    }

    private static string JoinKeys(IReadOnlyList<PoolLotKey> keys)
    {
        var sb = new StringBuilder(keys.Count * 20);
        foreach (var key in keys)
        {
            sb.Append(key.Pedimento).Append('\t').Append(key.Partida.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private static PoolLotKey[] SplitKeys(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var keys = new PoolLotKey[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var tab = lines[i].LastIndexOf('\t');
            keys[i] = new PoolLotKey(lines[i][..tab], int.Parse(lines[i].AsSpan(tab + 1), CultureInfo.InvariantCulture));
        }

        return keys;
    }

    private SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private void Exec(SqliteTransaction tx, string sql)
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
}
