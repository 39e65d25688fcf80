using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Traza.Cli.Tests;
using Traza.Storage;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Api.Tests;

/// <summary>
/// The API over a fresh store (a SQLite file, or a PostgreSQL database under POSTGRES_STORE) on an in-process test server,
/// with the CLI harness beside it for making data and keys and for comparing answers. Every log line the server writes, at
/// every level, is kept in <see cref="Logs"/>.
/// </summary>
public sealed class ApiHarness : IDisposable
{
    private readonly WebApplication app;

    public ApiHarness(long maxUploadBytes = ApiSettings.DefaultMaxUploadBytes, bool demo = false)
    {
        Cli = new CliHarness();
        if (demo)
        {
            var built = Cli.Run("demo");
            built.Exit.ShouldBe(0, built.Stderr);
        }

        var settings = new ApiSettings
        {
            Target = Cli.Db,
            Stores = new StoreProviders([new PostgresStoreProvider(), new SqliteStoreProvider()]),
            Clock = Cli.Clock,
            MaxUploadBytes = maxUploadBytes,
        };
        app = TrazaApi.Build(settings, "http://127.0.0.1:0", builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddProvider(new CaptureProvider(Logs));
            builder.Logging.AddFilter("Microsoft", LogLevel.Trace);
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Trace);
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Trace);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        });
        app.StartAsync().GetAwaiter().GetResult();
    }

    public CliHarness Cli { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>A client sending <c>Authorization: Bearer KEY</c> (none when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = app.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a key through the CLI and returns it (the last line of stdout).</summary>
    public string Key(string role, string? client = null)
    {
        var result = client is null ? Cli.Run("keys", "create", "--role", role) : Cli.Run("keys", "create", "--role", role, "--client", client);
        result.Exit.ShouldBe(0, result.Stderr);
        return result.Stdout.TrimEnd('\n').Split('\n')[^1];
    }

    /// <summary>The pedimento of a lot the CLI's balances list (of <paramref name="client"/> when given).</summary>
    public string Lot(string? client = null)
    {
        var lines = client is null ? Cli.ReportCsv("balances") : Cli.ReportCsv("balances", "--client", client);
        return lines[1].Split(',')[0];
    }

    public void Dispose()
    {
        app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)app).Dispose();
        Cli.Dispose();
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class Capture(string category, ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            logs.Enqueue($"{category} {logLevel} {formatter(state, exception)} {properties} {exception}");
        }
    }
}

/// <summary>
/// One demo program per test class (building it is the slow part), read by every test of the class; built by the first
/// test that asks, so a test without a PostgreSQL server skips (or fails under TRAZA_REQUIRE_POSTGRES=1) as a test.
/// </summary>
public sealed class DemoApi : IDisposable
{
    private readonly Lazy<ApiHarness> api = new(() => new ApiHarness(demo: true), LazyThreadSafetyMode.ExecutionAndPublication);

    public ApiHarness Api => api.Value;

    public void Dispose()
    {
        if (api.IsValueCreated)
        {
            api.Value.Dispose();
        }
    }
}
