using System.Globalization;
using MiniExcelLibs;
using Traza.App.Reports;
using Traza.Cli.Tests.WorkedExamples;
using Traza.Formats.Reports;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// Issue 16 item 3: every report column and enumerated value has an es-MX and an English label (SPEC §6), shown by
/// <c>table</c> and XLSX with <c>--lang</c>; CSV and JSON never change.
/// </summary>
public sealed class LabelsTests : IDisposable
{
    private const string Entries = "pedimento,partida,clave,date,part,qty,value_usd,exchange_rate,client";

    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private static readonly Language[] Both = [Language.English, Language.Spanish];

    [Fact]
    public void Every_report_column_and_enumerated_value_has_both_labels()
    {
        var missing = new List<string>();
        foreach (var report in ReportCatalog.Default.All)
        {
            foreach (var column in report.Columns.Concat(report.SummaryColumns))
            {
                foreach (var language in Both)
                {
                    var labels = Labels.For(language);
                    if (string.IsNullOrWhiteSpace(labels.TryColumn(report.Name, column.Name)))
                    {
                        missing.Add($"{language.Code()}: column {report.Name}.{column.Name}");
                    }

                    foreach (var value in column.Values ?? [])
                    {
                        if (string.IsNullOrWhiteSpace(labels.TryValue(column.Name, value)))
                        {
                            missing.Add($"{language.Code()}: value {report.Name}.{column.Name} = {value}");
                        }
                    }
                }
            }
        }

        missing.ShouldBeEmpty();
        ReportCatalog.Default.All.Count.ShouldBeGreaterThanOrEqualTo(13);
    }

    [Fact]
    public void Spanish_labels_are_spanish_and_english_labels_plain()
    {
        var es = Labels.For(Language.Spanish);
        var en = Labels.For(Language.English);
        es.Column("balances", "balance_value_usd").ShouldBe("Saldo en USD");
        en.Column("balances", "balance_value_usd").ShouldBe("Balance in USD");
        es.Column("balances", "deadline").ShouldBe("Vencimiento");
        es.Column("shortages", "qty_missing").ShouldBe("Cantidad faltante");
        es.Column("descargos", "date").ShouldBe("Fecha del pedimento original");
        es.Column("counts", "date").ShouldBe("Fecha del conteo");
        es.Value("status", "expired").ShouldBe("Vencido");
        en.Value("status", "expired").ShouldBe("Expired");
        es.Value("finding", "missing_in_ledger").ShouldBe("Falta en el Anexo 24");
        es.Sheet("summary").ShouldBe("Resumen");
        es.Value("status", "no_such_value").ShouldBe("no_such_value");
        es.Column("balances", "no_such_field").ShouldBe("no_such_field");
        es.Cell(ReportColumn.Enumerated("sources", ReportValues.Sources) with { Separator = ';' }, "datastage;m3;ledger")
            .ShouldBe("Data Stage;Archivo M3;Anexo 24");
    }

    [Theory]
    [InlineData(null, null, null, Language.English)]
    [InlineData("es", "en_US.UTF-8", null, Language.Spanish)]
    [InlineData("EN", "es_MX.UTF-8", "es_MX.UTF-8", Language.English)]
    [InlineData(null, "es_MX.UTF-8", null, Language.Spanish)]
    [InlineData(null, "C.UTF-8", "es_MX.UTF-8", Language.English)]
    [InlineData(null, "", "es_ES.UTF-8", Language.Spanish)]
    [InlineData("", "", "C.UTF-8", Language.English)]
    public void Default_language_is_traza_lang_then_lc_all_then_lang(string? trazaLang, string? lcAll, string? lang, Language expected)
    {
        var environment = new Dictionary<string, string?> { ["TRAZA_LANG"] = trazaLang, ["LC_ALL"] = lcAll, ["LANG"] = lang };
        Languages.FromEnvironment(name => environment.GetValueOrDefault(name)).ShouldBe(expected);
    }

    [Fact]
    public void Traza_lang_other_than_es_or_en_is_a_usage_error()
    {
        Should.Throw<Traza.App.AppException>(() => Languages.FromEnvironment(name => name == "TRAZA_LANG" ? "fr" : null))
            .Message.ShouldContain("TRAZA_LANG: es or en");
        cli.Run("report", "balances", "--lang", "fr").Exit.ShouldBe(2);
    }

    private void Seed()
    {
        cli.StandardParts();
        cli.Import("entries", "e.csv", Entries,
            "254734565000123,1,IN,2025-01-05,MAT-1,10,100.50,20,",
            "254734565000124,1,IN,2025-03-05,MAT-2,4,8,,").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,H1,2025-04-01,MAT-1,1.5").Exit.ShouldBe(0);
    }

    [Fact]
    public void Table_shows_the_labels_and_values_of_the_language_asked()
    {
        Seed();

        var es = cli.Run("report", "balances", "--as-of", "2026-06-01", "--lang", "es");
        es.Exit.ShouldBe(0, es.Stderr);
        es.Stdout.ShouldContain("Saldo en USD");
        es.Stdout.ShouldContain("Vencimiento");
        es.Stdout.ShouldContain("Materia prima");
        es.Stdout.ShouldContain("Por vencer");
        es.Stdout.ShouldContain("Vigente");
        es.Stdout.ShouldNotContain("balance_value_usd");
        es.Stdout.ShouldNotContain("expiring");
        es.Stdout.ShouldContain("254734565000123"); // data stay as they are

        var en = cli.Run("report", "balances", "--as-of", "2026-06-01", "--lang", "en");
        en.Exit.ShouldBe(0, en.Stderr);
        en.Stdout.ShouldContain("Balance in USD");
        en.Stdout.ShouldContain("Expiring");
        en.Stdout.ShouldContain("Material");
        en.Stdout.ShouldNotContain("Saldo");
    }

    [Fact]
    public void Xlsx_shows_the_labels_values_and_sheet_names_of_the_language_asked()
    {
        Seed();
        var rows = new Dictionary<Language, List<IDictionary<string, object>>>();
        foreach (var language in Both)
        {
            var path = cli.Path_($"balances-{language.Code()}.xlsx");
            cli.Run("report", "balances", "--as-of", "2026-06-01", "--format", "xlsx", "--out", path, "--lang", language.Code())
                .Exit.ShouldBe(0);
            MiniExcel.GetSheetNames(path).ShouldBe([Labels.For(language).Sheet("report")]);
            rows[language] = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        }

        var csv = cli.ReportCsv("balances", "--as-of", "2026-06-01");
        var fields = csv[0].Split(',');
        rows[Language.Spanish][0].Keys.ShouldBe(fields.Select(f => Labels.For(Language.Spanish).Column("balances", f)));
        rows[Language.English][0].Keys.ShouldBe(fields.Select(f => Labels.For(Language.English).Column("balances", f)));
        rows[Language.Spanish].Select(r => r["Estado"]?.ToString()).ShouldBe(["Por vencer", "Vigente"]);
        rows[Language.English].Select(r => r["Status"]?.ToString()).ShouldBe(["Expiring", "Open"]);
        rows[Language.Spanish].Select(r => r["Tipo de parte"]?.ToString()).ShouldBe(["Materia prima", "Materia prima"]);
        // Numbers stay numbers, the same in both languages.
        Convert.ToDecimal(rows[Language.Spanish][0]["Saldo"], CultureInfo.InvariantCulture).ShouldBe(8.5m);
        Convert.ToDecimal(rows[Language.English][0]["Balance"], CultureInfo.InvariantCulture).ShouldBe(8.5m);
    }

    [Fact]
    public void Csv_and_json_are_byte_identical_in_every_language()
    {
        Seed();
        foreach (var report in ReportCatalog.Default.All)
        {
            foreach (var format in new[] { "csv", "json" })
            {
                var plain = cli.Run(["report", report.Name, .. ReportArgs.Required(report.Name), "--format", format, "--as-of", "2026-06-01"]);
                plain.Exit.ShouldBe(0, plain.Stderr);
                foreach (var code in Languages.Codes)
                {
                    cli.Run(["report", report.Name, .. ReportArgs.Required(report.Name), "--format", format, "--as-of", "2026-06-01", "--lang", code]).Stdout
                        .ShouldBe(plain.Stdout, $"{report.Name} {format} --lang {code}");
                }

                if (format == "csv")
                {
                    plain.Stdout.Split('\n')[0].ShouldBe(string.Join(',', report.Columns.Select(c => c.Name)), report.Name);
                }
            }
        }
    }

    /// <summary>
    /// The demo program, every report: what each emits is what it declares — the columns of <see cref="IReport.Columns"/> and
    /// <see cref="IReport.SummaryColumns"/> in order, and in each enumerated column only the values declared (so every one
    /// has its labels).
    /// </summary>
    [Fact]
    public void Every_report_on_the_demo_emits_the_columns_and_values_it_declares()
    {
        using var runner = new TrazaRunner(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        runner.Ok("demo");
        using var store = TestStore.Open(runner.Db, runner.Clock);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in ReportCatalog.Default.All)
        {
            var context = new ReportContext(store, new DateOnly(2026, 11, 26), null, ReportArgs.Options(report.Name), runner.Clock);
            var data = ReportService.Run(report, context).Data;
            data.Columns.Select(c => c.Name).ShouldBe(report.Columns.Select(c => c.Name), report.Name);
            Check(report.Name, data, report.Columns, seen);
            if (data.Summary is { } summary)
            {
                summary.Columns.Select(c => c.Name).ShouldBe(report.SummaryColumns.Select(c => c.Name), report.Name + " summary");
                Check(report.Name + " summary", summary, report.SummaryColumns, seen);
            }
        }

        // The demo reaches the enumerated columns a compliance manager reads first.
        seen.ShouldContain("status=expired");
        seen.ShouldContain("status=expiring");
        seen.ShouldContain("scenario=missing");
        seen.ShouldContain("layout=entries");
    }

    private static void Check(string report, ReportData data, IReadOnlyList<ReportColumn> declared, HashSet<string> seen)
    {
        foreach (var row in data.Rows)
        {
            row.Length.ShouldBe(declared.Count, report);
            for (var i = 0; i < declared.Count; i++)
            {
                if (declared[i].Values is not { } values || row[i] is not string { Length: > 0 } text)
                {
                    continue;
                }

                foreach (var value in declared[i].Separator is { } s ? text.Split(s) : [text])
                {
                    if (!declared[i].Open)
                    {
                        values.ShouldContain(value, $"{report}.{declared[i].Name}");
                    }

                    seen.Add($"{declared[i].Name}={value}");
                }
            }
        }
    }
}
