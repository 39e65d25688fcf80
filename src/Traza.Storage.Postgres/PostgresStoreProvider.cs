using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>
/// PostgreSQL targets (SPEC §5 <c>--db</c>): <c>postgres://</c> and <c>postgresql://</c> URLs and keyword strings with
/// <c>Host=</c>. List it before the SQLite provider, which takes any other target as a file path.
/// </summary>
public sealed class PostgresStoreProvider : IStoreProvider
{
    /// <inheritdoc/>
    public string Name => "PostgreSQL";

    /// <inheritdoc/>
    public bool Accepts(string target) => PostgresTarget.Accepts(target);

    /// <summary>A database on a server: never a file path, and its target may hold a password.</summary>
    public bool TargetsAreFiles => false;

    /// <summary>The database's name (never the password or the host).</summary>
    public string TargetName(string target) => PostgresTarget.Parse(target).Database;

    /// <inheritdoc/>
    public ITrazaStore Open(string target, TimeProvider clock) => PostgresStore.Open(PostgresTarget.Parse(target), clock);

    /// <inheritdoc/>
    public string? CreatedBy(string target)
    {
        var parsed = PostgresTarget.Parse(target);
        using var connection = TryConnect(parsed);
        if (connection is null)
        {
            return null;
        }

        if (!PostgresMigrator.HasSchemaVersion(connection))
        {
            using var tables = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", connection);
            return (long)tables.ExecuteScalar()! == 0
                ? null
                : throw new NotATrazaStoreException($"{parsed.Display} is not a Traza database");
        }

        using var cmd = new NpgsqlCommand("SELECT value FROM app_meta WHERE program_id = $1 AND key = 'created_by'", connection)
            .Int(ProgramId.Default.Value);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>
    /// True when the database holds data: another application's tables (as a SQLite file exists whoever wrote it), or a
    /// Traza schema with any batch or marker of the program. An empty database, and one whose program was
    /// <see cref="Delete"/>d (the schema stays), hold nothing. The demo asks <see cref="CreatedBy"/> of what exists and
    /// refuses to replace what it did not create.
    /// </summary>
    public bool Exists(string target)
    {
        using var connection = TryConnect(PostgresTarget.Parse(target));
        if (connection is null)
        {
            return false;
        }

        if (!PostgresMigrator.HasSchemaVersion(connection))
        {
            using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", connection);
            return (long)tables.ExecuteScalar()! > 0;
        }

        using var held = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM import_batch WHERE program_id = $1) OR EXISTS (SELECT 1 FROM app_meta WHERE program_id = $1)",
            connection).Int(ProgramId.Default.Value);
        return (bool)held.ExecuteScalar()!;
    }

    /// <summary>
    /// Deletes every row of the program from every Traza table, in one transaction; the schema stays (the database may be
    /// shared, and only its owner drops it). The next open finds an empty, migrated store.
    /// </summary>
    public void Delete(string target)
    {
        var parsed = PostgresTarget.Parse(target);
        using var connection = TryConnect(parsed);
        if (connection is null || !PostgresMigrator.HasSchemaVersion(connection))
        {
            return;
        }

        var tables = new List<string>();
        using (var cmd = new NpgsqlCommand(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema " +
            "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' WHERE c.table_schema = current_schema() " +
            "AND c.column_name = 'program_id' ORDER BY c.table_name", connection))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        using var tx = connection.BeginTransaction();
        foreach (var table in tables)
        {
            using var delete = new NpgsqlCommand($"DELETE FROM {PgSql.Q(table)} WHERE program_id = $1", connection, tx).Int(ProgramId.Default.Value);
            delete.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>
    /// 55P03 (lock not available) and 40P01 (deadlock): busy, exit 4. 3D000 (no such database) and 42P01 (no such table):
    /// not a store, exit 3. Refused connections, unknown hosts and 28P01/28000 (authentication): unreachable.
    /// </summary>
    public StoreFailure Classify(DbException error) => error switch
    {
        PostgresException { SqlState: "55P03" or "40P01" } => StoreFailure.Busy,
        PostgresException { SqlState: "3D000" or "42P01" } => StoreFailure.NotAStore,
        PostgresException { SqlState: "28P01" or "28000" } => StoreFailure.Unreachable,
        NpgsqlException { InnerException: SocketException or TimeoutException } => StoreFailure.Unreachable,
        _ => StoreFailure.Other,
    };

    /// <summary>An open connection, or null when the database does not exist (3D000).</summary>
    private static NpgsqlConnection? TryConnect(PostgresTarget target)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (PostgresException e) when (e.SqlState == "3D000")
        {
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
