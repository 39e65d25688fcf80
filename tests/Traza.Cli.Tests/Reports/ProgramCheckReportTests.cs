using static Traza.Cli.Tests.Reports.AuditExample;

namespace Traza.Cli.Tests.Reports;

/// <summary><c>report program</c> on the worked example of <see cref="AuditExample"/>, every row derived by hand.</summary>
public sealed class ProgramCheckReportTests : IDisposable
{
    private readonly CliHarness cli = new(Now);

    public ProgramCheckReportTests() => Ledger(cli);

    public void Dispose() => cli.Dispose();

    private List<Dictionary<string, string>> Report(params string[] extra)
    {
        var r = cli.Run(["report", "program", "--format", "csv", .. extra.Contains("--as-of") ? extra : [.. extra, "--as-of", "2025-12-31"]]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void Worked_example_lists_every_check_with_its_status()
    {
        var rows = Report();
        rows.Select(r => (r["check"], r["status"], r["subject"], r["client"])).ShouldBe(
        [
            ("program_data", "ok", "2019-1", ""),
            ("program_validity", "warning", "2026-02-15", ""),
            ("part_fraccion", "warning", "MAT-2", ""),
            ("part_fraccion", "warning", "FG-2", ""),
            ("part_umt", "ok", "", ""),
            ("bom_parts", "ok", "", ""),
            ("bom_overlap", "ok", "", ""),
            ("export_without_bom", "warning", "FG-2", ""),
            ("shortages", "error", "1", ""),
            ("negative_adjustments", "ok", "", ""),
            ("expired_lots", "error", "1", ""),
            ("expiring_lots", "warning", "1", ""),
            ("repair_trips", "ok", "", ""),
            ("audit_chain", "ok", "", ""),
            ("derived_data", "ok", "", ""),
            ("datastage_freshness", "warning", "", ""),
            ("annual_report", "ok", "", ""),
        ]);
        var detail = rows.ToDictionary(r => r["check"] + "/" + r["subject"], r => r["detail"]);
        detail["program_data/2019-1"].ShouldBe("Acme, RFC ABC010101AB1, IMMEX 2019-1, industrial, valid 2019-01-01 to 2026-02-15");
        detail["program_validity/2026-02-15"].ShouldBe(
            "the program expires on 2026-02-15, in 46 days; 1 open lots (USD 5000) have the program's valid-to as their deadline");
        detail["part_fraccion/FG-2"].ShouldBe("fracción 87089998 is not in the loaded tariff schedule");
        detail["export_without_bom/FG-2"].ShouldBe($"1 exit lines of this finished good have no BOM in force on their date; the first: {X2} of 2025-04-01");
        detail["expired_lots/1"].ShouldBe("1 lots with a balance are past their deadline (USD 50)");
        detail["expiring_lots/1"].ShouldBe("1 lots with a balance are due within 90 days; the first on 2026-02-15");
        detail["audit_chain/"].ShouldStartWith("ledger intact: ");
        detail["datastage_freshness/"].ShouldStartWith("no Data Stage package loaded");
        rows.Where(r => r["status"] != "ok").ShouldAllBe(r => r["advice"].Length > 0);
    }

    [Fact]
    public void Options_move_the_horizons_and_check_the_annual_report()
    {
        var rows = Report("--within", "45", "--annual-report-due", "2025-12-01");
        rows.Single(r => r["check"] == "program_validity")["status"].ShouldBe("ok"); // 46 days > 45
        rows.Single(r => r["check"] == "expiring_lots")["status"].ShouldBe("ok");
        var annual = rows.Single(r => r["check"] == "annual_report");
        (annual["status"], annual["detail"]).ShouldBe(("error", "the annual report was due on 2025-12-01, 30 days ago"));
        Report("--annual-report-due", "2026-03-01").Single(r => r["check"] == "annual_report")["status"].ShouldBe("warning"); // 60 days
        Report("--as-of", "2026-03-01").Single(r => r["check"] == "program_validity")["status"].ShouldBe("error");

        var bad = cli.Run("report", "program", "--datastage-days", "many");
        (bad.Exit, bad.Stderr.Contains("--datastage-days", StringComparison.Ordinal)).ShouldBe((2, true));
    }

    [Fact]
    public void Data_stage_gives_the_parts_umt_and_its_freshness()
    {
        DataStage(cli);
        var rows = Report();
        var umt = rows.Single(r => r["check"] == "part_umt");
        (umt["status"], umt["subject"], umt["detail"]).ShouldBe(
            ("warning", "MAT-1", "UMT 6 differs from the UMT SAT recorded for fracción 72085101 in Data Stage 551: 1"));
        var fresh = rows.Single(r => r["check"] == "datastage_freshness");
        (fresh["status"], fresh["subject"], fresh["detail"]).ShouldBe(
            ("warning", "900016", "the latest package (folio 900016) covers to 2025-10-31, 61 days before the as-of date"));
        Report("--datastage-days", "61").Single(r => r["check"] == "datastage_freshness")["status"].ShouldBe("ok");
    }

    /// <summary>
    /// A BO of the die (its AF lot D) goes out and comes back with one more than went out; a BO of MAT-2, which has no
    /// fixed-asset lot: two repair_trips warnings, one per stray, and none for the matched trip.
    /// </summary>
    [Fact]
    public void Repair_trips_flag_a_bo_without_a_fixed_asset_lot_and_a_return_beyond_what_was_out()
    {
        cli.Import("exits", "bo.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            $"{P("5100005")},1,BO,2025-08-01,DIE-1,1,5000", $"{P("5100006")},1,BO,2025-08-02,MAT-2,2,10").Exit.ShouldBe(0);
        cli.Import("events", "in.csv", "date,type,part,qty,reference", "2025-09-01,repair_in,DIE-1,2,RMA-7").Exit.ShouldBe(0);

        var rows = Report().Where(r => r["check"] == "repair_trips").ToList();

        rows.Select(r => (r["status"], r["subject"], r["detail"])).ShouldBe(
        [
            ("warning", "MAT-2", $"BO {P("5100006")} partida 1 of 2025-08-02 takes 2 of MAT-2 out for repair, and no fixed-asset lot (AF, E2, A6) of it was entered on or before that date"),
            ("warning", "DIE-1", "repair_in RMA-7 of 2025-09-01 brings back 1 of DIE-1 more than was out for repair (BO) by then"),
        ]);
        rows.ShouldAllBe(r => r["advice"].Length > 0);
        // Before the return: only the MAT-2 BO; the die's trip is matched and still abroad.
        Report("--as-of", "2025-08-15").Where(r => r["check"] == "repair_trips").Select(r => (r["status"], r["subject"]))
            .ShouldBe([("warning", "MAT-2")]);
    }

    /// <summary>
    /// A count found 4 of MAT-1 missing (an adjustment of −4, imported) and 2 of MAT-2 more (+2): one error for the missing
    /// goods, none for the surplus; before the adjustment's date, none.
    /// </summary>
    [Fact]
    public void Negative_adjustments_of_imported_material_are_errors_to_regularize()
    {
        cli.Import("events", "adj.csv", "date,type,part,qty,reference",
            "2025-11-30,adjustment,MAT-1,-4,COUNT-2025-11", "2025-11-30,adjustment,MAT-2,2,COUNT-2025-11").Exit.ShouldBe(0);

        var rows = Report().Where(r => r["check"] == "negative_adjustments").ToList();

        rows.Select(r => (r["status"], r["subject"], r["detail"])).ShouldBe(
        [
            ("error", "MAT-1", "adjustment COUNT-2025-11 of 2025-11-30 takes 4 of imported MAT-1 off the book: the goods are missing, not returned"),
        ]);
        rows.Single()["advice"].ShouldContain("A3");
        Report("--as-of", "2025-11-29").Single(r => r["check"] == "negative_adjustments")["status"].ShouldBe("ok");
    }

    [Fact]
    public void Table_in_spanish_labels_the_checks()
    {
        var r = cli.Run("report", "program", "--as-of", "2025-12-31", "--lang", "es");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("Resultado");
        r.Stdout.ShouldContain("Advertencia");
        r.Stdout.ShouldContain("Correcto");
        r.Stdout.ShouldNotContain("program_validity");
    }
}
