using System.Diagnostics;
using System.Globalization;
using Traza.App.Discharge;
using Traza.App.Programs;
using Traza.App.Reports;
using Traza.Storage;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Bench;

/// <summary>
/// <c>lot-lookup --db TARGET --pedimento P [--pedimento P2 …] [--runs 200] [--as-of D] [--step TEXT] [--keep-store]</c> (issue 16 item 6;
/// docs/benchmarks.md "Lot lookup and balances page"): the CPU of the API's point reads in process, without HTTP — a
/// store opened per request as <c>traza serve</c> opens one, the as-of check, the lookup with its custody summary, a page of
/// balances — and of their parts, to say where a request's time goes.
/// </summary>
internal static class LotLookupBench
{
    public static int Run(string[] args)
    {
        var db = Args.Text(args, "--db");
        var pedimentos = args.Select((a, i) => (a, i)).Where(p => p.a == "--pedimento" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToArray();
        if (db is null || pedimentos.Length == 0)
        {
            Console.Error.WriteLine("usage: lot-lookup --db TARGET --pedimento P [--pedimento P …] [--runs 200] [--as-of YYYY-MM-DD] [--step TEXT] [--keep-store]");
            return 2;
        }

        var runs = Args.Int(args, "--runs", 200);
        var asOf = Args.Text(args, "--as-of") is { } d ? DateOnly.Parse(d, CultureInfo.InvariantCulture) : DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var stores = new StoreProviders([new PostgresStoreProvider(), new SqliteStoreProvider()]);
        ITrazaStore Open() => stores.For(db).Open(db, TimeProvider.System);

        // --keep-store: one store for every call, as traza serve's StorePool lends one between requests.
        var kept = args.Contains("--keep-store") ? Open() : null;
        void Call(Action<ITrazaStore, int> body, int i)
        {
            var store = kept ?? Open();
            try
            {
                body(store, i);
            }
            finally
            {
                if (kept is null)
                {
                    store.Dispose();
                }
            }
        }

        string? cursor = null;
        var cache = new StoredRunCache();
        var steps = new (string Name, Action<ITrazaStore, int> Body)[]
        {
            ("open + close store", (_, _) => { }),
            ("as-of check (DischargeCoverage.Ensure)", (s, _) => DischargeCoverage.Ensure(s, asOf)),
            ("program terms", (s, _) => ProgramTerms.For(s, asOf)),
            ("rectifications", (s, _) => LedgerRectifications.Read(s, asOf)),
            ("latest run", (s, _) => s.Derived.LatestRun()),
            ("program", (s, _) => s.GetProgram()),
            ("lot entries of the pedimento", (s, i) => s.Scans.LotEntriesOf(null, [pedimentos[i % pedimentos.Length]], asOf)),
            ("parts of its lots", (s, i) => s.Scans.PartsAt(Pools(s, pedimentos[i % pedimentos.Length]))),
            ("lot totals of its pools", (s, i) => s.Derived.ScanLotTotalsOf(Pools(s, pedimentos[i % pedimentos.Length]), (_, _, _, _, in _) => { })),
            ("its pools whole (custody summary)", (s, i) => Pools(s, pedimentos[i % pedimentos.Length]).ForEach(k => s.Derived.Pool(k.Client, k.Part)?.DecodeAllocations())),
            ("lot balances rows (LotLookup.Balances)", (s, i) => _ = LotLookup.Balances(s, asOf, null, pedimentos[i % pedimentos.Length], null).Rows.Count()),
            ("lot lookup + custody summary (LotLookup.Run)", (s, i) => _ = LotLookup.Run(s, asOf, null, pedimentos[i % pedimentos.Length], null).Custody.Rows.Count()),
            ("lot lookup + custody summary from a kept cache (LotLookup.Run, as traza serve)", (s, i) =>
                _ = LotLookup.Run(s, asOf, null, pedimentos[i % pedimentos.Length], null, cache).Custody.Rows.Count()),
            ("balances page of 100 (BalancesPage.Run)", (s, i) =>
            {
                var (run, next) = BalancesPage.Run(s, asOf, null, i % 20 == 0 ? null : cursor, 100);
                _ = run.Data.Rows.Count();
                cursor = next;
            }),
            ("balances page of 100 from a kept cache (BalancesPage.Run, as traza serve)", (s, i) =>
            {
                var (run, next) = BalancesPage.Run(s, asOf, null, i % 40 == 0 ? null : cursor, 100, cache);
                _ = run.Data.Rows.Count();
                cursor = next;
            }),
        };

        var only = Args.Text(args, "--step");
        foreach (var (name, body) in steps.Where(s => only is null || s.Name.Contains(only, StringComparison.Ordinal)))
        {
            for (var i = 0; i < Math.Min(20, runs); i++)
            {
                Call(body, i);
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes();
            var (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                Call(body, i);
            }

            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {used:F2} ms CPU, {wall.Elapsed.TotalMilliseconds / runs:F2} ms wall per call ({runs} calls; " +
                $"{(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / runs:F0} KB allocated per call, {GC.CollectionCount(0) - gen0} gen0 and {GC.CollectionCount(2) - gen2} gen2 GCs)"));
        }

        static List<(string Client, string Part)> Pools(ITrazaStore s, string pedimento)
        {
            var t = s.Scans.LotEntriesOf(null, [pedimento], null);
            return [.. Enumerable.Range(0, t.Count).Select(r => (t[r].Client, t[r].Part)).Distinct()];
        }

        kept?.Dispose();
        Console.WriteLine("load average: " + File.ReadAllText("/proc/loadavg").Trim());
        return 0;
    }
}
