namespace Traza.Cli.Tests;

/// <summary>The tests' CSV reader (issue 11 item 10): quoted fields keep their commas, quotes and line breaks.</summary>
public sealed class CsvTextTests
{
    [Fact]
    public void Plain_records_split_at_commas_and_line_breaks()
    {
        Records("a,b,c\n1,,3\r\n").ShouldBe(["a|b|c", "1||3"]);
    }

    [Fact]
    public void Quoted_field_keeps_its_commas_doubled_quotes_and_line_breaks()
    {
        Records("part,description\nMAT-1,\"Steel, cold \"\"rolled\"\"\nsheet\"\n\"\",x\n")
            .ShouldBe(["part|description", "MAT-1|Steel, cold \"rolled\"\nsheet", "|x"]);
    }

    [Fact]
    public void Last_record_without_line_break_is_read()
    {
        Records("a,b\n1,\"2\"").ShouldBe(["a|b", "1|2"]);
        Records("a,b\n1,").ShouldBe(["a|b", "1|"]);
        Records(string.Empty).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("a,\"b\nc")]
    [InlineData("a,\"b\"c\n")]
    [InlineData("a,b\"c\n")]
    public void Broken_quotes_throw(string text)
    {
        Should.Throw<FormatException>(() => CsvText.Parse(text));
    }

    [Fact]
    public void Rows_map_fields_by_header_and_refuse_a_record_of_another_width()
    {
        var rows = CsvText.Rows("part,qty\n\"A,1\",2\n");
        rows.Count.ShouldBe(1);
        rows[0]["part"].ShouldBe("A,1");
        rows[0]["qty"].ShouldBe("2");
        Should.Throw<FormatException>(() => CsvText.Rows("part,qty\nA,1,2\n"));
    }

    /// <summary>Each record with its fields joined by '|' (no test field holds one).</summary>
    private static List<string> Records(string text) => [.. CsvText.Parse(text).Select(r => string.Join('|', r))];
}
