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
}
