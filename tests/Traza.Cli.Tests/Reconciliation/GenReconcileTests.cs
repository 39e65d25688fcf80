using System.IO.Compression;
using System.Text;
using Traza.App.Generation;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>
/// Issue 13 item 6: <c>traza gen</c> writes a Data Stage package that matches its ledger — 512 descargos of its V1 and V5
/// transfers included — so <c>report reconcile</c> on a generated program is a clean example, and one changed 512 quantity
/// is exactly one <c>descargo_differs</c>.
/// </summary>
public class GenReconcileTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    [Fact]
    public void Generated_program_reconciles_with_no_finding_and_its_transfers_carry_both_shapes_of_512_rows()
    {
        using var cli = new CliHarness();
        var dir = Generate(cli);
        var lines = Member(Path.Combine(dir, "datastage.zip"), "512").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var rows = lines.Skip(1).Select(l => l.Split('|')).ToList();
        var exits = File.ReadAllLines(Path.Combine(dir, "exits.csv")).Skip(1).Select(l => l.Split(',')).ToList();

        // V1 transfers: rows with a fracción and a quantity; V5: references to the original only (no fracción, .000).
        rows.Count.ShouldBeGreaterThan(1000);
        rows.ShouldContain(r => r[8].Length == 8 && r[10] != ".000");
        rows.ShouldContain(r => r[8].Length == 0 && r[9].Length == 0 && r[10] == ".000");
        exits.Select(e => e[2]).Distinct().Order(StringComparer.Ordinal).ShouldBe(["RT", "V1", "V5"]);
        Import(cli, dir);

        cli.ReportCsv("reconcile", "--as-of", "2025-12-31")
            .ShouldBe(["finding,pedimento,partida,field,ledger,datastage,difference,advice,source"]);
    }

    [Fact]
    public void One_changed_512_quantity_of_a_generated_transfer_is_one_descargo_finding()
    {
        using var cli = new CliHarness();
        var dir = Generate(cli);
        var package = Path.Combine(dir, "datastage.zip");
        var text = Member(package, "512");
        var lines = text.Split("\r\n").ToList();
        var at = lines.FindIndex(1, l => l.Split('|') is { Length: > 10 } f && f[8].Length == 8 && f[10] != ".000");
        var f = lines[at].Split('|');
        var before = decimal.Parse(f[10], System.Globalization.CultureInfo.InvariantCulture);
        f[10] = (before + 2.5m).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        lines[at] = string.Join('|', f);
        ReplaceMember(package, "512", string.Join("\r\n", lines));
        Import(cli, dir);

        var rows = CsvText.Rows(cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--format", "csv").Stdout);

        var exit = "25" + f[2][..2] + f[0] + f[1];
        var original = "25" + f[5][..2] + f[3] + f[4];
        var finding = rows.ShouldHaveSingleItem();
        (finding["finding"], finding["pedimento"], finding["field"]).ShouldBe(("descargo_differs", exit, $"descargo {original} {f[8]}"));
        Number(finding["datastage"]).ShouldBe(Number(f[10]));
        var difference = Number(finding["difference"]);
        difference.ShouldBe(Number(finding["datastage"]) - Number(finding["ledger"]));
        Math.Abs(difference - 2.5m).ShouldBeLessThanOrEqualTo(0.0005m); // SAT's 512 has 3 decimals, Traza's sum 6
    }

    /// <summary>
    /// <c>report descargos</c> sums custody's values without its rows: on the generated program its blocks are exactly the
    /// <c>report custody</c> rows (the plain twin) summed by exit, original pedimento, fracción and UMT, and a block asked
    /// for with <c>--exit</c> is that exit's part of the whole.
    /// </summary>
    [Fact]
    public void Descargos_are_the_custody_rows_summed_by_exit_original_and_fraccion()
    {
        using var cli = new CliHarness();
        var dir = Generate(cli);
        Import(cli, dir);
        var parts = File.ReadAllLines(Path.Combine(dir, "parts.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => (Fraccion: p[3], Umt: p[6]));
        var claves = File.ReadAllLines(Path.Combine(dir, "entries.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(e => e[0]).ToDictionary(g => g.Key, g => g.First()[2]);
        static bool IsPedimento(string d) => d.Length == 15 && d.All(char.IsAsciiDigit);

        var expected = CsvText.Rows(cli.Run("report", "custody", "--as-of", "2025-12-31", "--format", "csv").Stdout)
            .Where(r => IsPedimento(r["exit_document"]) && IsPedimento(r["entry_pedimento"]))
            .GroupBy(r => (Exit: r["exit_document"], Original: r["entry_pedimento"], parts[r["component"]].Fraccion, parts[r["component"]].Umt))
            .OrderBy(g => g.Key.Exit, StringComparer.Ordinal).ThenBy(g => g.Key.Original, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Fraccion, StringComparer.Ordinal).ThenBy(g => g.Key.Umt, StringComparer.Ordinal)
            .Select(g => string.Join(',', g.Key.Original, claves[g.Key.Original], g.Min(r => r["entry_date"]), g.Key.Fraccion, g.Key.Umt,
                g.Sum(r => Number(r["qty_umt"])).ToString(System.Globalization.CultureInfo.InvariantCulture), g.Key.Exit))
            .ToList();
        var descargos = cli.ReportCsv("descargos", "--as-of", "2025-12-31").Skip(1).ToList();

        expected.Count.ShouldBeGreaterThan(1000);
        descargos.Select(Canonical).ShouldBe(expected.Select(Canonical));
        foreach (var exit in descargos.Select(l => l.Split(',')[6]).Distinct().Where((_, i) => i % 97 == 0))
        {
            cli.ReportCsv("descargos", "--exit", exit, "--as-of", "2025-12-31").Skip(1).ShouldBe(descargos.Where(l => l.EndsWith("," + exit, StringComparison.Ordinal)));
        }
    }

    /// <summary>A descargos line with its quantity as a number (trailing zeros aside).</summary>
    private static string Canonical(string line)
    {
        var f = line.Split(',');
        f[5] = Number(f[5]).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(',', f);
    }

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static string Generate(CliHarness cli)
    {
        var dir = cli.Path_("gen");
        var r = cli.Run("gen", "--scale", "small", "--out", dir);
        r.Exit.ShouldBe(0, r.Stderr);
        return dir;
    }

    private static void Import(CliHarness cli, string dir)
    {
        cli.Run("init", "--rfc", Scales.Rfc, "--name", "Generated", "--immex", Scales.Immex, "--modality", "industrial").Exit.ShouldBe(0);
        foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" })
        {
            var imported = cli.Run("import", layout, Path.Combine(dir, layout + ".csv"));
            imported.Exit.ShouldBe(0, imported.Stderr);
        }

        var ds = cli.Run("import", "datastage", Path.Combine(dir, "datastage.zip"));
        ds.Exit.ShouldBe(0, ds.Stderr);
    }

    private static string Member(string zip, string table)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries.Single(e => e.Name.EndsWith("_" + table + ".asc", StringComparison.Ordinal)).Open(), Latin1);
        return reader.ReadToEnd();
    }

    private static void ReplaceMember(string zip, string table, string text)
    {
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        var entry = archive.Entries.Single(e => e.Name.EndsWith("_" + table + ".asc", StringComparison.Ordinal));
        var name = entry.FullName;
        entry.Delete();
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(Latin1.GetBytes(text));
    }
}
