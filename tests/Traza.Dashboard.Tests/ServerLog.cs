using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Traza.Dashboard.Tests;

/// <summary>
/// When <c>TRAZA_DASHBOARD_LOG</c> names a folder, the fixture's server writes there what it did — every request's start and
/// end with its time, the server's own log at Information — and, for a request still running after
/// <see cref="SlowAfter"/>, the managed stacks of the test process (<c>dotnet-stack</c>, when installed): what a browser
/// wait that timed out was waiting for. Off by default (tests stay quiet).
/// </summary>
internal sealed class ServerLog : ILoggerProvider
{
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(20);

    private readonly string folder;
    private readonly StreamWriter writer;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<long, (string What, long Started)> running = new();
    private readonly Timer watchdog;
    private long next;
    private bool stacksTaken;

    private ServerLog(string folder, string name)
    {
        this.folder = folder;
        Directory.CreateDirectory(folder);
        writer = new StreamWriter(Path.Combine(folder, name + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6] + ".log")) { AutoFlush = true };
        watchdog = new Timer(_ => Watch(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>Adds the log to <paramref name="builder"/> when <c>TRAZA_DASHBOARD_LOG</c> is set; else leaves it silent.</summary>
    public static void Attach(WebApplicationBuilder builder, string name)
    {
        builder.Logging.ClearProviders();
        var folder = Environment.GetEnvironmentVariable("TRAZA_DASHBOARD_LOG");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        var log = new ServerLog(folder, name);
        builder.Logging.AddProvider(log);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting", LogLevel.Information);
        builder.Services.AddSingleton<IStartupFilter>(new Timing(log));
    }

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void Dispose()
    {
        watchdog.Dispose();
        writer.Dispose();
    }

    private void Write(string line)
    {
        lock (gate)
        {
            writer.WriteLine(TimeProvider.System.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " [" + Environment.CurrentManagedThreadId + "] " + line);
        }
    }

    private void Watch()
    {
        foreach (var (id, (what, started)) in running)
        {
            var age = Stopwatch.GetElapsedTime(started);
            if (age > SlowAfter)
            {
                Write($"SLOW #{id} {what} running for {age.TotalSeconds:F0} s");
                TakeStacks();
            }
        }
    }

    private void TakeStacks()
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-stack");
        if (stacksTaken || !File.Exists(tool))
        {
            return;
        }

        stacksTaken = true;
        var info = new ProcessStartInfo(tool, ["report", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stacks = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        File.WriteAllText(Path.Combine(folder, "stacks-" + Environment.ProcessId + "-" + TimeProvider.System.GetUtcNow().Ticks + ".txt"), stacks);
        Write("stacks written");
    }

    private sealed class Category(ServerLog log, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Write($"{logLevel} {name}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }

    /// <summary>Times every request from the first middleware on.</summary>
    private sealed class Timing(ServerLog log) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                var id = Interlocked.Increment(ref log.next);
                var what = context.Request.Method + " " + context.Request.Path + context.Request.QueryString;
                log.running[id] = (what, Stopwatch.GetTimestamp());
                log.Write($"start #{id} {what}");
                try
                {
                    await following(context);
                }
                finally
                {
                    log.running.TryRemove(id, out var entry);
                    log.Write($"end #{id} {context.Response.StatusCode} in {Stopwatch.GetElapsedTime(entry.Started).TotalMilliseconds:F0} ms");
                }
            });
            next(app);
        };
    }
}
