namespace Traza.Cli.Tests.Reports;

/// <summary>
/// Waste (issue 15 item 3): <c>report waste</c>, <c>report waste-disposals</c>, <c>report rates</c> and disposal by return or
/// change of regime (exits with case DE). Worked by hand (docs/cli.md "Waste"):
/// <code>
/// BOM FG-1 ← MAT-1: v1 2025-01-01..2025-06-30 qty_per 2, merma 5, desperdicio 10: factor 2 × 1.15 = 2.3, waste share 0.2/2.3
///                   v2 2025-07-01..          qty_per 2, merma 5, desperdicio 15: factor 2 × 1.20 = 2.4, waste share 0.3/2.4 = 1/8
/// A 25073420 5000001/1 IN 2025-01-10 MAT-1 100 (qty_umt 200: 2 UMT per UMC) USD 1000 (10 per unit); deadline 2026-07-10
/// B 25073420 5000002/1 IN 2025-02-10 MAT-1 100 USD 1200 (12 per unit); deadline 2026-08-10
/// X1 RT 2025-03-05 FG-1 40: need 92, all of A; waste 92 × 0.2/2.3 = 8 on A
/// X2 RT 2025-08-05 FG-1 20: need 48: 8 of A (waste 1), 40 of B (waste 5) — A generated 9, B 5
/// E1 destruction 2025-04-10 MAT-1 3 waste, ACTA-07 with notice 2025-04-01: 3 of A (the only waste then: 8)
/// X3 RT 2025-09-01 MAT-1 7 case DE (return): FIFO 6 of A (9 − 3), 1 of B
/// X4 F4 2025-10-01 MAT-1 2 case DE (change of regime): 2 of B
/// E2 destruction 2025-11-01 MAT-1 1 waste, ACTA-11 without a notice: 1 of B;  E3 donation 2025-11-15 MAT-1 0.5 waste: 0.5 of B
/// At 2025-12-31: A generated 9, disposed 9, balance 0, closed (191 days left); B generated 5, disposed 4.5, balance 0.5,
/// USD 6, UMT 0.5, open (222 days). At 2025-08-31: A 9 − 3 = 6 (UMT 12, USD 60, 313 days); B 5 (USD 60, 344 days).
/// Rates: v1 share 10/115 = 8.6957 %; v2 share 15/120 = 12.5 %, desperdicio +5 points: jump. Months of MAT-1: 2025-03
/// consumed 92, waste 8 (8.6957 %); 2025-08 consumed 48, waste 6 (12.5 %, +3.8043 points: jump).
/// </code>
/// </summary>
public sealed class WasteReportTests : IDisposable
{
    private const string Events = "date,type,part,qty,waste,reference,third_party,client,site";
    private const string Exits = "pedimento,partida,clave,date,part,qty,case,source_pedimento";

    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public WasteReportTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc,umt", "MAT-1,Steel,material,1,1", "FG-1,Widget,finished,1,1").Exit.ShouldBe(0);
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct,valid_from,valid_to",
            "FG-1,MAT-1,2,5,10,2025-01-01,2025-06-30", "FG-1,MAT-1,2,5,15,2025-07-01,").Exit.ShouldBe(0);
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty,qty_umt,value_usd",
            $"{P("5000001")},1,IN,2025-01-10,MAT-1,100,200,1000", $"{P("5000002")},1,IN,2025-02-10,MAT-1,100,,1200").Exit.ShouldBe(0);
        cli.Import("exits", "x1.csv", Exits, $"{P("5100001")},1,RT,2025-03-05,FG-1,40,,", $"{P("5100002")},1,RT,2025-08-05,FG-1,20,,")
            .Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string P(string n7) => "25073420" + n7;

    private void Disposals()
    {
        var x = cli.Import("exits", "x2.csv", Exits, $"{P("5100003")},1,RT,2025-09-01,MAT-1,7,DE,", $"{P("5100004")},1,F4,2025-10-01,MAT-1,2,de,");
        x.Exit.ShouldBe(0, x.Stderr);
        var e = cli.Import("events", "ev.csv", Events,
            "2025-04-10,destruction,MAT-1,3,yes,ACTA-07@2025-04-01,Reciclados SA,,",
            "2025-11-01,destruction,MAT-1,1,yes,ACTA-11,,,",
            "2025-11-15,donation,MAT-1,0.5,yes,DON-1,Escuela,,");
        e.Exit.ShouldBe(0, e.Stderr);
    }

    [Fact]
    public void Waste_report_gives_each_source_lots_balance_value_and_deadline()
    {
        Disposals();
        cli.ReportCsv("waste").ShouldBe(
        [
            "pedimento,partida,clave,entry_date,part,client,generated,disposed,balance,umc,qty_umt_balance,umt,balance_value_usd,deadline,days_left,status",
            $"{P("5000001")},1,IN,2025-01-10,MAT-1,,9,9,0,1,0,1,0,2026-07-10,191,closed",
            $"{P("5000002")},1,IN,2025-02-10,MAT-1,,5,4.5,0.5,1,0.5,1,6,2026-08-10,222,open",
        ]);
        cli.ReportCsv("waste", "--as-of", "2025-08-31").ShouldBe(
        [
            "pedimento,partida,clave,entry_date,part,client,generated,disposed,balance,umc,qty_umt_balance,umt,balance_value_usd,deadline,days_left,status",
            $"{P("5000001")},1,IN,2025-01-10,MAT-1,,9,3,6,1,12,1,60,2026-07-10,313,open",
            $"{P("5000002")},1,IN,2025-02-10,MAT-1,,5,0,5,1,5,1,60,2026-08-10,344,open",
        ]);
        cli.ReportCsv("waste", "--as-of", "2025-03-04").ShouldHaveSingleItem(); // no exit yet: the header alone
    }

    /// <summary>
    /// A return (X3) or change of regime (X4) of waste names its source lots' pedimentos in its 512 block like any descargo:
    /// X3 took 6 of A (2 UMT each: 12) and 1 of B; X4 2 of B. Destructions and donations are no pedimento: none.
    /// </summary>
    [Fact]
    public void Descargos_of_a_waste_return_name_its_source_lots()
    {
        Disposals();
        const string Header = "original_pedimento,clave,date,fraccion,umt,qty_umt,exit_document";
        cli.ReportCsv("descargos", "--exit", P("5100003")).ShouldBe(
        [
            Header, $"{P("5000001")},IN,2025-01-10,,1,12,{P("5100003")}", $"{P("5000002")},IN,2025-02-10,,1,1,{P("5100003")}",
        ]);
        cli.ReportCsv("descargos", "--exit", P("5100004")).ShouldBe([Header, $"{P("5000002")},IN,2025-02-10,,1,2,{P("5100004")}"]);
        var all = cli.ReportCsv("descargos");
        all.Count(l => l.EndsWith(P("5100003"), StringComparison.Ordinal)).ShouldBe(2);
        all.Count(l => l.EndsWith(P("5100004"), StringComparison.Ordinal)).ShouldBe(1);
        cli.ReportCsv("descargos", "--exit", P("5100003"), "--as-of", "2025-08-31").ShouldBe([Header]); // not yet returned
    }

    [Fact]
    public void Waste_disposals_list_destruction_return_change_of_regime_and_donation_per_source_lot()
    {
        Disposals();
        var rows = cli.ReportCsv("waste-disposals");
        rows[0].ShouldBe("date,disposal,document,clave,part,client,qty,umc,pedimento,partida,entry_date,value_usd,notice_date,notice,third_party,batch,line");
        rows.Skip(1).Select(r => string.Join(',', r.Split(',')[..15])).ShouldBe(
        [
            $"2025-04-10,destruction,ACTA-07,,MAT-1,,3,1,{P("5000001")},1,2025-01-10,30,2025-04-01,given,Reciclados SA",
            $"2025-09-01,return,{P("5100003")},RT,MAT-1,,6,1,{P("5000001")},1,2025-01-10,60,,,",
            $"2025-09-01,return,{P("5100003")},RT,MAT-1,,1,1,{P("5000002")},1,2025-02-10,12,,,",
            $"2025-10-01,change_of_regime,{P("5100004")},F4,MAT-1,,2,1,{P("5000002")},1,2025-02-10,24,,,",
            $"2025-11-01,destruction,ACTA-11,,MAT-1,,1,1,{P("5000002")},1,2025-02-10,12,,missing,",
            $"2025-11-15,donation,DON-1,,MAT-1,,0.5,1,{P("5000002")},1,2025-02-10,6,,,Escuela",
        ]);
        cli.ReportCsv("waste-disposals", "--as-of", "2025-09-30").Length.ShouldBe(4);
    }

    [Fact]
    public void Waste_exits_discharge_no_lot_and_allocate_nothing()
    {
        Disposals();
        var balances = cli.ReportCsv("balances");
        balances[1].ShouldStartWith($"{P("5000001")},1,IN,2025-01-10,MAT-1,material,,100,100,0,");
        balances[2].ShouldStartWith($"{P("5000002")},1,IN,2025-02-10,MAT-1,material,,100,40,60,");
        cli.ReportCsv("custody", "--exit", P("5100003")).ShouldHaveSingleItem();
        cli.ReportCsv("shortages").ShouldHaveSingleItem();
    }

    [Fact]
    public void Waste_exits_and_events_imported_after_a_stored_run_resume_to_what_a_full_run_stores()
    {
        cli.Run("discharge", "--as-of", "2025-08-31").Exit.ShouldBe(0);
        Disposals(); // E1 is back-dated before the stored run's as-of; X3, X4, E2, E3 come after it
        var resumed = cli.Run("discharge", "--as-of", "2025-12-31");
        resumed.Exit.ShouldBe(0, resumed.Stderr);
        resumed.Stdout.ShouldContain("resumed from 2025-04-10");
        var verify = cli.Run("audit", "verify", "--recompute");
        verify.Exit.ShouldBe(0, verify.Stderr);
        verify.Stdout.ShouldContain("derived data matches a recomputation");
        var (waste, disposals) = (cli.ReportCsv("waste"), cli.ReportCsv("waste-disposals"));
        cli.Run("discharge", "--as-of", "2025-12-31", "--full").Exit.ShouldBe(0);
        cli.ReportCsv("waste").ShouldBe(waste);
        cli.ReportCsv("waste-disposals").ShouldBe(disposals);
        waste[2].ShouldEndWith(",5,4.5,0.5,1,0.5,1,6,2026-08-10,222,open");
    }

    [Fact]
    public void Rates_flag_a_version_and_a_month_whose_rate_jumps()
    {
        cli.ReportCsv("rates").ShouldBe(
        [
            "level,client,part,product,valid_from,valid_to,merma_pct,desperdicio_pct,waste_share_pct,previous_merma_pct,previous_desperdicio_pct," +
            "previous_waste_share_pct,consumed,waste,jump",
            "version,,MAT-1,FG-1,2025-01-01,2025-06-30,5,10,8.6957,,,,,,",
            "version,,MAT-1,FG-1,2025-07-01,,5,15,12.5,5,10,8.6957,,,desperdicio",
            "month,,MAT-1,,2025-03-01,2025-03-31,,,8.6957,,,,92,8,",
            "month,,MAT-1,,2025-08-01,2025-08-31,,,12.5,,,8.6957,48,6,waste_share",
        ]);
        cli.ReportCsv("rates", "--jump", "5").Count(r => r.EndsWith(",desperdicio", StringComparison.Ordinal) || r.EndsWith(",waste_share", StringComparison.Ordinal))
            .ShouldBe(0);
        cli.ReportCsv("rates", "--as-of", "2025-06-30").Length.ShouldBe(3); // v2 is not in force yet; one month of exits
        cli.Run("report", "rates", "--jump", "x").Exit.ShouldBe(2);
    }

    [Fact]
    public void Waste_exit_with_another_clave_exits_3_naming_the_case_column()
    {
        var r = cli.Import("exits", "x3.csv", Exits, $"{P("5100009")},1,V1,2025-09-01,MAT-1,1,DE,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file x3.csv, line 2, column case: case DE (waste returned or changed to definitive import) only with clave RT, H1, F4, A3, found clave V1");
        var directed = cli.Import("exits", "x4.csv", Exits, $"{P("5100009")},1,RT,2025-09-01,MAT-1,1,DE,{P("5000001")}");
        directed.Exit.ShouldBe(3);
        directed.Stderr.ShouldContain("file x4.csv, line 2, column source_pedimento");
    }

    [Fact]
    public void Waste_exit_beyond_the_balance_exits_3_and_writes_nothing()
    {
        Disposals();
        // The FG-1 exit the day after adds 0.3 of waste, too late for the disposal.
        var r = cli.Import("exits", "x3.csv", Exits, $"{P("5100005")},1,H1,2025-12-02,FG-1,1,,", $"{P("5100006")},1,H1,2025-12-01,MAT-1,0.6,DE,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file x3.csv, line 3, column qty: a waste disposal of at most the waste balance of part 'MAT-1' on 2025-12-01 (0.5,");
        cli.ReportCsv("exits").Length.ShouldBe(5); // header and the four stored exits: nothing of x3.csv
    }

    [Fact]
    public void Destruction_notice_must_be_a_date_on_or_before_the_destruction()
    {
        var bad = cli.Import("events", "ev.csv", Events, "2025-04-10,destruction,MAT-1,1,yes,ACTA-07@2025-4-1,,,");
        bad.Exit.ShouldBe(3);
        bad.Stderr.ShouldContain("file ev.csv, line 2, column reference: a reference with the rule 4.3.5 notice date after '@' as YYYY-MM-DD");
        var late = cli.Import("events", "ev2.csv", Events, "2025-04-10,destruction,MAT-1,1,yes,ACTA-07@2025-04-11,,,");
        late.Exit.ShouldBe(3);
        late.Stderr.ShouldContain("file ev2.csv, line 2, column reference: a rule 4.3.5 notice dated on or before the destruction (2025-04-10)");
    }
}
