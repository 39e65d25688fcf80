using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>One embedded migration script <c>Sqlite/Migrations/NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded plain-SQL migrations in numeric order, each in its own transaction, recording each in
/// <c>schema_version</c> (SPEC §7: "migrations are versioned SQL run on open"). Adding a table is adding a script:
/// the runner picks up every <c>NNNN_*.sql</c> embedded in this assembly.
/// </summary>
public static class SqliteMigrator
{
    private const string ResourcePrefix = "Traza.Storage.Sqlite.Migrations.";

    private static readonly Lazy<IReadOnlyList<Migration>> Scripts = new(LoadEmbedded);

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded => Scripts.Value;

    /// <summary>Applies the migrations not yet recorded; returns how many ran.</summary>
    public static int Apply(SqliteConnection connection, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(clock);
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL
            )
            """);
        var applied = AppliedVersions(connection);
        var count = 0;
        foreach (var migration in Embedded)
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            using var tx = connection.BeginTransaction(deferred: false);
            Execute(connection, tx, migration.Sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            tx.Commit();
            count++;
        }

        return count;
    }

    /// <summary>The versions recorded in <c>schema_version</c>.</summary>
    public static HashSet<int> AppliedVersions(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var result = new HashSet<int>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_version";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetInt32(0));
        }

        return result;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration {resource} is not named NNNN_name.sql.");
            }

            list.Add(new Migration(version, name, ReadResource(assembly, resource)));
        }

        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Version == list[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {list[i].Version}.");
            }
        }

        return list;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
