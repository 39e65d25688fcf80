using System.Text.Json;
using MiniExcelLibs;
using Traza.Formats.Reports;

namespace Traza.Formats.Tests.Reports;

public sealed class ReportWriterTests
{
    private static ReportData Sample() => new(
        ["name", "qty", "count", "date", "note"],
        [
            ["A, \"quoted\"", 1.500m, 3L, new DateOnly(2025, 1, 5), null],
            ["B", -0.000001m, 0, new DateOnly(2025, 12, 31), "x"],
            ["C", 12345678901234567890m, 1, null, ""],
        ]);

    private static string Text(ReportData data, ReportFormat format)
    {
        using var writer = new StringWriter();
        ReportWriter.Write(data, format, writer);
        return writer.ToString();
    }

    [Fact]
    public void Csv_has_header_invariant_numbers_dates_and_quoting()
    {
        Text(Sample(), ReportFormat.Csv).ShouldBe(
            "name,qty,count,date,note\n" +
            "\"A, \"\"quoted\"\"\",1.5,3,2025-01-05,\n" +
            "B,-0.000001,0,2025-12-31,x\n" +
            "C,12345678901234567890,1,,\n");
    }

    [Fact]
    public void Csv_empty_report_is_header_only()
    {
        Text(new ReportData(["a", "b"], []), ReportFormat.Csv).ShouldBe("a,b\n");
    }

    [Fact]
    public void Json_is_an_array_of_objects_with_numbers_and_nulls()
    {
        var doc = JsonDocument.Parse(Text(Sample(), ReportFormat.Json));
        var rows = doc.RootElement;
        rows.GetArrayLength().ShouldBe(3);
        rows[0].GetProperty("name").GetString().ShouldBe("A, \"quoted\"");
        rows[0].GetProperty("qty").GetRawText().ShouldBe("1.5");
        rows[0].GetProperty("count").GetInt64().ShouldBe(3);
        rows[0].GetProperty("date").GetString().ShouldBe("2025-01-05");
        rows[0].GetProperty("note").ValueKind.ShouldBe(JsonValueKind.Null);
        rows[1].GetProperty("qty").GetRawText().ShouldBe("-0.000001");
        rows[2].GetProperty("qty").GetRawText().ShouldBe("12345678901234567890");
    }

    [Fact]
    public void Json_empty_report_is_an_empty_array()
    {
        JsonDocument.Parse(Text(new ReportData(["a"], []), ReportFormat.Json)).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Table_shows_labels_and_values()
    {
        var data = new ReportData([new ReportColumn("qty", "Cantidad"), "name"], [[2.50m, "Widget"]]);
        var text = Text(data, ReportFormat.Table);
        text.ShouldContain("Cantidad");
        text.ShouldContain("2.5");
        text.ShouldContain("Widget");
    }

    [Fact]
    public void Xlsx_round_trips_through_miniexcel()
    {
        using var stream = new MemoryStream();
        ReportWriter.Write(Sample(), ReportFormat.Xlsx, stream);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(3);
        rows[0]["name"].ShouldBe("A, \"quoted\"");
        Convert.ToDecimal(rows[0]["qty"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1.5m);
        rows[1]["date"].ShouldBe("2025-12-31");
    }

    [Fact]
    public void Xlsx_empty_report_keeps_the_header()
    {
        using var stream = new MemoryStream();
        ReportWriter.Write(new ReportData(["a", "b"], []), ReportFormat.Xlsx, stream);
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(1);
        rows[0]["A"].ShouldBe("a");
    }

    /// <summary>
    /// An XLSX sheet holds at most 1,048,575 data rows under its header; a report with more continues on "NAME (2)" … — here
    /// with a limit of 3: every row once, in order, each sheet with the header, no empty sheet when the rows end at a limit,
    /// and a summary or several reports split the same way.
    /// </summary>
    [Theory]
    [InlineData(7, new[] { 3, 3, 1 })]
    [InlineData(6, new[] { 3, 3 })]
    [InlineData(3, new[] { 3 })]
    [InlineData(1, new[] { 1 })]
    public void Xlsx_continues_a_report_past_the_sheet_limit_on_numbered_sheets(int count, int[] perSheet)
    {
        object?[][] Numbers(int n, string tag) => [.. Enumerable.Range(1, n).Select(i => new object?[] { (long)i, $"{tag}{i}" })];
        var data = new ReportData(["n", "tag"], Numbers(count, "r"))
        {
            SheetName = "custody",
            Summary = new ReportData(["n", "tag"], Numbers(4, "s")) { SheetName = "summary" },
        };
        using var stream = new MemoryStream();

        ReportWriter.WriteXlsx(data, stream, maxSheetRows: 3);

        stream.Position = 0;
        var expected = new[] { "summary", "summary (2)" }
            .Concat(perSheet.Select((_, i) => i == 0 ? "custody" : $"custody ({i + 1})")).ToList();
        stream.GetSheetNames().ShouldBe(expected);
        var tags = new List<string>();
        for (var i = 0; i < perSheet.Length; i++)
        {
            var rows = stream.Query(useHeaderRow: true, sheetName: expected[i + 2]).Cast<IDictionary<string, object?>>().ToList();
            rows.Count.ShouldBe(perSheet[i], expected[i + 2]);
            tags.AddRange(rows.Select(r => (string)r["tag"]!));
        }

        tags.ShouldBe(Enumerable.Range(1, count).Select(i => $"r{i}"));
        stream.Query(useHeaderRow: true, sheetName: "summary (2)").Cast<IDictionary<string, object?>>().Select(r => (string)r["tag"]!)
            .ShouldBe(["s4"]);
    }

    [Fact]
    public void Text_writer_refuses_xlsx()
    {
        Should.Throw<ArgumentException>(() => Text(Sample(), ReportFormat.Xlsx));
    }

    [Fact]
    public void Cell_text_has_no_exponent_or_trailing_zeros()
    {
        CellText.Format(1.000m).ShouldBe("1");
        CellText.Format(0.0000001m).ShouldBe("0.0000001");
        CellText.Format(100m).ShouldBe("100");
        CellText.Format(-0m).ShouldBe("0");
    }

    /// <summary>A writer that counts the calls that reach it, as the console's writer turns each into a system call.</summary>
    private sealed class CountingWriter : StringWriter
    {
        public int Calls { get; private set; }

        public override void Write(char value)
        {
            Calls++;
            base.Write(value);
        }

        public override void Write(string? value)
        {
            Calls++;
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Calls++;
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Calls++;
            base.Write(buffer);
        }
    }

    [Theory]
    [InlineData(ReportFormat.Csv)]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Table)]
    public void Text_formats_reach_the_output_in_large_blocks_not_a_call_per_cell(ReportFormat format)
    {
        // A report on standard output wrote one system call per cell: 50 s for `report entries` of `large`.
        static ReportData Rows() => new(
            ["name", "qty", "count", "date", "note"],
            Enumerable.Range(0, 6_000)
                .Select(i => new object?[] { $"P-{i}", i / 7m, (long)i, new DateOnly(2025, 1, 1).AddDays(i % 365), "x" }));
        var counting = new CountingWriter();
        ReportWriter.Write(Rows(), format, counting);
        counting.ToString().ShouldBe(Text(Rows(), format));
        counting.Calls.ShouldBeLessThan(40, $"{counting.ToString().Length} characters");
    }
}
