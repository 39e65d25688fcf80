namespace Traza.Storage.Tests.Conformance;

// The contracts run against real SQLite files here and against a real PostgreSQL server in PostgresContracts.cs.

public sealed class SqliteLedgerBatchContract(SqliteStoreFixture fixture) : LedgerBatchContract<SqliteStoreFixture>(fixture);

public sealed class SqliteChainContract(SqliteStoreFixture fixture) : ChainContract<SqliteStoreFixture>(fixture);

public sealed class SqliteLedgerRecordsContract(SqliteStoreFixture fixture) : LedgerRecordsContract<SqliteStoreFixture>(fixture);

public sealed class SqliteLedgerScansContract(SqliteStoreFixture fixture) : LedgerScansContract<SqliteStoreFixture>(fixture);

public sealed class SqliteReadSnapshotContract(SqliteStoreFixture fixture) : ReadSnapshotContract<SqliteStoreFixture>(fixture)
{
    protected override IDisposable ReaderLeftOpen(ITrazaStore store)
    {
        var command = ((Traza.Storage.Sqlite.SqliteLedgerStore)store).Connection.CreateCommand();
        command.CommandText = "SELECT part FROM discharge_pool";
        var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        return Together(reader, command);
    }
}

public sealed class SqliteDerivedContract(SqliteStoreFixture fixture) : DerivedContract<SqliteStoreFixture>(fixture);

public sealed class SqliteGovernmentContract(SqliteStoreFixture fixture) : GovernmentContract<SqliteStoreFixture>(fixture);

public sealed class SqliteReversalContract(SqliteStoreFixture fixture) : ReversalContract<SqliteStoreFixture>(fixture);

public sealed class SqliteStoreProviderContract(SqliteStoreFixture fixture) : StoreProviderContract<SqliteStoreFixture>(fixture);

public sealed class SqliteChunkedAppendContract(SqliteStoreFixture fixture) : ChunkedAppendContract<SqliteStoreFixture>(fixture);

public sealed class SqliteDataStageMergeContract(SqliteStoreFixture fixture) : DataStageMergeContract<SqliteStoreFixture>(fixture);

public sealed class SqliteAccessContract(SqliteStoreFixture fixture) : AccessContract<SqliteStoreFixture>(fixture);
