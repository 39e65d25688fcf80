using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>One embedded migration script <c>Migrations/NNNN_name.sql</c>.</summary>
public sealed record PostgresMigration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded plain-SQL migrations — twins of SQLite's, version for version (a test holds them together) — in
/// numeric order, each in its own transaction, recorded in <c>schema_version</c> (SPEC §7). Two processes opening the same
/// database at once take turns on a session advisory lock. A database whose schema_version names a version this build does
/// not have was migrated by a newer Traza and is refused; a database holding other tables but no schema_version is not a
/// Traza store and is refused too (nothing is written to it).
/// </summary>
public static class PostgresMigrator
{
    /// <summary>The advisory lock key of migrations (ASCII "TRAZAMIG").</summary>
    public const long LockKey = 0x5452_415A_414D_4947;

    private const string ResourcePrefix = "Traza.Storage.Postgres.Migrations.";

    private static readonly Lazy<IReadOnlyList<PostgresMigration>> Scripts = new(LoadEmbedded);

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<PostgresMigration> Embedded => Scripts.Value;

    /// <summary>Applies the migrations not yet recorded; returns how many ran.</summary>
    public static int Apply(NpgsqlConnection connection, TimeProvider clock, string display)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(clock);
        if (HasSchemaVersion(connection) && AppliedVersions(connection).ToHashSet().SetEquals(Embedded.Select(m => m.Version)))
        {
            // Up to date: nothing to apply, so no lock. Every open of `traza serve` (one store per request) would otherwise
            // take its turn on the session lock, one request at a time (docs/benchmarks.md "API (h-serve)"). Migrations
            // only add versions, so a complete set stays complete; anything else takes the locked path below.
            return 0;
        }

        Execute(connection, null, "SELECT pg_advisory_lock(" + LockKey.ToString(CultureInfo.InvariantCulture) + ")");
        try
        {
            if (!HasSchemaVersion(connection))
            {
                if (UserTables(connection) > 0)
                {
                    throw new NotATrazaStoreException($"{display} holds tables but no Traza schema (schema_version): not a Traza database");
                }

                Execute(connection, null, """
                    CREATE TABLE schema_version (
                        version    bigint NOT NULL PRIMARY KEY,
                        name       text   NOT NULL,
                        applied_at text   NOT NULL
                    )
                    """);
            }

            var applied = AppliedVersions(connection);
            var known = Embedded.Select(m => m.Version).ToHashSet();
            if (applied.FirstOrDefault(v => !known.Contains(v)) is var unknown and > 0)
            {
                throw new NewerSchemaException(
                    $"{display} was migrated by a newer Traza (schema version {unknown.ToString(CultureInfo.InvariantCulture)}); " +
                    "upgrade traza to open it");
            }

            var count = 0;
            foreach (var migration in Embedded)
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                using var tx = connection.BeginTransaction();
                Execute(connection, tx, migration.Sql);
                using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)", connection, tx))
                {
                    record.Parameters.AddWithValue((long)migration.Version);
                    record.Parameters.AddWithValue(migration.Name);
                    record.Parameters.AddWithValue(clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    record.ExecuteNonQuery();
                }

                tx.Commit();
                count++;
            }

            return count;
        }
        finally
        {
            Execute(connection, null, "SELECT pg_advisory_unlock(" + LockKey.ToString(CultureInfo.InvariantCulture) + ")");
        }
    }

    /// <summary>True when the connection's schema holds Traza's <c>schema_version</c> table.</summary>
    public static bool HasSchemaVersion(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var cmd = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL", connection);
        return (bool)cmd.ExecuteScalar()!;
    }

    /// <summary>The versions recorded in <c>schema_version</c>.</summary>
    public static List<int> AppliedVersions(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var result = new List<int>();
        using var cmd = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", connection);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result.Add(checked((int)reader.GetInt64(0)));
        }

        return result;
    }

    /// <summary>Tables and views in the connection's current schema.</summary>
    private static long UserTables(NpgsqlConnection connection)
    {
        using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", connection);
        return (long)cmd.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.ExecuteNonQuery();
    }

    private static List<PostgresMigration> LoadEmbedded()
    {
        var assembly = typeof(PostgresMigrator).Assembly;
        var list = new List<PostgresMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration {resource} is not named NNNN_name.sql.");
            }

            list.Add(new PostgresMigration(version, name, ReadResource(assembly, resource)));
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
