namespace Traza.Cli.Tests.Reliability;

/// <summary>
/// A CSV report on the real process's standard output goes out as UTF-8 bytes straight to the stream (ReportCommand: not
/// through the console's text writer): byte for byte what <c>--out FILE</c> writes, in the real executable.
/// </summary>
public sealed class ReportStdoutTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("traza-stdout-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Csv_on_standard_output_is_the_file_the_out_option_writes()
    {
        var demo = TrazaProcess.Run(folder, "demo", "--db", "d.db");
        demo.Exit.ShouldBe(0, demo.Stderr);

        foreach (var report in new[] { "custody", "balances", "shortages" })
        {
            var piped = TrazaProcess.Run(folder, "report", report, "--db", "d.db", "--format", "csv");
            var written = TrazaProcess.Run(folder, "report", report, "--db", "d.db", "--format", "csv", "--out", report + ".csv");

            (piped.Exit, written.Exit).ShouldBe((0, 0), piped.Stderr + written.Stderr);
            piped.Stdout.Split('\n').Length.ShouldBeGreaterThan(2, report);
            piped.Stdout.ShouldBe(File.ReadAllText(Path.Combine(folder, report + ".csv")), report);
        }
    }
}
