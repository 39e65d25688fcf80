using Npgsql;
using Traza.Storage.Postgres;

namespace Traza.Storage.Tests.Postgres;

/// <summary>PostgreSQL errors mean what SQLite's do to the user: busy (exit 4), not a store (exit 3), unreachable.</summary>
public sealed class PostgresErrorTests
{
    private readonly PostgresStoreProvider provider = new();

    [Fact]
    public void A_missing_database_is_not_a_store()
    {
        var admin = PostgresServer.Admin();
        var target = new NpgsqlConnectionStringBuilder(admin) { Database = "traza_no_such_db_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        var error = Should.Throw<PostgresException>(() => provider.Open(target, TimeProvider.System));
        error.SqlState.ShouldBe("3D000");
        provider.Classify(error).ShouldBe(StoreFailure.NotAStore);
        provider.Exists(target).ShouldBeFalse();
        provider.CreatedBy(target).ShouldBeNull();
    }

    [Fact]
    public void A_server_that_refuses_the_connection_is_unreachable()
    {
        _ = PostgresServer.Admin();
        var error = Should.Throw<NpgsqlException>(() => provider.Open("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2", TimeProvider.System));
        provider.Classify(error).ShouldBe(StoreFailure.Unreachable);
    }

    [Fact]
    public void A_batch_waiting_past_its_timeout_for_another_process_batch_is_busy()
    {
        using var pg = new TempPostgres();
        using var store = (PostgresStore)provider.Open(pg.ConnectionString, pg.Clock);
        using var other = new NpgsqlConnection(pg.ConnectionString);
        other.Open();
        using var tx = other.BeginTransaction();
        using (var hold = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresBatch.LedgerLockKey}, 1)", other, tx))
        {
            hold.ExecuteNonQuery();
        }

        store.LockTimeout = TimeSpan.FromMilliseconds(50);
        var error = Should.Throw<PostgresException>(() => store.BeginBatch("parts", "parts.csv", "s1"));
        error.SqlState.ShouldBe("55P03");
        provider.Classify(error).ShouldBe(StoreFailure.Busy);
        store.InBatch.ShouldBeFalse();
        tx.Rollback();
        using var batch = store.BeginBatch("parts", "parts.csv", "s1"); // the lock released, the store is usable again
        batch.Commit().Id.ShouldBe(1);
    }

    [Theory]
    [InlineData("40P01", StoreFailure.Busy)]
    [InlineData("42P01", StoreFailure.NotAStore)]
    [InlineData("28P01", StoreFailure.Unreachable)]
    [InlineData("23505", StoreFailure.Other)]
    public void Sql_states_map_to_store_failures(string sqlState, StoreFailure expected) =>
        provider.Classify(new PostgresException("m", "ERROR", "ERROR", sqlState)).ShouldBe(expected);

    [Fact]
    public void A_sqlite_error_is_not_postgres_business() =>
        provider.Classify(new Microsoft.Data.Sqlite.SqliteException("busy", 5)).ShouldBe(StoreFailure.Other);

}
