#if POSTGRES_STORE
using Npgsql;

namespace Traza.Cli.Tests;

/// <summary>
/// One throwaway database per test on the server TRAZA_TEST_POSTGRES names (.ci/run starts one). Without it the test
/// skips; with TRAZA_REQUIRE_POSTGRES=1 (CI) it fails instead, so PostgreSQL is never silently untested. Each database is
/// a copy of a template the provider migrated once per test run (schema, no program): running every migration for each
/// of hundreds of tests would dominate the suite. Creating the schema in an empty database is tested in
/// tests/Traza.Storage.Tests/Postgres.
/// </summary>
internal static class PostgresTestDatabase
{
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Create()
    {
        var server = RequireServer();
        var template = Template.Value;
        var name = "traza_cli_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The server to test on; without one the test skips (or fails under TRAZA_REQUIRE_POSTGRES=1). A property test calls it
    /// (through <c>TestStore.RequireServer</c>) before sampling: a skip thrown inside CsCheck's sample would reach the
    /// runner wrapped in a CsCheckException, a failure.
    /// </summary>
    public static string RequireServer()
    {
        var server = Environment.GetEnvironmentVariable("TRAZA_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            if (Environment.GetEnvironmentVariable("TRAZA_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException("TRAZA_REQUIRE_POSTGRES=1 but TRAZA_TEST_POSTGRES names no server");
            }

            Assert.Skip("TRAZA_TEST_POSTGRES is not set: no PostgreSQL server to test on");
        }

        return server;
    }

    /// <summary>A database migrated by the provider, without a program, dropped when the test process exits.</summary>
    private static string CreateTemplate()
    {
        var server = Environment.GetEnvironmentVariable("TRAZA_TEST_POSTGRES")!;
        var name = "traza_cli_template_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
        var target = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        new Traza.Storage.Postgres.PostgresStoreProvider().Open(target, TimeProvider.System).Dispose();
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        return name;
    }

    private static void Execute(string server, string sql)
    {
        using var admin = new NpgsqlConnection(server);
        admin.Open();
        using var command = new NpgsqlCommand(sql, admin);
        command.ExecuteNonQuery();
    }

    public static void Drop(string target)
    {
        var name = new NpgsqlConnectionStringBuilder(target).Database!;
        NpgsqlConnection.ClearAllPools();
        Execute(Environment.GetEnvironmentVariable("TRAZA_TEST_POSTGRES")!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}
#endif
