namespace Traza.Cli.Tests;

public sealed class ImportEntriesTests : IDisposable
{
    private const string Header = "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,client";

    private readonly CliHarness cli = new();

    public ImportEntriesTests() => cli.StandardParts();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Entries_spaced_pedimento_is_stored_as_15_digits()
    {
        cli.Import("entries", "e.csv", Header, "25  47  3456  5000123,1,IN,2025-01-05,MAT-1,10,,100,1800,").Exit.ShouldBe(0);
        var rows = cli.ReportCsv("entries");
        rows.Length.ShouldBe(2);
        rows[1].ShouldStartWith("254734565000123,1,IN,2025-01-05,MAT-1,,10,");
    }

    [Fact]
    public void Entries_same_key_in_one_file_are_summed()
    {
        var r = cli.Import("entries", "e.csv", Header,
            "254734565000123,1,IN,2025-01-05,MAT-1,10.5,,100,1800,",
            "25 47 3456 5000123,1,IN,2025-01-05,MAT-1,0.25,,50.10,900,");
        r.Exit.ShouldBe(0, r.Stderr);
        var rows = cli.ReportCsv("entries");
        rows.Length.ShouldBe(2);
        rows[1].ShouldBe("254734565000123,1,IN,2025-01-05,MAT-1,,10.75,6,10.75,6,150.1,2700,,,,,,,2,2,,,");
    }

    [Fact]
    public void Entries_same_key_with_other_clave_exits_3()
    {
        var r = cli.Import("entries", "e.csv", Header,
            "254734565000123,1,IN,2025-01-05,MAT-1,10,,,,",
            "254734565000123,1,V1,2025-01-05,MAT-1,5,,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file e.csv, line 3, column clave");
    }

    [Fact]
    public void Entries_same_key_with_other_date_exits_3()
    {
        var r = cli.Import("entries", "e.csv", Header,
            "254734565000123,1,IN,2025-01-05,MAT-1,10,,,,",
            "254734565000123,1,IN,2025-01-06,MAT-1,5,,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file e.csv, line 3, column date");
    }

    [Fact]
    public void Entries_key_of_earlier_file_with_other_content_exits_4()
    {
        cli.Import("entries", "a.csv", Header, "254734565000123,1,IN,2025-01-05,MAT-1,10,,,,").Exit.ShouldBe(0);
        var r = cli.Import("entries", "b.csv", Header,
            "254734565000124,1,IN,2025-01-05,MAT-1,1,,,,",
            "254734565000123,1,IN,2025-01-05,MAT-1,11,,,,");
        r.Exit.ShouldBe(4);
        r.Stderr.ShouldContain("file b.csv, line 3");
        cli.ReportCsv("entries").Length.ShouldBe(2);
    }

    [Fact]
    public void Entries_identical_lot_in_later_file_is_skipped()
    {
        cli.Import("entries", "a.csv", Header, "254734565000123,1,IN,2025-01-05,MAT-1,10,,,,").Exit.ShouldBe(0);
        var r = cli.Import("entries", "b.csv", Header, "25 47 3456 5000123,1,IN,2025-01-05,MAT-1,10.000,,,,", "254734565000124,1,IN,2025-01-05,MAT-1,1,,,,");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("1 already present");
        cli.ReportCsv("entries").Length.ShouldBe(3);
    }

    [Theory]
    [InlineData("254734565000123,1,RT,2025-01-05,MAT-1,10,,,,", "column clave")]
    [InlineData("254734565000123,1,XX,2025-01-05,MAT-1,10,,,,", "column clave")]
    [InlineData("2547345650001,1,IN,2025-01-05,MAT-1,10,,,,", "column pedimento")]
    [InlineData("254734565000123,0,IN,2025-01-05,MAT-1,10,,,,", "column partida")]
    [InlineData("254734565000123,1,IN,05/01/2025,MAT-1,10,,,,", "column date")]
    [InlineData("254734565000123,1,IN,2025-02-30,MAT-1,10,,,,", "column date")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-1,0,,,,", "column qty")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-1,-1,,,,", "column qty")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-1,\"1,000\",,,,", "column qty")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-1,1e3,,,,", "column qty")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-1,10,,abc,,", "column value_usd")]
    [InlineData("254734565000123,1,IN,2025-01-05,NOPE,10,,,,", "column part")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-9,10,,,,", "column part")]
    [InlineData("254734565000123,1,IN,2025-01-05,MAT-1,10,,,,acme", "column part")]
    public void Entries_invalid_row_exits_3_naming_line_and_column(string row, string column)
    {
        var r = cli.Import("entries", "entries.csv", Header, "254734565000999,1,IN,2025-01-05,MAT-1,1,,,,", row);
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file entries.csv, line 3, " + column);
        cli.ReportCsv("entries").Length.ShouldBe(1);
    }

    [Fact]
    public void Entries_nac_document_is_kept_as_written()
    {
        cli.Import("entries", "e.csv", Header, "CFDI A-123,1,NAC,2025-01-05,MAT-1,10,,,,").Exit.ShouldBe(0);
        cli.ReportCsv("entries")[1].ShouldStartWith("CFDI A-123,1,NAC,");
    }

    [Fact]
    public void Entries_nac_document_with_a_line_break_exits_3_and_writes_nothing()
    {
        // A lot's key is its document; one with a line break (a quoted CSV field) broke the stored pool's lot keys and
        // `report balances` (issue 12 note: DerivedContract.Lot_keys_with_a_line_break_read_back).
        var r = cli.Import("entries", "e.csv", Header, "254734565000123,1,IN,2025-01-05,MAT-1,10,,,,", "\"CFDI\nA-1\",1,NAC,2025-01-05,MAT-1,10,,,,");
        r.Exit.ShouldBe(3, r.Stdout);
        r.Stderr.ShouldContain("file e.csv, line 3, column pedimento: a document on one line (no line break)");
        cli.ReportCsv("entries").Length.ShouldBe(1);
    }

    [Fact]
    public void Entries_six_decimals_are_kept_exactly()
    {
        // SPEC §4.1 (issue 11): at most 6 decimals; a seventh is invalid input (InputRulesCliTests).
        cli.Import("entries", "e.csv", Header, "254734565000123,1,IN,2025-01-05,MAT-1,0.123456,,,,").Exit.ShouldBe(0);
        cli.ReportCsv("entries")[1].ShouldContain(",0.123456,");
    }

    [Fact]
    public void Entries_qty_umt_defaults_to_qty_times_factor()
    {
        cli.Import("entries", "e.csv", Header, "254734565000123,1,IN,2025-01-05,MAT-2,10,,,,").Exit.ShouldBe(0);
        cli.ReportCsv("entries")[1].ShouldContain(",MAT-2,,10,6,5,1,");
    }

    [Fact]
    public void Entries_lowercase_clave_is_normalized()
    {
        cli.Import("entries", "e.csv", Header, "254734565000123,1,af,2025-01-05,MAT-1,1,,,,").Exit.ShouldBe(0);
        cli.ReportCsv("entries")[1].ShouldContain(",AF,");
    }
}
