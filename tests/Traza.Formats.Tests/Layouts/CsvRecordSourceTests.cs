using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

public sealed class CsvRecordSourceTests
{
    private static List<(long Line, string[] Fields)> ReadAll(string text, out CsvRecordSource source)
    {
        source = new CsvRecordSource(new StringReader(text));
        var rows = new List<(long, string[])>();
        while (source.Read())
        {
            var fields = new string[source.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = source[i];
            }

            rows.Add((source.Line, fields));
        }

        return rows;
    }

    [Fact]
    public void Header_and_rows_are_split_on_commas_with_lines_from_2()
    {
        var rows = ReadAll("a,b,c\n1,2,3\n4,5,6\n", out var source);
        source.Header.ShouldBe(["a", "b", "c"]);
        rows.Count.ShouldBe(2);
        rows[0].Line.ShouldBe(2);
        rows[1].Fields.ShouldBe(["4", "5", "6"]);
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var rows = ReadAll("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n", out _);
        rows[0].Fields.ShouldBe(["x, y", "say \"hi\""]);
        rows[1].Fields.ShouldBe(["two\nlines", "z"]);
        rows[1].Line.ShouldBe(3);
        rows[2].Line.ShouldBe(5);
    }

    [Fact]
    public void Crlf_bom_blank_lines_and_missing_final_newline_are_handled()
    {
        var rows = ReadAll("\uFEFFa,b\r\n1,2\r\n\r\n3,4", out var source);
        source.Header[0].ShouldBe("a");
        rows.Count.ShouldBe(2);
        rows[1].Line.ShouldBe(4);
        rows[1].Fields.ShouldBe(["3", "4"]);
    }

    [Fact]
    public void Unquoted_fields_are_trimmed_and_missing_fields_are_empty()
    {
        var rows = ReadAll("a,b,c\n 1 ,2\n", out _);
        rows[0].Fields.ShouldBe(["1", "2"]);
    }

    [Fact]
    public void Unterminated_quote_is_an_error()
    {
        var rows = ReadAll("a,b\n1,\"open\n", out var source);
        rows.ShouldBeEmpty();
        source.Error.ShouldNotBeNull();
    }

    [Fact]
    public void Empty_input_has_no_header()
    {
        ReadAll(string.Empty, out var source).ShouldBeEmpty();
        source.Header.ShouldBeEmpty();
    }

    [Fact]
    public void Records_across_the_read_buffer_boundary_are_whole()
    {
        // 64 KiB reads: fields, quotes and doubled quotes straddling a boundary read the same as anywhere else.
        var lines = new List<string> { "a,b" };
        for (var i = 0; i < 5_000; i++)
        {
            lines.Add(i % 3 == 0 ? $"\"q,{i}\"\"x\",  v{i}  " : $"{i},\"multi\r\nline {i}\"");
        }

        var rows = ReadAll(string.Join("\r\n", lines) + "\r\n", out _);
        rows.Count.ShouldBe(5_000);
        var line = 2L;
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Line.ShouldBe(line);
            if (i % 3 == 0)
            {
                rows[i].Fields.ShouldBe([$"q,{i}\"x", $"v{i}"]);
                line++;
            }
            else
            {
                rows[i].Fields.ShouldBe([i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"multi\r\nline {i}"]);
                line += 2;
            }
        }
    }

    [Fact]
    public void Field_reads_without_a_string_and_matches_the_indexer()
    {
        var source = new CsvRecordSource(new StringReader("a,b,c\n  x , \" y \",\n"));
        source.Read().ShouldBeTrue();
        source.Field(0).ToString().ShouldBe("x");
        source.Field(1).ToString().ShouldBe(" y ");
        source.Field(2).IsEmpty.ShouldBeTrue();
        source.Field(7).IsEmpty.ShouldBeTrue();
        source[1].ShouldBe(" y ");
        source[7].ShouldBe(string.Empty);
    }
}
