using System.Text;
using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

/// <summary>SPEC §4.1 input rules (issue 11): encodings, duplicate headers, extra fields, bounds on numbers and dates.</summary>
public sealed class InputRulesTests
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty,invoice";

    private static CsvRecordSource Source(byte[] bytes) => CsvRecordSource.Open(new MemoryStream(bytes));

    private static CsvRecordSource Source(string text) => Source(Encoding.UTF8.GetBytes(text));

    private static (List<TRow> Rows, LayoutError? Error) Drain<TRow>(LayoutReader<TRow> reader)
    {
        var rows = new List<TRow>();
        while (reader.Read(out var row))
        {
            rows.Add(row);
        }

        return (rows, reader.Error);
    }

    private static LayoutError Entries(params string[] rows)
    {
        using var reader = new EntriesReader(Source(string.Join("\n", [EntriesHeader, .. rows]) + "\n"), "e.csv");
        return Drain(reader).Error.ShouldNotBeNull();
    }

    [Fact]
    public void Row_with_more_fields_than_the_header_is_invalid_never_a_shift()
    {
        var error = Entries("254734565000123,1,IN,2025-01-05,MAT-1,1,5,F-1");

        error.ToString().ShouldStartWith("file e.csv, line 2: at most 7 fields, as many as the header row names, found 8");
        error.Expected.ShouldContain("1,5");
    }

    [Fact]
    public void Thousands_separator_in_an_unquoted_number_is_invalid()
    {
        Entries("254734565000123,1,IN,2025-01-05,MAT-1,1,000,F-1").Line.ShouldBe(2);
    }

    [Fact]
    public void Row_with_fewer_fields_reads_the_missing_trailing_ones_as_empty()
    {
        using var reader = new EntriesReader(Source(EntriesHeader + "\n254734565000123,1,IN,2025-01-05,MAT-1,2.5\n"), "e.csv");
        var (rows, error) = Drain(reader);

        error.ShouldBeNull();
        rows.Single().Qty.ShouldBe(2.5m);
        rows.Single().Invoice.ShouldBeNull();
    }

    [Fact]
    public void Header_naming_a_column_twice_is_invalid_at_line_1()
    {
        using var reader = new EntriesReader(Source("pedimento,partida,clave,date,part,qty,QTY \n254734565000123,1,IN,2025-01-05,MAT-1,1,2\n"),
            "e.csv");
        var error = Drain(reader).Error.ShouldNotBeNull();

        error.ToString().ShouldBe("file e.csv, line 1, column qty: a header naming each column once; 'qty' names columns 6 and 7");
    }

    [Fact]
    public void Header_naming_an_extra_column_twice_is_invalid_too()
    {
        using var reader = new PartsReader(Source("part,kind,umc,note,note\nA,material,6,x,y\n"), "p.csv");

        Drain(reader).Error.ShouldNotBeNull().Column.ShouldBe("note");
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("9999-12-01")]
    [InlineData("2100-01-01")]
    public void Date_outside_2000_to_2099_is_invalid_before_the_clave_is_judged(string date)
    {
        var error = Entries($"254734565000123,1,IN,{date},MAT-1,1,");

        error.Column.ShouldBe("date");
        error.Expected.ShouldBe($"a date from 2000-01-01 to 2099-12-31, found '{date}'");
    }

    [Theory]
    [InlineData("100000000000000")]
    [InlineData("1000000000000")]
    [InlineData("79228162514264337593543950335")]
    public void Qty_of_10_to_the_12_or_more_is_invalid(string qty)
    {
        var error = Entries($"254734565000123,1,IN,2025-01-05,MAT-1,{qty},");

        error.Column.ShouldBe("qty");
        error.Expected.ShouldContain("below 10^12");
    }

    [Fact]
    public void Qty_with_7_decimals_is_invalid()
    {
        var error = Entries("254734565000123,1,IN,2025-01-05,MAT-1,0.0000001,");

        error.Column.ShouldBe("qty");
        error.Expected.ShouldBe("a decimal number greater than 0 with at most 6 decimals, found '0.0000001'");
    }

    [Fact]
    public void Largest_quantity_and_trailing_zeros_are_valid()
    {
        using var reader = new EntriesReader(Source(EntriesHeader + "\n254734565000123,1,IN,2025-01-05,MAT-1,999999999999.999999,\n" +
            "254734565000123,2,IN,2025-01-05,MAT-1,1.50000000,\n"), "e.csv");
        var (rows, error) = Drain(reader);

        error.ShouldBeNull();
        rows.Select(r => r.Qty).ShouldBe([999999999999.999999m, 1.5m]);
    }

    [Fact]
    public void Negative_adjustment_beyond_the_bound_is_invalid()
    {
        using var reader = new EventsReader(Source("date,type,part,qty\n2025-01-05,adjustment,A,-1000000000000\n"), "ev.csv");

        Drain(reader).Error.ShouldNotBeNull().Expected.ShouldContain("below 10^12");
    }

    [Fact]
    public void Bom_factors_take_10_decimals_and_refuse_11()
    {
        using var ok = new BomReader(Source("product,component,qty_per,merma_pct,desperdicio_pct\nP,C,0.0000000001,1.0000000001,0.5\n"), "b.csv");
        Drain(ok).Error.ShouldBeNull();

        using var bad = new BomReader(Source("product,component,qty_per\nP,C,0.00000000001\n"), "b.csv");
        Drain(bad).Error.ShouldNotBeNull().Expected.ShouldContain("at most 10 decimals");
    }

    [Fact]
    public void Umt_per_umc_takes_10_decimals_and_refuses_11()
    {
        using var ok = new PartsReader(Source("part,kind,umc,umt_per_umc\nA,material,6,0.0000000001\n"), "p.csv");
        Drain(ok).Error.ShouldBeNull();

        using var bad = new PartsReader(Source("part,kind,umc,umt_per_umc\nA,material,6,0.00000000001\n"), "p.csv");
        Drain(bad).Error.ShouldNotBeNull().Column.ShouldBe("umt_per_umc");
    }

    [Fact]
    public void Term_of_more_than_1200_months_is_invalid()
    {
        using var reader = new TermsReader(Source("kind,months,valid_from\nmaterial,99999999,2025-01-01\n"), "t.csv");

        Drain(reader).Error.ShouldNotBeNull().Column.ShouldBe("months");
    }

    [Fact]
    public void Inpc_month_outside_2000_to_2099_is_invalid()
    {
        using var reader = MonthlyReader.Inpc(Source("month,index\n1999-12,100\n"), "i.csv");

        Drain(reader).Error.ShouldNotBeNull().Expected.ShouldContain("2000-01 to 2099-12");
    }

    [Fact]
    public void Windows_1252_file_is_read_as_such_with_a_note()
    {
        var bytes = Encoding.Latin1.GetBytes(EntriesHeader + "\n254734565000123,1,IN,2025-01-05,MAT-1,1,FACTURA-ÑÚ\n");
        using var source = Source(bytes);
        using var reader = new EntriesReader(source, "e.csv");
        var (rows, error) = Drain(reader);

        error.ShouldBeNull();
        rows.Single().Invoice.ShouldBe("FACTURA-ÑÚ");
        source.EncodingNote.ShouldBe("the file is not valid UTF-8 (line 2): read as Windows-1252");
    }

    [Fact]
    public void Windows_1252_euro_sign_reads_as_windows_1252_not_latin_1()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("part,kind,umc,description\nA,material,6,"), 0x80, (byte)'\n'];
        using var source = Source(bytes);
        using var reader = new PartsReader(source, "p.csv");

        Drain(reader).Rows.Single().Description.ShouldBe("€");
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8")]
    public void Utf8_and_utf16_with_a_mark_read_without_a_note(string encoding)
    {
        var text = EntriesHeader + "\n254734565000123,1,IN,2025-01-05,MAT-1,1,FACTURA-ÑÚ\n";
        var bytes = encoding switch
        {
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            _ => Encoding.UTF8.GetBytes(text),
        };
        using var source = Source(bytes);
        using var reader = new EntriesReader(source, "e.csv");
        var (rows, error) = Drain(reader);

        error.ShouldBeNull();
        rows.Single().Invoice.ShouldBe("FACTURA-ÑÚ");
        source.EncodingNote.ShouldBeNull();
    }

    [Theory]
    [InlineData("Ñ")]
    [InlineData("€")]
    [InlineData("😀")]
    public void Utf8_character_cut_by_the_64_KB_probe_is_still_utf8(string character)
    {
        // The character at every offset around the 65,536-byte chunk boundary: never mistaken for Windows-1252.
        const string Header = "part,kind,umc,description\n";
        for (var pad = -4; pad <= 4; pad++)
        {
            var text = Header + new string('a', 65_536 - Header.Length + pad) + character + "\n";
            using var source = Source(Encoding.UTF8.GetBytes(text));
            source.EncodingNote.ShouldBeNull($"pad {pad}");
        }
    }

    [Fact]
    public void Invalid_byte_beyond_the_first_64_KB_is_found_and_its_line_named()
    {
        var sb = new StringBuilder("part,kind,umc,description\n");
        var line = 1;
        while (sb.Length < 100_000)
        {
            sb.Append("A,material,6,x\n");
            line++;
        }

        byte[] bytes = [.. Encoding.ASCII.GetBytes(sb.ToString()), 0xD1, (byte)'\n'];
        using var source = Source(bytes);

        source.EncodingNote.ShouldBe($"the file is not valid UTF-8 (line {line + 1}): read as Windows-1252");
    }
}
