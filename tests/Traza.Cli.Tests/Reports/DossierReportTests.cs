using static Traza.Cli.Tests.Reports.AuditExample;

namespace Traza.Cli.Tests.Reports;

/// <summary><c>report dossier</c> on the worked example of <see cref="AuditExample"/>, every row derived by hand.</summary>
public sealed class DossierReportTests : IDisposable
{
    private const string Bom = "FG-1>MAT-1@2025-01-01";

    private readonly CliHarness cli = new(Now);

    public DossierReportTests() => Ledger(cli);

    public void Dispose() => cli.Dispose();

    private List<Dictionary<string, string>> Report(params string[] extra)
    {
        var r = cli.Run(["report", "dossier", "--format", "csv", "--as-of", "2025-12-31", .. extra]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void Entry_pedimento_dossier_holds_header_partidas_allocations_and_balances()
    {
        var rows = Report("--pedimento", "25 07 3420 5000001");
        rows.Where(r => r["section"] == "program").Select(r => (r["item"], r["detail"])).ShouldBe(
        [
            ("name", "Acme"), ("rfc", "ABC010101AB1"), ("immex", "2019-1"), ("modality", "industrial"), ("valid_from", "2019-01-01"),
            ("valid_to", "2026-02-15"),
        ]);
        var head = rows.Single(r => r["section"] == "pedimento");
        (head["pedimento"], head["clave"], head["date"], head["value_usd"], head["item"], head["detail"]).ShouldBe(
            (A, "IN", "2025-01-10", "1700", "ledger", "import, 2 partidas; Data Stage: no; M3: no; ledger: yes"));
        rows.Where(r => r["section"] == "partida").Select(r => (r["partida"], r["part"], r["clave"], r["date"], r["fraccion"], r["qty"],
                r["qty_umt"], r["umt"], r["value_usd"]))
            .ShouldBe(
            [
                ("1", "MAT-1", "IN", "2025-01-10", "72085101", "120", "120", "6", "1200"),
                ("2", "MAT-1", "IN", "2025-01-10", "72085101", "50", "50", "6", "500"),
            ]);
        rows.Where(r => r["section"] == "allocation").Select(r => (r["document"], r["clave"], r["document_date"], r["product"], r["part"],
                r["qty"], r["pedimento"], r["partida"], r["value_usd"], r["bom"], r["item"]))
            .ShouldBe(
            [
                (X1, "RT", "2025-03-01", "FG-1", "MAT-1", "30", A, "1", "300", Bom, "consumed_from"),
                (X3, "RT", "2025-06-01", "FG-1", "MAT-1", "90", A, "1", "900", Bom, "consumed_from"),
                (X4, "RT", "2025-07-01", "FG-1", "MAT-1", "30", A, "2", "300", Bom, "consumed_from"),
            ]);
        rows.Where(r => r["section"] == "balance").Select(r => (r["partida"], r["qty"], r["value_usd"], r["deadline"], r["status"], r["item"]))
            .ShouldBe([("1", "0", "0", "2026-07-10", "closed", "191"), ("2", "20", "200", "2026-07-10", "open", "191")]);
        rows.ShouldNotContain(r => r["section"] == "finding" || r["section"] == "rectification" || r["section"] == "exit_line");
    }

    [Fact]
    public void Exit_pedimento_dossier_holds_its_lines_and_what_they_consumed()
    {
        var rows = Report("--pedimento", X3);
        rows.Single(r => r["section"] == "pedimento")["detail"].ShouldBe("export, 1 partidas; Data Stage: no; M3: no; ledger: yes");
        var line = rows.Single(r => r["section"] == "exit_line");
        (line["part"], line["clave"], line["qty"], line["fraccion"]).ShouldBe(("FG-1", "RT", "30", "87089999"));
        rows.Where(r => r["section"] == "allocation").Select(r => (r["pedimento"], r["partida"], r["qty"], r["item"]))
            .ShouldBe([(A, "1", "90", "consumed_by")]);
        rows.ShouldNotContain(r => r["section"] == "balance");
    }

    [Fact]
    public void Period_dossier_covers_every_pedimento_dated_in_it()
    {
        var rows = Report("--from", "2025-03-01", "--to", "2025-06-30");
        rows.Count(r => r["section"] == "program").ShouldBe(6); // the header once
        rows.Where(r => r["section"] == "pedimento").Select(r => r["pedimento"]).ShouldBe([X1, X2, X3]);
        rows.Where(r => r["section"] == "allocation").Select(r => (r["document"], r["qty"])).ShouldBe([(X1, "30"), (X3, "90")]);
    }

    [Fact]
    public void Data_stage_status_and_findings_are_the_pedimentos()
    {
        DataStage(cli);
        var rows = Report("--pedimento", A);
        rows.Single(r => r["section"] == "pedimento")["detail"].ShouldBe("import, 2 partidas; Data Stage: yes; M3: no; ledger: yes");
        rows.Where(r => r["section"] == "finding").ShouldAllBe(r => r["pedimento"] == A);
        var reconcile = CsvText.Rows(cli.Run("report", "reconcile", "--format", "csv", "--as-of", "2025-12-31").Stdout)
            .Where(r => r["pedimento"] == A).Select(r => r["finding"]).ToList();
        rows.Where(r => r["section"] == "finding").Select(r => r["item"]).ShouldBe(reconcile);
    }

    [Fact]
    public void Dossier_without_a_pedimento_or_a_period_is_a_usage_error()
    {
        var none = cli.Run("report", "dossier", "--as-of", "2025-12-31");
        none.Exit.ShouldBe(2);
        none.Stderr.ShouldContain("--pedimento");
        var half = cli.Run("report", "dossier", "--from", "2025-01-01");
        half.Exit.ShouldBe(2);
        half.Stderr.ShouldContain("--from D and --to D");
        cli.Run("report", "dossier", "--pedimento", "123").Exit.ShouldBe(2);
    }

    [Fact]
    public void Unknown_pedimento_says_so()
    {
        var r = cli.Run("report", "dossier", "--pedimento", P("9999999"), "--as-of", "2025-12-31");
        r.Exit.ShouldBe(2);
        r.Stderr.ShouldContain($"no pedimento {P("9999999")} in the ledger, Data Stage or M3 on or before 2025-12-31");
        var empty = cli.Run("report", "dossier", "--from", "2026-01-01", "--to", "2026-01-31", "--as-of", "2026-12-31", "--format", "csv");
        (empty.Exit, CsvText.Rows(empty.Stdout).Count).ShouldBe((0, 0)); // a period without pedimentos: the header only
    }
}
