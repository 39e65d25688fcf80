using System.Diagnostics;
using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Discharge;
using Traza.Storage.Sqlite;

namespace Traza.Bench;

/// <summary>
/// <c>discharge-phases --db FILE [--runs N] [--as-of D] [--workers N]</c>: loads the ledger and runs the engine N times in one
/// process, printing each phase, so cold (first run, JIT included) and warm costs can be told apart.
/// </summary>
internal static class DischargeBench
{
    public static int Run(string[] args)
    {
        var db = Args.Text(args, "--db") ?? throw new ArgumentException("--db FILE is required");
        var runs = Args.Int(args, "--runs", 3);
        var workers = Args.Int(args, "--workers", 0);
        var asOf = Args.Text(args, "--as-of") is { } text ? DateOnly.Parse(text, CultureInfo.InvariantCulture) : new DateOnly(2025, 12, 31);
        using var store = SqliteLedgerStore.Open(db, TimeProvider.System);
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var entries = LedgerScan.Entries(store);
            var tEntries = sw.Elapsed.TotalSeconds;
            var exits = LedgerScan.Exits(store);
            var tExits = sw.Elapsed.TotalSeconds - tEntries;
            sw.Restart();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var snapshot = LedgerSnapshot.Load(store, asOf);
            var tLoad = sw.Elapsed.TotalSeconds;
            var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            var result = DischargeEngine.Run(snapshot.Input, workers);
            var tEngine = sw.Elapsed.TotalSeconds;
            var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cpu: snapshot {(cpu1 - cpu0).TotalSeconds:0.00} s, engine {(cpu2 - cpu1).TotalSeconds:0.00} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}: scan entries {entries.Count} {tEntries:0.000} s, scan exits {exits.Count} {tExits:0.000} s, " +
                $"snapshot {tLoad:0.000} s, engine {tEngine:0.000} s ({result.Consumptions} consumptions, {result.AllocationCount} allocations, " +
                $"{result.Consumptions / tEngine / 1e6:0.00} M/s), heap {GC.GetTotalMemory(false) / 1e6:0} MB, gc0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, " +
                $"gc pause {GC.GetTotalPauseDuration().TotalSeconds:0.00} s"));
        }

        return 0;
    }
}

/// <summary>Command-line option helpers for the bench verbs.</summary>
internal static class Args
{
    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
