using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>The storage seam (docs/architecture.md): what App reaches through <see cref="ITrazaStore"/>.</summary>
public sealed partial class SqliteLedgerStore
{
    /// <inheritdoc/>
    public ProgramId Program { get; } = new(SqliteDatabase.ProgramId); // SQLite holds one program per file (SPEC §5 init)

    /// <inheritdoc/>
    public string Target => Path;

    /// <inheritdoc/>
    public ILedgerScans Scans => field ??= new SqliteLedgerScans(this);

    /// <inheritdoc/>
    public IDerivedStore Derived => field ??= new DischargeStore(Connection);

    /// <inheritdoc/>
    public IGovernmentReader Government => field ??= new SqliteGovernmentReader(this);

    /// <inheritdoc/>
    public IAccessStore Access => field ??= new SqliteAccessStore(this);

    ILedgerBatch ITrazaStore.BeginBatch(string layout, string fileName, string fileSha256) => BeginBatch(layout, fileName, fileSha256);

    /// <inheritdoc/>
    public ISnapshotSide? OpenSnapshotSide(string mark) =>
        OpenSnapshotReader(mark) is { } reader ? new SnapshotSide(reader) : null;

    /// <inheritdoc/>
    public void SetCreatedBy(string marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        using var cmd = CreateCommand("INSERT OR REPLACE INTO app_meta (key, value) VALUES ('created_by', $v)");
        cmd.Parameters.AddWithValue("$v", marker);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A second connection in the same snapshot: the entries of a full run, the tails of an incremental one.</summary>
    private sealed class SnapshotSide(SqliteConnection reader) : ISnapshotSide
    {
        public List<EntryScan> Entries() => LedgerScan.Entries(reader);

        public List<StoredPool> Tails() => new DischargeStore(reader).Tails();

        public void Dispose() => reader.Dispose();
    }

    /// <summary>Government data as the reports read it.</summary>
    private sealed class SqliteGovernmentReader(SqliteLedgerStore store) : IGovernmentReader
    {
        public IReadOnlyList<GovernmentPedimento> DataStagePedimentos(string? pedimento = null) =>
            GovernmentQueries.DataStagePedimentos(store.Connection, store.activeBatch?.Transaction, pedimento);

        public IReadOnlyList<GovernmentPedimento> M3Pedimentos(string? pedimento = null) =>
            GovernmentQueries.M3Pedimentos(store.Connection, store.activeBatch?.Transaction, pedimento);

        public IReadOnlyList<GovernmentRow> DataStageRows(string table, IReadOnlyList<string> columns) =>
            GovernmentQueries.DataStageRows(store.Connection, store.activeBatch?.Transaction, table, columns);

        public IReadOnlyList<DataStageRun> DataStageRuns(string table, IReadOnlyList<string> texts, IReadOnlyList<string> numbers) =>
            GovernmentQueries.DataStageRuns(store.Connection, store.activeBatch?.Transaction, table, texts, numbers);

        public IReadOnlyList<GovernmentRow> M3Rows(string register, IReadOnlyList<string> columns) =>
            GovernmentQueries.M3Rows(store.Connection, store.activeBatch?.Transaction, register, columns);

        public IReadOnlyList<GovernmentPackage> DataStagePackages() =>
            GovernmentQueries.DataStagePackages(store.Connection, store.activeBatch?.Transaction);
    }
}
