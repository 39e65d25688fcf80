namespace Traza.Cli.Tests.Reports;

/// <summary>
/// <c>report counts</c> (issue 13 item 4, SPEC §3.6): each count against the book of its (client, part, site) at its date, the
/// difference valued, nothing booked. Worked by hand:
/// <code>
/// A 255034565000001 IN 2025-01-10 MAT-1 100, USD 1000, site S1    X 255034565000200 RT 2025-03-01 MAT-1 30 (from A)
/// B 255034565000002 IN 2025-02-01 MAT-1  50, USD  600, site S2
/// 2025-01-31 S1 counted 100: book 100 (A), matches.
/// 2025-03-31 S1 counted 65: book 70, −5 × 700/70 = USD −50.00, shortfall.   S2 counted 50: matches.
///            S3 counted 4: no lot there, +4 × 1600/150 (the part's entered value per unit) = USD 42.67, surplus.
///            acme MAT-9 counted 2: no lot anywhere, no value.   NAT-1 (national): no row.
/// </code>
/// </summary>
public sealed class CountsReportTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public CountsReportTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Run("clients", "add", "acme").Exit.ShouldBe(0);
        cli.StandardParts();
    }

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Counts_compare_each_site_with_its_lots_at_the_count_date_and_value_the_difference()
    {
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty,value_usd,site",
            "255034565000001,1,IN,2025-01-10,MAT-1,100,1000,S1", "255034565000002,1,IN,2025-02-01,MAT-1,50,600,S2").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "255034565000200,1,RT,2025-03-01,MAT-1,30").Exit.ShouldBe(0);
        cli.Import("counts", "c.csv", "date,part,qty,site,client",
            "2025-01-31,MAT-1,100,S1,", "2025-03-31,MAT-1,65,S1,", "2025-03-31,MAT-1,50,S2,", "2025-03-31,MAT-1,4,S3,",
            "2025-03-31,MAT-9,2,,acme", "2025-03-31,NAT-1,7,S1,", "2025-12-31,MAT-1,1,S1,").Exit.ShouldBe(0);

        var rows = cli.ReportCsv("counts", "--as-of", "2025-06-30");
        rows[0].ShouldBe("date,part,site,client,counted,book,difference,umc,difference_value_usd,lots,result");
        rows.Skip(1).ShouldBe(
        [
            "2025-01-31,MAT-1,S1,,100,100,0,6,0,1,matches",
            "2025-03-31,MAT-1,S1,,65,70,-5,6,-50,1,shortfall",
            "2025-03-31,MAT-1,S2,,50,50,0,6,0,1,matches",
            "2025-03-31,MAT-1,S3,,4,0,4,6,42.67,0,surplus",
            "2025-03-31,MAT-9,,acme,2,0,2,6,,0,surplus",
        ]);
        cli.ReportCsv("counts", "--as-of", "2025-06-30", "--client", "acme").Skip(1).ShouldBe(["2025-03-31,MAT-9,,acme,2,0,2,6,,0,surplus"]);
    }

    [Fact]
    public void Counts_of_an_empty_ledger_give_the_header_only()
    {
        var rows = cli.ReportCsv("counts");
        rows.ShouldBe(["date,part,site,client,counted,book,difference,umc,difference_value_usd,lots,result"]);
    }
}
