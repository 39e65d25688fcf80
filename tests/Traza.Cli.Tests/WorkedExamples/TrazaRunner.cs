using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Traza.Cli.Tests.WorkedExamples;

/// <summary>Runs `traza` in-process against a fresh store in a temp folder (see <see cref="TestStore"/>).</summary>
internal sealed class TrazaRunner : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "traza-we-" + Guid.NewGuid().ToString("N"));

    public TrazaRunner(DateTimeOffset now)
    {
        Db = TestStore.NewTarget(dir, "t.db");
        Directory.CreateDirectory(dir);
        Clock = new FakeTimeProvider(now);
    }

    public FakeTimeProvider Clock { get; }

    public string Db { get; }

    public string Dir => dir;

    /// <summary>The repository's samples folder, found from this source file's path.</summary>
    public static string Samples([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "samples"));

    public (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = TrazaCli.Run([.. args, "--db", Db], stdout, stderr, Clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Ok(params string[] args)
    {
        var (code, output, err) = Run(args);
        code.ShouldBe(0, $"traza {string.Join(' ', args)}\n{output}\n{err}");
    }

    /// <summary>Runs a report as CSV and returns its rows as dictionaries by column name (RFC 4180, see <see cref="CsvText"/>).</summary>
    public List<Dictionary<string, string>> Csv(params string[] args)
    {
        var (code, output, err) = Run([.. args, "--format", "csv"]);
        code.ShouldBe(0, err);
        return CsvText.Rows(output);
    }

    public void Dispose()
    {
        TestStore.Drop(Db);
        foreach (var folder in new[] { dir, TestStore.DemoFiles(Db, dir) })
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, true);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
