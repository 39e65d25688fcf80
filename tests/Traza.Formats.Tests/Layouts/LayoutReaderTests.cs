using Traza.Domain.Model;
using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

public sealed class LayoutReaderTests
{
    private static CsvRecordSource Csv(params string[] lines) => new(new StringReader(string.Join("\n", lines) + "\n"));

    private static List<TRow> ReadAll<TRow>(LayoutReader<TRow> reader)
    {
        var rows = new List<TRow>();
        while (reader.Read(out var row))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void Error_text_names_file_line_column_and_expectation()
    {
        new LayoutError("entries.csv", 7, "qty", "a decimal number greater than 0, found 'x'").ToString()
            .ShouldBe("file entries.csv, line 7, column qty: a decimal number greater than 0, found 'x'");
        new LayoutError("p.zip", null, null, "a ZIP").ToString().ShouldBe("file p.zip: a ZIP");
    }

    [Fact]
    public void Parts_defaults_umt_to_umc_with_factor_1_and_source_imported()
    {
        using var reader = new PartsReader(Csv("part,kind,umc", "A,Material,6"), "parts.csv");
        var row = ReadAll(reader).Single();
        row.Kind.ShouldBe(PartKind.Material);
        row.Umt.ShouldBe(row.Umc);
        row.UmtPerUmc.ShouldBe(1m);
        row.National.ShouldBeFalse();
        row.Client.IsProgram.ShouldBeTrue();
        row.Line.ShouldBe(2);
    }

    [Fact]
    public void Parts_missing_required_column_is_reported_on_line_1()
    {
        using var reader = new PartsReader(Csv("part,umc", "A,6"), "parts.csv");
        ReadAll(reader).ShouldBeEmpty();
        reader.Error!.ToString().ShouldBe("file parts.csv, line 1, column kind: a column named 'kind' in the header row (required)");
    }

    [Fact]
    public void Header_names_are_case_insensitive_in_any_order_and_extras_are_ignored()
    {
        using var reader = new PartsReader(Csv("Extra,UMC,Part,KIND", "x,1,A,tooling"), "parts.csv");
        var row = ReadAll(reader).Single();
        row.Part.Value.ShouldBe("A");
        row.Kind.ShouldBe(PartKind.Tooling);
    }

    [Fact]
    public void Entries_pedimento_spaced_is_normalized_and_decimals_kept_exact()
    {
        using var reader = new EntriesReader(
            Csv("pedimento,partida,clave,date,part,qty,value_usd,rectifies", "25 47 3456 5000123,3,in,2025-01-05,A,1.000001,12.50,25 47 3456 5000001"),
            "entries.csv");
        var row = ReadAll(reader).Single();
        row.Pedimento.ShouldBe("254734565000123");
        row.Partida.ShouldBe(3);
        row.Clave.ShouldBe("IN");
        row.Qty.ShouldBe(1.000001m); // SPEC §4.1: at most 6 decimals, kept exactly
        row.ValueUsd.ShouldBe(12.50m);
        row.Rectifies.ShouldBe("254734565000001");
        row.Date.ShouldBe(new DateOnly(2025, 1, 5));
    }

    [Theory]
    [InlineData("2547345650001,1,IN,2025-01-05,A,1", "pedimento")]
    [InlineData("254734565000123,x,IN,2025-01-05,A,1", "partida")]
    [InlineData("254734565000123,1,RT,2025-01-05,A,1", "clave")]
    [InlineData("254734565000123,1,IN,2025-1-5,A,1", "date")]
    [InlineData("254734565000123,1,IN,2025-01-05,,1", "part")]
    [InlineData("254734565000123,1,IN,2025-01-05,A,", "qty")]
    [InlineData("254734565000123,1,IN,2025-01-05,A,1.5.1", "qty")]
    public void Entries_invalid_field_names_its_column(string row, string column)
    {
        using var reader = new EntriesReader(Csv("pedimento,partida,clave,date,part,qty", row), "e.csv");
        ReadAll(reader).ShouldBeEmpty();
        reader.Error!.Line.ShouldBe(2);
        reader.Error.Column.ShouldBe(column);
    }

    [Fact]
    public void Entries_nac_keeps_document_as_written()
    {
        using var reader = new EntriesReader(Csv("pedimento,partida,clave,date,part,qty", "FOLIO 123-A,1,NAC,2025-01-05,A,1"), "e.csv");
        ReadAll(reader).Single().Pedimento.ShouldBe("FOLIO 123-A");
    }

    [Fact]
    public void Exits_other_document_is_kept_and_a1_needs_case_v()
    {
        using var ok = new ExitsReader(Csv("pedimento,partida,clave,date,part,qty,case", "DOC-1,1,A1,2025-01-05,A,1,V"), "x.csv");
        var row = ReadAll(ok).Single();
        row.Pedimento.ShouldBe("DOC-1");
        row.Case.ShouldBe("V");
        using var bad = new ExitsReader(Csv("pedimento,partida,clave,date,part,qty,case", "DOC-1,1,A1,2025-01-05,A,1,"), "x.csv");
        ReadAll(bad).ShouldBeEmpty();
        bad.Error!.Column.ShouldBe("case");
    }

    [Fact]
    public void Bom_empty_percentages_are_zero_and_dates_optional()
    {
        using var reader = new BomReader(Csv("product,component,qty_per,merma_pct,desperdicio_pct", "P,C,0.5,,"), "bom.csv");
        var row = ReadAll(reader).Single();
        row.MermaPct.ShouldBe(0m);
        row.DesperdicioPct.ShouldBe(0m);
        row.ValidFrom.ShouldBeNull();
    }

    [Fact]
    public void Bom_valid_to_before_valid_from_is_invalid()
    {
        using var reader = new BomReader(Csv("product,component,qty_per,valid_from,valid_to", "P,C,1,2025-02-01,2025-01-01"), "bom.csv");
        ReadAll(reader).ShouldBeEmpty();
        reader.Error!.Column.ShouldBe("valid_to");
    }

    [Fact]
    public void Events_adjustment_may_be_negative_and_waste_parses()
    {
        using var reader = new EventsReader(
            Csv("date,type,part,qty,waste,reference", "2025-01-01,adjustment,A,-2,,", "2025-01-02,Destruction,A,1,YES,ACTA"), "ev.csv");
        var rows = ReadAll(reader);
        rows[0].Qty.ShouldBe(-2m);
        rows[1].Type.ShouldBe(EventType.Destruction);
        rows[1].Waste.ShouldBeTrue();
        rows[1].Reference.ShouldBe("ACTA");
    }

    [Fact]
    public void Counts_site_defaults_to_empty()
    {
        using var reader = new CountsReader(Csv("date,part,qty", "2025-06-30,A,0"), "c.csv");
        var row = ReadAll(reader).Single();
        row.Site.ShouldBe(string.Empty);
        row.Qty.ShouldBe(0m);
    }

    [Fact]
    public void Reader_stops_at_first_error_after_good_rows()
    {
        using var reader = new CountsReader(Csv("date,part,qty", "2025-06-30,A,1", "2025-06-31,A,1", "2025-06-30,B,1"), "c.csv");
        ReadAll(reader).Count.ShouldBe(1);
        reader.Error!.Line.ShouldBe(3);
    }
}
