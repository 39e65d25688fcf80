using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Traza.Api;
using Traza.Cli;
using Traza.Cli.Tests;
using Traza.Storage;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Dashboard.Tests;

/// <summary>
/// The demo program (<c>traza demo</c>, built once per fixture) served by the real server — <see cref="TrazaApi.Build"/>, as
/// <c>traza serve</c> builds it — on a free loopback port, and one Chromium (Debian's, never downloaded) for every test of
/// the class; each test opens its own browser context, so its cookies are its own.
/// </summary>
public abstract class DashboardServer : IAsyncLifetime
{
    /// <summary>Chromium's flags on this machine (STACK.md): no sandbox, no GPU, nothing fetched in the background.</summary>
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly bool postgres;
    private WebApplication? app;
    private IPlaywright? playwright;

    protected DashboardServer(bool postgres) => this.postgres = postgres;

    /// <summary>The demo's clock: the server's "today" and the as-of date of every page.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "traza-dashboard-" + Guid.NewGuid().ToString("N"));

    public string Db { get; private set; } = "";

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (postgres && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TRAZA_TEST_POSTGRES")))
        {
            return; // Ready() skips each test (or fails it under TRAZA_REQUIRE_POSTGRES=1), as a test and not as a fixture
        }

        Directory.CreateDirectory(Folder);
        Db = postgres ? PostgresTestDatabase.Create() : Path.Combine(Folder, "traza.db");
        Cli("demo");
        var settings = new ApiSettings
        {
            Target = Db,
            Stores = new StoreProviders([new PostgresStoreProvider(), new SqliteStoreProvider()]),
            Clock = Clock,
        };
        app = TrazaApi.Build(settings, "http://127.0.0.1:0", builder => ServerLog.Attach(builder, postgres ? "postgres" : "sqlite")); // quiet unless TRAZA_DASHBOARD_LOG
        await app.StartAsync();
        Address = app.Urls.First(); // the port Kestrel bound for :0
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumFlags });
    }

    /// <summary>Called first by every test: skips (or fails) when the fixture has no PostgreSQL server to run on.</summary>
    public void Ready()
    {
        if (Address.Length == 0)
        {
            PostgresTestDatabase.Create(); // Assert.Skip, or the TRAZA_REQUIRE_POSTGRES failure
            throw new InvalidOperationException("the dashboard fixture did not start");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (postgres && Db.Length > 0)
        {
            PostgresTestDatabase.Drop(Db);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <c>traza ARGS --db DB</c> in-process with the fixture's clock; fails the test on a non-zero exit.</summary>
    public string Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = TrazaCli.Run([.. args, "--db", Db], stdout, stderr, Clock);
        exit.ShouldBe(0, stderr.ToString());
        return stdout.ToString();
    }

    /// <summary>A new key of <paramref name="role"/> (of <paramref name="client"/> when given): the last line <c>keys create</c> prints.</summary>
    public string Key(string role, string? client = null)
    {
        var output = client is null ? Cli("keys", "create", "--role", role) : Cli("keys", "create", "--role", role, "--client", client);
        return output.TrimEnd('\n').Split('\n')[^1];
    }

    /// <summary>A report as CSV lines (header first), as the CLI prints it on the same database and date.</summary>
    public string[] Csv(string report, params string[] options) =>
        Cli(["report", report, "--format", "csv", .. options]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A fresh browser context (its own cookies) speaking <paramref name="locale"/>, with downloads allowed. Waits of up to two
    /// minutes: on the CI's two cores, shared by every test project at once, a first page on PostgreSQL (its reports and the
    /// pages compiled on first use) once took longer than Playwright's default 30 s — these tests check what a user sees,
    /// never how fast.
    /// </summary>
    public async Task<IBrowserContext> Context(string locale = "es-MX")
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Address, Locale = locale, AcceptDownloads = true });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>Opens the sign-in page, types <paramref name="key"/>, submits, and waits for the page it returns to.</summary>
    public static async Task SignIn(IPage page, string key, string path = "/dashboard")
    {
        await page.GotoAsync(path);
        page.Url.ShouldContain("/dashboard/sign-in");
        await page.FillAsync("input[name=Key]", key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }
}

/// <summary>The demo on a SQLite file.</summary>
public sealed class SqliteDashboard() : DashboardServer(postgres: false);

/// <summary>The demo on a fresh PostgreSQL database.</summary>
public sealed class PostgresDashboard() : DashboardServer(postgres: true);
