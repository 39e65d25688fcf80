using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Traza.Cli.Tests.Reliability;

/// <summary>
/// A command to kill: it runs on a copy of <see cref="Template"/> with <see cref="Args"/> (plus <c>--db</c>).
/// <see cref="Stored"/> reads what the command writes, without writing: right after a kill it must be what the template
/// held or what an uninterrupted run leaves, nothing in between. <see cref="State"/> is what the user sees (reports): after
/// running the command again it must equal an uninterrupted run's.
/// </summary>
public sealed record KillScenario(
    string Name, string Template, string[] Args, Func<InProcessCli, string> State, Func<InProcessCli, string> Stored);

/// <summary>Where a kill fell.</summary>
public enum KillOutcome
{
    /// <summary>The process ended by itself before the kill was due.</summary>
    FinishedFirst,

    /// <summary>Killed before its transaction committed: the database is as it was.</summary>
    KilledBeforeCommit,

    /// <summary>Killed after its transaction committed, on its way out.</summary>
    KilledAfterCommit,
}

/// <summary>One trial: which command, when the kill came (and the uninterrupted run's length, for scale), where it fell.</summary>
public sealed record KillTrial(int Number, string Scenario, TimeSpan KillAfter, TimeSpan Uninterrupted, KillOutcome Outcome)
{
    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Number} | {Scenario} | {KillAfter.TotalMilliseconds:0} ms | {KillAfter / Uninterrupted:0.00} | {Outcome} | passed |");
}

/// <summary>
/// Crash safety by killing (SPEC §9, issue 11 item 8): runs the real <c>traza</c> as a child process on a copy of a
/// scenario's template database, kills it with SIGKILL (<see cref="Process.Kill()"/>) after a random delay scaled to the
/// length of an uninterrupted run, and then checks that the database opens and passes SQLite's integrity check, that
/// <c>traza audit verify</c> passes, that what is stored is all or nothing of the command's work, that running the same
/// command again succeeds, and that the state it leaves equals the uninterrupted run's. Every check is a Shouldly
/// assertion; a trial that returns passed them all.
/// </summary>
/// <param name="folder">Where the copies go.</param>
/// <param name="random">Picks the kill moments.</param>
/// <param name="referenceRuns">
/// Uninterrupted runs per scenario; the shortest sets the scale of the kill moments (the first run of a command is often
/// slow: cold files, a busy machine), all must reach the same state.
/// </param>
public sealed class KillHarness(string folder, Random random, int referenceRuns = 1)
{
    /// <summary>
    /// Kills fall uniformly between these fractions of the uninterrupted run: its first quarter is mostly the runtime
    /// starting, and a kill due after its end tests a run that finished (its length varies with the machine's load).
    /// </summary>
    private const double Earliest = 0.25, Latest = 1.1;

    private readonly Dictionary<string, (string State, string Stored, TimeSpan Elapsed)> references = [];
    private int trials;

    /// <summary>Runs the scenario's command uninterrupted on fresh copies: its state is what every trial must reach.</summary>
    public (string State, string Stored, TimeSpan Elapsed) Reference(KillScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (references.TryGetValue(scenario.Name, out var known))
        {
            return known;
        }

        (string State, string Stored, TimeSpan Elapsed)? reference = null;
        for (var i = 0; i < Math.Max(1, referenceRuns); i++)
        {
            var db = Copy(scenario.Template, $"reference-{Slug(scenario.Name)}-{i}.db");
            var run = TrazaProcess.Run(folder, [.. scenario.Args, "--db", db]);
            run.Exit.ShouldBe(0, $"uninterrupted traza {string.Join(' ', scenario.Args)}\n{run.Stdout}\n{run.Stderr}");
            var cli = new InProcessCli(db);
            var stored = scenario.Stored(cli);
            var state = scenario.State(cli);
            if (reference is { } first)
            {
                (state, stored).ShouldBe((first.State, first.Stored), $"{scenario.Name}: two uninterrupted runs reach the same state");
            }

            reference = (state, stored, reference is { } r && r.Elapsed < run.Elapsed ? r.Elapsed : run.Elapsed);
        }

        references[scenario.Name] = reference!.Value;
        return reference.Value;
    }

    /// <summary>One trial: copy, start, kill after a random delay, check, run again, compare with the reference.</summary>
    public KillTrial Trial(KillScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var (expected, expectedStored, uninterrupted) = Reference(scenario);
        var number = ++trials;
        var db = Copy(scenario.Template, $"trial-{number}.db");
        var cli = new InProcessCli(db);
        var before = scenario.Stored(cli);
        var delay = uninterrupted * (Earliest + ((Latest - Earliest) * random.NextDouble()));
        var what = $"trial {number}: traza {string.Join(' ', scenario.Args)} killed after {delay.TotalMilliseconds:0} ms";

        bool killed;
        using (var process = TrazaProcess.Start(folder, [.. scenario.Args, "--db", db]))
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            killed = !process.WaitForExit(delay);
            if (killed)
            {
                process.Kill(); // SIGKILL on Unix: no handler, no finally, no flush
            }

            process.WaitForExit();
            if (!killed)
            {
                process.ExitCode.ShouldBe(0, $"{what}: it ended first\n{stdout.Result}\n{stderr.Result}");
            }
        }

        IntegrityCheck(db).ShouldBe("ok", $"{what}: SQLite integrity_check");
        var audit = cli.Run("audit", "verify");
        audit.Exit.ShouldBe(0, $"{what}: audit verify after the kill\n{audit.Stdout}{audit.Stderr}");
        var stored = scenario.Stored(cli);
        if (stored != before)
        {
            stored.ShouldBe(expectedStored, $"{what}: what is stored right after the kill is the template's or a whole run's");
        }

        var outcome = !killed ? KillOutcome.FinishedFirst
            : stored != before ? KillOutcome.KilledAfterCommit
            : KillOutcome.KilledBeforeCommit;

        var again = TrazaProcess.Run(folder, [.. scenario.Args, "--db", db]);
        again.Exit.ShouldBe(0, $"{what}: run again\n{again.Stdout}\n{again.Stderr}");
        cli.Run("audit", "verify").Exit.ShouldBe(0, $"{what}: audit verify after running again");
        scenario.Stored(cli).ShouldBe(expectedStored, $"{what} ({outcome}): stored after running again = one uninterrupted run");
        scenario.State(cli).ShouldBe(expected, $"{what} ({outcome}): reports after running again = one uninterrupted run");
        return new KillTrial(number, scenario.Name, delay, uninterrupted, outcome);
    }

    /// <summary>SQLite's own check of every page and index, on a connection of its own.</summary>
    public static string IntegrityCheck(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return string.Join('\n', Lines(command));
    }

    /// <summary>The rows of a query, each as its fields joined by a tab.</summary>
    public static string Query(string db, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return string.Join('\n', Lines(command));
    }

    private static IEnumerable<string> Lines(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
            {
                byte[] blob => Convert.ToHexString(SHA256.HashData(blob)),
                var value => Convert.ToString(value, CultureInfo.InvariantCulture),
            })));
        }

        return lines;
    }

    /// <summary>Copies a closed database, with its write-ahead log if one was left.</summary>
    private string Copy(string template, string name)
    {
        var db = Path.Combine(folder, name);
        File.Copy(template, db, overwrite: true);
        File.Delete(db + "-wal");
        File.Delete(db + "-shm");
        if (File.Exists(template + "-wal"))
        {
            File.Copy(template + "-wal", db + "-wal");
        }

        return db;
    }

    private static string Slug(string name) => new([.. name.Select(c => char.IsLetterOrDigit(c) ? c : '-')]);
}

/// <summary>Runs <c>traza</c> in-process on one database with a fixed clock (the checks around a kill).</summary>
public sealed class InProcessCli(string db)
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public string Db => db;

    public CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = TrazaCli.Run([.. args, "--db", db], stdout, stderr, clock);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A command's stdout; it must succeed.</summary>
    public string Ok(params string[] args)
    {
        var r = Run(args);
        r.Exit.ShouldBe(0, $"traza {string.Join(' ', args)}\n{r.Stdout}\n{r.Stderr}");
        return r.Stdout;
    }
}
