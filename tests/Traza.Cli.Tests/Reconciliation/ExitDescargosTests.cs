using System.Globalization;
using CsCheck;
using Traza.App.Generation;
using Traza.App.Reports;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>
/// Reconciliation's descargos summed straight from the stored pools (<see cref="ExitDescargos"/>, the fast path) are the
/// lines of <c>report descargos</c> summed the slow way, through custody's rows (<see cref="DescargosReport"/>): on random
/// generated ledgers with V1/V5 transfers, rectified entries and exits and reversed entries and exits, for every exit
/// and for a random few, at the year's end and mid-year, with the ledger's entry lines given or not (then every lot's
/// entry comes from the set read). Both stores (Traza.Cli.Tests.Postgres compiles this file again).
/// </summary>
public sealed class ExitDescargosTests
{
    private static readonly DateOnly YearEnd = new(2025, 12, 31);

    [Fact]
    public void Descargos_from_the_pools_equal_report_descargos_on_random_ledgers_with_transfers_rectifications_and_reversals()
    {
        TestStore.RequireServer(); // a skip inside the sample would fail, wrapped
        Gen.Int[1, 10_000].Sample(Check, iter: 2);
    }

    /// <summary>Seeds that once found a difference.</summary>
    [Theory]
    [InlineData(2022)]
    public void Descargos_from_the_pools_equal_report_descargos_on_a_known_ledger(int seed) => Check(seed);

    private static void Check(int seed)
    {
                using var cli = new CliHarness();
                var dir = cli.Path_("gen");
                cli.Run("gen", "--scale", "small", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", dir).Exit.ShouldBe(0);
                Import(cli, dir);
                var random = new Random(seed);
                var entries = File.ReadAllLines(Path.Combine(dir, "entries.csv"));
                var exits = File.ReadAllLines(Path.Combine(dir, "exits.csv"));
                Rectify(cli, "entries", entries, column: 13, random, e => e[2] != "NAC");
                Rectify(cli, "exits", exits, column: 14, random, x => x[2] == "V1");
                var reversals = new List<string>();
                reversals.AddRange(Pick(entries.Length - 1, random, 0.01).Select(i => $"4,{i + 2},test reversal"));
                reversals.AddRange(Pick(exits.Length - 1, random, 0.02).Select(i => $"5,{i + 2},test reversal"));
                var reversed = cli.Import("reversals", "reversals.csv", ["batch,line,reason", .. reversals]);
                reversed.Exit.ShouldBe(0, reversed.Stderr);
                var discharged = cli.Run("discharge", "--as-of", "2025-12-31");
                discharged.Exit.ShouldBe(0, discharged.Stderr);

                var documents = File.ReadAllLines(Path.Combine(cli.Path_("gen"), "exits.csv")).Skip(1).Select(l => l.Split(',')[0])
                    .Concat(Directory.GetFiles(cli.Folder, "rectify-exits.csv").SelectMany(File.ReadAllLines).Skip(1).Select(l => l.Split(',')[0]))
                    .Distinct().Order(StringComparer.Ordinal).ToList();
                var few = documents.Where(_ => random.NextDouble() < 0.05).Append(documents[random.Next(documents.Count)]).Distinct().ToList();
                using var store = TestStore.Open(cli.Db, cli.Clock);
                foreach (var asOf in new[] { YearEnd, new DateOnly(2025, 7, 15) })
                {
                    var lines = store.Scans.ReconcileLines(exits: false, null, asOf);
                    foreach (var wanted in new[] { documents, few })
                    {
                        var slow = DescargosReport.Lines(store, asOf, null, wanted);
                        if (wanted == documents && asOf == YearEnd)
                        {
                            slow.Count.ShouldBeGreaterThan(100);
                        }

                        Same(ExitDescargos.Lines(store, asOf, null, wanted, lines), slow, $"seed {seed}, as of {asOf}");
                        Same(ExitDescargos.Lines(store, asOf, null, wanted, []), slow, $"seed {seed}, as of {asOf}, no lines");
                    }
                }
    }

    /// <summary>The same lines in any order; on failure, the lines only one side has.</summary>
    private static void Same(List<DescargosReport.Descargo> fast, List<DescargosReport.Descargo> slow, string context)
    {
        var onlyFast = fast.Except(slow).Take(5).ToList();
        var onlySlow = slow.Except(fast).Take(5).ToList();
        (onlyFast.Count + onlySlow.Count).ShouldBe(0, $"{context}: only the fast path {string.Join("; ", onlyFast)}; only report descargos {string.Join("; ", onlySlow)}");
        Sorted(fast).ShouldBe(Sorted(slow), context);
    }

    private static List<DescargosReport.Descargo> Sorted(IEnumerable<DescargosReport.Descargo> lines) =>
        [.. lines.OrderBy(d => d.ExitDocument, StringComparer.Ordinal).ThenBy(d => d.OriginalPedimento, StringComparer.Ordinal)
            .ThenBy(d => d.Fraccion, StringComparer.Ordinal).ThenBy(d => d.Umt, StringComparer.Ordinal)];

    /// <summary>
    /// Imports rectifications of a few pedimentos of a layout (SPEC §3.8): their rows again under a new number ten days
    /// later, naming the original in the <c>rectifies</c> column; entries' UMT quantities changed, so a rectified lot's UMT
    /// per UMC is the rectification's.
    /// </summary>
    private static void Rectify(CliHarness cli, string layout, string[] file, int column, Random random, Func<string[], bool> eligible)
    {
        var rows = file.Skip(1).Select(l => l.Split(',')).Where(r => r[0].Length == 15 && eligible(r)).ToList();
        var pedimentos = rows.Select(r => r[0]).Distinct().Where(_ => random.NextDouble() < 0.05).Take(6).ToList();
        var output = new List<string> { file[0] };
        for (var i = 0; i < pedimentos.Count; i++)
        {
            var number = pedimentos[i][..8] + "59" + (random.Next(10_000) * 10 + i).ToString("D5", CultureInfo.InvariantCulture);
            foreach (var r in rows.Where(r => r[0] == pedimentos[i]))
            {
                var copy = (string[])r.Clone();
                copy[0] = number;
                var date = DateOnly.ParseExact(r[3], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(layout == "entries" ? 10 : 0);
                copy[3] = (date > YearEnd ? YearEnd : date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (layout == "entries" && decimal.TryParse(r[6], CultureInfo.InvariantCulture, out var umt))
                {
                    copy[6] = (umt * 1.25m).ToString(CultureInfo.InvariantCulture);
                }

                copy[column] = r[0];
                output.Add(string.Join(',', copy));
            }
        }

        var imported = cli.Import(layout, $"rectify-{layout}.csv", [.. output]);
        imported.Exit.ShouldBe(0, imported.Stderr);
    }

    private static IEnumerable<int> Pick(int count, Random random, double p) =>
        Enumerable.Range(0, count).Where(_ => random.NextDouble() < p);

    private static void Import(CliHarness cli, string dir)
    {
        cli.Run("init", "--rfc", Scales.Rfc, "--name", "Generated", "--immex", Scales.Immex, "--modality", "industrial").Exit.ShouldBe(0);
        foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" })
        {
            var imported = cli.Run("import", layout, Path.Combine(dir, layout + ".csv"));
            imported.Exit.ShouldBe(0, imported.Stderr);
        }
    }
}
