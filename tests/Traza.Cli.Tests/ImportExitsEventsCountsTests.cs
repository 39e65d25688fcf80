namespace Traza.Cli.Tests;

public sealed class ImportExitsEventsCountsTests : IDisposable
{
    private const string Header = "pedimento,partida,clave,date,part,qty,case,bom_date,source_pedimento,source_partida,client";

    private readonly CliHarness cli = new();

    public ImportExitsEventsCountsTests()
    {
        cli.StandardParts();
        cli.Import("bom", "bom.csv", "product,component,qty_per,valid_from,valid_to", "FG-1,MAT-1,2,2025-03-01,2025-12-31").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Exits_valid_rows_import()
    {
        var r = cli.Import("exits", "x.csv", Header,
            "25 47 3456 5000200,1,RT,2025-04-01,FG-1,10,,,,,",
            "254734565000200,2,H1,2025-04-01,MAT-1,1,,,25 47 3456 5000123,1,",
            "254734565000201,1,A1,2025-04-02,MAT-2,1,v,,,,");
        r.Exit.ShouldBe(0, r.Stderr);
        var rows = cli.ReportCsv("exits");
        rows.Length.ShouldBe(4);
        rows[0].ShouldBe("pedimento,partida,clave,date,part,client,qty,umc,qty_umt,umt,value_usd,destination,counterparty,case,bom_date," +
            "source_pedimento,source_partida,rectifies,batch,line,reversed_by,reversal_reason");
        rows[1].ShouldStartWith("254734565000200,1,RT,2025-04-01,FG-1,,10,");
        rows[2].ShouldContain(",254734565000123,1,");
        rows[3].ShouldContain(",V,");
    }

    [Fact]
    public void Exits_a1_without_case_v_exits_3()
    {
        var r = cli.Import("exits", "x.csv", Header, "254734565000201,1,A1,2025-04-02,MAT-2,1,,,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file x.csv, line 2, column case");
    }

    [Theory]
    [InlineData("IN")]
    [InlineData("AF")]
    [InlineData("NAC")]
    [InlineData("ZZ")]
    public void Exits_clave_not_accepted_exits_3(string clave)
    {
        var r = cli.Import("exits", "x.csv", Header, $"254734565000201,1,{clave},2025-04-02,MAT-2,1,,,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("column clave");
    }

    [Fact]
    public void Exits_product_without_bom_in_force_on_its_date_exits_3()
    {
        var r = cli.Import("exits", "x.csv", Header, "254734565000200,1,RT,2025-02-01,FG-1,10,,,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file x.csv, line 2, column date");
    }

    [Fact]
    public void Exits_bom_date_in_force_is_accepted_and_out_of_force_rejected()
    {
        cli.Import("exits", "a.csv", Header, "254734565000200,1,RT,2026-02-01,FG-1,10,,2025-05-01,,,").Exit.ShouldBe(0);
        var r = cli.Import("exits", "b.csv", Header, "254734565000201,1,RT,2025-05-01,FG-1,10,,2025-01-01,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("column bom_date");
    }

    [Fact]
    public void Exits_non_pedimento_document_is_kept_as_written()
    {
        cli.Import("exits", "x.csv", Header, "DEST-0001,1,A3,2025-04-02,MAT-1,1,,,,,").Exit.ShouldBe(0);
        cli.ReportCsv("exits")[1].ShouldStartWith("DEST-0001,1,A3,");
    }

    [Fact]
    public void Exits_same_key_in_one_file_identical_skipped_other_content_conflicts()
    {
        var ok = cli.Import("exits", "a.csv", Header, "254734565000200,1,H1,2025-04-01,MAT-1,1,,,,,", "254734565000200,1,H1,2025-04-01,MAT-1,1,,,,,");
        ok.Exit.ShouldBe(0, ok.Stderr);
        ok.Stdout.ShouldContain("1 already present");
        var r = cli.Import("exits", "b.csv", Header, "254734565000300,1,H1,2025-04-01,MAT-1,1,,,,,", "254734565000300,1,H1,2025-04-01,MAT-1,2,,,,,");
        r.Exit.ShouldBe(4);
        r.Stderr.ShouldContain("file b.csv, line 3");
    }

    [Fact]
    public void Exits_unknown_part_exits_3()
    {
        cli.Import("exits", "x.csv", Header, "254734565000200,1,H1,2025-04-01,NOPE,1,,,,,").Stderr.ShouldContain("column part");
    }

    [Fact]
    public void Exits_bad_source_pedimento_exits_3()
    {
        cli.Import("exits", "x.csv", Header, "254734565000200,1,H1,2025-04-01,MAT-1,1,,,12345,1,").Stderr.ShouldContain("column source_pedimento");
    }

    [Fact]
    public void Events_valid_rows_import_with_negative_adjustment()
    {
        var r = cli.Import("events", "ev.csv",
            "date,type,part,qty,waste,reference,third_party,client,site",
            "2025-05-01,destruction,MAT-1,2,no,ACTA-1,,,",
            "2025-05-01,destruction,MAT-1,2,no,ACTA-2,,,",
            "2025-05-02,adjustment,MAT-1,-1.5,,,,,",
            "2025-05-03,submanufacture_out,MAT-1,3,,SUB-1,Taller SA,,",
            "2025-05-04,repair_in,MAT-9,1,,,,acme,");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("imported 5 events rows");
    }

    [Theory]
    [InlineData("2025-05-01,scrapping,MAT-1,2,,", "column type")]
    [InlineData("2025-05-01,destruction,MAT-1,-2,,", "column qty")]
    [InlineData("2025-05-01,adjustment,MAT-1,0,,", "column qty")]
    [InlineData("2025-05-01,destruction,MAT-1,2,maybe,", "column waste")]
    [InlineData("2025-05-01,adjustment,MAT-1,2,yes,", "column waste")]
    [InlineData("2025-13-01,destruction,MAT-1,2,,", "column date")]
    [InlineData("2025-05-01,destruction,NOPE,2,,", "column part")]
    public void Events_invalid_row_exits_3(string row, string column)
    {
        var r = cli.Import("events", "ev.csv", "date,type,part,qty,waste,reference", row);
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file ev.csv, line 2, " + column);
    }

    [Fact]
    public void Events_same_key_other_content_in_later_file_exits_4()
    {
        cli.Import("events", "a.csv", "date,type,part,qty,reference", "2025-05-01,destruction,MAT-1,2,ACTA-1").Exit.ShouldBe(0);
        cli.Import("events", "b.csv", "date,type,part,qty,reference", "2025-05-01,destruction,MAT-1,3,ACTA-1").Exit.ShouldBe(4);
    }

    [Fact]
    public void Counts_import_and_same_key_conflict()
    {
        cli.Import("counts", "c.csv", "date,part,qty,site,client", "2025-06-30,MAT-1,0,,", "2025-06-30,MAT-1,5,Plant 2,").Exit.ShouldBe(0);
        cli.Import("counts", "d.csv", "date,part,qty,site", "2025-06-30,MAT-1,4,Plant 2").Exit.ShouldBe(4);
        cli.Import("counts", "e.csv", "date,part,qty", "2025-06-30,MAT-1,-1").Exit.ShouldBe(3);
    }
}
