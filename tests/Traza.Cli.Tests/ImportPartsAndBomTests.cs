namespace Traza.Cli.Tests;

public sealed class ImportPartsAndBomTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Parts_valid_file_imports_and_creates_clients()
    {
        cli.StandardParts();
        var r = cli.Import("entries", "entries.csv",
            "pedimento,partida,clave,date,part,qty,client",
            "25 47 3456 5000123,1,IN,2025-01-05,MAT-9,3,acme");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    [Fact]
    public void Parts_same_file_twice_is_noop()
    {
        var path = cli.Write("parts.csv", "part,kind,umc", "A,material,6");
        cli.Run("import", "parts", path).Exit.ShouldBe(0);
        var again = cli.Run("import", "parts", path);
        again.Exit.ShouldBe(0);
        again.Stdout.ShouldContain("already imported");
    }

    [Fact]
    public void Parts_identical_row_in_later_file_is_skipped()
    {
        cli.Import("parts", "a.csv", "part,kind,umc", "A,material,6").Exit.ShouldBe(0);
        var r = cli.Import("parts", "b.csv", "part,kind,umc,description", "A,material,6,", "B,material,6,");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("1 already present");
    }

    [Fact]
    public void Parts_changed_row_in_later_file_exits_4_naming_file_and_line()
    {
        cli.Import("parts", "a.csv", "part,kind,umc", "A,material,6").Exit.ShouldBe(0);
        var r = cli.Import("parts", "b.csv", "part,kind,umc", "B,material,6", "A,packaging,6");
        r.Exit.ShouldBe(4);
        r.Stderr.ShouldContain("file b.csv, line 3");
        r.Stderr.ShouldContain("a.csv");
    }

    [Fact]
    public void Parts_same_key_twice_in_one_file_with_other_content_exits_4()
    {
        var r = cli.Import("parts", "a.csv", "part,kind,umc", "A,material,6", "A,material,1");
        r.Exit.ShouldBe(4);
        r.Stderr.ShouldContain("file a.csv, line 3");
    }

    [Theory]
    [InlineData("A,gadget,6", "column kind")]
    [InlineData("A,material,99", "column umc")]
    [InlineData("A,material,", "column umc")]
    [InlineData(",material,6", "column part")]
    public void Parts_invalid_field_exits_3_naming_line_and_column(string row, string column)
    {
        var r = cli.Import("parts", "parts.csv", "part,kind,umc", row);
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file parts.csv, line 2, " + column);
    }

    [Fact]
    public void Parts_bad_source_and_fraccion_exit_3()
    {
        cli.Import("parts", "p1.csv", "part,kind,umc,source", "A,material,6,foreign").Stderr.ShouldContain("column source");
        cli.Import("parts", "p2.csv", "part,kind,umc,fraccion", "A,material,6,1234").Stderr.ShouldContain("column fraccion");
    }

    [Fact]
    public void Parts_missing_required_column_exits_3_on_line_1()
    {
        var r = cli.Import("parts", "parts.csv", "part,description,umc", "A,x,6");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file parts.csv, line 1, column kind");
    }

    [Fact]
    public void Parts_columns_in_any_order_with_extra_columns_import()
    {
        var r = cli.Import("parts", "parts.csv", "umc,notes,kind,part", "6,whatever,material,A");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    [Fact]
    public void Bad_file_writes_nothing()
    {
        cli.Import("parts", "parts.csv", "part,kind,umc", "A,material,6", "B,material,6", "C,nothing,6").Exit.ShouldBe(3);
        var r = cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty", "254734565000123,1,IN,2025-01-05,A,1");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("column part");
    }

    [Fact]
    public void Bom_valid_versions_import()
    {
        cli.StandardParts();
        var r = cli.Import("bom", "bom.csv",
            "product,component,qty_per,merma_pct,desperdicio_pct,valid_from,valid_to",
            "FG-1,MAT-1,2,1,2,2025-01-01,2025-06-30",
            "FG-1,MAT-1,2.5,,,2025-07-01,",
            "FG-1,MAT-2,0.125,,,,");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    [Fact]
    public void Bom_unknown_component_exits_3()
    {
        cli.StandardParts();
        var r = cli.Import("bom", "bom.csv", "product,component,qty_per", "FG-1,NOPE,2");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file bom.csv, line 2, column component");
    }

    [Fact]
    public void Bom_part_of_another_client_exits_3()
    {
        cli.StandardParts();
        cli.Import("bom", "bom.csv", "product,component,qty_per", "FG-1,MAT-9,2").Exit.ShouldBe(3);
    }

    [Fact]
    public void Bom_overlapping_versions_exit_3()
    {
        cli.StandardParts();
        var r = cli.Import("bom", "bom.csv",
            "product,component,qty_per,valid_from,valid_to",
            "FG-1,MAT-1,2,2025-01-01,2025-06-30",
            "FG-1,MAT-1,3,2025-06-01,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file bom.csv, line 3");
    }

    [Fact]
    public void Bom_overlap_with_earlier_file_exits_3()
    {
        cli.StandardParts();
        cli.Import("bom", "a.csv", "product,component,qty_per", "FG-1,MAT-1,2").Exit.ShouldBe(0);
        var r = cli.Import("bom", "b.csv", "product,component,qty_per,valid_from", "FG-1,MAT-1,3,2026-01-01");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file b.csv, line 2");
    }

    [Fact]
    public void Bom_cycle_exits_3()
    {
        cli.StandardParts();
        var r = cli.Import("bom", "bom.csv", "product,component,qty_per", "FG-1,MAT-1,2", "MAT-1,MAT-2,1", "MAT-2,FG-1,1");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("cycles");
    }

    [Fact]
    public void Bom_product_as_own_component_exits_3()
    {
        cli.StandardParts();
        cli.Import("bom", "bom.csv", "product,component,qty_per", "FG-1,FG-1,2").Exit.ShouldBe(3);
    }

    [Fact]
    public void Bom_changed_qty_for_same_key_exits_4()
    {
        cli.StandardParts();
        cli.Import("bom", "a.csv", "product,component,qty_per,valid_from", "FG-1,MAT-1,2,2025-01-01").Exit.ShouldBe(0);
        cli.Import("bom", "b.csv", "product,component,qty_per,valid_from", "FG-1,MAT-1,3,2025-01-01").Exit.ShouldBe(4);
    }

    [Fact]
    public void Bom_zero_qty_per_exits_3()
    {
        cli.StandardParts();
        cli.Import("bom", "bom.csv", "product,component,qty_per", "FG-1,MAT-1,0").Stderr.ShouldContain("column qty_per");
    }
}
