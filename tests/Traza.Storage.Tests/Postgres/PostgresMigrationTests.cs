using Microsoft.Data.Sqlite;
using Npgsql;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Postgres;

public sealed class PostgresMigrationTests
{
    /// <summary>SQLite keeps Data Stage rows in Brotli blocks behind views (0020); PostgreSQL keeps plain tables instead.</summary>
    private static readonly HashSet<string> SqliteOnly = new(StringComparer.Ordinal) { "ds_block" };

    /// <summary>Tables PostgreSQL keys by program_id where SQLite (one program per file) does not.</summary>
    private static readonly HashSet<string> ProgramKeyedOnPostgres = new(StringComparer.Ordinal) { "app_meta" };

    [Fact]
    public void Every_sqlite_migration_has_a_postgres_twin_of_the_same_version_and_name()
    {
        var sqlite = SqliteMigrator.Embedded.Select(m => m.Name).ToList();
        var postgres = PostgresMigrator.Embedded.Select(m => m.Name).ToList();
        sqlite.ShouldNotBeEmpty();
        postgres.ShouldBe(sqlite);
    }

    [Fact]
    public void The_migrated_postgres_schema_has_sqlites_tables_with_the_same_columns_in_the_same_order()
    {
        using var pg = new TempPostgres();
        using (PostgresStore.Open(PostgresTarget.Parse(pg.ConnectionString), pg.Clock))
        {
        }

        using var file = new TempDatabase();
        Dictionary<string, List<string>> sqlite;
        using (var connection = SqliteDatabase.Open(file.Path_, file.Clock))
        {
            sqlite = SqliteColumns(connection);
        }

        SqliteConnection.ClearAllPools();
        var postgres = PostgresColumns(pg.ConnectionString);
        foreach (var (table, columns) in sqlite)
        {
            if (SqliteOnly.Contains(table))
            {
                postgres.ShouldNotContainKey(table);
                continue;
            }

            postgres.ShouldContainKey(table, $"PostgreSQL has no twin of SQLite's {table}");
            var expected = ProgramKeyedOnPostgres.Contains(table) ? columns.Prepend("program_id").ToList() : columns;
            postgres[table].ShouldBe(expected, $"columns of {table}");
        }

        postgres.Keys.Except(sqlite.Keys).ShouldBeEmpty("PostgreSQL tables SQLite does not have");
        postgres.Keys.Where(t => t != "schema_version" && !postgres[t].Contains("program_id")).ShouldBeEmpty("tables not keyed by program_id");
    }

    [Fact]
    public void An_empty_existing_database_is_migrated_once_and_a_second_open_applies_nothing()
    {
        using var pg = new TempPostgres();
        using (var connection = new NpgsqlConnection(pg.ConnectionString))
        {
            connection.Open();
            PostgresMigrator.Apply(connection, pg.Clock, "test").ShouldBe(PostgresMigrator.Embedded.Count);
            PostgresMigrator.Apply(connection, pg.Clock, "test").ShouldBe(0);
            PostgresMigrator.AppliedVersions(connection).ShouldBe(PostgresMigrator.Embedded.Select(m => m.Version).ToList());
        }
    }

    [Fact]
    public void A_database_holding_other_tables_is_not_a_store_and_is_left_unchanged()
    {
        using var pg = new TempPostgres();
        pg.Execute("CREATE TABLE customers (id int)");
        var provider = new PostgresStoreProvider();
        Should.Throw<NotATrazaStoreException>(() => provider.Open(pg.ConnectionString, pg.Clock));
        Should.Throw<NotATrazaStoreException>(() => provider.CreatedBy(pg.ConnectionString));
        pg.Scalar("SELECT to_regclass('schema_version') IS NULL").ShouldBe(true);
        provider.Exists(pg.ConnectionString).ShouldBeTrue(); // it holds data: the demo asks CreatedBy and refuses (exit 4)
    }

    [Fact]
    public void A_database_migrated_by_a_newer_traza_is_refused()
    {
        using var pg = new TempPostgres();
        var provider = new PostgresStoreProvider();
        provider.Open(pg.ConnectionString, pg.Clock).Dispose();
        pg.Execute("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, '9999_future', 'x')");
        var error = Should.Throw<NewerSchemaException>(() => provider.Open(pg.ConnectionString, pg.Clock));
        error.Message.ShouldContain("newer Traza");
    }

    [Fact]
    public void Created_by_exists_and_delete_follow_the_store()
    {
        using var pg = new TempPostgres();
        var provider = new PostgresStoreProvider();
        provider.Exists(pg.ConnectionString).ShouldBeFalse();
        provider.CreatedBy(pg.ConnectionString).ShouldBeNull();
        using (var store = provider.Open(pg.ConnectionString, pg.Clock))
        {
            store.SetCreatedBy("traza demo");
            using var batch = store.BeginBatch("parts", "parts.csv", "s1");
            batch.AddPart(new PartRecord("", "MAT-1", null, "material", null, null, "6", "6", 1m, null, "imported"), 2);
            batch.Commit();
        }

        provider.Exists(pg.ConnectionString).ShouldBeTrue();
        provider.CreatedBy(pg.ConnectionString).ShouldBe("traza demo");
        provider.Delete(pg.ConnectionString);
        provider.CreatedBy(pg.ConnectionString).ShouldBeNull();
        pg.Scalar("SELECT count(*) FROM part").ShouldBe(0L);
        pg.Scalar("SELECT count(*) FROM import_batch").ShouldBe(0L);
    }

    private static Dictionary<string, List<string>> SqliteColumns(SqliteConnection connection)
    {
        var tables = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT name FROM pragma_table_info($t) ORDER BY cid";
            cmd.Parameters.AddWithValue("$t", table);
            using var r = cmd.ExecuteReader();
            var columns = new List<string>();
            while (r.Read())
            {
                columns.Add(r.GetString(0));
            }

            result[table] = columns;
        }

        return result;
    }

    private static Dictionary<string, List<string>> PostgresColumns(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() " +
            "ORDER BY table_name, ordinal_position", connection);
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (r.Read())
        {
            var table = r.GetString(0);
            if (!result.TryGetValue(table, out var list))
            {
                result[table] = list = [];
            }

            list.Add(r.GetString(1));
        }

        return result;
    }
}
