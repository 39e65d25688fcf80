using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsCheck;
using MiniExcelLibs;
using Traza.Formats.Layouts;

namespace Traza.Formats.Tests.Layouts;

/// <summary>
/// XLSX layouts (SPEC §4.1, §5: "CSV or XLSX") read straight from the package's XML: what a spreadsheet writes — shared,
/// inline and rich-text strings, numbers, dates by their number format, booleans, formulas' cached values, gaps —
/// reads as the CSV of the same table would.
/// </summary>
public sealed class XlsxRecordSourceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("traza-xlsx-").FullName;
    private int files;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static List<(long Line, string[] Fields)> ReadAll(XlsxRecordSource source)
    {
        var rows = new List<(long, string[])>();
        while (source.Read())
        {
            rows.Add((source.Line, [.. Enumerable.Range(0, source.Header.Count).Select(i => source[i])]));
        }

        source.Error.ShouldBeNull();
        return rows;
    }

    private string Path_() => Path.Combine(folder, $"w{Interlocked.Increment(ref files)}.xlsx");

    /// <summary>A workbook from its parts' XML (paths inside the package).</summary>
    private string Package(params (string Path, string Xml)[] parts)
    {
        var path = Path_();
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, xml) in parts)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(xml);
        }

        return path;
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static (string, string) RootRels() => ("_rels/.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        $"<Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");

    private static (string, string) Workbook(params string[] sheetIds) => ("xl/workbook.xml",
        $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets>" +
        string.Concat(sheetIds.Select((id, i) => $"<sheet name=\"S{i}\" sheetId=\"{i + 1}\" r:id=\"{id}\"/>")) + "</sheets></workbook>");

    private static (string, string) WorkbookRels(params (string Id, string Type, string Target)[] rels) => ("xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
        string.Concat(rels.Select(r => $"<Relationship Id=\"{r.Id}\" Type=\"{Rel}/{r.Type}\" Target=\"{r.Target}\"/>")) +
        "</Relationships>");

    [Fact]
    public void Tables_a_spreadsheet_library_writes_read_back_as_their_text()
    {
        var cell = Gen.OneOf<object?>(
            Gen.String[Gen.Char["abcXYZ ñé<>&\"' \t0123456789-.,"], 0, 12].Select(s => (object?)s),
            Gen.Decimal[-1_000_000m, 1_000_000m].Select(d => (object?)Math.Round(d, 4)),
            Gen.Int[0, 20_000].Select(n => (object?)new DateTime(2020, 1, 1).AddDays(n)),
            Gen.Bool.Select(b => (object?)b),
            Gen.Bool.Select(_ => (object?)null));
        cell.Array[3].Array[1, 20].Sample(table =>
        {
            var path = Path_();
            MiniExcel.SaveAs(path, table.Select(row => new Dictionary<string, object?> { ["a"] = row[0], ["b"] = row[1], ["c"] = row[2] }));
            using var source = XlsxRecordSource.Open(path);
            source.Header.ShouldBe(["a", "b", "c"]);
            var expected = table
                .Select((row, i) => (Line: (long)i + 2, Fields: row.Select(Expected).ToArray()))
                .Where(r => r.Fields.Any(f => f.Length > 0))
                .ToList();
            var read = ReadAll(source);
            read.Select(r => r.Line).ShouldBe(expected.Select(r => r.Line));
            for (var i = 0; i < read.Count; i++)
            {
                read[i].Fields.ShouldBe(expected[i].Fields, $"row {read[i].Line}");
            }
        }, iter: 200);
    }

    private static string Expected(object? value) => value switch
    {
        null => string.Empty,
        string s => s.Trim(),
        decimal d => ((decimal)(double)d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    [Fact]
    public void Shared_inline_rich_and_formula_strings_dates_booleans_and_gaps_read_as_a_spreadsheet_shows_them()
    {
        var path = Package(
            RootRels(),
            Workbook("rId7"),
            WorkbookRels(
                ("rId7", "worksheet", "worksheets/data.xml"), ("rId8", "sharedStrings", "strings.xml"), ("rId9", "styles", "/xl/st.xml")),
            ("xl/strings.xml",
                $"<sst xmlns=\"{Main}\"><si><t>part</t></si><si><t xml:space=\"preserve\"> qty </t></si>" +
                "<si><r><rPr><b/></rPr><t>MAT</t></r><r><t>-1</t></r><rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si><si/>" +
                "<si><t>A &amp; B &lt;x&gt;</t></si></sst>"),
            ("xl/st.xml",
                $"<styleSheet xmlns=\"{Main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>" +
                "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"2\"/></cellXfs>" +
                "</styleSheet>"),
            ("xl/worksheets/data.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><x:worksheet xmlns:x=\"{Main}\"><x:dimension ref=\"A1:F9\"/><x:sheetData>" +
                "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v></x:c>" +
                "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>date</x:t></x:is></x:c><x:c t=\"str\"><x:v>flag</x:v></x:c>" +
                "<x:c r=\"E1\" t=\"inlineStr\"><x:is><x:r><x:t>no</x:t></x:r><x:r><x:t>te</x:t></x:r></x:is></x:c></x:row>" +
                "<!-- a comment between rows -->" +
                "<x:row r=\"3\"><x:c r=\"A3\" t=\"s\"><x:v>2</x:v></x:c><x:c r=\"B3\"><x:f>1+1.5</x:f><x:v>2.5</x:v></x:c>" +
                "<x:c r=\"C3\" s=\"1\"><x:v>45662</x:v></x:c><x:c r=\"D3\" t=\"b\"><x:v>1</x:v></x:c>" +
                "<x:c r=\"E3\" t=\"s\"><x:v>4</x:v></x:c></x:row>" +
                "<x:row r=\"4\"><x:c r=\"A4\" t=\"s\"><x:v>3</x:v></x:c><x:c r=\"C4\"/></x:row>" +
                "<x:row r=\"7\"><x:c r=\"B7\" s=\"3\"><x:v>0.30000000000000004</x:v></x:c><x:c r=\"C7\" s=\"2\"><x:v>45663.75</x:v></x:c>" +
                "<x:c r=\"D7\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"E7\" t=\"str\"><x:v><![CDATA[a<b]]></x:v></x:c>" +
                "<x:c r=\"F7\" t=\"d\"><x:v>2025-02-03T00:00:00</x:v></x:c></x:row>" +
                "<x:row r=\"9\"><x:c r=\"A9\" t=\"inlineStr\"><x:is><x:t>  MAT-2  </x:t></x:is></x:c>" +
                "<x:c r=\"B9\"><x:v>1E-3</x:v></x:c></x:row>" +
                "</x:sheetData></x:worksheet>"));
        using var source = XlsxRecordSource.Open(path);
        source.Header.ShouldBe(["part", "qty", "date", "flag", "note"]);
        source.EstimatedRows.ShouldBe(8);
        var rows = ReadAll(source);
        rows.Select(r => r.Line).ShouldBe([3L, 7, 9]);
        rows[0].Fields.ShouldBe(["MAT-1", "2.5", "2025-01-05", "True", "A & B <x>"]);
        rows[1].Fields.ShouldBe(["", "0.3", "2025-01-06", "#N/A", "a<b"]);
        rows[2].Fields.ShouldBe(["MAT-2", "0.001", "", "", ""]);
    }

    [Fact]
    public void The_first_sheet_is_the_workbooks_first_not_the_first_part()
    {
        static string Sheet(string text) =>
            $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>{text}</t></is></c></row>" +
            $"<row r=\"2\"><c t=\"inlineStr\"><is><t>{text}-1</t></is></c></row></sheetData></worksheet>";
        var path = Package(
            RootRels(),
            Workbook("rIdB", "rIdA"),
            WorkbookRels(("rIdA", "worksheet", "worksheets/sheet1.xml"), ("rIdB", "worksheet", "worksheets/sheet2.xml")),
            ("xl/worksheets/sheet1.xml", Sheet("second")),
            ("xl/worksheets/sheet2.xml", Sheet("first")));
        using var source = XlsxRecordSource.Open(path);
        source.Header.ShouldBe(["first"]);
        ReadAll(source).Single().Fields.ShouldBe(["first-1"]);
    }

    [Theory]
    [InlineData("<row r=\"2\"><c t=\"s\"><v>7</v></c></row>", "shared string 7")]
    [InlineData("<row r=\"2\"><c><v>abc</v></c></row>", "FormatException")]
    [InlineData("<row r=\"2\"><c><v>1</v></row>", "XmlException")]
    public void A_damaged_sheet_stops_with_an_error_naming_what_was_expected(string rows, string found)
    {
        var path = Package(
            RootRels(),
            Workbook("rId1"),
            WorkbookRels(("rId1", "worksheet", "worksheets/sheet1.xml")),
            ("xl/worksheets/sheet1.xml",
                $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>qty</t></is></c></row>{rows}" +
                "</sheetData></worksheet>"));
        using var source = XlsxRecordSource.Open(path);
        source.Read().ShouldBeFalse();
        source.Error.ShouldNotBeNull();
        source.Error.ShouldStartWith("a readable XLSX row (");
        source.Error.ShouldContain(found);
    }

    [Fact]
    public void A_workbook_that_counts_dates_from_1904_reads_the_same_dates()
    {
        var path = Package(
            RootRels(),
            ("xl/workbook.xml",
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><workbookPr date1904=\"1\"/>" +
                "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            WorkbookRels(("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "styles", "styles.xml")),
            ("xl/styles.xml",
                $"<styleSheet xmlns=\"{Main}\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"),
            ("xl/worksheets/sheet1.xml",
                $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>date</t></is></c></row>" +
                "<row r=\"2\"><c s=\"1\"><v>44200</v></c></row></sheetData></worksheet>"));
        using var source = XlsxRecordSource.Open(path);
        ReadAll(source).Single().Fields.ShouldBe(["2025-01-05"]); // 44,200 days after 1904-01-01
    }
}
