using Npgsql;
using Traza.Storage.Postgres;
using Traza.Storage.Tests.Postgres;

namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// Fresh databases on the test server (<see cref="PostgresServer"/>: skipped without one, failed in CI), each dropped when
/// the fixture is disposed. The server is asked for only when a test takes a target, so a missing server skips the test.
/// </summary>
public sealed class PostgresStoreFixture : IStoreFixture
{
    private readonly List<TempPostgres> databases = [];

    public IStoreProvider Provider { get; } = new PostgresStoreProvider();

    public SnapshotSides SnapshotSides => SnapshotSides.Pinned;

    public string NewTarget()
    {
        var database = new TempPostgres();
        lock (databases)
        {
            databases.Add(database);
        }

        return database.ConnectionString;
    }

    public string NewForeignTarget()
    {
        var target = NewTarget();
        Execute(target, "CREATE TABLE invoices (folio text PRIMARY KEY, total numeric)");
        return target;
    }

    public void Execute(string target, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target) { Pooling = false }.ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        _ = cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (databases)
        {
            foreach (var database in databases)
            {
                database.Dispose();
            }

            databases.Clear();
        }
    }
}

public sealed class PostgresLedgerBatchContract(PostgresStoreFixture fixture) : LedgerBatchContract<PostgresStoreFixture>(fixture);

public sealed class PostgresChainContract(PostgresStoreFixture fixture) : ChainContract<PostgresStoreFixture>(fixture);

public sealed class PostgresLedgerRecordsContract(PostgresStoreFixture fixture) : LedgerRecordsContract<PostgresStoreFixture>(fixture);

public sealed class PostgresLedgerScansContract(PostgresStoreFixture fixture) : LedgerScansContract<PostgresStoreFixture>(fixture);

public sealed class PostgresReadSnapshotContract(PostgresStoreFixture fixture) : ReadSnapshotContract<PostgresStoreFixture>(fixture)
{
    protected override IDisposable ReaderLeftOpen(ITrazaStore store)
    {
        var command = ((PostgresStore)store).Command("SELECT part FROM discharge_pool");
        var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        return Together(reader, command);
    }
}

public sealed class PostgresDerivedContract(PostgresStoreFixture fixture) : DerivedContract<PostgresStoreFixture>(fixture);

public sealed class PostgresGovernmentContract(PostgresStoreFixture fixture) : GovernmentContract<PostgresStoreFixture>(fixture);

public sealed class PostgresReversalContract(PostgresStoreFixture fixture) : ReversalContract<PostgresStoreFixture>(fixture);

public sealed class PostgresStoreProviderContract(PostgresStoreFixture fixture) : StoreProviderContract<PostgresStoreFixture>(fixture);

public sealed class PostgresChunkedAppendContract(PostgresStoreFixture fixture) : ChunkedAppendContract<PostgresStoreFixture>(fixture);

public sealed class PostgresDataStageMergeContract(PostgresStoreFixture fixture) : DataStageMergeContract<PostgresStoreFixture>(fixture);

/// <summary>The PostgreSQL writer with every table staged (no direct COPY on a first import): the same rows as the fast path.</summary>
public sealed class PostgresDataStageAlwaysStagedContract(PostgresStoreFixture fixture) : DataStageMergeContract<PostgresStoreFixture>(fixture)
{
    protected override IDataStageBlockWriter Writer(ILedgerBatch batch) => new PostgresDataStageWriter((PostgresBatch)batch) { AlwaysStage = true };
}

/// <summary>The PostgreSQL writer keeping an empty table's indexes during its first load: the same rows as with late indexes.</summary>
public sealed class PostgresDataStageIndexesKeptContract(PostgresStoreFixture fixture) : DataStageMergeContract<PostgresStoreFixture>(fixture)
{
    protected override IDataStageBlockWriter Writer(ILedgerBatch batch) => new PostgresDataStageWriter((PostgresBatch)batch) { KeepIndexes = true };
}

public sealed class PostgresAccessContract(PostgresStoreFixture fixture) : AccessContract<PostgresStoreFixture>(fixture);
