using Microsoft.Extensions.Time.Testing;

namespace Traza.Cli.Tests;

/// <summary>
/// Runs <c>traza</c> in-process against a fresh store (a SQLite file in a temp folder, or a PostgreSQL database: see
/// <see cref="TestStore"/>), with a fixed clock.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public CliHarness(DateTimeOffset? now = null)
    {
        Clock = new FakeTimeProvider(now ?? new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));
        Folder = Path.Combine(Path.GetTempPath(), "traza-cli-" + Guid.NewGuid().ToString("N"));
        Db = TestStore.NewTarget(Folder, "traza.db");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Db { get; }

    /// <summary>Where <c>traza demo</c> writes its input files for this harness's target (docs/cli.md).</summary>
    public string DemoFiles => TestStore.DemoFiles(Db, Folder);

    public FakeTimeProvider Clock { get; }

    public string Path_(string name) => Path.Combine(Folder, name);

    /// <summary>Writes a file (lines joined with LF) and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var all = args.Concat(["--db", Db]).ToArray();
        var exit = TrazaCli.Run(all, stdout, stderr, Clock);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs without adding --db.</summary>
    public CliResult RunRaw(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = TrazaCli.Run(args, stdout, stderr, Clock);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Imports a file written from lines; asserts nothing.</summary>
    public CliResult Import(string layout, string name, params string[] lines) => Run("import", layout, Write(name, lines));

    /// <summary>The standard parts: MAT-1, MAT-2 (kg, umt 1 factor 0.5), FG-1 finished, NAT-1 national; MAT-9 of client acme.</summary>
    public void StandardParts()
    {
        Import("parts", "parts.csv",
            "part,description,kind,fraccion,nico,umc,umt,umt_per_umc,origin,source,client",
            "MAT-1,Steel,material,72085101,00,6,,,US,,",
            "MAT-2,Resin,material,39011001,01,6,1,0.5,CN,imported,",
            "FG-1,Widget,finished,84733001,00,6,,,,,",
            "NAT-1,Screw,material,,,6,,,,national,",
            "MAT-9,Film,material,,,6,,,,,acme").Exit.ShouldBe(0);
    }

    /// <summary>A report as CSV lines (header first).</summary>
    public string[] ReportCsv(string name, params string[] extra)
    {
        var result = Run(["report", name, "--format", "csv", .. extra]);
        result.Exit.ShouldBe(0, result.Stderr);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose()
    {
        TestStore.Drop(Db);
        foreach (var folder in new[] { Folder, DemoFiles })
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}

public sealed record CliResult(int Exit, string Stdout, string Stderr);
