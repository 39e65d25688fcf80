using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public void Embedded_migrations_are_numbered_and_start_with_core()
    {
        var migrations = SqliteMigrator.Embedded;
        migrations.ShouldNotBeEmpty();
        migrations[0].Version.ShouldBe(1);
        migrations[0].Name.ShouldBe("0001_core");
        migrations.Select(m => m.Version).ShouldBeInOrder();
    }

    [Fact]
    public void Open_new_file_applies_every_migration_and_records_it()
    {
        using var store = db.Open();
        SqliteMigrator.AppliedVersions(store.Connection).Count.ShouldBe(SqliteMigrator.Embedded.Count);
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        cmd.ExecuteScalar().ShouldBe("wal");
    }

    [Fact]
    public void Open_existing_file_applies_nothing_again()
    {
        using (db.Open())
        {
        }

        using var store = db.Open();
        SqliteMigrator.Apply(store.Connection, db.Clock).ShouldBe(0);
    }

    [Fact]
    public void Core_tables_exist_with_qty_columns()
    {
        using var store = db.Open();
        foreach (var table in new[] { "entry", "exit", "event" })
        {
            using var cmd = store.Connection.CreateCommand();
            cmd.CommandText = $"SELECT type FROM pragma_table_info('{table}') WHERE name = 'qty'";
            cmd.ExecuteScalar().ShouldBe("TEXT");
        }

        foreach (var table in new[] { "program", "client", "import_batch", "part", "bom", "count_row", "tariff", "partner", "rate", "inpc",
                     "surcharge", "term_rule" })
        {
            using var cmd = store.Connection.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $t";
            cmd.Parameters.AddWithValue("$t", table);
            cmd.ExecuteScalar().ShouldBe(1L);
        }
    }
}
