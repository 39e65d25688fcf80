using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Opens a Traza SQLite file: WAL journal, foreign keys, busy timeout, the <c>ds_rows</c> SQL function the Data Stage views
/// read through, and every pending migration applied (with the move of 0002's Data Stage rows into 0020's blocks).
/// </summary>
public static class SqliteDatabase
{
    /// <summary>The connection string for a database file (no pooling, so a closed store releases its file).</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Opens (creating when missing) the file at <paramref name="path"/> and migrates it.</summary>
    public static SqliteConnection Open(string path, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=4294967296;";
                pragma.ExecuteNonQuery();
            }

            DataStageSql.Register(connection);
            SqliteMigrator.Apply(connection, clock);
            DataStageLegacyUpgrade.Run(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
