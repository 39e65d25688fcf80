namespace Traza.Cli.Tests.Reports;

/// <summary>
/// Submanufacture and <c>report submanufacture</c> (issue 15 item 5; RGCE rule 4.3.6: 6 months at the submanufacturer, extendable
/// 6 more). Outs and returns are matched FIFO per (client, part, third party). Worked by hand:
/// <code>
/// 2025-01-15 out MAT-1 10 SM-1 → TALLER-A   due 2025-07-15, extended 2026-01-15
/// 2025-03-31 out MAT-1  4 SM-2 → TALLER-A   due 2025-09-30 (day 31 → September has 30), extended 2026-03-31
/// 2025-04-10 out MAT-2  6 SM-3 → TALLER-B   due 2025-10-10, extended 2026-04-10
/// 2025-05-15 in  MAT-1 12 RT-1 ← TALLER-A   SM-1's 10 (120 days out: 16 + 28 + 31 + 30 + 15), then 2 of SM-2
/// 2025-06-01 in  MAT-1  3 RT-2 ← TALLER-B   nothing of MAT-1 out at TALLER-B: flagged return_without_out
/// 2025-08-01 out MAT-2  5 SM-4 → TALLER-B   due 2026-02-01, extended 2026-08-01
/// 2025-09-01 in  MAT-2  1 RT-3 ← TALLER-B   1 of SM-3 (the oldest)
/// 2025-09-25 in  MAT-1  3 RT-4 ← TALLER-A   SM-2's other 2 (178 days out: 30 + 31 + 30 + 31 + 31 + 25), 1 more than out: flagged
/// 2025-10-15 out MAT-1  1 SM-5 → TALLER-A   after the as-of date: not listed
/// As of 2025-09-30 (due_soon within 30 days): SM-3 5 still out, 10 days left, 173 days out (20 + 31 + 30 + 31 + 31 + 30): due_soon;
/// SM-4 5 still out, 124 days left (31 + 30 + 31 + 31 + 1), 60 days out: out.
/// As of 2025-10-11: SM-3 overdue (−1), SM-4 113 days left.
/// </code>
/// </summary>
public sealed class SubmanufactureReportTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 9, 30, 12, 0, 0, TimeSpan.Zero));

    public SubmanufactureReportTests()
    {
        cli.Run("init", "--rfc", "AAA010101AAA", "--name", "Sub", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
        var r = cli.Import("events", "events.csv", "date,type,part,qty,reference,third_party",
            "2025-01-15,submanufacture_out,MAT-1,10,SM-1,TALLER-A",
            "2025-03-31,submanufacture_out,MAT-1,4,SM-2,TALLER-A",
            "2025-04-10,submanufacture_out,MAT-2,6,SM-3,TALLER-B",
            "2025-05-15,submanufacture_in,MAT-1,12,RT-1,TALLER-A",
            "2025-06-01,submanufacture_in,MAT-1,3,RT-2,TALLER-B",
            "2025-08-01,submanufacture_out,MAT-2,5,SM-4,TALLER-B",
            "2025-09-01,submanufacture_in,MAT-2,1,RT-3,TALLER-B",
            "2025-09-25,submanufacture_in,MAT-1,3,RT-4,TALLER-A",
            "2025-10-15,submanufacture_out,MAT-1,1,SM-5,TALLER-A");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    public void Dispose() => cli.Dispose();

    private List<Dictionary<string, string>> Report(string asOf, params string[] extra)
    {
        var r = cli.Run(["report", "submanufacture", "--format", "csv", "--as-of", asOf, .. extra]);
        (r.Exit, r.Stderr).ShouldBe((0, string.Empty)); // reads the ledger alone: nothing discharged first
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void Submanufacture_lists_each_out_with_what_came_back_fifo_its_terms_and_status_and_flags_excess_returns()
    {
        var rows = Report("2025-09-30");
        rows.Select(r => (r["part"], r["third_party"], r["out_date"], r["out_reference"], r["qty_out"], r["qty_back"], r["qty_still_out"]))
            .ShouldBe(
            [
                ("MAT-1", "TALLER-A", "2025-01-15", "SM-1", "10", "10", "0"),
                ("MAT-1", "TALLER-A", "2025-03-31", "SM-2", "4", "4", "0"),
                ("MAT-1", "TALLER-A", "2025-09-25", "RT-4", "0", "1", "0"),
                ("MAT-1", "TALLER-B", "2025-06-01", "RT-2", "0", "3", "0"),
                ("MAT-2", "TALLER-B", "2025-04-10", "SM-3", "6", "1", "5"),
                ("MAT-2", "TALLER-B", "2025-08-01", "SM-4", "5", "0", "5"),
            ]);
        rows.Select(r => (r["due_date"], r["extended_due_date"], r["days_left"], r["status"], r["days_out"], r["last_return_date"],
                r["last_return_reference"], r["note"]))
            .ShouldBe(
            [
                ("2025-07-15", "2026-01-15", "", "returned", "120", "2025-05-15", "RT-1", ""),
                ("2025-09-30", "2026-03-31", "", "returned", "178", "2025-09-25", "RT-4", ""),
                ("", "", "", "", "", "2025-09-25", "RT-4", "more_back_than_out"),
                ("", "", "", "", "", "2025-06-01", "RT-2", "return_without_out"),
                ("2025-10-10", "2026-04-10", "10", "due_soon", "173", "2025-09-01", "RT-3", ""),
                ("2026-02-01", "2026-08-01", "124", "out", "60", "", "", ""),
            ]);
        rows.ShouldAllBe(r => r["client"] == "");
        rows[4]["description"].ShouldBe("Resin");
    }

    [Fact]
    public void Submanufacture_as_of_rule_overdue_and_within()
    {
        // As of 2025-05-15 the first return has come back; RT-4 and SM-4 are after it.
        Report("2025-05-15").Select(r => (r["out_reference"], r["qty_back"], r["qty_still_out"], r["status"], r["days_left"]))
            .ShouldBe([("SM-1", "10", "0", "returned", ""), ("SM-2", "2", "2", "out", "138"), ("SM-3", "0", "6", "out", "148")]);

        Report("2025-10-11").Where(r => r["qty_still_out"] != "0").Select(r => (r["out_reference"], r["days_left"], r["status"]))
            .ShouldBe([("SM-3", "-1", "overdue"), ("SM-4", "113", "out")]);
        Report("2025-10-15").Select(r => r["out_reference"]).ShouldContain("SM-5");
        Report("2025-09-30", "--within", "5").Single(r => r["out_reference"] == "SM-3")["status"].ShouldBe("out");

        var bad = cli.Run("report", "submanufacture", "--within", "x");
        bad.Exit.ShouldBe(2);
    }
}
