using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Opens a Traza SQLite file: WAL journal, foreign keys, busy timeout, the <c>ds_rows</c> SQL function the Data Stage views
/// read through, and every pending migration applied (with the move of 0002's Data Stage rows into 0020's blocks).
/// </summary>
public static class SqliteDatabase
{
    /// <summary>
    /// The one program a SQLite file holds (SPEC §5 <c>init</c>; docs/architecture.md Decision 3): every row's
    /// <c>program_id</c>. PostgreSQL keys rows by <see cref="ITrazaStore.Program"/> instead; here it is
    /// <see cref="Traza.Storage.ProgramId.Default"/>, and the SQL text names it through <see cref="ProgramIdSql"/> and
    /// <see cref="ProgramSql"/> only (issue 12), so the literal stays a constant the planner matches to the key prefix.
    /// </summary>
    public const long ProgramId = 1;

    /// <summary><see cref="ProgramId"/> as SQL text, for <c>VALUES (…)</c> and qualified columns (<c>b.program_id = …</c>).</summary>
    internal const string ProgramIdSql = "1";

    /// <summary>The filter on the file's program: <c>program_id = 1</c>.</summary>
    internal const string ProgramSql = "program_id = " + ProgramIdSql;

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
