using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>
/// The PostgreSQL ledger store (docs/architecture.md, "PostgreSQL store"): one connection per store, the schema of the
/// embedded migrations, every row keyed by program_id. Batches are transactions under an advisory lock of the program's
/// ledger; read snapshots are REPEATABLE READ transactions. Not thread-safe, like every <see cref="ITrazaStore"/>.
/// </summary>
public sealed partial class PostgresStore : ITrazaStore
{
    private PostgresBatch? activeBatch;
    private NpgsqlTransaction? snapshot;
    private string? exportedSnapshot;
    private readonly Dictionary<string, List<(string Name, bool Integer)>> columnTypes = new(StringComparer.Ordinal);

    internal PostgresStore(NpgsqlConnection connection, TimeProvider clock, PostgresTarget target, ProgramId program)
    {
        Connection = connection;
        Clock = clock;
        PgTarget = target;
        Program = program;
    }

    internal NpgsqlConnection Connection { get; }

    internal PostgresTarget PgTarget { get; }

    /// <inheritdoc/>
    public TimeProvider Clock { get; }

    /// <inheritdoc/>
    public ProgramId Program { get; }

    /// <summary>The target with its password removed.</summary>
    public string Target => PgTarget.Display;

    /// <summary>The program filter every query carries (a long from code, never from input).</summary>
    internal string ProgramFilter => "program_id = " + Program;

    /// <inheritdoc/>
    public string Operator
    {
        get => field;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = string.IsNullOrWhiteSpace(Environment.UserName) ? "unknown" : Environment.UserName.Trim();

    /// <summary>How long a batch waits for another process's batch of the same program (SQLite's busy timeout) before 55P03.</summary>
    internal TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public bool InBatch => activeBatch is not null;

    /// <inheritdoc/>
    /// <remarks>Npgsql's full state is <c>Open</c> only with no command executing and no reader left open (else Fetching).</remarks>
    public bool AtRest => activeBatch is null && snapshot is null && Connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>Opens the database of <paramref name="target"/>, creating Traza's schema in it (an existing empty database) as needed.</summary>
    public static PostgresStore Open(PostgresTarget target, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            connection.Open();
            PostgresMigrator.Apply(connection, clock, target.Display);
            return new PostgresStore(connection, clock, target, ProgramId.Default);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public ILedgerBatch BeginBatch(string layout, string fileName, string fileSha256)
    {
        if (activeBatch is not null)
        {
            throw new InvalidOperationException("An import batch is already open on this store.");
        }

        if (snapshot is not null)
        {
            throw new InvalidOperationException("End the read snapshot before beginning a batch.");
        }

        activeBatch = new PostgresBatch(this, layout, fileName, fileSha256, () => activeBatch = null);
        return activeBatch;
    }

    /// <summary>
    /// A REPEATABLE READ transaction on the store's connection: every read until disposal sees the database as of its first
    /// read (SPEC §9). A no-op inside a batch (already one transaction) or another snapshot.
    /// </summary>
    public IDisposable BeginReadSnapshot()
    {
        if (activeBatch is not null || snapshot is not null)
        {
            return NoScope.Instance;
        }

        snapshot = Connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        try
        {
            _ = PostgresSnapshotSide.Mark(Connection, Program); // the first read fixes the snapshot (exported only when a side needs it)
        }
        catch
        {
            EndReadSnapshot();
            throw;
        }

        return new SnapshotScope(this);
    }

    /// <summary>
    /// The last batch and stored run this connection sees; inside a read snapshot also the snapshot itself, exported once
    /// (<c>pg_export_snapshot</c>) so that <see cref="OpenSnapshotSide"/> can pin a second connection to it.
    /// </summary>
    public string SnapshotMark()
    {
        var mark = PostgresSnapshotSide.Mark(Connection, Program);
        if (snapshot is null)
        {
            return mark;
        }

        if (exportedSnapshot is null)
        {
            using var cmd = Command("SELECT pg_export_snapshot()");
            exportedSnapshot = (string)cmd.ExecuteScalar()!;
        }

        return PostgresSnapshotSide.WithSnapshot(mark, exportedSnapshot);
    }

    /// <summary>
    /// A second connection in the snapshot of <paramref name="mark"/>: the exported one while the read snapshot that marked it
    /// is open (whatever was committed since), else a new snapshot when it sees the same batch and run. Null when neither holds.
    /// </summary>
    public ISnapshotSide? OpenSnapshotSide(string mark) => PostgresSnapshotSide.Open(this, mark);

    /// <inheritdoc/>
    public ILedgerScans Scans => field ??= new PostgresLedgerScans(this);

    /// <inheritdoc/>
    public IDerivedStore Derived => field ??= new PostgresDerivedStore(this);

    /// <inheritdoc/>
    public IGovernmentReader Government => field ??= new PostgresGovernmentReader(this);

    /// <inheritdoc/>
    public IAccessStore Access => field ??= new PostgresAccessStore(this);

    /// <inheritdoc/>
    public BatchRecord? FindBatch(string layout, string fileSha256)
    {
        foreach (var batch in ReadBatches(" AND layout = $1 AND file_sha256 = $2", cmd => cmd.Text(layout).Text(fileSha256)))
        {
            if (!WhollyReversed(batch))
            {
                return batch;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public bool WhollyReversed(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Reversibility.TableOf(batch.Layout) is not { } table)
        {
            return false;
        }

        using var cmd = Command(
            $"SELECT NOT EXISTS (SELECT 1 FROM {PgSql.Q(table.Name)} WHERE {ProgramFilter} AND batch_id = $1) " +
            $"AND EXISTS (SELECT 1 FROM {PgSql.Q(table.Name + "_reversed")} WHERE {ProgramFilter} AND batch_id = $1)").Int(batch.Id);
        return (bool)cmd.ExecuteScalar()!;
    }

    /// <inheritdoc/>
    public IReadOnlyList<BatchRecord> Batches() => ReadBatches(null, null);

    /// <inheritdoc/>
    public ChainCheck VerifyChain() => PostgresChain.Verify(Connection, Program, LedgerTables, ReadBatches(null, null));

    /// <inheritdoc/>
    public DerivedCheck VerifyDerived() => ((PostgresDerivedStore)Derived).Verify();

    /// <inheritdoc/>
    public void SetCreatedBy(string marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        using var cmd = Command(
            "INSERT INTO app_meta (program_id, key, value) VALUES ($1, 'created_by', $2) " +
            "ON CONFLICT (program_id, key) DO UPDATE SET value = excluded.value").Int(Program.Value).Text(marker);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        activeBatch?.Dispose();
        EndReadSnapshot();
        Connection.Dispose();
    }

    /// <summary>The ledger tables and their columns, read once: the schema does not change while a store is open.</summary>
    internal IReadOnlyList<(string Table, IReadOnlyList<string> Columns)> LedgerTables =>
        field ??= PostgresChain.LedgerTables(Connection);

    /// <summary>A table's columns in declaration order, each with whether it is bigint (else text or bytea), read once.</summary>
    internal IReadOnlyList<(string Name, bool Integer)> Columns(string table)
    {
        if (columnTypes.TryGetValue(table, out var found))
        {
            return found;
        }

        var declared = new List<(string Name, bool Integer)>();
        using (var info = Command(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 " +
            "ORDER BY ordinal_position").Text(table))
        using (var r = info.ExecuteReader())
        {
            while (r.Read())
            {
                declared.Add((r.GetString(0), r.GetString(1) == "bigint"));
            }
        }

        columnTypes[table] = declared;
        return declared;
    }

    /// <summary>A command on the store's connection (inside the open batch's or snapshot's transaction, when there is one).</summary>
    internal NpgsqlCommand Command(string sql) => new(sql, Connection);

    internal List<BatchRecord> ReadBatches(string? where, Action<NpgsqlCommand>? bind)
    {
        using var cmd = Command(
            "SELECT id, layout, file_name, file_sha256, rows, digest, prev_chain_hash, chain_hash, imported_at, operator, chain_version " +
            $"FROM import_batch WHERE {ProgramFilter}{where} ORDER BY id");
        bind?.Invoke(cmd);
        using var r = cmd.ExecuteReader();
        var list = new List<BatchRecord>();
        while (r.Read())
        {
            list.Add(new BatchRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5),
                r.GetString(6), r.GetString(7), r.GetString(8), r.TextOrNull(9), r.Int32(10)));
        }

        return list;
    }

    private void EndReadSnapshot()
    {
        if (snapshot is { } tx)
        {
            snapshot = null;
            exportedSnapshot = null;
            tx.Commit();
            tx.Dispose();
        }
    }

    private sealed class SnapshotScope(PostgresStore store) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                store.EndReadSnapshot();
            }
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
