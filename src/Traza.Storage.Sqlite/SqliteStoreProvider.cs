using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The embedded default (SPEC §5): a <c>--db</c> target that is not a PostgreSQL URL or connection string is a SQLite file
/// path, created and migrated on first use.
/// </summary>
public sealed class SqliteStoreProvider : IStoreProvider
{
    /// <inheritdoc/>
    public string Name => "SQLite";

    /// <summary>Any target no other provider accepts: list this provider last.</summary>
    public bool Accepts(string target) => !string.IsNullOrWhiteSpace(target);

    /// <inheritdoc/>
    public ITrazaStore Open(string target, TimeProvider clock) => SqliteLedgerStore.Open(target, clock);

    /// <inheritdoc/>
    public bool Exists(string target) => File.Exists(target);

    /// <inheritdoc/>
    public string? CreatedBy(string target)
    {
        if (!File.Exists(target))
        {
            return null;
        }

        try
        {
            // Read-only and without migrating: the check must not change a file that is not ours.
            var cs = new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var connection = new SqliteConnection(cs);
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT value FROM app_meta WHERE key = 'created_by'";
            return cmd.ExecuteScalar() as string;
        }
        catch (SqliteException e)
        {
            // Not a SQLite file, or no app_meta table: not a Traza store.
            throw new NotATrazaStoreException($"{target} is not a Traza SQLite database", e);
        }
    }

    /// <inheritdoc/>
    public void Delete(string target)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(target + suffix);
        }
    }

    /// <summary>SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process; SQLITE_NOTADB (26) and SQLITE_CORRUPT (11): not ours.</summary>
    public StoreFailure Classify(DbException error) => error is SqliteException e
        ? e.SqliteErrorCode switch
        {
            5 or 6 => StoreFailure.Busy,
            26 or 11 => StoreFailure.NotAStore,
            _ => StoreFailure.Other,
        }
        : StoreFailure.Other;
}
