using System.Text.RegularExpressions;
using CsCheck;
using MiniExcelLibs;

namespace Traza.Cli.Tests;

public sealed class ImportRobustnessTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Random_bytes_file_exits_3_names_file_and_line_and_writes_nothing()
    {
        cli.StandardParts();
        var i = 0;
        Gen.Byte.Array[1, 400].Sample(bytes =>
        {
            var name = $"garbage{i++}.csv";
            File.WriteAllBytes(cli.Path_(name), bytes);
            var r = cli.Run("import", "entries", cli.Path_(name));
            r.Exit.ShouldBe(3, r.Stderr);
            // SPEC §4.1: a file that is not valid UTF-8 is read as Windows-1252 and the import says so; nothing else.
            r.Stdout.ShouldMatch($@"^(note: file {Regex.Escape(name)}: the file is not valid UTF-8 \(line [1-9][0-9]*\): read as Windows-1252\r?\n)?$");
            r.Stderr.ShouldMatch($@"^file {Regex.Escape(name)}, line [1-9][0-9]*(, column [a-z_]+)?: \S[^\n]*\n$");
        }, iter: 40, threads: 1);
        cli.ReportCsv("entries").Length.ShouldBe(1);
        Verified().ShouldBe("ledger intact: 1 batches verified", "only the parts batch");
    }

    [Fact]
    public void Header_only_file_imports_zero_rows_as_a_batch_of_its_own()
    {
        var r = cli.Import("parts", "p.csv", "part,kind,umc");

        r.Exit.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldBeEmpty();
        r.Stdout.ShouldBe("p.csv: imported 0 parts rows as batch 1" + Environment.NewLine);
        Verified().ShouldBe("ledger intact: 1 batches verified");
        var again = cli.Run("import", "parts", cli.Path_("p.csv"));
        again.Stdout.ShouldBe("p.csv: already imported as batch 1 (same SHA-256); nothing to do" + Environment.NewLine);
    }

    [Fact]
    public void A_nul_character_in_a_field_exits_3_naming_line_and_column_on_both_stores()
    {
        // Found by ImportFuzzTests (seed 4_FHDzVe_IQ1): a NUL byte in a terms note crashed the import on PostgreSQL, which
        // refuses U+0000 in text, where SQLite stored it.
        cli.StandardParts();
        var terms = cli.Import("terms", "terms.csv", "kind,clave,fraccion,months,valid_from,valid_to,note", "container,,,24,2020-01-01,,108-II\0x");
        terms.Exit.ShouldBe(3, terms.Stderr);
        terms.Stderr.ShouldStartWith("file terms.csv, line 2, column note: ");
        terms.Stderr.ShouldContain("text without NUL characters (U+0000)");
        var entries = cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,invoice",
            "250734205000001,1,IN,2025-01-10,MAT-1,5,INV\0-1");
        entries.Exit.ShouldBe(3, entries.Stderr);
        entries.Stderr.ShouldContain("line 2, column invoice");
        cli.ReportCsv("entries").Length.ShouldBe(1);
        Verified().ShouldBe("ledger intact: 1 batches verified", "only the parts batch");
    }

    [Fact]
    public void Empty_file_exits_3()
    {
        File.WriteAllText(cli.Path_("empty.csv"), string.Empty);
        var r = cli.Run("import", "parts", cli.Path_("empty.csv"));
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldStartWith("file empty.csv, line 1");
        Verified().ShouldBe("ledger intact: 0 batches verified");
    }

    [Fact]
    public void Missing_file_exits_3()
    {
        var r = cli.Run("import", "parts", cli.Path_("none.csv"));
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldStartWith("file none.csv: ");
    }

    [Fact]
    public void Sum_overflow_in_one_lot_exits_3()
    {
        cli.StandardParts();
        var r = cli.Import("entries", "e.csv", "pedimento,partida,clave,date,part,qty",
            "254734565000123,1,IN,2025-01-05,MAT-1,999999999999",
            "254734565000123,1,IN,2025-01-05,MAT-1,999999999999");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("line 3, column qty"); // each row is within SPEC §4.1's bound, their sum is not
    }

    [Fact]
    public void Xlsx_parts_and_entries_import_like_csv()
    {
        var parts = cli.Path_("parts.xlsx");
        MiniExcel.SaveAs(parts, new[]
        {
            new Dictionary<string, object?> { ["part"] = "MAT-1", ["kind"] = "material", ["umc"] = 6 },
            new Dictionary<string, object?> { ["part"] = "MAT-2", ["kind"] = "material", ["umc"] = "1" },
        });
        cli.Run("import", "parts", parts).Exit.ShouldBe(0);
        var entries = cli.Path_("entries.xlsx");
        MiniExcel.SaveAs(entries, new[]
        {
            new Dictionary<string, object?>
            {
                ["pedimento"] = "25 47 3456 5000123", ["partida"] = 1, ["clave"] = "IN", ["date"] = "2025-01-05", ["part"] = "MAT-1", ["qty"] = 2.5m,
            },
        });
        var r = cli.Run("import", "entries", entries);
        r.Exit.ShouldBe(0, r.Stderr);
        cli.ReportCsv("entries")[1].ShouldStartWith("254734565000123,1,IN,2025-01-05,MAT-1,,2.5,");
    }

    /// <summary>The first line of <c>audit verify</c>, which must pass.</summary>
    private string Verified()
    {
        var r = cli.Run("audit", "verify");
        r.Exit.ShouldBe(0, r.Stdout + r.Stderr);
        return r.Stdout.Split('\n')[0].TrimEnd('\r');
    }

    [Fact]
    public void Damaged_xlsx_exits_3()
    {
        File.WriteAllText(cli.Path_("bad.xlsx"), "not a workbook");
        cli.Run("import", "parts", cli.Path_("bad.xlsx")).Exit.ShouldBe(3);
    }
}
