using Microsoft.Data.Sqlite;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Conformance;

/// <summary>SQLite files in one temp folder, removed with it.</summary>
public sealed class SqliteStoreFixture : IStoreFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("traza-conformance-").FullName;

    public IStoreProvider Provider { get; } = new SqliteStoreProvider();

    public SnapshotSides SnapshotSides => SnapshotSides.WhileUnchanged;

    public string NewTarget() => Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");

    public string NewForeignTarget()
    {
        var path = NewTarget();
        File.WriteAllText(path, "pedimento,partida\n254734565000123,1\n");
        return path;
    }

    public void Execute(string target, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        _ = cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A store a failed test left open; the temp folder is reclaimed by the system.
        }
    }
}
