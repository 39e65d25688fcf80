namespace Traza.Cli.Tests.Reports;

/// <summary>
/// <c>report usmca --period 2026-03</c> (issue 14 item 5) end to end, on SQLite and (Traza.Cli.Tests.Postgres) PostgreSQL, worked
/// by hand at D = 2026-05-01. WID-1 needs 1 HAR-1, 2 HAR-2 and 1 BOX-1 per unit (no merma).
/// <code>
/// tariffs 85444299 5 % to 2025-12-31, 35 % from 2026-01-01; 48191001 25 %;  partners USA TMEC;  rates 20.00 on 2026-03-10 and 2026-03-25
/// lots  A HAR-1 255034565000001 2025-03-10 100, MXN 50000, USA TMEC (originating)
///       B HAR-2 255034565000002 2025-12-15 10, USD 500 × 20 = 10000, CHN (5 %)
///       C HAR-2 265034565000003 2026-01-20 10, MXN 10000, CHN (35 %)
///       P BOX-1 255034565000004 2025-03-10 50, MXN 1000, CHN, packaging (excepted)
/// exits 265034565000100 RT 2026-03-10 WID-1 5, USD 1000, USA: A 5, B 10, P 5
///         B: 10000 × 10/10 = 10000 → IGI 5 % = 500.00; due 2026-05-09
///       265034565000101 RT 2026-03-20 WID-1 3, JPN: not USA/CAN, excluded (takes 6 of C)
///       265034565000102 RT 2026-03-25 WID-1 1, USD 200, CAN: A 1, C 2, P 1
///         C: 10000 × 2/10 = 2000 → IGI 35 % = 700.00; due 2026-05-24
///       265034565000103 RT 2026-04-02 WID-1 1, USA: another month, excluded
/// total IGI 1200.00. With --destination-duty-pct 2.5: export 100 duty 20000 × 2.5 % = 500.00 (not lower: 500.00 due);
///   export 102 duty 4000 × 2.5 % = 100.00 &lt; 700.00 → 100.00 due; total 600.00
/// </code>
/// </summary>
public sealed class UsmcaReportTests : IDisposable
{
    private const string Header =
        "export_document,export_partida,export_date,product,destination,client,component,entry_pedimento,entry_partida,entry_date,origin," +
        "preference,originating,qty,customs_value_mxn,igi_pct,igi,amount_due,due_date,contribution,rule";

    private readonly CliHarness cli = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public UsmcaReportTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,fraccion,nico,umc,origin",
            "HAR-1,Harness,material,85444299,00,6,USA", "HAR-2,Harness CN,material,85444299,00,6,CHN",
            "BOX-1,Box,packaging,48191001,00,6,CHN", "WID-1,Widget,finished,85371099,00,6,MEX").Exit.ShouldBe(0);
        cli.Import("bom", "bom.csv", "product,component,qty_per", "WID-1,HAR-1,1", "WID-1,HAR-2,2", "WID-1,BOX-1,1").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd,customs_value_mxn,exchange_rate,origin,preference",
            "255034565000001,1,IN,2025-03-10,HAR-1,100,,50000,,USA,TMEC",
            "255034565000002,1,IN,2025-12-15,HAR-2,10,500,,20,,",
            "265034565000003,1,IN,2026-01-20,HAR-2,10,,10000,,,",
            "255034565000004,1,IN,2025-03-10,BOX-1,50,,1000,,,").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty,value_usd,destination",
            "265034565000100,1,RT,2026-03-10,WID-1,5,1000,USA",
            "265034565000101,1,RT,2026-03-20,WID-1,3,600,JPN",
            "265034565000102,1,RT,2026-03-25,WID-1,1,200,CAN",
            "265034565000103,1,RT,2026-04-02,WID-1,1,200,USA").Exit.ShouldBe(0);
        cli.Import("tariffs", "tariffs.csv", "fraccion,nico,mfn_pct,valid_from,valid_to",
            "85444299,,5,2020-01-01,2025-12-31", "85444299,,35,2026-01-01,", "48191001,,25,2020-01-01,").Exit.ShouldBe(0);
        cli.Import("partners", "partners.csv", "country,agreement,valid_from,valid_to", "USA,TMEC,2020-07-01,").Exit.ShouldBe(0);
        cli.Import("rates", "rates.csv", "date,mxn_per_usd", "2026-03-10,20.00", "2026-03-25,20.00").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string[] Split(string line) => CsvText.Parse(line)[0];

    /// <summary>export_document, component, entry_pedimento, originating, qty, customs_value_mxn, igi_pct, igi, amount_due, due_date, contribution.</summary>
    private static string Figures(string line)
    {
        var f = Split(line);
        return string.Join(',', f[0], f[6], f[7], f[12], f[13], f[14], f[15], f[16], f[17], f[18], f[19]);
    }

    [Fact]
    public void Usmca_lists_the_igi_of_non_originating_inputs_of_exports_to_usa_and_canada_worked_by_hand()
    {
        var rows = cli.ReportCsv("usmca", "--period", "2026-03");
        rows[0].ShouldBe(Header + ",export_igi,export_value_mxn,destination_duty_pct,destination_duty,lesser_of,export_amount_due," +
            "recargos_contribution,days_to_due,note,missing");
        rows.Skip(1).Select(Figures).ShouldBe(
        [
            "265034565000100,BOX-1,255034565000004,excepted,5,,,0,0,2026-05-09,12",
            "265034565000100,HAR-1,255034565000001,yes,5,,,0,0,2026-05-09,12",
            "265034565000100,HAR-2,255034565000002,no,10,10000,5,500,500,2026-05-09,12",
            "265034565000102,BOX-1,255034565000004,excepted,1,,,0,0,2026-05-24,12",
            "265034565000102,HAR-1,255034565000001,yes,1,,,0,0,2026-05-24,12",
            "265034565000102,HAR-2,265034565000003,no,2,2000,35,700,700,2026-05-24,12",
        ]);
        var c = Split(rows[^1]);
        (c[2], c[4], c[21], c[22], c[24], c[26], c[27], c[28]).ShouldBe(("2026-03-25", "CAN", "700", "4000", "", "700", "13", "23"));
        c[20].ShouldBe("tariffs 85444299 from 2026-01-01: 35 % MFN (LA art. 56 fr. I)");
        c[29].ShouldContain("no destination duty given");
        Split(rows[2])[20].ShouldStartWith("originating: USA with preference TMEC");
        Split(rows[1])[20].ShouldBe("excepted (RGCE rule 1.6.14): containers and packaging");
    }

    [Fact]
    public void Usmca_takes_the_lesser_of_the_igi_and_the_destination_duty()
    {
        var rows = cli.ReportCsv("usmca", "--period", "2026-03", "--destination-duty-pct", "2.5").Skip(1).Select(Split).ToList();
        var first = rows.First(f => f[0] == "265034565000100" && f[6] == "HAR-2");
        (first[17], first[24], first[25], first[26]).ShouldBe(("500", "500", "500", "500"));
        var second = rows.First(f => f[0] == "265034565000102" && f[6] == "HAR-2");
        (second[16], second[17], second[23], second[24], second[25], second[26]).ShouldBe(("700", "100", "2.5", "100", "100", "100"));
        second[29].ShouldStartWith("lesser-of: the destination duty is lower");

        var table = cli.Run("report", "usmca", "--period", "2026-03", "--destination-duty-pct", "2.5", "--format", "table");
        table.Exit.ShouldBe(0, table.Stderr);
        var summary = table.Stdout[..table.Stdout.IndexOf("HAR-2", StringComparison.Ordinal)];
        summary.ShouldContain("1200");
        summary.ShouldContain("600");
    }

    [Fact]
    public void Usmca_period_defaults_to_the_month_of_D_and_lists_nothing_for_a_month_without_exports_to_usa_or_canada()
    {
        cli.ReportCsv("usmca").Length.ShouldBe(1, "the default period is the month of D, 2026-05: no exports");
        cli.ReportCsv("usmca", "--as-of", "2026-03-31").Length.ShouldBe(7, "as of 2026-03-31 the period is 2026-03");
        cli.Run("report", "usmca", "--period", "2026-13").Exit.ShouldBe(2);
        cli.Run("report", "usmca", "--period", "2026-03", "--destination-duty-pct", "x").Exit.ShouldBe(2);
        cli.ReportCsv("usmca", "--period", "2026-02").Length.ShouldBe(1);
        cli.ReportCsv("usmca", "--period", "2026-04").Length.ShouldBe(4, "the April export to the USA: three input lots");
        cli.ReportCsv("usmca", "--period", "2026-03", "--claves", "H1").Length.ShouldBe(1);
    }
}
