using System.Globalization;
using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

/// <summary>
/// <see cref="ILedgerScans"/> on SQLite: the bulk scans of <see cref="LedgerScan"/> and the point reads through the
/// ledger's indexes (custody, the as-of rule, incremental discharge).
/// </summary>
internal sealed class SqliteLedgerScans(SqliteLedgerStore store) : ILedgerScans
{
    public List<PartScan> Parts() => LedgerScan.Parts(store);

    public (long Parts, long Bom) CatalogRows() => LedgerScan.CatalogRows(store);

    public List<BomScan> Bom() => LedgerScan.Bom(store);

    public void DocumentLines(bool exits, string? client, DocumentLineHandler line, string? document = null) =>
        LedgerScan.DocumentLines(store, exits, client, line, document);

    public List<ReconcileLineScan> ReconcileLines(bool exits, string? client, DateOnly asOf) => LedgerScan.ReconcileLines(store, exits, client, asOf);

    public List<EntryScan> Entries(long afterBatch = 0) => LedgerScan.Entries(store, afterBatch);

    public List<EntryScan> Entries(IEnumerable<(string Client, string Part)> parts) => LedgerScan.Entries(store, parts);

    public Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal> Openings(long afterBatch = 0) =>
        LedgerScan.Openings(store, afterBatch);

    public Dictionary<(long Batch, long Line), decimal> OpeningsByLine() => LedgerScan.OpeningsByLine(store);

    public List<ExitMovementScan> ExitMovements(string? client, DateOnly asOf) => LedgerScan.ExitMovements(store, client, asOf);

    public List<ExitScan> Exits(DateOnly? from = null, IEnumerable<(string Client, string Part)>? parts = null) =>
        LedgerScan.Exits(store, from, parts);

    public List<EntryRecord> EntriesForLots(string? client = null, DateOnly? asOf = null) => LedgerScan.EntriesForLots(store, client, asOf);

    public LotEntryTable LotEntries(string? client = null, DateOnly? asOf = null) => LedgerScan.LotEntries(store, client, asOf);

    public LotEntryTable LotEntriesOf(string? client, IReadOnlyCollection<string> pedimentos, DateOnly? asOf) =>
        LedgerScan.LotEntriesOf(store, Clients(client), pedimentos, asOf);

    public LotEntryTable LotEntriesInOrder(string? client, DateOnly? asOf, LotOrderStart? from, int limit) =>
        LedgerScan.LotEntriesInOrder(store, client, asOf, from, limit);

    /// <summary>Primary-key seeks, one per key (in process, no round trip), through one prepared statement.</summary>
    public List<PartRecord> PartsAt(IReadOnlyCollection<(string Client, string Part)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return store.LoadPartsAt(keys);
    }

    /// <summary>
    /// When no exit or event is dated in (after, through], a discharge as of <paramref name="through"/> processes exactly the
    /// movements of one as of <paramref name="after"/> (entries alone never discharge; SPEC §3.5), so a run stored as of
    /// the earlier date covers the later one (docs/architecture.md, "--as-of D on reports").
    /// </summary>
    public bool AnyExitOrEventBetween(DateOnly after, DateOnly through)
    {
        if (through <= after)
        {
            return false;
        }

        // Exits through their date index (migration 0011; INDEXED BY, as SQLite otherwise walks the primary key's
        // program_id prefix); events are few and have no date index.
        using var cmd = store.CreateCommand(
            $"SELECT EXISTS (SELECT 1 FROM exit INDEXED BY exit_date WHERE {SqliteDatabase.ProgramSql} AND date > $after AND date <= $through) " +
            $"OR EXISTS (SELECT 1 FROM event WHERE {SqliteDatabase.ProgramSql} AND date > $after AND date <= $through)");
        cmd.Parameters.AddWithValue("$after", CanonicalText.Date(after));
        cmd.Parameters.AddWithValue("$through", CanonicalText.Date(through));
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }

    public DateOnly? EarliestDate(MovementTable table, long batchId)
    {
        var name = table switch
        {
            MovementTable.Entries => "entry",
            MovementTable.Exits => "exit",
            _ => "event",
        };

        // INDEXED BY: left alone, SQLite prefers the primary key's program_id prefix and scans the whole table.
        using var cmd = store.CreateCommand($"SELECT min(date) FROM {name} INDEXED BY {name}_batch WHERE {SqliteDatabase.ProgramSql} AND batch_id = $b");
        cmd.Parameters.AddWithValue("$b", batchId);
        return cmd.ExecuteScalar() is string text ? CanonicalText.ParseDate(text) : null;
    }

    public List<(string Client, string Part)> PoolsOfEntry(string? client, string pedimento, int? partida)
    {
        // One primary-key seek (program, client, pedimento, …) per client instead of a scan of every entry.
        using var cmd = store.CreateCommand(
            $"SELECT DISTINCT client, part FROM entry WHERE {SqliteDatabase.ProgramSql} AND client = $c AND pedimento = $p AND ($n IS NULL OR partida = $n)");
        cmd.Parameters.AddWithValue("$p", pedimento);
        cmd.Parameters.AddWithValue("$n", (object?)partida ?? DBNull.Value);
        var pc = cmd.Parameters.Add("$c", SqliteType.Text);
        var result = new List<(string, string)>();
        foreach (var c in Clients(client))
        {
            pc.Value = c;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result.Add((r.GetString(0), r.GetString(1)));
            }
        }

        return result;
    }

    public List<DocumentMovement> MovementsOf(string? client, string document)
    {
        // Exits: a primary-key seek (program, client, pedimento, …) per client; events (few) by a scan.
        using var cmd = store.CreateCommand(
            $"SELECT batch_id, line, pedimento, clave, date, part, bom_date, client FROM exit WHERE {SqliteDatabase.ProgramSql} AND client = $c AND pedimento = $d " +
            $"UNION ALL SELECT batch_id, line, reference, type, date, part, NULL, client FROM event WHERE {SqliteDatabase.ProgramSql} AND client = $c " +
            "AND reference = $d");
        cmd.Parameters.AddWithValue("$d", document);
        var pc = cmd.Parameters.Add("$c", SqliteType.Text);
        var result = new List<DocumentMovement>();
        foreach (var c in Clients(client))
        {
            pc.Value = c;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result.Add(new DocumentMovement(r.GetInt64(0), r.GetInt64(1), r.GetString(7), r.GetString(2), r.GetString(3),
                    CanonicalText.ParseDate(r.GetString(4)), r.GetString(5), r.IsDBNull(6) ? null : CanonicalText.ParseDate(r.GetString(6))));
            }
        }

        return result;
    }

    public (string Document, string Clave, DateOnly Date, string Product)? Movement(long batchId, long line)
    {
        using var cmd = store.CreateCommand(
            $"SELECT pedimento, clave, date, part FROM exit INDEXED BY exit_batch WHERE batch_id = $b AND line = $l AND {SqliteDatabase.ProgramSql} " +
            $"UNION ALL SELECT reference, type, date, part FROM event INDEXED BY event_batch WHERE batch_id = $b AND line = $l AND {SqliteDatabase.ProgramSql}");
        cmd.Parameters.AddWithValue("$b", batchId);
        cmd.Parameters.AddWithValue("$l", line);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetString(1), CanonicalText.ParseDate(r.GetString(2)), r.GetString(3)) : null;
    }

    public EntryRecord? Entry(string client, string pedimento, int partida, string part)
    {
        using var cmd = store.CreateCommand(
            $"SELECT date, qty, qty_umt, value_usd, clave FROM entry WHERE {SqliteDatabase.ProgramSql} AND client = $c AND pedimento = $p AND partida = $n AND part = $part");
        cmd.Parameters.AddWithValue("$c", client);
        cmd.Parameters.AddWithValue("$p", pedimento);
        cmd.Parameters.AddWithValue("$n", partida);
        cmd.Parameters.AddWithValue("$part", part);
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new EntryRecord(client, pedimento, partida, part, r.GetString(4), CanonicalText.ParseDate(r.GetString(0)), CanonicalText.ParseDecimal(r.GetString(1)),
                r.IsDBNull(2) ? null : CanonicalText.ParseDecimal(r.GetString(2)), r.IsDBNull(3) ? null : CanonicalText.ParseDecimal(r.GetString(3)),
                null, null, null, null, null, null, null)
            : null;
    }

    public List<RectificationScan> Rectifications(MovementTable table)
    {
        var name = RectificationSql.Table(table);
        using var cmd = store.CreateCommand(RectificationSql.Query(name, SqliteDatabase.ProgramSql, $" INDEXED BY {name}_rectifies"));
        using var r = cmd.ExecuteReader();
        var rows = new List<RectificationScan>();
        while (r.Read())
        {
            rows.Add(new RectificationScan(r.GetString(0), r.GetString(1), r.GetString(2), CanonicalText.ParseDate(r.GetString(3)),
                r.IsDBNull(5) ? null : CanonicalText.ParseDate(r.GetString(5)), r.GetInt64(4)));
        }

        return rows;
    }

    /// <summary>Point reads, one after another: in process they cost no round trip, and each is an index lookup.</summary>
    public Dictionary<(long Batch, long Line), (string Document, string Clave, DateOnly Date, string Product)> MovementsAt(
        IReadOnlyCollection<(long Batch, long Line)> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<(long, long), (string, string, DateOnly, string)>(ids.Count);
        foreach (var (batch, line) in ids)
        {
            if (Movement(batch, line) is { } m)
            {
                found[(batch, line)] = m;
            }
        }

        return found;
    }

    /// <summary>Point reads, one after another (see <see cref="MovementsAt"/>).</summary>
    public List<EntryRecord> EntriesAt(IReadOnlyCollection<(string Client, string Pedimento, int Partida, string Part)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<EntryRecord>(keys.Count);
        foreach (var (client, pedimento, partida, part) in keys)
        {
            if (Entry(client, pedimento, partida, part) is { } e)
            {
                found.Add(e);
            }
        }

        return found;
    }

    /// <summary>The program's own '' and every registered client, or just the one asked for.</summary>
    private List<string> Clients(string? client) =>
        client is not null ? [client] : ["", .. store.LoadClients().Select(c => c.Client).Where(c => c.Length > 0)];
}
