using System.Globalization;
using Microsoft.Data.Sqlite;
using Traza.Storage.Ledger;

namespace Traza.Storage.Sqlite;

/// <summary>
/// One import batch: one IMMEDIATE transaction that appends rows to the ledger tables and, on <see cref="Commit"/>,
/// one <c>import_batch</c> row chained to the previous batch (docs/architecture.md Decision 1). Disposing without
/// committing rolls everything back: a bad file writes nothing (SPEC §9). One concern a file: appends and key lookups
/// (<c>BatchWriter.Appends.cs</c>), the typed rows (<c>.Rows.cs</c>), clients, program and period actions
/// (<c>.Clients.cs</c>), rewriting a row the batch appended (<c>.Rewrite.cs</c>), the streamed digest (<c>.Digest.cs</c>),
/// the prepared statements per table (<c>.Statements.cs</c>) and the ports (<c>.Ports.cs</c>); this file holds the
/// lifecycle: open, commit, roll back.
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
}
