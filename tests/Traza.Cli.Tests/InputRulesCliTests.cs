using System.Text;
using MiniExcelLibs;
using Traza.Formats.DataStage;

namespace Traza.Cli.Tests;

/// <summary>
/// Issue 11 item 2: SPEC §4.1 input rules through the real CLI — each case a new user met, its own test: exit 3 with
/// <c>file …, line …, column …</c> and nothing written, or the documented success.
/// </summary>
public sealed class InputRulesCliTests : IDisposable
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty,invoice";

    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private void Init() =>
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial").Exit.ShouldBe(0);

    private string Batches()
    {
        var r = cli.Run("audit", "verify");
        r.Exit.ShouldBe(0, r.Stderr);
        return r.Stdout;
    }

    private void ShouldRefuse(CliResult r, string message)
    {
        r.Exit.ShouldBe(3, r.Stdout + r.Stderr);
        r.Stderr.ShouldContain(message);
    }

    [Fact]
    public void Unquoted_decimal_comma_in_qty_exits_3_instead_of_shifting_columns()
    {
        cli.StandardParts();
        var before = Batches();

        ShouldRefuse(cli.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,2025-01-05,MAT-1,1,5,F-1"),
            "file e.csv, line 2: at most 7 fields, as many as the header row names, found 8");
        Batches().ShouldBe(before);
        cli.ReportCsv("entries").Length.ShouldBe(1);
    }

    [Fact]
    public void Unquoted_thousands_separator_exits_3()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,RT,2025-02-05,MAT-1,1,000"),
            "file x.csv, line 2: at most 6 fields");
    }

    [Fact]
    public void Quoted_decimal_comma_is_one_field_and_still_not_a_number()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,2025-01-05,MAT-1,\"1,5\",F-1"),
            "file e.csv, line 2, column qty: a decimal number greater than 0, found '1,5'");
    }

    [Fact]
    public void Header_naming_qty_twice_exits_3()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty,qty", "254734565000123,1,IN,2025-01-05,MAT-1,1,2"),
            "file e.csv, line 1, column qty: a header naming each column once; 'qty' names columns 6 and 7");
    }

    [Fact]
    public void Xlsx_header_naming_a_column_twice_exits_3()
    {
        var path = cli.Path_("parts.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?> { ["a"] = "part", ["b"] = "kind", ["c"] = "umc", ["d"] = "Kind" },
            new Dictionary<string, object?> { ["a"] = "MAT-1", ["b"] = "material", ["c"] = "6", ["d"] = "finished" },
        }, printHeader: false);

        ShouldRefuse(cli.Run("import", "parts", path), "file parts.xlsx, line 1, column kind: a header naming each column once");
    }

    [Fact]
    public void Xlsx_number_beyond_the_bound_exits_3()
    {
        cli.StandardParts();
        var path = cli.Path_("entries.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            new Dictionary<string, object?>
            {
                ["pedimento"] = "254734565000123", ["partida"] = 1, ["clave"] = "IN", ["date"] = "2025-01-05", ["part"] = "MAT-1", ["qty"] = 1e14,
            },
        });

        ShouldRefuse(cli.Run("import", "entries", path), "file entries.xlsx, line 2, column qty: a decimal number greater than 0 with an absolute value below 10^12");
    }

    [Fact]
    public void Windows_1252_file_is_read_as_such_and_the_import_says_so()
    {
        cli.StandardParts();
        var path = cli.Path_("e.csv");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(EntriesHeader + "\n254734565000123,1,IN,2025-01-05,MAT-1,1,FACTURA-ÑÚ\n"));

        var r = cli.Run("import", "entries", path);

        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("note: file e.csv: the file is not valid UTF-8 (line 2): read as Windows-1252");
        cli.ReportCsv("entries")[1].ShouldContain(",FACTURA-ÑÚ,");
    }

    [Fact]
    public void Utf16_file_with_a_mark_imports_without_a_note()
    {
        cli.StandardParts();
        var path = cli.Path_("e.csv");
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(),
            .. Encoding.Unicode.GetBytes(EntriesHeader + "\r\n254734565000123,1,IN,2025-01-05,MAT-1,1,FACTURA-Ñ\r\n")]);

        var r = cli.Run("import", "entries", path);

        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldNotContain("note:");
        cli.ReportCsv("entries")[1].ShouldContain(",FACTURA-Ñ,");
    }

    [Fact]
    public void Qty_1e14_exits_3_at_import()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,2025-01-05,MAT-1,100000000000000,"),
            "file e.csv, line 2, column qty: a decimal number greater than 0 with an absolute value below 10^12, found '100000000000000'");
    }

    [Fact]
    public void Entry_dated_9999_12_01_exits_3_at_import()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,9999-12-01,MAT-1,1,"),
            "file e.csv, line 2, column date: a date from 2000-01-01 to 2099-12-31, found '9999-12-01'");
    }

    [Fact]
    public void Qty_with_7_decimals_exits_3_instead_of_a_closed_balance()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,2025-01-05,MAT-1,0.0000001,"),
            "file e.csv, line 2, column qty: a decimal number greater than 0 with at most 6 decimals, found '0.0000001'");
    }

    [Fact]
    public void In_dated_1999_12_31_is_refused_for_its_date_not_its_clave()
    {
        cli.StandardParts();
        var r = cli.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,1999-12-31,MAT-1,1,");

        ShouldRefuse(r, "file e.csv, line 2, column date: a date from 2000-01-01 to 2099-12-31, found '1999-12-31'");
        r.Stderr.ShouldNotContain("clave");
    }

    [Fact]
    public void Exit_bom_date_and_bom_validity_outside_the_range_exit_3()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty,bom_date",
            "254734565000200,1,RT,2025-02-05,MAT-1,1,1899-01-01"), "file x.csv, line 2, column bom_date: a date from 2000-01-01");
        ShouldRefuse(cli.Import("bom", "b.csv", "product,component,qty_per,valid_from,valid_to", "FG-1,MAT-1,1,2025-01-01,9999-12-31"),
            "file b.csv, line 2, column valid_to: a date from 2000-01-01");
    }

    [Fact]
    public void Rates_and_catalog_numbers_beyond_the_bound_exit_3()
    {
        ShouldRefuse(cli.Import("rates", "r.csv", "date,mxn_per_usd", "2025-01-02,1e3"), "file r.csv, line 2, column mxn_per_usd");
        ShouldRefuse(cli.Import("tariffs", "t.csv", "fraccion,mfn_pct,valid_from", "72085101,1000000000000,2025-01-01"),
            "file t.csv, line 2, column mfn_pct");
        ShouldRefuse(cli.Import("terms", "t.csv", "kind,months,valid_from", "material,2147483647,2025-01-01"),
            "file t.csv, line 2, column months: a whole number of months from 0 to 1200");
    }

    [Fact]
    public void Lot_summed_to_10_to_the_12_over_its_rows_exits_3()
    {
        cli.StandardParts();
        ShouldRefuse(cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty",
                "254734565000123,1,IN,2025-01-05,MAT-1,600000000000", "254734565000123,1,IN,2025-01-05,MAT-1,400000000000"),
            "file e.csv, line 3, column qty: a qty that keeps the lot's sum over its rows (line 2 on) below 10^12, found a sum of 1000000000000");
    }

    [Fact]
    public void Largest_quantity_goes_through_discharge_and_report_balances()
    {
        Init();
        cli.StandardParts();
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty",
            "254734565000123,1,IN,2025-01-05,MAT-1,999999999999.999999",
            "254734565000124,1,IN,2025-01-06,MAT-1,999999999999.999999").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty",
            "254734565000200,1,RT,2025-02-05,MAT-1,999999999999.999999",
            "254734565000200,2,RT,2025-02-05,MAT-1,0.000001").Exit.ShouldBe(0);

        var d = cli.Run("discharge", "--as-of", "2025-12-31");
        d.Exit.ShouldBe(0, d.Stderr);
        var balances = cli.ReportCsv("balances", "--as-of", "2025-12-31");

        balances[1].ShouldContain(",999999999999.999999,999999999999.999999,0,");
        balances[1].ShouldEndWith(",closed,,0"); // status, then an empty alert_band and reserved 0 (docs/cli.md)
        balances[2].ShouldContain(",999999999999.999999,0.000001,999999999999.999998,");
        balances[2].ShouldNotEndWith(",closed");
    }

    [Fact]
    public void Exit_whose_bom_need_reaches_10_to_the_12_is_refused_at_import()
    {
        Init();
        cli.StandardParts();
        cli.Import("bom", "b.csv", "product,component,qty_per,merma_pct", "FG-1,MAT-1,400000000000,0.0000000001").Exit.ShouldBe(0);
        var before = Batches();

        var r = cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty",
            "254734565000200,1,RT,2025-02-05,FG-1,0.5", "254734565000200,2,RT,2025-02-05,FG-1,3");

        ShouldRefuse(r, "file x.csv, line 3, column qty: a quantity whose need of part 'MAT-1' (qty 3 × 400000000000.4");
        r.Stderr.ShouldContain("per unit) stays below 10^12 (SPEC §4.1); split the exit or correct the BOM");
        Batches().ShouldBe(before);
    }

    [Fact]
    public void Bom_imported_after_an_exit_that_makes_its_need_too_large_is_refused_by_discharge_naming_the_row_never_a_crash()
    {
        Init();
        cli.StandardParts();
        cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty", "254734565000123,1,IN,2025-01-05,MAT-1,999999999999.999999")
            .Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty",
            "254734565000200,1,RT,2025-02-05,FG-1,0.5", "254734565000200,2,RT,2025-02-05,FG-1,3").Exit.ShouldBe(0);
        cli.Import("bom", "b.csv", "product,component,qty_per,merma_pct", "FG-1,MAT-1,400000000000,0.0000000001").Exit.ShouldBe(0);

        var r = cli.Run("discharge", "--as-of", "2025-12-31");

        ShouldRefuse(r, "file x.csv, line 3, column qty: a quantity whose need of part 'MAT-1' (qty 3 × 400000000000.4");
        r.Stderr.ShouldContain("per unit) stays below 10^12; take the row back or correct the BOM (the discharge is refused; nothing written)");
        Batches().ShouldContain("ledger intact");
    }

    private void ThreeLevelsOfHugeFactors()
    {
        cli.Import("parts", "p.csv", "part,kind,umc", "A,finished,6", "B,finished,6", "C,finished,6", "M,material,6").Exit.ShouldBe(0);
        cli.Import("bom", "b.csv", "product,component,qty_per,merma_pct",
            "A,B,999999999999,999999999999", "B,C,999999999999,999999999999", "C,M,999999999999,999999999999").Exit.ShouldBe(0);
    }

    [Fact]
    public void Exit_of_a_product_whose_bom_levels_overflow_a_decimal_is_refused_at_import()
    {
        Init();
        ThreeLevelsOfHugeFactors();

        ShouldRefuse(cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,RT,2025-02-05,A,1"),
            "file x.csv, line 2, column qty: a BOM of product 'A' whose factors multiply out to less than 10^12");
    }

    [Fact]
    public void Bom_whose_levels_overflow_a_decimal_is_refused_by_discharge_never_a_crash()
    {
        Init();
        cli.Import("parts", "p0.csv", "part,kind,umc", "A,finished,6").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,RT,2025-02-05,A,1").Exit.ShouldBe(0);
        cli.Import("parts", "p.csv", "part,kind,umc", "B,finished,6", "C,finished,6", "M,material,6").Exit.ShouldBe(0);
        cli.Import("bom", "b.csv", "product,component,qty_per,merma_pct",
            "A,B,999999999999,999999999999", "B,C,999999999999,999999999999", "C,M,999999999999,999999999999").Exit.ShouldBe(0);

        ShouldRefuse(cli.Run("discharge", "--as-of", "2025-12-31"), "file x.csv, line 2, column qty: a BOM of product 'A'");
    }

    [Fact]
    public void Init_with_a_bad_rfc_leaves_no_database()
    {
        var r = cli.Run("init", "--rfc", "BAD", "--name", "A", "--immex", "1", "--modality", "industrial");

        r.Exit.ShouldBe(2);
        TestStore.RequireSqlite();
        File.Exists(cli.Db).ShouldBeFalse();
        Directory.GetFiles(cli.Folder).ShouldBeEmpty();
    }

    [Fact]
    public void Failed_import_into_a_new_target_leaves_no_database()
    {
        var path = cli.Write("p.csv", "part,kind,umc", "A,nonsense,6");

        cli.Run("import", "parts", path).Exit.ShouldBe(3);
        TestStore.RequireSqlite();
        File.Exists(cli.Db).ShouldBeFalse();
    }

    [Fact]
    public void Discharge_of_a_new_target_without_a_program_leaves_no_database()
    {
        cli.Run("discharge").Exit.ShouldBe(2);
        TestStore.RequireSqlite();
        File.Exists(cli.Db).ShouldBeFalse();
    }

    [Fact]
    public void Failed_command_keeps_an_existing_database()
    {
        Init();
        cli.Run("init", "--rfc", "BAD", "--name", "A", "--immex", "1", "--modality", "industrial").Exit.ShouldBe(2);
        TestStore.RequireSqlite();
        File.Exists(cli.Db).ShouldBeTrue();
        Batches().ShouldContain("ledger intact");
    }

    [Theory]
    [InlineData("expiring", "--within", "-5")]
    [InlineData("expiring", "--within", "abc")]
    [InlineData("expiring", "--within", "99999999")]
    [InlineData("custody", "--partida", "0")]
    [InlineData("custody", "--partida", "-1")]
    [InlineData("balances", "--as-of", "1999-12-31")]
    [InlineData("balances", "--as-of", "9999-12-31")]
    public void Out_of_range_numeric_and_date_options_are_usage_errors(string report, string option, string value)
    {
        Init();
        var r = cli.Run("report", report, option, value);

        r.Exit.ShouldBe(2, r.Stderr);
        r.Stderr.ShouldContain(option);
    }

    [Fact]
    public void Expiring_within_0_is_accepted()
    {
        Init();
        cli.Run("report", "expiring", "--within", "0", "--format", "csv").Exit.ShouldBe(0);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000000000")]
    public void Data_Stage_value_that_is_garbage_or_beyond_the_bound_exits_3_naming_member_line_and_column(string value)
    {
        Init();
        var folder = cli.Path_("pkg");
        using (var w = new DataStagePackageWriter("896998"))
        {
            w.SetResumen("ABC010101AB1", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 3));
            w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", "ABC010101AB1", new DateOnly(2025, 1, 10)));
            w.AddPartida(new DataStagePartida("3420", "5000257", "070", 1, "85423901", "00", "CI", 1500.25m, 27760m, 1000m, "6", 1000m, "6",
                "USA", "USA", 1, "IN", new DateOnly(2025, 1, 10), [new DataStageContribucion(15, 0, 278)]));
            w.WriteFolder(folder);
        }

        var member = Directory.GetFiles(folder, "*_551.asc").Single();
        var text = File.ReadAllText(member, Encoding.Latin1);
        text.ShouldContain("|1500.25|");
        File.WriteAllText(member, text.Replace("|1500.25|", "|" + value + "|", StringComparison.Ordinal), Encoding.Latin1);
        var before = Batches();

        var r = cli.Run("import", "datastage", folder);

        ShouldRefuse(r, "896998_551.asc, line 2, column ");
        r.Stderr.ShouldContain($"found '{value}'");
        Batches().ShouldBe(before);
    }
}
