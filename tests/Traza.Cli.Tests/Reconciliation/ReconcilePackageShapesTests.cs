using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Traza.Formats.DataStage;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>
/// Issue 13 item 6: reconcile over every real package shape the parser accepts (SPEC §4.2) — the worked example's package
/// (<see cref="ReconcileTests"/>: one finding of every kind, tables with only a header, a pedimento whose year differs from
/// its number's first digit) as a ZIP inside a ZIP, a ZIP without an extension, a folder, with <c>/</c> dates and a time
/// on every date, and as two overlapping packages — gives exactly the findings of the plain ZIP, row for row.
/// </summary>
public partial class ReconcilePackageShapesTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    [Theory]
    [InlineData("nested")]
    [InlineData("no-extension")]
    [InlineData("folder")]
    [InlineData("slash-dates-with-time")]
    [InlineData("overlapping")]
    public void Every_package_shape_gives_the_findings_of_the_plain_zip(string shape)
    {
        var plain = Findings(cli =>
        {
            using var w = ReconcileTests.Package(clean: false, new DataStageWriterOptions { DateStyle = DataStageDateStyle.Dash });
            var path = cli.Path_("pkg.zip");
            w.WriteZip(path);
            HeaderOnlyTables(path).ShouldContain("552"); // tables with only a header are part of the plain shape
            return [path];
        });
        plain.Count.ShouldBe(18);

        var shaped = Findings(cli =>
        {
            switch (shape)
            {
                case "nested":
                {
                    using var w = ReconcileTests.Package(clean: false, new DataStageWriterOptions { Nested = true });
                    var path = cli.Path_("forwarded.zip");
                    w.WriteZip(path);
                    return [path];
                }

                case "no-extension":
                {
                    using var w = ReconcileTests.Package(clean: false);
                    var path = cli.Path_("900001_solicitud");
                    w.WriteZip(path);
                    return [path];
                }

                case "folder":
                {
                    using var w = ReconcileTests.Package(clean: false);
                    var path = cli.Path_("unzipped");
                    w.WriteFolder(path);
                    return [path];
                }

                case "slash-dates-with-time":
                {
                    using var w = ReconcileTests.Package(clean: false, new DataStageWriterOptions { DateStyle = DataStageDateStyle.Slash });
                    var path = cli.Path_("slashes");
                    w.WriteFolder(path);
                    var dated = 0;
                    foreach (var file in Directory.GetFiles(path))
                    {
                        // Every date-only value gets a time too (yyyy/MM/dd HH:mm:ss), as some exporters write every date.
                        var text = File.ReadAllText(file, Latin1);
                        var changed = DateOnlyField().Replace(text, m => { dated++; return m.Value.Replace('-', '/') + " 00:00:00"; });
                        File.WriteAllText(file, changed, Latin1);
                    }

                    dated.ShouldBeGreaterThan(10);
                    File.ReadAllText(Directory.GetFiles(path, "*_512.asc").Single(), Latin1).ShouldContain("|2025/01/08 00:00:00|");
                    return [path];
                }

                default:
                {
                    // The same rows delivered twice: another folio, nested, with dates in both styles; they merge.
                    using var a = ReconcileTests.Package(clean: false);
                    using var b = ReconcileTests.Package(clean: false, new DataStageWriterOptions { Nested = true, DateStyle = DataStageDateStyle.Mixed },
                        folio: "900002");
                    var first = cli.Path_("a.zip");
                    var second = cli.Path_("b.zip");
                    a.WriteZip(first);
                    b.WriteZip(second);
                    return [first, second];
                }
            }
        });

        shaped.ShouldBe(plain);
    }

    /// <summary>The findings (every column) after importing the example's ledger and the packages <paramref name="packages"/> writes.</summary>
    private static List<string> Findings(Func<CliHarness, List<string>> packages)
    {
        using var cli = ReconcileTests.Ledger(clean: false);
        foreach (var path in packages(cli))
        {
            var r = cli.Run("import", "datastage", path);
            r.Exit.ShouldBe(0, r.Stderr);
        }

        return [.. cli.ReportCsv("reconcile", "--as-of", "2025-12-31").Skip(1)];
    }

    private static List<string> HeaderOnlyTables(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return [.. archive.Entries.Where(e =>
        {
            using var reader = new StreamReader(e.Open(), Latin1);
            return reader.ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length == 1;
        }).Select(e => e.Name[(e.Name.IndexOf('_', StringComparison.Ordinal) + 1)..^4])];
    }

    /// <summary>A date-only field value (between pipes, no time after it).</summary>
    [GeneratedRegex(@"(?<=\|)\d{4}[-/]\d{2}[-/]\d{2}(?=\|)")]
    private static partial Regex DateOnlyField();
}
