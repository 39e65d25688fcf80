using Npgsql;

namespace Traza.Storage.Tests.Postgres;

/// <summary>
/// The PostgreSQL server of the tests: <c>TRAZA_TEST_POSTGRES</c> (a keyword connection string; <c>.ci/run</c> starts a
/// throwaway cluster and sets it). Tests skip when it is unset, and fail instead when <c>TRAZA_REQUIRE_POSTGRES=1</c>
/// (CI) — unset or unreachable — so a CI run never passes without having run them.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "TRAZA_TEST_POSTGRES";

    public const string RequireVariable = "TRAZA_REQUIRE_POSTGRES";

    private static readonly Lazy<string?> Reachable = new(Probe);

    /// <summary>The admin connection string, or a skip (a failure when PostgreSQL is required).</summary>
    public static string Admin()
    {
        var required = Environment.GetEnvironmentVariable(RequireVariable) == "1";
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (required)
            {
                Assert.Fail($"{RequireVariable}=1 but {Variable} is not set");
            }

            Assert.Skip($"{Variable} is not set: PostgreSQL tests skipped");
        }

        if (Reachable.Value is { } problem)
        {
            if (required)
            {
                Assert.Fail($"{Variable} is set but the server is unreachable: {problem}");
            }

            Assert.Skip($"PostgreSQL unreachable: {problem}");
        }

        return configured!;
    }

    private static string? Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(Variable));
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return e.Message;
        }
    }
}

/// <summary>A fresh, empty database on the test server, dropped on dispose.</summary>
public sealed class TempPostgres : IDisposable
{
    private readonly string admin;

    public TempPostgres()
    {
        admin = PostgresServer.Admin();
        Name = "traza_t_" + Guid.NewGuid().ToString("N");
        Run(admin, $"CREATE DATABASE {Name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>A keyword target for <c>--db</c> and the provider.</summary>
    public string ConnectionString { get; }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Runs SQL in the temp database (to set up a case or tamper with rows).</summary>
    public void Execute(string sql) => Run(ConnectionString, sql);

    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return cmd.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static void Run(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }
}
