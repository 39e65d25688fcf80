using System.Data;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>
/// The second reader a discharge reads with in parallel (SPEC §9: in the main reader's snapshot): a connection of its own in a
/// REPEATABLE READ transaction that imports the main one's exported snapshot (<c>SET TRANSACTION SNAPSHOT</c>), or — for a
/// mark taken outside a read snapshot — a new snapshot checked to see the same last batch and stored run, as SQLite's is.
/// </summary>
internal sealed class PostgresSnapshotSide : ISnapshotSide
{
    /// <summary>Separates the exported snapshot's id from the mark (neither a batch id nor a timestamp holds it).</summary>
    private const char SnapshotSeparator = '\u001f';

    private readonly PostgresStore side;
    private readonly NpgsqlTransaction transaction;

    private PostgresSnapshotSide(PostgresStore side, NpgsqlTransaction transaction)
    {
        this.side = side;
        this.transaction = transaction;
    }

    /// <summary>The last batch and the stored run a connection sees, as one text.</summary>
    public static string Mark(NpgsqlConnection connection, ProgramId program)
    {
        var p = "program_id = " + program;
        using var cmd = new NpgsqlCommand(
            $"SELECT (SELECT coalesce(max(id), 0) FROM import_batch WHERE {p})::text || '|' || " +
            $"coalesce((SELECT id::text || '|' || finished_at FROM discharge_run WHERE {p} ORDER BY id DESC LIMIT 1), '')", connection);
        return (string)cmd.ExecuteScalar()!;
    }

    public static string WithSnapshot(string mark, string snapshotId) => mark + SnapshotSeparator + snapshotId;

    public static PostgresSnapshotSide? Open(PostgresStore store, string mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var at = mark.IndexOf(SnapshotSeparator, StringComparison.Ordinal);
        var (expected, snapshotId) = at < 0 ? (mark, null) : (mark[..at], mark[(at + 1)..]);
        var connection = new NpgsqlConnection(store.PgTarget.ConnectionString);
        NpgsqlTransaction? transaction = null;
        try
        {
            connection.Open();
            transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            if (snapshotId is not null)
            {
                using var set = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshotId.Replace("'", "''", StringComparison.Ordinal)}'", connection);
                try
                {
                    set.ExecuteNonQuery();
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.ObjectNotInPrerequisiteState)
                {
                    Close(connection, transaction); // the read snapshot that exported it has ended
                    return null;
                }
            }

            if (!string.Equals(Mark(connection, store.Program), expected, StringComparison.Ordinal))
            {
                Close(connection, transaction);
                return null;
            }

            return new PostgresSnapshotSide(new PostgresStore(connection, store.Clock, store.PgTarget, store.Program), transaction);
        }
        catch
        {
            Close(connection, transaction);
            throw;
        }
    }

    public List<EntryScan> Entries() => side.Scans.Entries();

    public List<StoredPool> Tails() => side.Derived.Tails();

    public void Dispose()
    {
        transaction.Dispose();
        side.Dispose();
    }

    private static void Close(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        transaction?.Dispose();
        connection.Dispose();
    }
}
