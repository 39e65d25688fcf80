#if POSTGRES_STORE
using Npgsql;

namespace Traza.Cli.Tests;

/// <summary>
/// One throwaway database per test on the server TRAZA_TEST_POSTGRES names (.ci/run starts one). Without it the test
/// skips; with TRAZA_REQUIRE_POSTGRES=1 (CI) it fails instead, so PostgreSQL is never silently untested.
/// </summary>
internal static class PostgresTestDatabase
{
    public static string Create()
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

        var name = "traza_cli_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'", admin);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void Drop(string target)
    {
        var name = new NpgsqlConnectionStringBuilder(target).Database!;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("TRAZA_TEST_POSTGRES"));
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
#endif
