namespace Traza.Cli.Tests;

public sealed class ImportCatalogTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Catalog_layouts_import()
    {
        cli.Import("tariffs", "t.csv", "fraccion,nico,mfn_pct,valid_from,valid_to", "7208.51.01,00,5,2020-01-01,", "72085101,,35,2026-01-01,")
            .Exit.ShouldBe(0);
        cli.Import("partners", "p.csv", "country,agreement,valid_from", "usa,T-MEC,2020-07-01").Exit.ShouldBe(0);
        cli.Import("rates", "r.csv", "date,mxn_per_usd", "2025-01-06,20.3901").Exit.ShouldBe(0);
        cli.Import("inpc", "i.csv", "month,index", "2025-01,137.949").Exit.ShouldBe(0);
        cli.Import("surcharges", "s.csv", "month,pct", "2025-01,1.47").Exit.ShouldBe(0);
        var terms = cli.Import("terms", "terms.csv", "kind,clave,fraccion,months,valid_from,note",
            "container,,,24,2000-01-01,108-II", ",AF,,program,2000-01-01,108-III", ",,84733001,36,2026-01-01,");
        terms.Exit.ShouldBe(0, terms.Stderr);
        using var store = TestStore.Open(cli.Db, cli.Clock);
        store.LoadTariffs().Count.ShouldBe(2);
        store.LoadPartners().Single().Country.ShouldBe("USA");
        store.LoadRates().Single().MxnPerUsd.ShouldBe(20.3901m);
        store.LoadInpc().Single().Month.ShouldBe("2025-01");
        store.LoadSurcharges().Single().Value.ShouldBe(1.47m);
        store.LoadTermRules().Select(t => t.RuleOn + ":" + t.Key + ":" + t.Months).ShouldBe(["clave:AF:program", "fraccion:84733001:36", "kind:container:24"]);
    }

    [Theory]
    [InlineData("tariffs", "fraccion,mfn_pct,valid_from", "1234,5,2020-01-01", "column fraccion")]
    [InlineData("tariffs", "fraccion,mfn_pct,valid_from", "72085101,-1,2020-01-01", "column mfn_pct")]
    [InlineData("rates", "date,mxn_per_usd", "2025-01-06,0", "column mxn_per_usd")]
    [InlineData("inpc", "month,index", "2025-13,100", "column month")]
    [InlineData("surcharges", "month,pct", "2025-01,x", "column pct")]
    [InlineData("terms", "kind,clave,months,valid_from", "container,AF,24,2020-01-01", "column kind")]
    [InlineData("terms", "kind,months,valid_from", "container,forever,2020-01-01", "column months")]
    [InlineData("partners", "country,agreement", "USA,T-MEC", "line 1, column valid_from")]
    public void Catalog_invalid_row_exits_3(string layout, string header, string row, string where)
    {
        var r = cli.Import(layout, "c.csv", header, row);
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain(where);
    }

    [Fact]
    public void Rates_changed_for_same_date_exits_4()
    {
        cli.Import("rates", "a.csv", "date,mxn_per_usd", "2025-01-06,20.3901").Exit.ShouldBe(0);
        cli.Import("rates", "b.csv", "date,mxn_per_usd", "2025-01-06,20.40").Exit.ShouldBe(4);
        cli.Import("rates", "c.csv", "date,mxn_per_usd", "2025-01-06,20.390100", "2025-01-07,20.1").Exit.ShouldBe(0);
    }
}
