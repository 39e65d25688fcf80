using Microsoft.Data.Sqlite;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

/// <summary>Issue 12: the SQLite store names its one program in one place (<see cref="SqliteDatabase.ProgramId"/>).</summary>
public sealed class ProgramIdTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public void Program_id_fragments_name_the_store_program()
    {
        SqliteDatabase.ProgramIdSql.ShouldBe(SqliteDatabase.ProgramId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        SqliteDatabase.ProgramSql.ShouldBe("program_id = " + SqliteDatabase.ProgramIdSql);
        using var store = db.Open();
        store.Program.ShouldBe(ProgramId.Default);
        store.Program.Value.ShouldBe(SqliteDatabase.ProgramId);
    }

    [Fact]
    public void Rows_of_every_table_carry_the_store_program()
    {
        using (var store = db.Open())
        {
            using var batch = store.BeginBatch("parts", "parts.csv", "sha-1");
            batch.AddProgram(new ProgramRecord("AAA010101AAA", "Test", "IMMEX-1", "industrial", new DateOnly(2025, 1, 1), null), 1);
            batch.EnsureClient("acme", 2);
            batch.AddPart(new PartRecord("acme", "MAT-1", "desc", "material", "72085101", "00", "6", "6", 1m, "US", "imported"), 2);
            batch.Commit();
        }

        using var connection = new SqliteConnection(SqliteDatabase.ConnectionString(db.Path_));
        connection.Open();
        var tables = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c ON c.name = 'program_id' WHERE m.type = 'table'";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        tables.ShouldContain("import_batch");
        var rows = 0L;
        foreach (var table in tables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT count(*), count(*) FILTER (WHERE program_id <> {SqliteDatabase.ProgramId}) FROM \"{table}\"";
            using var r = cmd.ExecuteReader();
            r.Read();
            rows += r.GetInt64(0);
            r.GetInt64(1).ShouldBe(0, table);
        }

        rows.ShouldBeGreaterThanOrEqualTo(4);
    }
}
