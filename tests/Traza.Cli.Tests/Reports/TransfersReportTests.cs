using Traza.Formats.DataStage;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// Virtual transfers (issue 15 item 1): V1-received lots under their part's term, V1/V5 counterparties checked, the liability
/// chain in <c>report custody</c>, and <c>report transfers</c> with its clock-reset finding. Worked by hand:
/// <code>
/// A 25073420 5000001 IN 2025-01-10 MAT-1 100 USD 1000            D 25073420 5000002 AF 2025-01-10 DIE-1 (tooling) 1 USD 5000
/// X1 25073420 5100001 V5 2025-02-01 MAT-1 40 USD 400 → CRE010203XY9         (FIFO: 40 of A)
/// X2 25073420 5100002 V1 2025-02-01 DIE-1  1 USD 5000 → IMMEX 1234-2006      (1 of D; V1 may discharge a fixed asset)
/// R1 25073420 5200001 V1 2025-03-03 MAT-1 40 USD 440 from CRE010203XY9 (507)  30 days after X1 → clock_reset medium
/// R2 25073420 5200002 V1 2025-09-01 MAT-1  5 USD  55 from CRE010203XY9 (507) 212 days after X1 → none (window 180)
/// R3 25073420 5200003 V1 2025-02-15 DIE-1  1 USD 5000 from IMMEX 1234-2006   14 days after X2 → clock_reset high (tooling)
/// X4 25073420 5100004 RT 2025-10-01 MAT-1 70: 60 of A, then 10 of R1 (entered 2025-03-03) — custody names R1's sender.
/// Terms: R1 is a material lot, 18 months: 2026-09-03; R3 a tooling lot, the program's valid-to 2027-12-31.
/// Summary (client '', --as-of 2025-12-31): CRE010203XY9 in 2 lines USD 495, out 1 line USD 400;
/// IMMEX 1234-2006 in 1 line USD 5000, out 1 line USD 5000.
/// </code>
/// </summary>
public sealed class TransfersReportTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public TransfersReportTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial", "--valid-to", "2027-12-31")
            .Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc", "MAT-1,Steel,material,6", "DIE-1,Stamping die,tooling,6").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string P(string n7) => "25073420" + n7;

    private void Ledger()
    {
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            $"{P("5000001")},1,IN,2025-01-10,MAT-1,100,1000", $"{P("5000002")},1,AF,2025-01-10,DIE-1,1,5000",
            $"{P("5200001")},1,V1,2025-03-03,MAT-1,40,440", $"{P("5200002")},1,V1,2025-09-01,MAT-1,5,55",
            $"{P("5200003")},1,V1,2025-02-15,DIE-1,1,5000").Exit.ShouldBe(0);
        var x = cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty,value_usd,destination,counterparty",
            $"{P("5100001")},1,V5,2025-02-01,MAT-1,40,400,MEX,CRE-010203-XY9", $"{P("5100002")},1,V1,2025-02-01,DIE-1,1,5000,MEX,IMMEX 1234-2006",
            $"{P("5100004")},1,RT,2025-10-01,MAT-1,70,700,USA,Buyer Inc.");
        x.Exit.ShouldBe(0, x.Stderr);
        x.Stderr.ShouldNotContain("warning");
    }

    /// <summary>SAT's side: the three V1 imports with identifier V1 naming the sender (Data Stage 507 complement 1).</summary>
    private void Senders()
    {
        using var w = new DataStagePackageWriter("900015");
        w.SetResumen("ABC010101AB1", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 2));
        foreach (var (n7, date, sender) in new[]
                 {
                     ("5200001", new DateOnly(2025, 3, 3), "CRE010203XY9"), ("5200002", new DateOnly(2025, 9, 1), "CRE010203XY9"),
                     ("5200003", new DateOnly(2025, 2, 15), "IMMEX 1234-2006"),
                 })
        {
            w.AddPedimento(new DataStagePedimento("3420", n7, "070", 1, "V1", "ABC010101AB1", date));
            w.AddRow("507", ("Patente", "3420"), ("Pedimento", n7), ("SeccionAduanera", "070"), ("ClaveCaso", "V1"), ("IdentificadorCaso", sender),
                ("TipoPedimento", "1"), ("ComplementoCaso", string.Empty), ("FechaValidacionPagoR", w.FormatDate(date, "507", true)));
        }

        var path = cli.Path_("pkg.zip");
        w.WriteZip(path);
        var r = cli.Run("import", "datastage", path);
        r.Exit.ShouldBe(0, r.Stderr);
    }

    private List<Dictionary<string, string>> Report(params string[] extra)
    {
        var r = cli.Run(["report", "transfers", "--format", "csv", "--as-of", "2025-12-31", .. extra]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void V1_received_lots_take_their_part_kind_term()
    {
        Ledger();
        var rows = CsvText.Rows(cli.Run("report", "balances", "--format", "csv", "--as-of", "2025-12-31").Stdout);
        rows.Single(r => r["pedimento"] == P("5200001"))["deadline"].ShouldBe("2026-09-03");
        rows.Single(r => r["pedimento"] == P("5200003"))["deadline"].ShouldBe("2027-12-31");
    }

    [Fact]
    public void Clock_reset_inside_the_window_is_found_and_tooling_is_high()
    {
        Ledger();
        Senders();
        var rows = Report();
        var findings = rows.Where(r => r["record"] == "clock_reset").ToList();
        findings.Select(f => (f["counterparty"], f["pedimento"], f["part"], f["return_pedimento"], f["return_date"], f["days"], f["severity"],
                f["qty"], f["value_usd"]))
            .ShouldBe(
            [
                ("CRE010203XY9", P("5100001"), "MAT-1", P("5200001"), "2025-03-03", "30", "medium", "40", "440"),
                ("IMMEX 1234-2006", P("5100002"), "DIE-1", P("5200003"), "2025-02-15", "14", "high", "1", "5000"),
            ]);
        findings.ShouldAllBe(f => f["note"].Contains("from the same counterparty"));

        // R2, 212 days after X1, is a finding only with a window of at least 212 days.
        Report("--window-days", "211").Count(r => r["record"] == "clock_reset").ShouldBe(2);
        Report("--window-days", "212").Where(r => r["record"] == "clock_reset").Select(r => r["return_pedimento"])
            .ShouldBe([P("5200001"), P("5200002"), P("5200003")]);
    }

    [Fact]
    public void Transfers_are_listed_and_summed_per_counterparty()
    {
        Ledger();
        Senders();
        var rows = Report();
        rows.Where(r => r["record"] == "transfer").Select(r => (r["counterparty"], r["counterparty_id"], r["direction"], r["clave"], r["pedimento"],
                r["date"], r["part"], r["kind"], r["qty"], r["value_usd"]))
            .ShouldBe(
            [
                ("CRE010203XY9", "rfc", "out", "V5", P("5100001"), "2025-02-01", "MAT-1", "material", "40", "400"),
                ("CRE010203XY9", "rfc", "in", "V1", P("5200001"), "2025-03-03", "MAT-1", "material", "40", "440"),
                ("CRE010203XY9", "rfc", "in", "V1", P("5200002"), "2025-09-01", "MAT-1", "material", "5", "55"),
                ("IMMEX 1234-2006", "immex", "out", "V1", P("5100002"), "2025-02-01", "DIE-1", "tooling", "1", "5000"),
                ("IMMEX 1234-2006", "immex", "in", "V1", P("5200003"), "2025-02-15", "DIE-1", "tooling", "1", "5000"),
            ]);
        rows.Where(r => r["record"] == "summary").Select(r => (r["counterparty"], r["direction"], r["lines"], r["value_usd"]))
            .ShouldBe([("CRE010203XY9", "in", "2", "495"), ("CRE010203XY9", "out", "1", "400"), ("IMMEX 1234-2006", "in", "1", "5000"),
                ("IMMEX 1234-2006", "out", "1", "5000")]);

        var one = Report("--counterparty", "cre-010203-xy9");
        one.ShouldAllBe(r => r["counterparty"] == "CRE010203XY9");
        one.Count.ShouldBe(3 + 2 + 1);
    }

    [Fact]
    public void Without_Data_Stage_the_sender_is_unknown_and_the_finding_says_so()
    {
        Ledger();
        var rows = Report();
        rows.Where(r => r["record"] == "transfer" && r["direction"] == "in").ShouldAllBe(r => r["counterparty"] == "" && r["counterparty_id"] == "none");
        var findings = rows.Where(r => r["record"] == "clock_reset").ToList();
        findings.Select(f => f["return_pedimento"]).ShouldBe([P("5200001"), P("5200003")]);
        findings.ShouldAllBe(f => f["note"].Contains("cannot tell"));
    }

    [Fact]
    public void Custody_shows_where_a_V1_lot_came_from_and_to_whom_a_transfer_went()
    {
        Ledger();
        Senders();
        var rows = CsvText.Rows(cli.Run("report", "custody", "--format", "csv", "--as-of", "2025-12-31").Stdout);
        rows.Select(r => (r["exit_document"], r["entry_pedimento"], r["qty"], r["entry_clave"], r["entry_counterparty"], r["exit_counterparty"]))
            .ShouldBe(
            [
                (P("5100001"), P("5000001"), "40", "IN", "", "CRE-010203-XY9"),
                (P("5100002"), P("5000002"), "1", "AF", "", "IMMEX 1234-2006"),
                (P("5100004"), P("5000001"), "60", "IN", "", ""),
                (P("5100004"), P("5200001"), "10", "V1", "CRE010203XY9", ""),
            ]);

        // The same columns for one lot and for one exit.
        CsvText.Rows(cli.Run("report", "custody", "--format", "csv", "--as-of", "2025-12-31", "--pedimento", P("5200001")).Stdout)
            .Single()["entry_counterparty"].ShouldBe("CRE010203XY9");
        CsvText.Rows(cli.Run("report", "custody", "--format", "csv", "--as-of", "2025-12-31", "--exit", P("5100002")).Stdout)
            .Single()["exit_counterparty"].ShouldBe("IMMEX 1234-2006");
    }

    [Fact]
    public void A_V1_or_V5_exit_without_an_RFC_or_IMMEX_number_is_imported_with_a_warning()
    {
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty", $"{P("5000001")},1,IN,2025-01-10,MAT-1,100").Exit.ShouldBe(0);
        var r = cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty,counterparty",
            $"{P("5100001")},1,V5,2025-02-01,MAT-1,1,", $"{P("5100002")},1,V1,2025-02-01,MAT-1,1,IMMEX transferee",
            $"{P("5100003")},1,V1,2025-02-01,MAT-1,1,123-2006", $"{P("5100004")},1,RT,2025-02-01,MAT-1,1,");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            "warning: file x.csv, line 2, column counterparty: a V5 exit names the receiving party's IMMEX number or RFC (identifier V1, RGCE 4.3.21); found none",
            "warning: file x.csv, line 3, column counterparty: a V1 exit names the receiving party's IMMEX number or RFC (identifier V1, RGCE 4.3.21); " +
            "found 'IMMEX transferee', neither an RFC nor an IMMEX number",
        ]);
        cli.ReportCsv("exits").Length.ShouldBe(5);
    }

    [Fact]
    public void Window_days_must_be_a_whole_number()
    {
        cli.Run("report", "transfers", "--window-days", "-1").Exit.ShouldBe(2);
        cli.Run("report", "transfers", "--window-days", "x").Exit.ShouldBe(2);
        cli.ReportCsv("transfers").ShouldBe(
            ["record,client,counterparty,counterparty_id,direction,clave,pedimento,partida,date,part,kind,qty,umc,qty_umt,value_usd,lines," +
             "return_pedimento,return_partida,return_date,days,severity,note"]);
    }
}
