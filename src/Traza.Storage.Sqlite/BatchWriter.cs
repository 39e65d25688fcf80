using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Traza.Storage.Ledger;

namespace Traza.Storage.Sqlite;

/// <summary>
/// One import batch: one IMMEDIATE transaction that appends rows to the ledger tables and, on <see cref="Commit"/>,
/// one <c>import_batch</c> row chained to the previous batch (docs/architecture.md Decision 1). Disposing without
/// committing rolls everything back: a bad file writes nothing (SPEC §9).
/// </summary>
public sealed partial class BatchWriter : ILedgerBatch
{
    private readonly SqliteConnection connection;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, TableWriter> writers = new(StringComparer.Ordinal);
    private readonly BatchDigest digest = new();
    private RowDigest? ahead;
    private long aheadAppended;
    private bool aheadBroken;
    private TableWriter? lastWriter;
    private readonly HashSet<string> clients = new(StringComparer.Ordinal);
    private bool done;

    private readonly Action onClose;

    /// <summary>The page cache (in KiB, negative as PRAGMA cache_size takes it) while a batch is open.</summary>
    private const long BulkCacheKib = 16_384;

    private readonly long cacheSize;

    internal BatchWriter(
        SqliteConnection connection, TimeProvider clock, string @operator, string layout, string fileName, string fileSha256,
        Action onClose)
    {
        Operator = @operator;
        this.onClose = onClose;
        this.connection = connection;
        this.clock = clock;
        Layout = layout;
        FileName = fileName;
        FileSha256 = fileSha256;
        Transaction = connection.BeginTransaction(deferred: false);
        using (var cmd = Command("PRAGMA cache_size"))
        {
            cacheSize = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        // A bulk append writes each page once: a small cache spills to the WAL early instead of growing the heap.
        using (var cmd = Command("PRAGMA cache_size = " + (-BulkCacheKib).ToString(CultureInfo.InvariantCulture)))
        {
            cmd.ExecuteNonQuery();
        }
        using (var cmd = Command($"SELECT COALESCE(MAX(id), 0) + 1 FROM import_batch WHERE {SqliteDatabase.ProgramSql}"))
        {
            BatchId = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        using (var cmd = Command($"SELECT client FROM client WHERE {SqliteDatabase.ProgramSql}"))
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

    /// <summary>Who the batch is recorded as (issue 11 item 7); covered by its chain hash.</summary>
    public string Operator { get; }

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

    /// <summary>Records a period close or reopen (migration 0026), keyed by this batch's id.</summary>
    public InsertResult AddPeriodAction(PeriodActionRecord action, long line)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Insert(TableSpec.PeriodClose, [string.Empty, BatchId], [action.Action, action.Period, SqlText.Value(action.Reason)], line);
    }

    public InsertResult AddPart(PartRecord p, long line) => Append(TableSpec.Part, LedgerRows.Encode(p, Writer(TableSpec.Part).Row), line);

    public InsertResult AddBom(BomRecord b, long line) => Append(TableSpec.Bom, LedgerRows.Encode(b, Writer(TableSpec.Bom).Row), line);

    public InsertResult AddEntry(EntryRecord e, long line) => Append(TableSpec.Entry, LedgerRows.Encode(e, Writer(TableSpec.Entry).Row), line);

    /// <summary>As <see cref="LedgerRows.EncodeOpening"/>, encoded on the writer's thread.</summary>
    public InsertResult AddOpening(EntryRecord e, long line) =>
        Append(TableSpec.EntryOpening, LedgerRows.EncodeOpening(e, Writer(TableSpec.EntryOpening).Row), line);

    public InsertResult AddExit(ExitRecord x, long line) => Append(TableSpec.Exit, LedgerRows.Encode(x, Writer(TableSpec.Exit).Row), line);

    public InsertResult AddEvent(EventRecord v, long line)
    {
        ArgumentNullException.ThrowIfNull(v);
        var row = Writer(TableSpec.Event).Row;
        row.Clear();
        row.Set(0, v.Client);
        row.Set(1, (DateOnly?)v.Date);
        row.Set(2, v.Type);
        row.Set(3, v.Part);
        row.Set(4, v.Reference);
        row.Set(5, line);
        row.Set(6, (decimal?)v.Qty);
        row.Set(7, v.Waste ? 1L : 0L);
        row.Set(8, v.ThirdParty);
        row.Set(9, v.Site);
        return Append(TableSpec.Event, row.ToEncoded(), line);
    }

    public InsertResult AddCount(CountRecord c, long line) => Append(TableSpec.Count, LedgerRows.Encode(c, Writer(TableSpec.Count).Row), line);

    /// <summary>
    /// Appends one row unless its key exists; an existing key is compared by content (every column but batch and
    /// line). Values are stored forms: string, long or DBNull.
    /// </summary>
    public InsertResult Insert(TableSpec table, object[] key, object[] content, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var row = Writer(table).Row;
        row.Clear();
        var c = 0;
        foreach (var value in key.Concat(content))
        {
            switch (value)
            {
                case null or DBNull:
                    row.SetNull(c);
                    break;
                case string text:
                    row.Set(c, text);
                    break;
                case long l:
                    row.Set(c, l);
                    break;
                case int i:
                    row.Set(c, (long)i);
                    break;
                default:
                    row.Set(c, SqlText.Canonical(value));
                    break;
            }

            c++;
        }

        return Append(table, row.ToEncoded(), line);
    }

    /// <summary>
    /// Rewrites the content of a row this batch appended (an entries lot summed over its rows, SPEC §3.4). The
    /// streamed digest no longer holds: the batch digest is recomputed from the stored rows at commit.
    /// </summary>
    public void Replace(TableSpec table, object[] key, IReadOnlyList<(string Column, object Value)> content)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        digest.Invalidate();
        using var cmd = Command(
            $"UPDATE \"{table.Name}\" SET {string.Join(", ", content.Select((c, i) => $"\"{c.Column}\" = $c{i.ToString(CultureInfo.InvariantCulture)}"))} " +
            $"WHERE {SqliteDatabase.ProgramSql} AND batch_id = $batch{string.Concat(table.Key.Select((k, i) => $" AND \"{k}\" = $k{i.ToString(CultureInfo.InvariantCulture)}"))}");
        for (var i = 0; i < content.Count; i++)
        {
            cmd.Parameters.AddWithValue("$c" + i.ToString(CultureInfo.InvariantCulture), content[i].Value);
        }

        for (var i = 0; i < key.Length; i++)
        {
            cmd.Parameters.AddWithValue("$k" + i.ToString(CultureInfo.InvariantCulture), key[i]);
        }

        cmd.Parameters.AddWithValue("$batch", BatchId);
        if (cmd.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"No row of {table.Name} in batch {BatchId} holds the key to replace.");
        }
    }

    /// <summary>
    /// The stored row of <paramref name="table"/> with <paramref name="key"/>: its content columns (string, long or
    /// DBNull), batch and line; null when no row holds the key.
    /// </summary>
    public (object[] Content, long BatchId, long Line)? Find(TableSpec table, object[] key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        var lookup = Writer(table).Lookup;
        for (var i = 0; i < key.Length; i++)
        {
            switch (key[i])
            {
                case string text:
                    lookup.BindText(i + 1, text);
                    break;
                case long number:
                    lookup.BindInt64(i + 1, number);
                    break;
                case int number:
                    lookup.BindInt64(i + 1, number);
                    break;
                default:
                    lookup.BindNull(i + 1);
                    break;
            }
        }

        try
        {
            if (!lookup.Step())
            {
                return null;
            }

            var content = new object[table.Content.Count];
            for (var i = 0; i < content.Length; i++)
            {
                content[i] = lookup.ColumnType(i) switch
                {
                    NativeStatement.Text => Encoding.UTF8.GetString(lookup.ColumnBytes(i)),
                    NativeStatement.Integer => lookup.ColumnInt64(i),
                    NativeStatement.Float => lookup.ColumnDouble(i),
                    NativeStatement.Null => DBNull.Value,
                    _ => lookup.ColumnBytes(i).ToArray(),
                };
            }

            return (content, lookup.ColumnInt64(content.Length), lookup.ColumnInt64(content.Length + 1));
        }
        finally
        {
            lookup.Reset();
        }
    }

    /// <summary>
    /// Appends one encoded row (<see cref="LedgerRows.Encode(EntryRecord, RowBuffer)"/> and the other overloads) unless its key
    /// exists; an existing key is compared by content (every column but batch and line).
    /// </summary>
    public InsertResult Append(TableSpec table, EncodedRow row, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        var writer = Writer(table);
        if (row.IsEmpty || row.Count != table.Columns)
        {
            throw new ArgumentException($"A row of {table.Name} has {table.Columns} columns.", nameof(row));
        }

        var stmt = writer.Insert;
        var columns = row.Count;

        // Bindings survive sqlite3_reset: a value equal to the previous row's (the client, a clave, a date, a NULL
        // column) is not bound again.
        var previous = writer.Previous;
        for (var i = 0; i < columns; i++)
        {
            if (previous.IsEmpty || !row.SameValue(i, previous))
            {
                Bind(stmt, i + 1, row, i);
            }
        }

        if (previous.IsEmpty)
        {
            stmt.BindInt64(columns + 1, BatchId);
        }

        writer.Previous = row;
        if (!table.LineInKey)
        {
            stmt.BindInt64(columns + 2, line);
        }

        var inserted = stmt.Execute() == 1;
        var digestedAhead = ReferenceEquals(table, ahead?.Table);
        if (inserted)
        {
            if (digestedAhead)
            {
                aheadAppended++;
            }
            else
            {
                Stream(writer, row, line);
            }

            return new InsertResult(InsertOutcome.Inserted, BatchId, line);
        }

        aheadBroken |= digestedAhead;

        return Compare(writer, row);
    }

    /// <summary>
    /// The stored row with <paramref name="row"/>'s key, read straight from SQLite and compared by canonical text
    /// (<see cref="SqlText.Canonical"/>, NULL as ""): identical or a conflict, with the batch and line that hold it.
    /// A file sent again under another name compares every row here (SPEC §4.1: the same content is skipped).
    /// </summary>
    private InsertResult Compare(TableWriter writer, EncodedRow row)
    {
        var table = writer.Table;
        var lookup = writer.Lookup;
        for (var i = 0; i < table.Key.Count; i++)
        {
            Bind(lookup, i + 1, row, i);
        }

        try
        {
            if (!lookup.Step())
            {
                throw new InvalidOperationException($"Insert into {table.Name} was ignored but no row holds its key.");
            }

            var same = true;
            Span<byte> digits = stackalloc byte[24];
            for (var i = 0; i < table.Content.Count && same; i++)
            {
                same = lookup.CanonicalUtf8(i, digits).SequenceEqual(row.Utf8(table.Key.Count + i));
            }

            var content = table.Content.Count;
            return new InsertResult(same ? InsertOutcome.Identical : InsertOutcome.Conflict,
                lookup.ColumnInt64(content), lookup.ColumnInt64(content + 1));
        }
        finally
        {
            lookup.Reset();
        }
    }

    private static void Bind(NativeStatement stmt, int index, EncodedRow row, int column)
    {
        switch (row.Kind(column))
        {
            case ValueKind.Text:
                stmt.BindText(index, row.Utf8(column));
                break;
            case ValueKind.Integer:
                stmt.BindInt64(index, row.Integer(column));
                break;
            default:
                stmt.BindNull(index);
                break;
        }
    }

    private void Stream(TableWriter writer, EncodedRow row, long line) =>
        RowDigest.StreamRow(digest, writer.Table, writer.DeclarationOrder, BatchId, row, line);

    /// <summary>
    /// Appends a stored row's canonical bytes to a batch digest — program_id, key, content, batch_id, line, as
    /// <see cref="LedgerChain.ComputeDigest"/> reads them back — or invalidates it when the table's columns are in
    /// another order.
    /// </summary>
    /// <summary>
    /// A digest of <paramref name="table"/>'s rows that the caller feeds — on its reading thread, as it encodes them —
    /// with every row it will <see cref="Append"/>, in the same order; this writer then hashes none of them. It stands
    /// for the batch at commit only if every append to the table inserted its row, nothing else was streamed or
    /// replaced, and the counts agree; otherwise the digest is recomputed from the stored rows.
    /// </summary>
    public RowDigest DigestAhead(TableSpec table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (ahead is not null)
        {
            throw new InvalidOperationException("A batch has at most one digest fed ahead.");
        }

        ahead = new RowDigest(table, Writer(table).DeclarationOrder, BatchId);
        return ahead;
    }

    /// <summary>The file name of an earlier batch (for conflict messages); this batch's own name for itself.</summary>
    public string BatchFileName(long batchId)
    {
        if (batchId == BatchId)
        {
            return FileName;
        }

        using var cmd = Command($"SELECT file_name FROM import_batch WHERE {SqliteDatabase.ProgramSql} AND id = $id");
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
        var (digestHex, rows) = StreamedDigest() ?? LedgerChain.ComputeDigest(connection, Transaction, BatchId);
        string prev;
        using (var cmd = Command($"SELECT chain_hash FROM import_batch WHERE {SqliteDatabase.ProgramSql} ORDER BY id DESC LIMIT 1"))
        {
            prev = cmd.ExecuteScalar() as string ?? LedgerChain.Genesis;
        }

        var recordedAt = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var chain = LedgerChain.ChainHash(prev, BatchId, Layout, FileSha256, digestHex, Operator, recordedAt);
        var batch = new BatchRecord(BatchId, Layout, FileName, FileSha256, rows, digestHex, prev, chain, recordedAt, Operator,
            LedgerChain.CurrentVersion);
        using (var cmd = Command($"""
            INSERT INTO import_batch (program_id, id, layout, file_name, file_sha256, rows, digest, prev_chain_hash, chain_hash,
                                      imported_at, operator, chain_version)
            VALUES ({SqliteDatabase.ProgramIdSql}, $id, $layout, $file, $sha, $rows, $digest, $prev, $chain, $at, $operator, $version)
            """))
        {
            cmd.Parameters.AddWithValue("$operator", batch.Operator);
            cmd.Parameters.AddWithValue("$version", batch.ChainVersion);
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
        Close();
        return batch;
    }

    public void Dispose()
    {
        foreach (var writer in writers.Values)
        {
            writer.Dispose();
        }

        writers.Clear();
        lastWriter = null;
        digest.Dispose();
        ahead?.Dispose();
        if (!done)
        {
            Transaction.Rollback();
            done = true;
        }

        Transaction.Dispose();
        Close();
    }

    private void Close()
    {
        SetCacheSize(cacheSize);
        onClose();
    }

    private void SetCacheSize(long value)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA cache_size = " + value.ToString(CultureInfo.InvariantCulture);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// The digest streamed at insert time (or fed ahead) with its row count, when it covers exactly the batch's stored
    /// rows: every ledger table holds as many rows of this batch as were streamed to it (none for the others), none
    /// changed since, and every row fed ahead was inserted; else null.
    /// </summary>
    private (string Digest, long Rows)? StreamedDigest()
    {
        var streamed = digest;
        if (ahead is not null)
        {
            if (aheadBroken || digest.Rows > 0 || ahead.Digest.Rows != aheadAppended)
            {
                return null;
            }

            streamed = ahead.Digest;
        }

        if (!digest.Valid || !streamed.Valid)
        {
            return null;
        }

        foreach (var (table, _) in LedgerChain.LedgerTables(connection, Transaction))
        {
            using var cmd = Command($"SELECT COUNT(*) FROM \"{table}\" WHERE batch_id = $b");
            cmd.Parameters.AddWithValue("$b", BatchId);
            var count = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            var expected = string.Equals(table, streamed.Table, StringComparison.Ordinal) ? streamed.Rows : 0;
            if (count != expected)
            {
                return null;
            }
        }

        return (streamed.Finish(), streamed.Rows);
    }

    private TableWriter Writer(TableSpec table)
    {
        if (ReferenceEquals(table, lastWriter?.Table))
        {
            return lastWriter;
        }

        if (writers.TryGetValue(table.Name, out var found))
        {
            lastWriter = found;
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

        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}{string.Concat(columns.Skip(1).Select(_ => ", ?"))}) ON CONFLICT DO NOTHING";
        var selected = string.Join(", ", table.Content.Select(c => "\"" + c + "\"").Append("batch_id").Append("line"));
        var byKey = string.Concat(table.Key.Select((k, i) => $" AND \"{k}\" = ?{(i + 1).ToString(CultureInfo.InvariantCulture)}"));
        var lookupSql = $"SELECT {selected} FROM \"{table.Name}\" WHERE {SqliteDatabase.ProgramSql}{byKey}";
        var insert = new NativeStatement(connection, sql);
        NativeStatement lookup;
        try
        {
            lookup = new NativeStatement(connection, lookupSql);
        }
        catch
        {
            insert.Dispose();
            throw;
        }

        var declared = new List<string>();
        using (var info = Command("SELECT name FROM pragma_table_info($t) ORDER BY cid"))
        {
            info.Parameters.AddWithValue("$t", table.Name);
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                declared.Add(reader.GetString(0));
            }
        }

        var writer = new TableWriter(table, insert, lookup, new RowBuffer(table.Columns), declared.SequenceEqual(columns));
        writers[table.Name] = writer;
        lastWriter = writer;
        return writer;
    }

    /// <summary>
    /// A table's prepared insert, its key lookup, a buffer for encoding its rows on the writer's thread and whether its
    /// columns are in declaration order.
    /// </summary>
    private sealed class TableWriter(
        TableSpec table, NativeStatement insert, NativeStatement lookup, RowBuffer row, bool declarationOrder) : IDisposable
    {
        public TableSpec Table { get; } = table;

        /// <summary>The row's insert: program_id, key, content, batch_id and line unless in the key; ignored on a taken key.</summary>
        public NativeStatement Insert { get; } = insert;

        /// <summary>The stored row of a key (content, batch_id, line).</summary>
        public NativeStatement Lookup { get; } = lookup;

        public RowBuffer Row { get; } = row;

        /// <summary>The row last bound to <see cref="Insert"/> (empty before the first).</summary>
        public EncodedRow Previous { get; set; }

        /// <summary>True when program_id, key, content, batch_id, line is the table's declaration order (the digest's column order).</summary>
        public bool DeclarationOrder { get; } = declarationOrder;

        public void Dispose()
        {
            Insert.Dispose();
            Lookup.Dispose();
        }
    }
}
