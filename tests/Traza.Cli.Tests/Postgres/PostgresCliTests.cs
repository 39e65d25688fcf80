using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Traza.Cli.Tests.WorkedExamples;
using Traza.Storage.Tests.Postgres;

namespace Traza.Cli.Tests.Postgres;

/// <summary>
/// The same commands on the same files give the same outputs on SQLite and PostgreSQL (issue 12): imports, a full and then
/// an incremental discharge, every ledger and discharge report as CSV (the batches report shows the chain hashes), and an
/// intact audit.
/// </summary>
public sealed partial class PostgresCliTests
{
    private static readonly DateTimeOffset Now = new(2025, 12, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Reports = ["balances", "expiring", "shortages", "entries", "exits", "pedimentos", "batches", "periods"];

    [Theory]
    [InlineData("maquila", "MAQ990101AB1", "industrial")]
    [InlineData("shelter", "ALB180315XY9", "shelter")]
    public void A_sample_program_gives_the_same_outputs_on_sqlite_and_postgres(string sample, string rfc, string modality)
    {
        using var pg = new TempPostgres();
        var folder = Path.Combine(Path.GetTempPath(), "traza-pgcli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = Split(Path.Combine(TrazaRunner.Samples(), sample), folder);
            var sqlite = Transcript(Path.Combine(folder, "t.db"), rfc, modality, files);
            var postgres = Transcript(pg.ConnectionString, rfc, modality, files);
            postgres.Count.ShouldBe(sqlite.Count);
            for (var i = 0; i < sqlite.Count; i++)
            {
                postgres[i].ShouldBe(sqlite[i]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_demo_builds_into_postgres_replaces_only_its_own_database_and_never_shows_the_password()
    {
        using var pg = new TempPostgres();
        var target = new Npgsql.NpgsqlConnectionStringBuilder(pg.ConnectionString) { Password = "s3cret" }.ConnectionString;
        var files = Path.Combine(Directory.GetCurrentDirectory(), "traza-demo-" + new Npgsql.NpgsqlConnectionStringBuilder(target).Database); // a server target's input files
        try
        {
            var clock = new FakeTimeProvider(Now);
            using (var stdout = new StringWriter())
            using (var stderr = new StringWriter())
            {
                TrazaCli.Run(["demo", "--db", target], stdout, stderr, clock).ShouldBe(0, stderr.ToString());
                stdout.ToString().ShouldNotContain("s3cret");
                TrazaCli.Run(["demo", "--db", target], stdout, stderr, clock).ShouldBe(0, stderr.ToString()); // its own: replaced
                TrazaCli.Run(["audit", "verify", "--db", target], stdout, stderr, clock).ShouldBe(0, stderr.ToString());
            }

            pg.Execute("UPDATE app_meta SET value = 'someone else'");
            using (var stdout = new StringWriter())
            using (var stderr = new StringWriter())
            {
                TrazaCli.Run(["demo", "--db", target], stdout, stderr, clock).ShouldBe(4); // SPEC §5: not its own, refused
                stderr.ToString().ShouldNotContain("s3cret");
            }
        }
        finally
        {
            if (Directory.Exists(files))
            {
                Directory.Delete(files, recursive: true);
            }
        }
    }

    /// <summary>Every command's exit code and output, timings removed.</summary>
    private static List<string> Transcript(string db, string rfc, string modality, IReadOnlyList<(string Layout, string Path)> files)
    {
        var clock = new FakeTimeProvider(Now);
        var shown = Traza.Storage.Postgres.PostgresTarget.Accepts(db) ? Traza.Storage.Postgres.PostgresTarget.Parse(db).Display : db;
        var transcript = new List<string>();
        string Run(params string[] args)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = TrazaCli.Run([.. args, "--db", db, "--user", "tester"], stdout, stderr, clock);
            code.ShouldBe(0, $"traza {string.Join(' ', args)} on {db}\n{stdout}\n{stderr}");
            var output = Timing().Replace(stdout.ToString(), " in S s").Replace(shown, "<db>", StringComparison.Ordinal);
            transcript.Add($"traza {string.Join(' ', args.Select(Path.GetFileName))}: {code}\n{output}");
            return output;
        }

        Run("init", "--rfc", rfc, "--name", "Ejemplo", "--immex", "2019-1234", "--modality", modality, "--valid-to", "2030-12-31");
        var discharged = false;
        string? laterBatch = null;
        foreach (var (layout, path) in files)
        {
            if (layout == "exits" && !discharged && Path.GetFileName(path).StartsWith("later", StringComparison.Ordinal))
            {
                Run("discharge", "--as-of", "2025-12-31"); // full; the later exits make the next one incremental
                discharged = true;
            }

            var imported = Run("import", layout, path);
            if (Path.GetFileName(path).StartsWith("later", StringComparison.Ordinal))
            {
                laterBatch = imported.TrimEnd().Split(' ')[^1];
            }
        }

        Run("discharge", "--as-of", "2025-12-31");
        foreach (var report in Reports)
        {
            Run("report", report, "--as-of", "2025-12-31", "--format", "csv");
        }

        Run("audit", "verify");

        // A reversal (rows moved to exit_reversed, still chained) and the discharge after it.
        Run("reverse", "--batch", laterBatch!, "--reason", "sent twice");
        Run("discharge", "--as-of", "2025-12-31");
        Run("report", "balances", "--as-of", "2025-12-31", "--format", "csv");
        Run("report", "exits", "--as-of", "2025-12-31", "--format", "csv");
        Run("audit", "verify");
        return transcript;
    }

    /// <summary>The sample's files in import order, its exits split so the later half is imported after a first discharge.</summary>
    private static List<(string Layout, string Path)> Split(string sample, string folder)
    {
        var files = new List<(string, string)>();
        foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" })
        {
            var path = Path.Combine(sample, layout + ".csv");
            if (!File.Exists(path))
            {
                continue;
            }

            if (layout != "exits")
            {
                files.Add((layout, path));
                continue;
            }

            var lines = File.ReadAllLines(path);
            var half = 1 + ((lines.Length - 1) / 2);
            var early = Path.Combine(folder, "early-exits.csv");
            var later = Path.Combine(folder, "later-exits.csv");
            File.WriteAllLines(early, lines[..half]);
            File.WriteAllLines(later, [lines[0], .. lines[half..]]);
            files.Add(("exits", early));
            files.Add(("exits", later));
        }

        // Events after every exit: moving the later exits last keeps the incremental run on the exits.
        return [.. files.Where(f => f.Item2.Contains("later", StringComparison.Ordinal) is false), .. files.Where(f => f.Item2.Contains("later", StringComparison.Ordinal))];
    }

    [GeneratedRegex(@" in [0-9]+(\.[0-9]+)? s")]
    private static partial Regex Timing();
}
