namespace Traza.Cli.Tests;

/// <summary>
/// The store the end-to-end tests run on. Traza.Cli.Tests runs them on a SQLite file; Traza.Cli.Tests.Postgres compiles
/// the same tests with POSTGRES_STORE and gives each harness a fresh PostgreSQL database (issue 12: every end-to-end
/// CLI test on both stores).
/// </summary>
internal static class TestStore
{
#if POSTGRES_STORE
    public static readonly bool IsPostgres = true;
#else
    public static readonly bool IsPostgres = false;
#endif

    /// <summary>A new, empty target: <paramref name="file"/> in <paramref name="folder"/>, or a new PostgreSQL database.</summary>
    public static string NewTarget(string folder, string file)
    {
#if POSTGRES_STORE
        _ = folder;
        _ = file;
        return PostgresTestDatabase.Create();
#else
        return Path.Combine(folder, file);
#endif
    }

    /// <summary>
    /// Where <c>traza demo</c> writes its input files for <paramref name="target"/> (docs/cli.md): <c>traza-demo</c> beside a
    /// database file in <paramref name="folder"/>, or <c>traza-demo-DATABASE</c> in the current folder for a server target.
    /// </summary>
    public static string DemoFiles(string target, string folder) =>
#if POSTGRES_STORE
        Path.Combine(Directory.GetCurrentDirectory(), "traza-demo-" + new Npgsql.NpgsqlConnectionStringBuilder(target).Database);
#else
        Path.Combine(folder, "traza-demo");
#endif

    /// <summary>Opens a target through its provider, as the command line does, for what a test reads behind the CLI.</summary>
    public static Traza.Storage.ITrazaStore Open(string target, TimeProvider clock)
    {
#if POSTGRES_STORE
        Traza.Storage.IStoreProvider provider = new Traza.Storage.Postgres.PostgresStoreProvider();
#else
        Traza.Storage.IStoreProvider provider = new Traza.Storage.Sqlite.SqliteStoreProvider();
#endif
        return provider.Open(target, clock);
    }

    /// <summary>Removes what <see cref="NewTarget"/> made outside the test's folder.</summary>
    public static void Drop(string target)
    {
#if POSTGRES_STORE
        PostgresTestDatabase.Drop(target);
#else
        _ = target;
#endif
    }

    /// <summary>
    /// On PostgreSQL, skips the test when no server is named (fails under TRAZA_REQUIRE_POSTGRES=1); nothing on SQLite. Property
    /// tests that open stores inside a CsCheck sample call it first, so a machine without PostgreSQL skips them (README's
    /// `dotnet test`) instead of failing on a wrapped skip.
    /// </summary>
    public static void RequireServer()
    {
#if POSTGRES_STORE
        _ = PostgresTestDatabase.RequireServer();
#endif
    }

    /// <summary>Skips the test on PostgreSQL: it reads or tampers with the SQLite file itself (the PostgreSQL store has its own tests).</summary>
    public static void RequireSqlite()
    {
        if (IsPostgres)
        {
            Assert.Skip("reads the SQLite file itself; the PostgreSQL store is covered by tests/Traza.Storage.Tests");
        }
    }
}
