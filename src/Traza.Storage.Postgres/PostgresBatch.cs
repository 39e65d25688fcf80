using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Traza.Storage.Ledger;

namespace Traza.Storage.Postgres;

/// <summary>
/// One import batch on PostgreSQL (docs/architecture.md Decision 1): one transaction under the program's ledger advisory
/// lock, so batches of one program are serialized like SQLite's IMMEDIATE transactions, and the batch row chained with
/// the same digest and hash as SQLite's. A row whose key exists answers identical or conflict by comparing canonical text,
/// as SQLite does (SPEC §4.1). Disposing without committing rolls everything back (SPEC §9).
/// </summary>
public sealed partial class PostgresBatch : ILedgerBatch
{
    /// <summary>First key of the ledger's advisory lock (ASCII "TZLG"); the second is the program.</summary>
    public const int LedgerLockKey = 0x545A_4C47;

    private readonly PostgresStore store;
    private readonly NpgsqlTransaction transaction;
    private readonly Dictionary<string, TableWriter> writers = new(StringComparer.Ordinal);
    private readonly HashSet<string> clients = new(StringComparer.Ordinal);
    private readonly BatchDigest digest = new();
    private readonly Action onClose;
    private RowDigest? ahead;
    private long aheadAppended;
    private bool aheadBroken;
    private bool done;
    private bool closed;

    internal PostgresBatch(PostgresStore store, string layout, string fileName, string fileSha256, Action onClose)
    {
        this.store = store;
        this.onClose = onClose;
        Layout = layout;
        FileName = fileName;
        FileSha256 = fileSha256;
        Operator = store.Operator;
        transaction = store.Connection.BeginTransaction();
        try
        {
            // Another process's batch of the same program holds the lock until it ends: wait for it, up to SQLite's busy
            // timeout, then fail with 55P03 (busy, exit 4).
            Execute("SET LOCAL lock_timeout = " + ((long)store.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            Execute($"SELECT pg_advisory_xact_lock({LedgerLockKey.ToString(CultureInfo.InvariantCulture)}, {checked((int)store.Program.Value).ToString(CultureInfo.InvariantCulture)})");
            using (var cmd = Command($"SELECT coalesce(max(id), 0) + 1 FROM import_batch WHERE {store.ProgramFilter}"))
            {
                BatchId = PgSql.Long(cmd.ExecuteScalar());
            }

            using (var cmd = Command($"SELECT client FROM client WHERE {store.ProgramFilter}"))
            using (var r = cmd.ExecuteReader())
            {
                while (r.Read())
                {
                    clients.Add(r.GetString(0));
                }
            }
        }
        catch
        {
            transaction.Dispose();
            onClose();
            throw;
        }
    }

    public long BatchId { get; }

    public string Layout { get; }

    public string FileName { get; }

    public string FileSha256 { get; }

    public string Operator { get; }

    public bool ClientExists(string client) => client.Length == 0 || clients.Contains(client);

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

    public InsertResult AddClient(ClientRecord client, long line)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = Insert(TableSpec.Client, [client.Client], [SqlText.Value(client.Name), SqlText.Value(client.Parent), SqlText.Value(client.Since)], line);
        clients.Add(client.Client);
        return result;
    }

    public InsertResult AddProgram(ProgramRecord program, long line)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Insert(
            TableSpec.Program,
            [],
            [program.Rfc, program.Name, program.Immex, program.Modality, SqlText.Value(program.ValidFrom), SqlText.Value(program.ValidTo)],
            line);
    }

    public InsertResult AddPeriodAction(PeriodActionRecord action, long line)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Insert(TableSpec.PeriodClose, [string.Empty, BatchId], [action.Action, action.Period, SqlText.Value(action.Reason)], line);
    }

    public InsertResult AddProgramTerms(ProgramTermsRecord terms, long line)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Insert(
            TableSpec.ProgramTerms,
            [string.Empty, BatchId],
            [terms.Sets, terms.MissingDay, terms.ExtendToBusinessDay ? "yes" : "no", SqlText.Value(terms.CancelledOn), (long)terms.CancellationWindowDays],
            line);
    }

    public InsertResult AddPart(PartRecord p, long line) => Append(TableSpec.Part, LedgerRows.Encode(p, Writer(TableSpec.Part).Row), line);

    public InsertResult AddBom(BomRecord b, long line) => Append(TableSpec.Bom, LedgerRows.Encode(b, Writer(TableSpec.Bom).Row), line);

    public InsertResult AddEntry(EntryRecord e, long line) => Append(TableSpec.Entry, LedgerRows.Encode(e, Writer(TableSpec.Entry).Row), line);

    public InsertResult AddOpening(EntryRecord e, long line) =>
        Append(TableSpec.EntryOpening, LedgerRows.EncodeOpening(e, Writer(TableSpec.EntryOpening).Row), line);

    public InsertResult AddExit(ExitRecord x, long line) => Append(TableSpec.Exit, LedgerRows.Encode(x, Writer(TableSpec.Exit).Row), line);

    public InsertResult AddEvent(EventRecord v, long line) =>
        Append(TableSpec.Event, LedgerRows.Encode(v, line, Writer(TableSpec.Event).Row), line);

    public InsertResult AddCount(CountRecord c, long line) => Append(TableSpec.Count, LedgerRows.Encode(c, Writer(TableSpec.Count).Row), line);

    public InsertResult Insert(TableSpec table, object[] key, object[] content, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Append(table, LedgerRows.Encode(key, content, Writer(table).Row), line);
    }

    public void Replace(TableSpec table, object[] key, IReadOnlyList<(string Column, object Value)> content)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        digest.Invalidate();
        var writer = Writer(table);
        var n = 0;
        string Next() => "$" + (++n).ToString(CultureInfo.InvariantCulture);
        var sets = string.Join(", ", content.Select(c => $"{PgSql.Q(c.Column)} = {Next()}"));
        var batchId = Next();
        var where = string.Concat(table.Key.Select(k => $" AND {PgSql.Q(k)} = {Next()}"));
        using var cmd = Command($"UPDATE {PgSql.Q(table.Name)} SET {sets} WHERE {store.ProgramFilter} AND batch_id = {batchId}{where}");
        foreach (var (column, value) in content)
        {
            cmd.Parameters.Add(writer.Parameter(column, value));
        }

        cmd.Int(BatchId);
        for (var i = 0; i < key.Length; i++)
        {
            cmd.Parameters.Add(writer.Parameter(table.Key[i], key[i]));
        }

        if (cmd.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"No row of {table.Name} in batch {BatchId} holds the key to replace.");
        }
    }

    public (object[] Content, long BatchId, long Line)? Find(TableSpec table, object[] key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        var writer = Writer(table);
        var lookup = writer.Lookup;
        for (var i = 0; i < key.Length; i++)
        {
            lookup.Parameters[i].Value = writer.Stored(table.Key[i], key[i]);
        }

        using var r = lookup.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        var content = new object[table.Content.Count];
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = r.IsDBNull(i) ? DBNull.Value : r.GetValue(i);
        }

        return (content, r.GetInt64(content.Length), r.GetInt64(content.Length + 1));
    }

    public InsertResult Append(TableSpec table, EncodedRow row, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        var writer = Writer(table);
        if (row.IsEmpty || row.Count != table.Columns)
        {
            throw new ArgumentException($"A row of {table.Name} has {table.Columns} columns.", nameof(row));
        }

        var insert = writer.Insert;
        for (var i = 0; i < row.Count; i++)
        {
            insert.Parameters[i].Value = writer.Encoded(i, row);
        }

        insert.Parameters[row.Count].Value = BatchId;
        if (!table.LineInKey)
        {
            insert.Parameters[row.Count + 1].Value = line;
        }

        var digestedAhead = ReferenceEquals(table, ahead?.Table);
        if (insert.ExecuteNonQuery() == 1)
        {
            if (digestedAhead)
            {
                aheadAppended++;
            }
            else
            {
                RowDigest.StreamRow(digest, table, writer.DeclarationOrder, BatchId, row, line);
            }

            return new InsertResult(InsertOutcome.Inserted, BatchId, line);
        }

        aheadBroken |= digestedAhead;
        return Compare(writer, row);
    }

    /// <summary>The stored row with <paramref name="row"/>'s key, compared by canonical text (NULL as ""), as SQLite compares.</summary>
    private InsertResult Compare(TableWriter writer, EncodedRow row)
    {
        var table = writer.Table;
        var lookup = writer.Lookup;
        for (var i = 0; i < table.Key.Count; i++)
        {
            lookup.Parameters[i].Value = writer.Encoded(i, row);
        }

        using var r = lookup.ExecuteReader();
        if (!r.Read())
        {
            throw new InvalidOperationException($"Insert into {table.Name} was ignored but no row holds its key.");
        }

        var same = true;
        for (var i = 0; i < table.Content.Count && same; i++)
        {
            var stored = r.IsDBNull(i) ? string.Empty : SqlText.Canonical(r.GetValue(i));
            same = Encoding.UTF8.GetBytes(stored).AsSpan().SequenceEqual(row.Utf8(table.Key.Count + i));
        }

        var content = table.Content.Count;
        return new InsertResult(same ? InsertOutcome.Identical : InsertOutcome.Conflict, r.GetInt64(content), r.GetInt64(content + 1));
    }

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

    public string BatchFileName(long batchId)
    {
        if (batchId == BatchId)
        {
            return FileName;
        }

        using var cmd = Command($"SELECT file_name FROM import_batch WHERE {store.ProgramFilter} AND id = $1").Int(batchId);
        return cmd.ExecuteScalar() as string ?? string.Empty;
    }

    /// <summary>Nothing to size: PostgreSQL's buffers are the server's.</summary>
    public void PrepareBulkLoad()
    {
    }

    public IGovernmentWriter Government() => new PostgresGovernmentWriter(this);

    public IDataStageBlockWriter DataStageBlocks() => new PostgresDataStageWriter(this);

    public IReversalWriter Reversals() => new PostgresReversalWriter(this);

    public BatchRecord Commit()
    {
        ObjectDisposedException.ThrowIf(done, this);
        var (digestHex, rows) = StreamedDigest() ?? PostgresChain.ComputeDigest(store.Connection, store.Program, store.LedgerTables, BatchId);
        string prev;
        using (var cmd = Command($"SELECT chain_hash FROM import_batch WHERE {store.ProgramFilter} ORDER BY id DESC LIMIT 1"))
        {
            prev = cmd.ExecuteScalar() as string ?? LedgerHashes.Genesis;
        }

        var recordedAt = store.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var chain = LedgerHashes.ChainHash(prev, BatchId, Layout, FileSha256, digestHex, Operator, recordedAt);
        var batch = new BatchRecord(BatchId, Layout, FileName, FileSha256, rows, digestHex, prev, chain, recordedAt, Operator,
            LedgerHashes.CurrentVersion);
        using (var cmd = Command("""
            INSERT INTO import_batch (program_id, id, layout, file_name, file_sha256, rows, digest, prev_chain_hash, chain_hash,
                                      imported_at, operator, chain_version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """))
        {
            cmd.Int(store.Program.Value).Int(batch.Id).Text(batch.Layout).Text(batch.FileName).Text(batch.FileSha256).Int(batch.Rows)
                .Text(batch.Digest).Text(batch.PrevChainHash).Text(batch.ChainHash).Text(batch.ImportedAt).Text(batch.Operator)
                .Int(batch.ChainVersion);
            cmd.ExecuteNonQuery();
        }

        transaction.Commit();
        done = true;
        Close();
        return batch;
    }

    public void Dispose()
    {
        Close();
        if (!done)
        {
            done = true;
            try
            {
                transaction.Rollback();
            }
            catch (InvalidOperationException)
            {
                // Already completed (a failed commit): nothing to roll back.
            }
        }

        transaction.Dispose();
    }

    internal PostgresStore Store => store;

    internal NpgsqlCommand Command(string sql) => new(sql, store.Connection, transaction);

    internal void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    private void Close()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        foreach (var writer in writers.Values)
        {
            writer.Dispose();
        }

        writers.Clear();
        stages.Clear();
        digest.Dispose();
        ahead?.Dispose();
        onClose();
    }

    /// <summary>
    /// The digest streamed at insert time (or fed ahead), when it covers exactly the batch's stored rows — the same rule
    /// as SQLite's batch: every ledger table holds as many rows of this batch as were streamed to it; else null.
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

        foreach (var (table, _) in store.LedgerTables)
        {
            using var cmd = Command($"SELECT count(*) FROM {PgSql.Q(table)} WHERE {store.ProgramFilter} AND batch_id = $1").Int(BatchId);
            var count = PgSql.Long(cmd.ExecuteScalar());
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
        if (writers.TryGetValue(table.Name, out var found))
        {
            return found;
        }

        var declared = store.Columns(table.Name);

        var integer = declared.ToDictionary(d => d.Name, d => d.Integer, StringComparer.Ordinal);
        var columns = new List<string> { "program_id" };
        columns.AddRange(table.Key);
        columns.AddRange(table.Content);
        columns.Add("batch_id");
        if (!table.LineInKey)
        {
            columns.Add("line");
        }

        var insert = Command(
            $"INSERT INTO {PgSql.Q(table.Name)} ({string.Join(", ", columns.Select(PgSql.Q))}) " +
            $"VALUES ({store.Program}{string.Concat(columns.Skip(1).Select((_, i) => ", $" + (i + 1).ToString(CultureInfo.InvariantCulture)))}) " +
            "ON CONFLICT DO NOTHING");
        foreach (var column in columns.Skip(1))
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = integer[column] ? NpgsqlDbType.Bigint : NpgsqlDbType.Text });
        }

        var selected = string.Join(", ", table.Content.Select(PgSql.Q).Append("batch_id").Append("line"));
        var byKey = string.Concat(table.Key.Select((k, i) => $" AND {PgSql.Q(k)} = ${(i + 1).ToString(CultureInfo.InvariantCulture)}"));
        var lookup = Command($"SELECT {selected} FROM {PgSql.Q(table.Name)} WHERE {store.ProgramFilter}{byKey}");
        foreach (var column in table.Key)
        {
            lookup.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = integer[column] ? NpgsqlDbType.Bigint : NpgsqlDbType.Text });
        }

        insert.Prepare();
        lookup.Prepare();
        var writer = new TableWriter(table, insert, lookup, new RowBuffer(table.Columns),
            declared.Select(d => d.Name).SequenceEqual(columns, StringComparer.Ordinal), integer);
        writers[table.Name] = writer;
        return writer;
    }

    /// <summary>A table's prepared insert and key lookup, the types of its columns and a buffer for encoding its rows.</summary>
    private sealed class TableWriter(
        TableSpec table, NpgsqlCommand insert, NpgsqlCommand lookup, RowBuffer row, bool declarationOrder, Dictionary<string, bool> integer)
        : IDisposable
    {
        public TableSpec Table { get; } = table;

        public NpgsqlCommand Insert { get; } = insert;

        public NpgsqlCommand Lookup { get; } = lookup;

        public RowBuffer Row { get; } = row;

        /// <summary>True when program_id, key, content, batch_id, line is the table's declaration order (the digest's column order).</summary>
        public bool DeclarationOrder { get; } = declarationOrder;

        /// <summary>Column <paramref name="i"/> of an encoded row as the parameter of its column's type.</summary>
        public object Encoded(int i, EncodedRow row)
        {
            var column = i < Table.Key.Count ? Table.Key[i] : Table.Content[i - Table.Key.Count];
            return row.Kind(i) switch
            {
                ValueKind.Null => DBNull.Value,
                ValueKind.Integer => integer[column] ? row.Integer(i) : Encoding.UTF8.GetString(row.Utf8(i)),
                _ => integer[column]
                    ? long.Parse(Encoding.UTF8.GetString(row.Utf8(i)), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    : Encoding.UTF8.GetString(row.Utf8(i)),
            };
        }

        /// <summary>A stored-form value (string, long, int or DBNull) as its column's type.</summary>
        public object Stored(string column, object? value) => value switch
        {
            null or DBNull => DBNull.Value,
            string s when integer[column] => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            int i when integer[column] => (long)i,
            long or int when !integer[column] => SqlText.Canonical(value),
            _ => value,
        };

        public NpgsqlParameter Parameter(string column, object? value) =>
            new() { NpgsqlDbType = integer[column] ? NpgsqlDbType.Bigint : NpgsqlDbType.Text, Value = Stored(column, value) };

        public void Dispose()
        {
            Insert.Dispose();
            Lookup.Dispose();
        }
    }
}
