using Traza.Formats.M3;
using Traza.Formats.DataStage;

namespace Traza.Cli.Tests.Reconciliation;

/// <summary>
/// Issue 13 item 1: <c>traza report reconcile</c> (SPEC §3.10) on a worked example with one finding of each kind the
/// ledger and one Data Stage package can show, and on a clean example with none. Every figure below is set by hand.
/// </summary>
public class ReconcileTests
{
    private const string Rfc = "ABC010101AB1";

    private static readonly DateOnly Jan = new(2025, 1, 1);

    /// <summary>The 15-digit number of pedimento <paramref name="n7"/> of patente 3420 at aduana 07 in 2025.</summary>
    private static string P(string n7) => "25073420" + n7;

    [Fact]
    public void Worked_example_lists_one_finding_of_each_kind_with_both_values_and_advice()
    {
        using var cli = Ledger(clean: false);
        Import(cli, clean: false);

        var rows = CsvText.Rows(cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--format", "csv").Stdout);

        rows.Select(r => $"{r["finding"]} {r["pedimento"]} {r["partida"]} {r["field"]} {r["ledger"]}|{r["datastage"]}|{r["difference"]}")
            .ShouldBe(
            [
                $"missing_in_ledger {P("5000002")}  pedimento |import IN 2025-01-06, 1 partida(s)|",
                $"missing_in_datastage {P("5000004")}  pedimento import IN 2025-01-08, 1 partida(s)||",
                $"not_in_annex24 {P("5000003")}  clave |A1|",
                $"partida_missing_in_ledger {P("5000005")} 2 partida |85423901 7 6 USD 70|",
                $"partida_missing_in_datastage {P("5000005")} 3 partida MAT-1 5 UMT||",
                $"clave_differs {P("5000005")}  clave IN|V1|",
                $"fraccion_differs {P("5000006")} 1 fraccion 85423901|85423902|",
                $"origin_differs {P("5000006")} 1 origin USA|CHN|",
                $"date_differs {P("5000005")}  date 2025-01-12|2025-01-10|-2",
                $"qty_umt_differs {P("5000006")} 1 qty_umt 20|21|1",
                $"qty_umt_differs {P("5000007")} 1 qty_umt 50|100|50",
                $"qty_umt_differs {P("5000008")} 1 qty_umt 20|40|20",
                $"value_usd_differs {P("5000006")} 1 value_usd 200|205|5",
                $"descargo_differs {P("5100001")}  descargo {P("5000001")} 85423901 3||-3",
                $"descargo_differs {P("5100001")}  descargo {P("5000004")} 85423901 5|4|-1",
                $"descargo_differs {P("5100001")}  descargo {P("5000006")} |reference|",
                $"rectification_pending {P("5000009")}  pedimento {P("5000009")}|{P("5000010")}|",
                $"directed_source_short {P("5000004")} 1 qty ||3",
            ]);
        rows.ShouldAllBe(r => r["advice"].Length > 20);
        rows.Where(r => r["finding"] == "qty_umt_differs" && r["pedimento"] != P("5000006"))
            .ShouldAllBe(r => r["advice"].Contains("umt_per_umc looks wrong: 2 partidas of MAT-2") && r["advice"].Contains("umt_per_umc = 1"));
        rows.Single(r => r["finding"] == "qty_umt_differs" && r["pedimento"] == P("5000006"))["advice"].ShouldContain("rectification of " + P("5000006"));
        rows.Single(r => r["finding"] == "rectification_pending")["advice"].ShouldContain("rectifies = " + P("5000009"));
        rows.Where(r => r["finding"] != "directed_source_short").ShouldAllBe(r => r["source"] == "datastage");
    }

    /// <summary>
    /// The worked example's every row, every field: both values, the difference and the advice a compliance manager acts on
    /// (issue 13 item 6; docs/cli.md <c>report reconcile</c>).
    /// </summary>
    [Fact]
    public void Worked_example_rows_are_exact_with_their_advice()
    {
        using var cli = Ledger(clean: false);
        Import(cli, clean: false);

        cli.ReportCsv("reconcile", "--as-of", "2025-12-31").Skip(1).ShouldBe(
        [
            $"missing_in_ledger,{P("5000002")},,pedimento,,\"import IN 2025-01-06, 1 partida(s)\",,\"SAT holds import {P("5000002")} (IN): import its entries, or check the pedimento number of the entries you imported\",datastage",
            $"missing_in_datastage,{P("5000004")},,pedimento,\"import IN 2025-01-08, 1 partida(s)\",,,\"package 900001 (2025-01-01 to 2025-01-31) lacks it: check the pedimento number, or ask the broker whether it was paid and validated\",datastage",
            $"not_in_annex24,{P("5000003")},,clave,,A1,,informational: clave A1 has no balance effect in Annex 24,datastage",
            $"partida_missing_in_ledger,{P("5000005")},2,partida,,85423901 7 6 USD 70,,\"SAT declares partida 2 of {P("5000005")}: import its rows, or check the partida numbers of that pedimento\",datastage",
            $"partida_missing_in_datastage,{P("5000005")},3,partida,MAT-1 5 UMT,,,\"SAT has no partida 3 in {P("5000005")}: check the partida number, or ask the broker for the rectification of {P("5000005")}\",datastage",
            $"clave_differs,{P("5000005")},,clave,IN,V1,,\"the ledger says IN, SAT says V1: ask the broker for the rectification of {P("5000005")} if SAT is wrong, else reverse the rows and import them with the right clave\",datastage",
            $"fraccion_differs,{P("5000006")},1,fraccion,85423901,85423902,,\"the parts catalog classifies MAT-1 under 85423901, SAT's partida under 85423902: correct the catalog, or ask the broker for the rectification of {P("5000006")}\",datastage",
            $"origin_differs,{P("5000006")},1,origin,USA,CHN,,\"the ledger says origin USA, SAT says CHN: it changes the tariff and any preference; check the certificate of origin, then correct the ledger or ask for the rectification of {P("5000006")}\",datastage",
            $"date_differs,{P("5000005")},,date,2025-01-12,2025-01-10,-2,the ledger's entry date should be SAT's entry date (506 TipoFecha 1): correct it by reversal; terms run from it,datastage",
            $"qty_umt_differs,{P("5000006")},1,qty_umt,20,21,1,\"the ledger holds 20, SAT 21 (UMT 6): check the quantities of partida 1, or ask the broker for the rectification of {P("5000006")}\",datastage",
            $"qty_umt_differs,{P("5000007")},1,qty_umt,50,100,50,the part's umt_per_umc looks wrong: 2 partidas of MAT-2 differ by the same factor; SAT's quantities give umt_per_umc = 1: correct the part in the parts catalog,datastage",
            $"qty_umt_differs,{P("5000008")},1,qty_umt,20,40,20,the part's umt_per_umc looks wrong: 2 partidas of MAT-2 differ by the same factor; SAT's quantities give umt_per_umc = 1: correct the part in the parts catalog,datastage",
            $"value_usd_differs,{P("5000006")},1,value_usd,200,205,5,\"check the invoice value and exchange rate of partida 1; if SAT's value is wrong, ask the broker for the rectification of {P("5000006")}\",datastage",
            $"descargo_differs,{P("5100001")},,descargo {P("5000001")} 85423901,3,,-3,\"Traza discharged 3 (UMT 6) of fracción 85423901 from {P("5000001")} for exit {P("5100001")}, and SAT's 512 does not name it: ask the broker to add it to the descargos, or check the exit's BOM and source_pedimento\",datastage",
            $"descargo_differs,{P("5100001")},,descargo {P("5000004")} 85423901,5,4,-1,\"SAT's 512 of exit {P("5100001")} discharges 4 (UMT 6) of fracción 85423901 from {P("5000004")}, Traza's allocations 5: if Traza is right ask the broker for the rectification of {P("5100001")}'s descargos, else check the BOM, merma and the exit's source_pedimento\",datastage",
            $"descargo_differs,{P("5100001")},,descargo {P("5000006")},,reference,,\"SAT's 512 of exit {P("5100001")} names original pedimento {P("5000006")}, from which Traza discharged nothing for this exit: check the exit's source_pedimento and the lots of that pedimento, or ask the broker to correct the descargos\",datastage",
            $"rectification_pending,{P("5000009")},,pedimento,{P("5000009")},{P("5000010")},,SAT holds rectification {P("5000010")} of {P("5000009")}: take it into the ledger (its rows with rectifies = {P("5000009")}),datastage",
            $"directed_source_short,{P("5000004")},1,qty,,,3,\"exit {P("5100001")} of 2025-01-20 names lot {P("5000004")}/1 for MAT-1, which could not cover 3: the rest came from other lots by FIFO; check the source_pedimento of that exit\",ledger",
        ]);
    }

    [Fact]
    public void Tolerances_are_options_and_hide_what_they_tolerate()
    {
        using var cli = Ledger(clean: false);
        Import(cli, clean: false);

        var rows = CsvText.Rows(cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--format", "csv",
            "--qty-tolerance", "1", "--value-tolerance", "5").Stdout);

        rows.Where(r => r["finding"] == "qty_umt_differs").Select(r => r["pedimento"]).ShouldBe([P("5000007"), P("5000008")]);
        rows.ShouldNotContain(r => r["finding"] == "value_usd_differs");
        var bad = cli.Run("report", "reconcile", "--qty-tolerance", "-1");
        bad.Exit.ShouldBe(2);
        bad.Stderr.ShouldContain("--qty-tolerance");
        var text = cli.Run("report", "reconcile", "--value-tolerance", "1,5");
        text.Exit.ShouldBe(2);
        text.Stderr.ShouldContain("option --value-tolerance: a number from 0, with '.' for decimals, found '1,5'");
    }

    [Fact]
    public void Clean_example_has_no_finding_and_client_filter_keeps_what_the_client_names()
    {
        using var cli = Ledger(clean: true);
        Import(cli, clean: true);

        cli.ReportCsv("reconcile", "--as-of", "2025-12-31")
            .ShouldBe(["finding,pedimento,partida,field,ledger,datastage,difference,advice,source"]);
    }

    /// <summary>
    /// The export of 8 MAT-1 names lot 5000004/1, which holds 5: 5 come from it and 3 by FIFO from the earliest lot
    /// (5000001, 2025-01-05); MAT-1's fracción 85423901 and UMT 6 (umt_per_umc 1) make both lines of its 512 block.
    /// </summary>
    [Fact]
    public void Descargos_sum_the_exit_allocations_by_original_pedimento_and_fraccion()
    {
        using var cli = Ledger(clean: false);

        cli.ReportCsv("descargos", "--exit", P("5100001"), "--as-of", "2025-12-31").ShouldBe(
        [
            "original_pedimento,clave,date,fraccion,umt,qty_umt,exit_document",
            $"{P("5000001")},IN,2025-01-05,85423901,6,3,{P("5100001")}",
            $"{P("5000004")},IN,2025-01-08,85423901,6,5,{P("5100001")}",
        ]);
        cli.ReportCsv("descargos", "--as-of", "2025-12-31").Skip(1).ShouldAllBe(l => l.EndsWith("," + P("5100001")));
        cli.ReportCsv("descargos", "--exit", P("5199999")).ShouldBe(["original_pedimento,clave,date,fraccion,umt,qty_umt,exit_document"]);
    }

    [Fact]
    public void Table_and_xlsx_lead_with_a_summary_per_finding_kind_and_csv_keeps_the_contract_fields()
    {
        using var cli = Ledger(clean: false);
        Import(cli, clean: false);

        // Table: the summary first — one row per kind present, in SPEC §3.10's order, with counts and what to do (labels in
        // the language asked: issue 16 item 3).
        var table = cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--lang", "en").Stdout;
        var summaryAt = table.IndexOf("What to do", StringComparison.Ordinal);
        summaryAt.ShouldBeGreaterThan(0);
        summaryAt.ShouldBeLessThan(table.IndexOf("Advice", StringComparison.Ordinal));
        var qtyLine = table.Split('\n').First(l => l.Contains("UMT quantity differs", StringComparison.Ordinal));
        qtyLine.Split('│', StringSplitOptions.TrimEntries).Skip(1).Take(4).ShouldBe(["UMT quantity differs", "3", "3", "Data Stage"]);
        var spanish = cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--lang", "es").Stdout;
        spanish.IndexOf("Qué hacer", StringComparison.Ordinal).ShouldBeLessThan(spanish.IndexOf("Recomendación", StringComparison.Ordinal));
        var spanishQty = spanish.Split('\n').First(l => l.Contains("Cantidad en UMT", StringComparison.Ordinal)) // the cell may wrap
            .Split('│', StringSplitOptions.TrimEntries).Skip(1).Take(4).ToArray();
        spanishQty[0].ShouldStartWith("Cantidad en UMT");
        spanishQty[1..].ShouldBe(["3", "3", "Data Stage"]);

        // XLSX: a summary sheet, then the report sheet with every finding — sheets, headers and findings labeled.
        var kinds = new[]
        {
            "missing_in_ledger", "missing_in_datastage", "not_in_annex24", "partida_missing_in_ledger", "partida_missing_in_datastage",
            "clave_differs", "fraccion_differs", "origin_differs", "date_differs", "qty_umt_differs", "value_usd_differs",
            "descargo_differs", "rectification_pending", "directed_source_short",
        };
        foreach (var (code, sheets, finding, rows) in new[]
        {
            ("en", new[] { "Summary", "Report" }, "Finding", "Rows"), ("es", new[] { "Resumen", "Reporte" }, "Hallazgo", "Registros"),
        })
        {
            var labels = Traza.App.Reports.Labels.For(code == "es" ? Traza.App.Reports.Language.Spanish : Traza.App.Reports.Language.English);
            var path = cli.Path_($"reconcile-{code}.xlsx");
            cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--format", "xlsx", "--out", path, "--lang", code).Exit.ShouldBe(0);
            MiniExcelLibs.MiniExcel.GetSheetNames(path).ShouldBe(sheets);
            var summary = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true, sheetName: sheets[0]).Cast<IDictionary<string, object>>().ToList();
            summary.Select(r => r[finding]?.ToString()).ShouldBe(kinds.Select(k => labels.Value("finding", k)));
            summary.Sum(r => Convert.ToInt64(r[rows], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(18L);
            MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true, sheetName: sheets[1]).Count().ShouldBe(18);
        }

        // CSV: the contract fields alone.
        cli.ReportCsv("reconcile", "--as-of", "2025-12-31")[0].ShouldBe("finding,pedimento,partida,field,ledger,datastage,difference,advice,source");
    }

    [Fact]
    public void M3_pedimentos_not_yet_in_data_stage_are_compared_like_data_stage_and_say_so()
    {
        // The clean example, plus an import the ledger holds (5000020, 10 UMT) and an export it lacks (5100002): Data Stage
        // holds neither (without M3, 5000020 would be missing_in_datastage); the broker's validated M3 file holds both, and
        // declares 12 UMT for 5000020.
        using var cli = Ledger(clean: true);
        Import(cli, clean: true);
        cli.Import("entries", "more.csv", "pedimento,partida,clave,date,part,qty,value_usd,origin",
            $"{P("5000020")},1,IN,2025-01-18,MAT-1,10,100,USA").Exit.ShouldBe(0);
        cli.ReportCsv("reconcile", "--as-of", "2025-12-31").Skip(1).ShouldHaveSingleItem().ShouldStartWith("missing_in_datastage," + P("5000020"));

        var m3 = new M3FileWriter("m3420001.020");
        m3.AddPedimento("3420", "5000020", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 18),
            [new M3Partida(1, "85423901", "00", "Chip", 100m, 10m, "6", 12m, "6", "USA")],
            [["506", "5000020", "1", m3.Date(new DateOnly(2025, 1, 18))]]);
        m3.AddPedimento("3420", "5100002", "070", 2, "RT", Rfc, new DateOnly(2025, 1, 25),
            [new M3Partida(1, "85423901", "00", "Chip", 0m, 2m, "6", 2m, "6", "MEX")]);
        m3.Write(cli.Path_("m3420001.020"));
        cli.Run("import", "m3", cli.Path_("m3420001.020")).Exit.ShouldBe(0);

        var rows = CsvText.Rows(cli.Run("report", "reconcile", "--as-of", "2025-12-31", "--format", "csv").Stdout);
        rows.Select(r => $"{r["finding"]} {r["pedimento"]} {r["field"]} {r["ledger"]}|{r["datastage"]}|{r["difference"]} {r["source"]}").ShouldBe(
        [
            $"missing_in_ledger {P("5100002")} pedimento |export RT 2025-01-25, 1 partida(s)| m3",
            $"qty_umt_differs {P("5000020")} qty_umt 10|12|2 m3",
        ]);
    }

    /// <summary>
    /// The <c>finding</c> column is SPEC §3.10's closed list: a negative adjustment of imported material (a discharge finding,
    /// SPEC §3.5) and a destruction of material are not reconciliation findings, and leave the clean example clean.
    /// </summary>
    [Fact]
    public void Adjustments_and_destructions_add_no_row_outside_the_closed_list()
    {
        using var cli = Ledger(clean: true);
        Import(cli, clean: true);
        cli.Import("events", "events.csv", "date,type,part,qty,waste,reference",
            "2025-01-21,adjustment,MAT-1,-2,no,AJ-1",
            "2025-01-22,destruction,MAT-1,1,no,ACTA-1").Exit.ShouldBe(0);

        cli.ReportCsv("reconcile", "--as-of", "2025-12-31")
            .ShouldBe(["finding,pedimento,partida,field,ledger,datastage,difference,advice,source"]);
    }

    [Fact]
    public void Empty_ledger_gives_the_header_only()
    {
        using var cli = new CliHarness();
        cli.Run("init", "--rfc", Rfc, "--name", "Acme", "--immex", "IMMEX-1", "--modality", "industrial").Exit.ShouldBe(0);

        cli.ReportCsv("reconcile").ShouldBe(["finding,pedimento,partida,field,ledger,datastage,difference,advice,source"]);
    }

    /// <summary>The ledger of the example: parts, entries and one export naming a lot too small for it.</summary>
    internal static CliHarness Ledger(bool clean)
    {
        var cli = new CliHarness();
        cli.Run("init", "--rfc", Rfc, "--name", "Acme", "--immex", "IMMEX-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv",
            "part,description,kind,fraccion,nico,umc,umt,umt_per_umc,origin,source,client",
            "MAT-1,Chip,material,85423901,00,6,6,1,USA,,",
            "MAT-2,Film,material,39269099,99,6,6,0.5,CHN,,").Exit.ShouldBe(0);
        List<string> entries =
        [
            "pedimento,partida,clave,date,part,qty,value_usd,origin",
            $"{P("5000001")},1,IN,2025-01-05,MAT-1,100,1000,USA",
            $"{P("5000009")},1,IN,2025-01-16,MAT-1,30,300,USA",
            $"{P("4000011")},1,IN,2025-01-03,MAT-2,10,4,",
        ];
        if (!clean)
        {
            entries.AddRange(
            [
                $"{P("5000004")},1,IN,2025-01-08,MAT-1,5,50,USA",
                $"{P("5000005")},1,IN,2025-01-12,MAT-1,10,100,USA",
                $"{P("5000005")},3,IN,2025-01-12,MAT-1,5,50,USA",
                $"{P("5000006")},1,IN,2025-01-14,MAT-1,20,200,USA",
                $"{P("5000007")},1,IN,2025-01-15,MAT-2,100,10,",
                $"{P("5000008")},1,IN,2025-01-15,MAT-2,40,4,",
            ]);
        }

        cli.Import("entries", "entries.csv", [.. entries]).Exit.ShouldBe(0);
        var source = clean ? P("5000001") : P("5000004");
        cli.Import("exits", "exits.csv",
            "pedimento,partida,clave,date,part,qty,source_pedimento,source_partida",
            $"{P("5100001")},1,RT,2025-01-20,MAT-1,8,{source},1").Exit.ShouldBe(0);
        return cli;
    }

    /// <summary>SAT's side: one package for January 2025.</summary>
    internal static void Import(CliHarness cli, bool clean)
    {
        using var w = Package(clean);
        var path = cli.Path_("pkg.zip");
        w.WriteZip(path);
        var r = cli.Run("import", "datastage", path);
        r.Exit.ShouldBe(0, r.Stderr);
    }

    /// <summary>
    /// SAT's side of the example: one package for January 2025, in the shape <paramref name="options"/> asks for. Pedimento
    /// 4000011 is a consolidated pedimento opened in 2024 and paid in January 2025: its year (25, from the payment date)
    /// differs from its number's first digit (SPEC §3.1), and it matches the ledger's 25 07 3420 4000011.
    /// </summary>
    internal static DataStagePackageWriter Package(bool clean, DataStageWriterOptions? options = null, string folio = "900001")
    {
        var w = new DataStagePackageWriter(folio, options);
        w.SetResumen(Rfc, Jan, new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 3));
        Pedimento(w, "5000001", 1, "IN", 5, ("85423901", 100, 100, 1000, "USA"));
        Pedimento(w, "5000009", 1, "IN", 16, ("85423901", 30, 30, 300, "USA"));
        Pedimento(w, "5100001", 2, "RT", 20, ("85423901", 8, 8, 0, "MEX"));
        Pedimento(w, "4000011", 1, "IN", 3, ("39269099", 10, 5, 4, "CHN"));
        if (clean)
        {
            // The exit's 512 block as Traza computes it, and a reference row (no fracción, .000) to the same original.
            Descargo(w, "5000001", "2025-01-05", "85423901", "8.000");
            Descargo(w, "5000001", "2025-01-05", string.Empty, ".000");
        }
        else
        {
            // Traza takes 3 from 5000001 (SAT names none of it), 5 from 5000004 (SAT says 4), nothing from 5000006
            // (SAT's reference row names it).
            Descargo(w, "5000004", "2025-01-08", "85423901", "4.000");
            Descargo(w, "5000006", "2025-01-14", string.Empty, ".000");
            Pedimento(w, "5000002", 1, "IN", 6, ("85423901", 1, 1, 10, "USA"));
            Pedimento(w, "5000003", 1, "A1", 7, ("85423901", 1, 1, 10, "USA"));
            Pedimento(w, "5000005", 1, "V1", 10, ("85423901", 10, 10, 100, "USA"), ("85423901", 7, 7, 70, "USA"));
            Pedimento(w, "5000006", 1, "IN", 14, ("85423902", 20, 21, 205, "CHN"));
            Pedimento(w, "5000007", 1, "IN", 15, ("39269099", 100, 100, 10, "CHN"));
            Pedimento(w, "5000008", 1, "IN", 15, ("39269099", 40, 40, 4, "CHN"));
            Pedimento(w, "5000010", 1, "R1", 25, 2, ("85423901", 30, 30, 300, "USA"));
            w.AddRow("701", ("Patente", "3420"), ("Pedimento", "5000010"), ("SeccionAduanera", "070"), ("ClaveDocumento", "R1"),
                ("FechaPago", "2025-01-25"), ("PedimentoAnterior", "5000009"), ("PatenteAnterior", "3420"),
                ("SeccionAduaneraAnterior", "070"), ("DocumentoAnterior", "IN"), ("FechaOperacionAnterior", "2025-01-16"),
                ("PedimentoOriginal", "0"));
        }

        return w;
    }

    /// <summary>A 512 row of exit 5100001 discharging from original pedimento <paramref name="n7"/>.</summary>
    private static void Descargo(DataStagePackageWriter w, string n7, string date, string fraccion, string qty) =>
        w.AddRow("512", ("Patente", "3420"), ("Pedimento", "5100001"), ("SeccionAduanera", "070"), ("PatenteAduanalOrig", "3420"),
            ("PedimentoOriginal", n7), ("SeccionAduaneraDespOrig", "070"), ("DocumentoOriginal", "IN"), ("FechaOperacionOrig", date),
            ("FraccionOriginal", fraccion), ("UnidadMedida", "6"), ("MercanciaDescargada", qty), ("TipoPedimento", "1"),
            ("FechaPagoReal", w.FormatDate(Jan.AddDays(19), "512", true)));

    private static void Pedimento(DataStagePackageWriter w, string n7, int tipoOperacion, string clave, int day,
        params (string Fraccion, decimal Umc, decimal Umt, decimal Usd, string Origin)[] partidas) =>
        Pedimento(w, n7, tipoOperacion, clave, day, 1, partidas);

    private static void Pedimento(DataStagePackageWriter w, string n7, int tipoOperacion, string clave, int day, int tipoPedimento,
        params (string Fraccion, decimal Umc, decimal Umt, decimal Usd, string Origin)[] partidas)
    {
        var date = Jan.AddDays(day - 1);
        w.AddPedimento(new DataStagePedimento("3420", n7, "070", tipoOperacion, clave, Rfc, date, TipoPedimento: tipoPedimento));
        var i = 0;
        foreach (var p in partidas)
        {
            w.AddPartida(new DataStagePartida("3420", n7, "070", ++i, p.Fraccion, "00", "part", p.Usd, p.Usd * 20, p.Umc, "6", p.Umt, "6",
                p.Origin, "USA", tipoOperacion, clave, date));
        }
    }
}
