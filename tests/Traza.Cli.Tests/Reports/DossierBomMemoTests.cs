using Traza.App.Reports;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// The BOM paths and merma/desperdicio shares of the Annex 24 workbook's materials sheet and the dossier are kept per BOM
/// epoch (DossierBom.Memoize): for every day of the year and every (product, component) of a two-level BOM whose rows change
/// on several dates, the kept answer is the plain walk's.
/// </summary>
public sealed class DossierBomMemoTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Kept_paths_and_shares_equal_the_plain_walk_on_every_day()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc,umt",
            "M1,a,material,1,1", "M2,b,material,1,1", "M3,c,material,1,1", "S1,sub,material,1,1", "FG1,fg,finished,1,1",
            "FG2,fg,finished,1,1").Exit.ShouldBe(0);
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct,valid_from,valid_to",
            "FG1,S1,2,0,0,2025-01-01,", "FG1,M1,1,5,10,2025-01-01,2025-03-31", "FG1,M1,1.5,2,3,2025-04-01,",
            "S1,M2,3,1,1,2025-01-01,2025-06-15", "S1,M2,3,4,0,2025-06-16,", "S1,M3,0.5,0,2,2025-02-10,2025-09-30",
            "FG2,M3,1,0,0,,2025-05-05", "FG2,S1,1,10,0,2025-05-06,").Exit.ShouldBe(0);
        using var store = TestStore.Open(cli.Db, TimeProvider.System);
        var context = new ReportContext(store, new DateOnly(2025, 12, 31), null, new Dictionary<string, string?>(), TimeProvider.System);
        var kept = new DossierBom(context);
        var plain = new DossierBom(context) { Memoize = false };

        var checkedPaths = 0;
        for (var date = new DateOnly(2024, 12, 25); date <= new DateOnly(2025, 12, 31); date = date.AddDays(1))
        {
            foreach (var product in new[] { "FG1", "FG2", "S1" })
            {
                foreach (var component in new[] { "M1", "M2", "M3", "S1" })
                {
                    var path = plain.Path("", "X", product, component, date);
                    kept.Path("", "X", product, component, date).ShouldBe(path, $"{product} > {component} on {date}");
                    kept.Shares("", "X", product, component, date).ShouldBe(plain.Shares("", "X", product, component, date), $"{product} > {component} on {date}");
                    checkedPaths += path is null ? 0 : 1;
                }
            }
        }

        checkedPaths.ShouldBeGreaterThan(1000); // most days have paths; the versions change on 7 dates
    }
}
