using System.Globalization;
using System.Text;

namespace Traza.Cli.Tests.Reliability;

/// <summary>
/// SPEC §9 "a process killed during import or discharge leaves the database consistent", tested by killing the real
/// <c>traza</c> (issue 11 item 8; see <see cref="KillHarness"/>). A few trials run with every <c>dotnet test</c>; the
/// benchmark-style run of many is <see cref="Many_kills_recorded_for_docs"/>, asked for with <c>TRAZA_KILL_TRIALS=N</c>
/// (<c>TRAZA_KILL_ONLY=TEXT</c> keeps the scenarios whose name contains TEXT; docs/reliability.md).
/// </summary>
public sealed class CrashSafetyTests(KillFixture data) : IClassFixture<KillFixture>
{
    [Fact]
    public void Killed_import_and_discharges_leave_a_sound_ledger_and_run_again_to_the_same_state()
    {
        var harness = data.Harness(out var seed);
        Log($"seed {seed}");
        foreach (var scenario in data.Scenarios)
        {
            Log(harness.Trial(scenario).Row());
        }
    }

    [Fact]
    public void Many_kills_recorded_for_docs()
    {
        var trials = Environment.GetEnvironmentVariable("TRAZA_KILL_TRIALS") is { Length: > 0 } n
            ? int.Parse(n, CultureInfo.InvariantCulture)
            : 0;
        Assert.SkipWhen(trials == 0, "set TRAZA_KILL_TRIALS=N (and TRAZA_KILL_REPORT=FILE to keep the table) for the benchmark-style run");
        var harness = data.Harness(out var seed, referenceRuns: 2);
        var report = Environment.GetEnvironmentVariable("TRAZA_KILL_REPORT");
        var only = Environment.GetEnvironmentVariable("TRAZA_KILL_ONLY");
        var scenarios = data.Scenarios.Where(s => string.IsNullOrEmpty(only) || s.Name.Contains(only, StringComparison.Ordinal)).ToList();
        scenarios.ShouldNotBeEmpty($"TRAZA_KILL_ONLY={only} names no scenario");
        var rows = new List<string>
        {
            $"seed {seed}, {trials} trials",
            "| trial | command | killed after | of an uninterrupted run | outcome | checks |",
            "|---|---|---|---|---|---|",
        };
        foreach (var scenario in scenarios)
        {
            var (_, _, elapsed) = harness.Reference(scenario);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"uninterrupted {scenario.Name}: {elapsed.TotalMilliseconds:0} ms"));
        }

        for (var i = 0; i < trials; i++)
        {
            var row = harness.Trial(scenarios[i % scenarios.Count]).Row();
            rows.Add(row);
            Log(row);
            if (report is { Length: > 0 })
            {
                File.WriteAllLines(report, rows);
            }
        }
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}

/// <summary>
/// The data of the kill trials, made once: <c>traza gen --scale small</c> (10,000 entry lines, 5,000 exits, ~118,000
/// consumptions) and three template databases: parts and BOM imported (to kill <c>import entries</c>), the whole ledger
/// imported (to kill a full discharge), and the ledger discharged as of 2025-06-30 (to kill the incremental discharge to
/// 2025-12-31).
/// </summary>
public sealed class KillFixture : IDisposable
{
    private const string AsOf = "2025-12-31";

    public KillFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "traza-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        var gen = Path.Combine(Folder, "gen");
        var work = new InProcessCli(Path.Combine(Folder, "work.db"));
        work.Ok("gen", "--scale", "small", "--out", gen, "--seed", "11");
        work.Ok("init", "--rfc", "MEN010101AB1", "--name", "Kill trials", "--immex", "2019-9001", "--modality", "industrial");
        work.Ok("import", "parts", Path.Combine(gen, "parts.csv"));
        work.Ok("import", "bom", Path.Combine(gen, "bom.csv"));
        var imported = Keep(work, "parts-and-bom.db");
        var entries = Path.Combine(gen, "entries.csv");
        work.Ok("import", "entries", entries);
        work.Ok("import", "exits", Path.Combine(gen, "exits.csv"));
        work.Ok("import", "events", Path.Combine(gen, "events.csv"));
        var ledger = Keep(work, "ledger.db");
        work.Ok("discharge", "--as-of", "2025-06-30");
        var half = Keep(work, "discharged-to-june.db");

        string[] discharge = ["discharge", "--as-of", AsOf];
        Scenarios =
        [
            new("import entries", imported, ["import", "entries", entries], EntriesState, EntriesState),
            new("discharge (full)", ledger, discharge, DischargeState, StoredDischarge),
            new("discharge (incremental)", half, discharge, DischargeState, StoredDischarge),
        ];
    }

    public string Folder { get; }

    public IReadOnlyList<KillScenario> Scenarios { get; }

    /// <summary>A harness with its own seed: <c>TRAZA_KILL_SEED</c>, else a new one (printed, so a failure can be replayed).</summary>
    public KillHarness Harness(out int seed, int referenceRuns = 1)
    {
        seed = Environment.GetEnvironmentVariable("TRAZA_KILL_SEED") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        return new KillHarness(Folder, new Random(seed), referenceRuns);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The entries as reported, and how many batches the chain holds.</summary>
    private static string EntriesState(InProcessCli cli) => cli.Ok("report", "entries", "--format", "csv") + Verified(cli);

    /// <summary>Balances and shortages as of the run's date.</summary>
    private static string DischargeState(InProcessCli cli) =>
        cli.Ok("report", "balances", "--as-of", AsOf, "--format", "csv")
        + cli.Ok("report", "shortages", "--as-of", AsOf, "--format", "csv");

    /// <summary>
    /// Every row of every table of derived discharge data (blobs by their SHA-256), but the run's start and end times and its
    /// derived_digest, which covers them (audit verify checks that digest).
    /// </summary>
    private static string StoredDischarge(InProcessCli cli)
    {
        var tables = KillHarness.Query(
            cli.Db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'discharge%' ORDER BY name");
        var stored = new StringBuilder();
        foreach (var table in tables.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = KillHarness.Query(
                    cli.Db, $"SELECT name FROM pragma_table_info('{table}') WHERE name NOT IN ('started_at', 'finished_at', 'derived_digest')")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var list = string.Join(", ", columns);
            var rows = KillHarness.Query(cli.Db, $"SELECT {list} FROM {table} ORDER BY {list}");
            stored.Append(table).Append('\n').Append(rows).Append('\n');
        }

        return stored.ToString();
    }

    /// <summary>The first line of <c>audit verify</c>, which names the number of batches.</summary>
    private static string Verified(InProcessCli cli) => cli.Ok("audit", "verify").Split('\n')[0];

    /// <summary>Copies the closed working database to a template.</summary>
    private string Keep(InProcessCli work, string name)
    {
        var path = Path.Combine(Folder, name);
        File.Copy(work.Db, path);
        if (File.Exists(work.Db + "-wal"))
        {
            File.Copy(work.Db + "-wal", path + "-wal");
        }

        return path;
    }
}
