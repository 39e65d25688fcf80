using System.Globalization;
using Microsoft.Data.Sqlite;
using Traza.Storage.Ledger;

namespace Traza.Storage.Sqlite;

/// <summary>What happened to one appended row.</summary>
public enum InsertOutcome
{
    /// <summary>The key was new: the row was written.</summary>
    Inserted,

    /// <summary>The key existed with the same content: nothing written (SPEC §4.1).</summary>
    Identical,

    /// <summary>The key existed with other content: a conflict, exit 4 (SPEC §4.1).</summary>
    Conflict,
}

/// <summary>The outcome of an insert; for an existing key, the batch and line that hold it.</summary>
public readonly record struct InsertResult(InsertOutcome Outcome, long ExistingBatchId, long ExistingLine);

/// <summary>
/// One import batch: one IMMEDIATE transaction that appends rows to the ledger tables and, on <see cref="Commit"/>,
/// one <c>import_batch</c> row chained to the previous batch (docs/architecture.md Decision 1). Disposing without
/// committing rolls everything back: a bad file writes nothing (SPEC §9).
/// </summary>
public sealed class BatchWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, (SqliteCommand Insert, SqliteCommand Select)> commands = new(StringComparer.Ordinal);
    private readonly HashSet<string> clients = new(StringComparer.Ordinal);
    private bool done;

    private readonly Action onClose;

    internal BatchWriter(SqliteConnection connection, TimeProvider clock, string layout, string fileName, string fileSha256, Action onClose)
    {
        this.onClose = onClose;
        this.connection = connection;
        this.clock = clock;
        Layout = layout;
        FileName = fileName;
        FileSha256 = fileSha256;
        Transaction = connection.BeginTransaction(deferred: false);
        using (var cmd = Command("SELECT COALESCE(MAX(id), 0) + 1 FROM import_batch WHERE program_id = 1"))
        {
            BatchId = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using (var cmd = Command("SELECT client FROM client WHERE program_id = 1"))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                clients.Add(reader.GetString(0));
            }
        }
    }

    public long BatchId { get; }

    public string Layout { get; }

    public string FileName { get; }

    public string FileSha256 { get; }

    /// <summary>The open transaction, for engineers adding their own tables to a batch.</summary>
    public SqliteTransaction Transaction { get; }

    public SqliteConnection Connection => connection;

    /// <summary>True when the client is registered (or is the program's own, '').</summary>
    public bool ClientExists(string client) => client.Length == 0 || clients.Contains(client);

    /// <summary>Creates the client on the first row naming it (SPEC §3.2); the program's own '' needs no row.</summary>
    public bool EnsureClient(string client, long line)
    {
        if (ClientExists(client))
        {
            return false;
        }

        Insert(TableSpec.Client, [client], [DBNull.Value, DBNull.Value, DBNull.Value], line);
        clients.Add(client);
        return true;
    }

    /// <summary>Registers a client explicitly (traza clients add); an existing client with other content conflicts.</summary>
    public InsertResult AddClient(ClientRecord client, long line)
    {
        var result = Insert(TableSpec.Client, [client.Client], [SqlText.Value(client.Name), SqlText.Value(client.Parent), SqlText.Value(client.Since)], line);
        clients.Add(client.Client);
        return result;
    }

    public InsertResult AddProgram(ProgramRecord program, long line) => Insert(
        TableSpec.Program,
        [],
        [program.Rfc, program.Name, program.Immex, program.Modality, SqlText.Value(program.ValidFrom), SqlText.Value(program.ValidTo)],
        line);

    public InsertResult AddPart(PartRecord p, long line) => Insert(
        TableSpec.Part,
        [p.Client, p.Part],
        [SqlText.Value(p.Description), p.Kind, SqlText.Value(p.Fraccion), SqlText.Value(p.Nico), p.Umc, p.Umt, SqlText.Decimal(p.UmtPerUmc),
         SqlText.Value(p.Origin), p.Source],
        line);

    public InsertResult AddBom(BomRecord b, long line) => Insert(
        TableSpec.Bom,
        [b.Client, b.Product, b.Component, b.ValidFrom is { } f ? SqlText.Date(f) : string.Empty],
        [SqlText.Decimal(b.QtyPer), SqlText.Decimal(b.MermaPct), SqlText.Decimal(b.DesperdicioPct), SqlText.Value(b.ValidTo)],
        line);

    public InsertResult AddEntry(EntryRecord e, long line) => Insert(
        TableSpec.Entry,
        [e.Client, e.Pedimento, (long)e.Partida, e.Part],
        [e.Clave, SqlText.Date(e.Date), SqlText.Decimal(e.Qty), SqlText.Value(e.QtyUmt), SqlText.Value(e.ValueUsd), SqlText.Value(e.CustomsValueMxn),
         SqlText.Value(e.ExchangeRate), SqlText.Value(e.Origin), SqlText.Value(e.Preference), SqlText.Value(e.Invoice), SqlText.Value(e.Rectifies),
         SqlText.Value(e.Site)],
        line);

    public InsertResult AddExit(ExitRecord x, long line) => Insert(
        TableSpec.Exit,
        [x.Client, x.Pedimento, (long)x.Partida, x.Part],
        [x.Clave, SqlText.Date(x.Date), SqlText.Decimal(x.Qty), SqlText.Value(x.QtyUmt), SqlText.Value(x.ValueUsd), SqlText.Value(x.Destination),
         SqlText.Value(x.Counterparty), SqlText.Value(x.Case), SqlText.Value(x.BomDate), SqlText.Value(x.SourcePedimento),
         SqlText.Value(x.SourcePartida), SqlText.Value(x.Rectifies)],
        line);

    public InsertResult AddEvent(EventRecord v, long line) => Insert(
        TableSpec.Event,
        [v.Client, SqlText.Date(v.Date), v.Type, v.Part, v.Reference, line],
        [SqlText.Decimal(v.Qty), v.Waste ? 1L : 0L, SqlText.Value(v.ThirdParty), SqlText.Value(v.Site)],
        line);

    public InsertResult AddCount(CountRecord c, long line) => Insert(
        TableSpec.Count,
        [c.Client, SqlText.Date(c.Date), c.Part, c.Site],
        [SqlText.Decimal(c.Qty)],
        line);

    /// <summary>
    /// Appends one row unless its key exists; an existing key is compared by content (every column but batch and
    /// line). Values are stored forms: string, long or DBNull.
    /// </summary>
    public InsertResult Insert(TableSpec table, object[] key, object[] content, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var (insert, select) = Commands(table);
        var p = 0;
        foreach (var k in key)
        {
            insert.Parameters[p++].Value = k;
        }

        foreach (var c in content)
        {
            insert.Parameters[p++].Value = c;
        }

        insert.Parameters[p++].Value = BatchId;
        if (!table.LineInKey)
        {
            insert.Parameters[p].Value = line;
        }

        if (insert.ExecuteNonQuery() == 1)
        {
            return new InsertResult(InsertOutcome.Inserted, BatchId, line);
        }

        for (var i = 0; i < key.Length; i++)
        {
            select.Parameters[i].Value = key[i];
        }

        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"Insert into {table.Name} was ignored but no row holds its key.");
        }

        var same = true;
        for (var i = 0; i < content.Length; i++)
        {
            if (!string.Equals(SqlText.Canonical(reader.GetValue(i)), SqlText.Canonical(content[i]), StringComparison.Ordinal))
            {
                same = false;
                break;
            }
        }

        return new InsertResult(same ? InsertOutcome.Identical : InsertOutcome.Conflict, reader.GetInt64(content.Length), reader.GetInt64(content.Length + 1));
    }

    /// <summary>The file name of an earlier batch (for conflict messages); this batch's own name for itself.</summary>
    public string BatchFileName(long batchId)
    {
        if (batchId == BatchId)
        {
            return FileName;
        }

        using var cmd = Command("SELECT file_name FROM import_batch WHERE program_id = 1 AND id = $id");
        cmd.Parameters.AddWithValue("$id", batchId);
        return cmd.ExecuteScalar() as string ?? string.Empty;
    }

    /// <summary>A command inside this batch's transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>Computes the digest from the stored rows, appends the chained batch row and commits.</summary>
    public BatchRecord Commit()
    {
        ObjectDisposedException.ThrowIf(done, this);
        var (digest, rows) = LedgerChain.ComputeDigest(connection, Transaction, BatchId);
        string prev;
        using (var cmd = Command("SELECT chain_hash FROM import_batch WHERE program_id = 1 ORDER BY id DESC LIMIT 1"))
        {
            prev = cmd.ExecuteScalar() as string ?? LedgerChain.Genesis;
        }

        var chain = LedgerChain.ChainHash(prev, BatchId, Layout, FileSha256, digest);
        var batch = new BatchRecord(BatchId, Layout, FileName, FileSha256, rows, digest, prev, chain,
            clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        using (var cmd = Command("""
            INSERT INTO import_batch (program_id, id, layout, file_name, file_sha256, rows, digest, prev_chain_hash, chain_hash, imported_at)
            VALUES (1, $id, $layout, $file, $sha, $rows, $digest, $prev, $chain, $at)
            """))
        {
            cmd.Parameters.AddWithValue("$id", batch.Id);
            cmd.Parameters.AddWithValue("$layout", batch.Layout);
            cmd.Parameters.AddWithValue("$file", batch.FileName);
            cmd.Parameters.AddWithValue("$sha", batch.FileSha256);
            cmd.Parameters.AddWithValue("$rows", batch.Rows);
            cmd.Parameters.AddWithValue("$digest", batch.Digest);
            cmd.Parameters.AddWithValue("$prev", batch.PrevChainHash);
            cmd.Parameters.AddWithValue("$chain", batch.ChainHash);
            cmd.Parameters.AddWithValue("$at", batch.ImportedAt);
            cmd.ExecuteNonQuery();
        }

        Transaction.Commit();
        done = true;
        onClose();
        return batch;
    }

    public void Dispose()
    {
        foreach (var (insert, select) in commands.Values)
        {
            insert.Dispose();
            select.Dispose();
        }

        commands.Clear();
        if (!done)
        {
            Transaction.Rollback();
            done = true;
        }

        Transaction.Dispose();
        onClose();
    }

    private (SqliteCommand Insert, SqliteCommand Select) Commands(TableSpec table)
    {
        if (commands.TryGetValue(table.Name, out var found))
        {
            return found;
        }

        var columns = new List<string> { "program_id" };
        columns.AddRange(table.Key);
        columns.AddRange(table.Content);
        columns.Add("batch_id");
        if (!table.LineInKey)
        {
            columns.Add("line");
        }

        var insert = Command(
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) " +
            $"VALUES (1, {string.Join(", ", columns.Skip(1).Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))}) ON CONFLICT DO NOTHING");
        for (var i = 0; i < columns.Count - 1; i++)
        {
            insert.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        insert.Prepare();
        var where = string.Concat(table.Key.Select((k, i) => $" AND \"{k}\" = $k{i.ToString(CultureInfo.InvariantCulture)}"));
        var select = Command(
            $"SELECT {string.Join(", ", table.Content.Select(c => "\"" + c + "\"").Append("batch_id").Append("line"))} " +
            $"FROM \"{table.Name}\" WHERE program_id = 1{where}");
        for (var i = 0; i < table.Key.Count; i++)
        {
            select.Parameters.Add(new SqliteParameter("$k" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        commands[table.Name] = (insert, select);
        return (insert, select);
    }
}
