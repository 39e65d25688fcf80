namespace Traza.Cli.Tests.Reports;

/// <summary>
/// <c>report options</c> (issue 14 item 3) end to end, on SQLite and (Traza.Cli.Tests.Postgres) PostgreSQL, with the lots and
/// tables of <see cref="ExposureReportTests"/> at D = 2027-05-01, whose taxes are worked there by hand:
/// <code>
/// A 255034565000001 HAR-1 expired (deadline 2026-09-10, 233 days late), balance 40, value 20000
///   taxes 0 + 3225.60 + 160 + 220.80 + 1378.37 = 4984.77; late-return fine 16 periods × 3020 / 4560 capped at 20000
///   return (late) 20000 / 20000; regularize A3 4984.77 + 20000 = 24984.77; transfer, change of regime, destruction: no
/// D 255034565000004 BOX-1 expired, no customs value: the return's fine and the regularization are unknown (empty)
/// B 255034565000002 HAR-2 expiring (deadline 2027-06-15, 45 days: band 60), value 10000
///   change of regime F4 = 500 + 1692.80 + 80 + 113.64 + 596.37 = 2982.81 (2386.44 without recargos); return, transfer,
///   destruction 0; regularize: no (A3 case II is for expired lots)
/// C 265034565000003 HAR-2 expiring (deadline 2027-07-20, 80 days: band 90), value 10000
///   change of regime F4 = 3500 + 2172.80 + 80 + 287.64 + 1420.71 = 7461.15
/// E 275034565000005 open (deadline 2028-07-10): not listed with --within 90.
/// </code>
/// </summary>
public sealed class OptionsReportTests : IDisposable
{
    private const string Header =
        "pedimento,partida,part,client,balance,deadline,days_left,status,alert_band,option,clave,available,cost_mxn,cost_max_mxn,basis,rule,note";

    private readonly CliHarness cli = new(new DateTimeOffset(2027, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public OptionsReportTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,fraccion,nico,umc,origin",
            "HAR-1,Harness,material,85444299,00,6,USA", "HAR-2,Harness CN,material,85444299,00,6,CHN", "BOX-1,Box,packaging,48191001,00,6,CHN")
            .Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd,customs_value_mxn,exchange_rate,origin,preference",
            "255034565000001,1,IN,2025-03-10,HAR-1,100,,50000,,USA,TMEC",
            "255034565000002,1,IN,2025-12-15,HAR-2,10,500,,20,,",
            "265034565000003,1,IN,2026-01-20,HAR-2,10,500,,,,",
            "255034565000004,1,IN,2025-03-10,BOX-1,5,100,,,,",
            "275034565000005,1,IN,2027-01-10,HAR-2,10,500,,20,,").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty", "255034565000200,1,RT,2025-06-01,HAR-1,60").Exit.ShouldBe(0);
        cli.Import("tariffs", "tariffs.csv", "fraccion,nico,mfn_pct,valid_from,valid_to", "85444299,,5,2020-01-01,2025-12-31", "85444299,,35,2026-01-01,")
            .Exit.ShouldBe(0);
        cli.Import("partners", "partners.csv", "country,agreement,valid_from,valid_to", "USA,TMEC,2020-07-01,").Exit.ShouldBe(0);
        cli.Import("rates", "rates.csv", "date,mxn_per_usd", "2026-01-19,20.00").Exit.ShouldBe(0);
        cli.Import("inpc", "inpc.csv", "month,index", "2025-02,138", "2025-11,140", "2025-12,140", "2027-04,147").Exit.ShouldBe(0);
        cli.Import("surcharges", "surcharges.csv",
            ["month,pct", .. Enumerable.Range(0, 36).Select(i => $"{2025 + (i / 12)}-{(i % 12) + 1:D2},1.47")]).Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string[] Split(string line) => CsvText.Parse(line)[0];

    /// <summary>pedimento, option, clave, available, cost_mxn, cost_max_mxn of each row.</summary>
    private static string Costs(string line)
    {
        var f = Split(line);
        return string.Join(',', f[0], f[9], f[10], f[11], f[12], f[13]);
    }

    [Fact]
    public void Options_price_each_lot_of_report_expiring_worked_by_hand()
    {
        var rows = cli.ReportCsv("options");
        rows[0].ShouldStartWith(Header + ",entry_date,entry_clave,fixed_asset,customs_value_mxn,igi,iva,dta,actualizacion,recargos,");
        rows.Skip(1).Select(Costs).ShouldBe(
        [
            "255034565000001,return,RT,yes,20000,20000",
            "255034565000001,transfer,V1,no,,",
            "255034565000001,change_regime,F4,no,,",
            "255034565000001,regularize,A3,yes,24984.77,24984.77",
            "255034565000001,destruction,,no,,",
            "255034565000004,return,RT,yes,,",
            "255034565000004,transfer,V1,no,,",
            "255034565000004,change_regime,F4,no,,",
            "255034565000004,regularize,A3,yes,,",
            "255034565000004,destruction,,no,,",
            "255034565000002,return,RT,yes,0,0",
            "255034565000002,transfer,V1,yes,0,0",
            "255034565000002,change_regime,F4,yes,2982.81,2982.81",
            "255034565000002,regularize,A3,no,,",
            "255034565000002,destruction,,yes,0,0",
            "265034565000003,return,RT,yes,0,0",
            "265034565000003,transfer,V1,yes,0,0",
            "265034565000003,change_regime,F4,yes,7461.15,7461.15",
            "265034565000003,regularize,A3,no,,",
            "265034565000003,destruction,,yes,0,0",
        ]);

        // The lots are report expiring's, with its days_left, status and alert_band.
        var expiring = cli.ReportCsv("expiring").Skip(1).Select(Split).Select(f => string.Join(',', f[0], f[14], f[15], f[16])).ToList();
        var lots = rows.Skip(1).Select(Split).Select(f => string.Join(',', f[0], f[6], f[7], f[8])).Distinct().ToList();
        lots.ShouldBe(expiring);
        lots.ShouldBe(["255034565000001,-233,expired,expired", "255034565000004,-233,expired,expired", "255034565000002,45,expiring,60",
            "265034565000003,80,expiring,90"]);

        // The figures behind the change of regime of B, and the rule of A's regularization.
        var b = rows.Skip(1).Select(Split).First(f => f[0] == "255034565000002" && f[9] == "change_regime");
        (b[20], b[21], b[22], b[23], b[24], b[25], b[26], b[27]).ShouldBe(("10000", "500", "1692.8", "80", "113.64", "596.37", "0", "0"));
        var a = rows.Skip(1).Select(Split).First(f => f[0] == "255034565000001" && f[9] == "regularize");
        a[15].ShouldContain("Ley Aduanera art. 183 fr. II");
        a[15].ShouldContain("16 period(s) of 15 days (233 days late)");
        var d = rows.Skip(1).Select(Split).First(f => f[0] == "255034565000004" && f[9] == "return");
        d[15].ShouldStartWith("no customs value:");
        d[^1].ShouldContain("customs value");
    }

    [Fact]
    public void Options_follow_within_and_change_recargos()
    {
        var rows = cli.ReportCsv("options", "--within", "60", "--change-recargos", "no").Skip(1).Select(Split).ToList();
        rows.Select(f => f[0]).Distinct().ShouldBe(["255034565000001", "255034565000004", "255034565000002"]);
        var b = rows.First(f => f[0] == "255034565000002" && f[9] == "change_regime");
        (b[12], b[25]).ShouldBe(("2386.44", ""));
        b[14].ShouldContain("recargos left out");
        cli.Run("report", "options", "--change-recargos", "maybe").Exit.ShouldBe(2);
        cli.Run("report", "options", "--within", "-1").Exit.ShouldBe(2);
        cli.ReportCsv("options", "--as-of", "2025-01-01").Length.ShouldBe(1);
    }

    [Fact]
    public void Options_totals_per_client_and_option_lead_the_table()
    {
        var table = cli.Run("report", "options", "--format", "table");
        table.Exit.ShouldBe(0, table.Stderr);
        var summary = table.Stdout[..table.Stdout.IndexOf("pedim", StringComparison.Ordinal)];
        // change_regime: B 2982.81 + C 7461.15 = 10443.96; regularize: A 24984.77, D unknown (incomplete 1).
        summary.ShouldContain("10443.96");
        summary.ShouldContain("24984.77");
    }
}
