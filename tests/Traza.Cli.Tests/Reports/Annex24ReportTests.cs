using System.Globalization;
using MiniExcelLibs;
using Traza.App.Reports;
using static Traza.Cli.Tests.Reports.AuditExample;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// <c>report annex24</c> on the worked example of <see cref="AuditExample"/>: the index in CSV, and the XLSX read back with
/// MiniExcel — sheet names and header labels in both languages, each sheet's rows those of the report it comes from.
/// </summary>
public sealed class Annex24ReportTests : IDisposable
{
    private readonly CliHarness cli = new(Now);

    public Annex24ReportTests() => Ledger(cli);

    public void Dispose() => cli.Dispose();

    private List<Dictionary<string, string>> Csv(string report)
    {
        var r = cli.Run(["report", report, "--format", "csv", "--as-of", "2025-12-31"]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void Index_lists_the_sheets_with_their_row_counts()
    {
        Csv("annex24").Select(r => (r["sheet"], r["rows"], r["source"])).ShouldBe(
        [
            ("general", "8", "program"), ("entries", "4", "entries"), ("exits", "4", "exits"), ("materials", "3", "custody"),
            ("balances", "4", "balances"), ("fixed_assets", "1", "balances"),
        ]);
    }

    [Theory]
    [InlineData("es", new[] { "Datos generales", "Entradas", "Salidas", "Materiales utilizados", "Saldos", "Activo fijo" })]
    [InlineData("en", new[] { "General data", "Entries", "Exits", "Materials used", "Balances", "Fixed assets" })]
    public void Workbook_holds_every_sheet_labeled_with_the_single_reports_rows(string lang, string[] names)
    {
        var path = cli.Path_($"annex24-{lang}.xlsx");
        var r = cli.Run("report", "annex24", "--format", "xlsx", "--out", path, "--as-of", "2025-12-31", "--lang", lang);
        r.Exit.ShouldBe(0, r.Stderr);
        MiniExcel.GetSheetNames(path).ShouldBe(names);
        var labels = Labels.For(Languages.TryParse(lang, out var language) ? language : Language.English);
        var sheets = names.Select(n => MiniExcel.Query(path, useHeaderRow: true, sheetName: n).Cast<IDictionary<string, object>>().ToList()).ToList();

        // Header labels: each sheet's columns as the report it comes from labels them.
        sheets[1][0].Keys.ShouldBe(EntriesReport.Columns.Select(c => labels.Column("entries", c.Name)));
        sheets[2][0].Keys.ShouldBe(ExitsReport.Columns.Select(c => labels.Column("exits", c.Name)));
        sheets[3][0].Keys.ShouldBe(Annex24Report.MaterialsColumns.Select(c => labels.Column("custody", c.Name)));
        sheets[4][0].Keys.ShouldBe(BalancesReport.Columns.Select(c => labels.Column("balances", c.Name)));

        // Row counts: those of the single reports.
        sheets[1].Count.ShouldBe(Csv("entries").Count);
        sheets[2].Count.ShouldBe(Csv("exits").Count);
        sheets[3].Count.ShouldBe(Csv("custody").Count);
        sheets[4].Count.ShouldBe(Csv("balances").Count);
        sheets[5].Count.ShouldBe(1);
        sheets[5][0][labels.Column("balances", "pedimento")].ToString().ShouldBe(D);

        // Datos generales: razón social, RFC and IMMEX number (Anexo 24 A 1.1).
        var general = sheets[0].ToDictionary(g => g[labels.Column("annex24", "item")].ToString()!, g => g[labels.Column("annex24", "detail")]?.ToString());
        (general["name"], general["rfc"], general["immex"]).ShouldBe(("Acme", "ABC010101AB1", "2019-1"));

        // Materiales utilizados: exit ↔ entry, qty, merma and desperdicio by hand (3 MAT-1 per FG-1: 0.5 merma, 0.5 desperdicio).
        var merma = labels.Column("custody", "merma");
        var desperdicio = labels.Column("custody", "desperdicio");
        sheets[3].Select(m => (m[labels.Column("custody", "exit_document")].ToString(), m[labels.Column("custody", "entry_pedimento")].ToString(),
                Dec(m[labels.Column("custody", "entry_partida")]), Dec(m[labels.Column("custody", "qty")]), Dec(m[merma]), Dec(m[desperdicio]),
                m[labels.Column("custody", "bom")].ToString()))
            .ShouldBe(
            [
                (X1, A, 1m, 30m, 5m, 5m, "FG-1>MAT-1@2025-01-01"),
                (X3, A, 1m, 90m, 15m, 15m, "FG-1>MAT-1@2025-01-01"),
                (X4, A, 2m, 30m, 5m, 5m, "FG-1>MAT-1@2025-01-01"),
            ]);
    }

    [Fact]
    public void Xlsx_needs_a_file_and_an_empty_ledger_gives_the_index_header_only()
    {
        cli.Run("report", "annex24", "--format", "xlsx").Exit.ShouldBe(2);
        using var empty = new CliHarness(Now);
        empty.Run("init", "--rfc", "AAA010101AAA", "--name", "Empty", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        var r = empty.Run("report", "annex24", "--format", "csv");
        (r.Exit, r.Stdout).ShouldBe((0, "sheet,rows,source\n"));
    }

    private static decimal Dec(object? cell) => Convert.ToDecimal(cell, CultureInfo.InvariantCulture);
}
