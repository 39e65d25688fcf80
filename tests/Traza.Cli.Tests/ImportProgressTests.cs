using System.Globalization;
using Traza.App.Imports;
using Traza.App.Progress;

namespace Traza.Cli.Tests;

/// <summary>SPEC §5: long work shows progress on a terminal and stays quiet when redirected (issue 5 item 4).</summary>
public sealed class ImportProgressTests : IDisposable
{
    private readonly CliHarness cli = new();

    public ImportProgressTests() => cli.StandardParts();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Import_redirected_writes_no_progress()
    {
        var lines = new List<string> { "pedimento,partida,clave,date,part,qty" };
        for (var i = 1; i <= 3_000; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"254734565000123,{i},IN,2025-01-05,MAT-1,1"));
        }

        var r = cli.Import("entries", "e.csv", [.. lines]);
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldBeEmpty();
        r.Stdout.ShouldBe("e.csv: imported 3000 entries rows as batch 2" + Environment.NewLine);
    }

    [Fact]
    public void Import_on_a_terminal_draws_a_bar_up_to_the_rows_read_and_clears_it()
    {
        var path = cli.Write("e.csv", [.. Entries(3_000)]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = TrazaCli.Run(
            ["import", "entries", path, "--db", cli.Db], stdout, stderr, new SteppingClock(cli.Clock), stderrIsTerminal: true);

        exit.ShouldBe(0, stderr.ToString());
        stdout.ToString().ShouldBe("e.csv: imported 3000 entries rows as batch 2" + Environment.NewLine);
        var drawn = stderr.ToString();
        drawn.ShouldStartWith("\r\u001b[2Kimport entries");
        drawn.ShouldMatch(@"\r\u001b\[2Kimport entries +\[[#.]{30}\] +[0-9.]+% 3,000/[0-9,]+\r\u001b\[2K$");
    }

    [Fact]
    public void Import_told_its_stderr_is_no_terminal_draws_nothing()
    {
        var path = cli.Write("e.csv", [.. Entries(3_000)]);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = TrazaCli.Run(
            ["import", "entries", path, "--db", cli.Db], stdout, stderr, new SteppingClock(cli.Clock), stderrIsTerminal: false);

        exit.ShouldBe(0, stderr.ToString());
        stderr.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Import_reports_its_stage_and_the_rows_read()
    {
        var lines = new List<string> { "pedimento,partida,clave,date,part,qty" };
        for (var i = 1; i <= 2_500; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"254734565000123,{i},IN,2025-01-05,MAT-1,1"));
        }

        var path = cli.Write("e.csv", [.. lines]);
        var progress = new RecordingProgress();
        using (var store = TestStore.Open(cli.Db, cli.Clock))
        {
            ImportService.Import(store, "entries", path, progress).Inserted.ShouldBe(2_500);
        }

        // The total is estimated from the file size and the length of its first lines.
        progress.Stages.Count.ShouldBe(1);
        progress.Stages[0].Name.ShouldBe("import entries");
        progress.Stages[0].Total.ShouldBeInRange(2_400, 2_600);
        progress.Done.ShouldNotBeEmpty();
        progress.Done[^1].ShouldBe(2_500);
        progress.Done.ShouldBeInOrder();
    }

    private static IEnumerable<string> Entries(int rows)
    {
        yield return "pedimento,partida,clave,date,part,qty";
        for (var i = 1; i <= rows; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"254734565000123,{i},IN,2025-01-05,MAT-1,1");
        }
    }

    /// <summary>The fake clock's wall time, but a second passes at every timestamp read, so no redraw is held back.</summary>
    private sealed class SteppingClock(TimeProvider wall) : TimeProvider
    {
        private long ticks;

        public override DateTimeOffset GetUtcNow() => wall.GetUtcNow();

        public override long GetTimestamp() => ticks += TimestampFrequency;
    }

    private sealed class RecordingProgress : IWorkProgress
    {
        public List<(string Name, long Total)> Stages { get; } = [];

        public List<long> Done { get; } = [];

        public void Stage(string name, long total = 0) => Stages.Add((name, total));

        public void Advance(long done) => Done.Add(done);
    }
}
