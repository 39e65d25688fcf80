using Traza.App.Generation;

namespace Traza.Cli.Tests.Government;

/// <summary>Issue 5 item 1 (and issue 4's package writer): <c>traza gen</c> writes the Data Stage package of the program it generates.</summary>
public class GenDataStageTests
{
    private static string Gen(CliHarness cli, string folder, string seed = "1")
    {
        var dir = cli.Path_(folder);
        var r = cli.Run("gen", "--scale", "small", "--out", dir, "--seed", seed);
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("datastage.zip");
        r.Stdout.ShouldContain(Scales.Rfc);
        return dir;
    }

    [Fact]
    public void Gen_small_package_imports_and_every_pedimento_has_datastage_and_ledger_with_the_same_figures()
    {
        using var cli = new CliHarness();
        var dir = Gen(cli, "gen");
        File.Exists(Path.Combine(dir, "datastage.zip")).ShouldBeTrue();
        cli.Run("init", "--rfc", Scales.Rfc, "--name", "Generated", "--immex", Scales.Immex, "--modality", "industrial").Exit.ShouldBe(0);
        foreach (var layout in new[] { "parts", "bom", "entries", "exits" })
        {
            var imported = cli.Run("import", layout, Path.Combine(dir, layout + ".csv"));
            imported.Exit.ShouldBe(0, imported.Stderr);
        }

        var ledgerOnly = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");

        var r = cli.Run("import", "datastage", Path.Combine(dir, "datastage.zip"));

        r.Exit.ShouldBe(0, r.Stderr);
        var both = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");
        both.Length.ShouldBe(ledgerOnly.Length);
        both.Length.ShouldBeGreaterThan(500);
        both.Skip(1).ShouldAllBe(l => l.EndsWith(",datastage;ledger", StringComparison.Ordinal));
        both.Skip(1).Select(l => l[..l.LastIndexOf(',')]).ShouldBe(ledgerOnly.Skip(1).Select(l => l[..l.LastIndexOf(',')]));
        both.ShouldContain(l => l.Contains(",RT,export,", StringComparison.Ordinal));
        both.ShouldContain(l => l.Contains(",IN,import,", StringComparison.Ordinal));

        // The point read of one pedimento (--pedimento: the dashboard's pedimento page) reads only the Data Stage blocks whose
        // key range can hold it — 551 is several blocks here — and gives the whole report's row, first to last.
        var sample = both.Skip(1).Where((_, i) => i % (both.Length / 12) == 0).Append(both[1]).Append(both[^1]).Distinct().ToList();
        foreach (var line in sample)
        {
            var pedimento = line[..line.IndexOf(',', StringComparison.Ordinal)];
            cli.ReportCsv("pedimentos", "--as-of", "2025-12-31", "--pedimento", pedimento).ShouldBe([both[0], line]);
        }
    }

    [Fact]
    public void Gen_small_hits_the_volumes_exactly_and_depends_only_on_scale_and_seed()
    {
        using var cli = new CliHarness();
        var a = Gen(cli, "a");
        var b = Gen(cli, "b");
        var c = Gen(cli, "c", seed: "2");

        File.ReadAllLines(Path.Combine(a, "entries.csv")).Length.ShouldBe(10_000 + 1);
        File.ReadAllLines(Path.Combine(a, "exits.csv")).Length.ShouldBe(5_000 + 1);
        foreach (var file in new[] { "parts.csv", "bom.csv", "entries.csv", "exits.csv", "events.csv", "datastage.zip" })
        {
            File.ReadAllBytes(Path.Combine(b, file)).ShouldBe(File.ReadAllBytes(Path.Combine(a, file)), file);
        }

        File.ReadAllBytes(Path.Combine(c, "datastage.zip")).ShouldNotBe(File.ReadAllBytes(Path.Combine(a, "datastage.zip")));
    }

    [Fact]
    public void Gen_package_is_refused_by_a_program_with_another_rfc()
    {
        using var cli = new CliHarness();
        var dir = Gen(cli, "gen");
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Other", "--immex", "X", "--modality", "industrial").Exit.ShouldBe(0);

        var r = cli.Run("import", "datastage", Path.Combine(dir, "datastage.zip"));

        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain(Scales.Rfc);
    }
}
