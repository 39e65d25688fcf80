using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Traza.Formats.Layouts;

/// <summary>
/// The first sheet of an XLSX workbook with the same columns as the CSV layouts (SPEC §4.1), streamed straight from
/// the package's XML (ECMA-376 SpreadsheetML): the first row present is the header; <see cref="Line"/> is the sheet's
/// row number. Text cells (shared, inline or formula strings) are trimmed; numbers are read as invariant text through
/// their double value, as a spreadsheet shows them (a formula's 0.30000000000000004 reads 0.3); cells with a date
/// format read as <c>YYYY-MM-DD</c>; booleans as True/False. A general-purpose reader allocated ~30 KB and took ~40 µs
/// per entries row here; this one reads a row in a few microseconds (docs/benchmarks.md, Imports).
/// </summary>
public sealed class XlsxRecordSource : IRecordSource
{
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false,
    };

    private readonly ZipArchive zip;
    private readonly Stream sheetStream;
    private readonly XmlReader sheet;
    private readonly string[] shared;
    private readonly bool[] dateStyles;

    /// <summary>Days to add to a serial date: 1,462 in a workbook that counts from 1904, else 0.</summary>
    private readonly int dateOffset;
    private readonly List<string> fields = [];
    private readonly string[] header;
    private long lastRow;

    // The sheet's element and attribute names, atomized in its reader's name table: compared by reference.
    private readonly string rowName;
    private readonly string cellName;
    private readonly string valueName;
    private readonly string inlineName;
    private readonly string dimensionName;
    private readonly string referenceName;
    private readonly string typeName;
    private readonly string styleName;

    private XlsxRecordSource(ZipArchive zip)
    {
        this.zip = zip;
        var workbook = Target(zip, "_rels/.rels", string.Empty, "/officeDocument") ?? "xl/workbook.xml";
        var folder = workbook.Contains('/', StringComparison.Ordinal) ? workbook[..(workbook.LastIndexOf('/') + 1)] : string.Empty;
        var rels = folder + "_rels/" + workbook[folder.Length..] + ".rels";
        shared = SharedStrings(zip, Target(zip, rels, folder, "/sharedStrings"));
        dateStyles = DateStyles(zip, Target(zip, rels, folder, "/styles"));
        var (sheetPath, date1904) = FirstSheet(zip, workbook, rels, folder);
        if (sheetPath is null)
        {
            throw new InvalidDataException("the workbook names no sheet");
        }

        dateOffset = date1904 ? 1462 : 0;
        sheetStream = (zip.GetEntry(sheetPath) ?? throw new InvalidDataException($"the workbook has no part {sheetPath}")).Open();
        sheet = XmlReader.Create(sheetStream, Settings);
        var names = sheet.NameTable;
        (rowName, cellName, valueName) = (names.Add("row"), names.Add("c"), names.Add("v"));
        (inlineName, dimensionName) = (names.Add("is"), names.Add("dimension"));
        (referenceName, typeName, styleName) = (names.Add("r"), names.Add("t"), names.Add("s"));
        header = ReadRow() ? [.. fields] : [];
    }

    public IReadOnlyList<string> Header => header;

    public long Line { get; private set; } = 1;

    public int FieldCount => fields.Count;

    public string this[int index] => index < fields.Count ? fields[index] : string.Empty;

    public string? Error { get; private set; }

    /// <summary>The rows the sheet declares (its dimension), header excluded; 0 when it declares none.</summary>
    public long EstimatedRows { get; private set; }

    public static XlsxRecordSource Open(string path)
    {
        var zip = ZipFile.OpenRead(path);
        try
        {
            return new XlsxRecordSource(zip);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    public bool Read()
    {
        try
        {
            while (ReadRow())
            {
                for (var i = 0; i < header.Length && i < fields.Count; i++)
                {
                    if (fields[i].Length > 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or FormatException or OverflowException or IOException
            or ArgumentException)
        {
            Error = $"a readable XLSX row ({e.GetType().Name}: {e.Message})";
            return false;
        }
    }

    public void Dispose()
    {
        sheet.Dispose();
        sheetStream.Dispose();
        zip.Dispose();
    }

    /// <summary>Reads the next <c>row</c> element into <see cref="fields"/>; false at the end of the sheet data.</summary>
    private bool ReadRow()
    {
        while (sheet.Read())
        {
            if (sheet.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var name = sheet.LocalName;
            if (ReferenceEquals(name, dimensionName))
            {
                EstimatedRows = DimensionRows(sheet.GetAttribute("ref"));
            }
            else if (ReferenceEquals(name, rowName))
            {
                Line = long.TryParse(sheet.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : lastRow + 1;
                lastRow = Line;
                fields.Clear();
                if (!sheet.IsEmptyElement)
                {
                    ReadCells();
                }

                return true;
            }
        }

        return false;
    }

    private void ReadCells()
    {
        var depth = sheet.Depth;
        while (sheet.Read() && sheet.Depth > depth)
        {
            if (sheet.NodeType != XmlNodeType.Element || !ReferenceEquals(sheet.LocalName, cellName))
            {
                continue;
            }

            string? reference = null;
            string? type = null;
            var style = 0;
            while (sheet.MoveToNextAttribute())
            {
                var name = sheet.LocalName;
                if (ReferenceEquals(name, referenceName))
                {
                    reference = sheet.Value;
                }
                else if (ReferenceEquals(name, typeName))
                {
                    type = sheet.Value;
                }
                else if (ReferenceEquals(name, styleName))
                {
                    _ = int.TryParse(sheet.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style);
                }
            }

            sheet.MoveToElement();
            var column = ColumnIndex(reference, fields.Count);
            var text = sheet.IsEmptyElement ? string.Empty : CellText(type, style);
            while (fields.Count < column)
            {
                fields.Add(string.Empty);
            }

            if (column == fields.Count)
            {
                fields.Add(text);
            }
            else
            {
                fields[column] = text;
            }
        }
    }

    /// <summary>The text of the current <c>c</c> element, leaving the reader on its end tag.</summary>
    private string CellText(string? type, int style)
    {
        var depth = sheet.Depth;
        string? value = null;
        string? inline = null;
        sheet.Read();
        while (!sheet.EOF && sheet.Depth > depth)
        {
            if (sheet.NodeType != XmlNodeType.Element)
            {
                sheet.Read();
            }
            else if (ReferenceEquals(sheet.LocalName, valueName))
            {
                value = ElementText(sheet);
            }
            else if (ReferenceEquals(sheet.LocalName, inlineName))
            {
                inline = RichText(sheet);
            }
            else
            {
                sheet.Skip(); // a formula, extensions
            }
        }

        return type switch
        {
            "s" => value is null ? string.Empty : Shared(value),
            "inlineStr" => (inline ?? value ?? string.Empty).Trim(),
            "str" or "e" => (value ?? string.Empty).Trim(),
            "b" => value is null ? string.Empty : (value.Trim() == "1").ToString(CultureInfo.InvariantCulture),
            "d" => value is null
                ? string.Empty
                : IsoDate(DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
            _ => Number(value, style),
        };
    }

    private string Shared(string index)
    {
        var i = int.Parse(index, NumberStyles.None, CultureInfo.InvariantCulture);
        return (uint)i < (uint)shared.Length ? shared[i] : throw new InvalidDataException($"shared string {index} is not in the workbook");
    }

    /// <summary>A number cell: a date when its style's format is one, else its double value as invariant decimal text.</summary>
    private string Number(string? value, int style)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var d = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        if ((uint)style < (uint)dateStyles.Length && dateStyles[style])
        {
            return IsoDate(DateTime.FromOADate(d + dateOffset));
        }

        // Beyond decimal's range the cell is kept as written, for the layout to report.
        return Math.Abs(d) < 7.9e28 ? ((decimal)d).ToString(CultureInfo.InvariantCulture) : value.Trim();
    }

    private static string IsoDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The 0-based column of a cell reference such as <c>AB12</c>; <paramref name="next"/> when absent.</summary>
    private static int ColumnIndex(string? reference, int next)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return next;
        }

        var column = 0;
        foreach (var c in reference)
        {
            var letter = char.ToUpperInvariant(c);
            if (letter is < 'A' or > 'Z')
            {
                break;
            }

            column = checked((column * 26) + (letter - 'A' + 1));
        }

        return column > 0 && column <= 16_384 ? column - 1 : throw new InvalidDataException($"cell reference '{reference}'");
    }

    /// <summary>The rows below the first of a dimension such as <c>A1:P1001</c> (1,000 here).</summary>
    private static long DimensionRows(string? reference)
    {
        if (reference is null)
        {
            return 0;
        }

        var parts = reference.Split(':');
        return parts.Length == 2 && Row(parts[0]) is { } first && Row(parts[1]) is { } last && last > first ? last - first : 0;

        static long? Row(string cell)
        {
            var digits = cell.AsSpan().TrimStart("$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : null;
        }
    }

    /// <summary>
    /// The text of a rich-text element (<c>si</c> or <c>is</c>): its <c>t</c> runs joined, phonetic runs left out,
    /// trimmed; leaves the reader past the element.
    /// </summary>
    private static string RichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        string? single = null;
        System.Text.StringBuilder? runs = null;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
            }
            else if (reader.LocalName == "t")
            {
                var text = ElementText(reader);
                if (single is null && runs is null)
                {
                    single = text;
                }
                else
                {
                    runs ??= new System.Text.StringBuilder(single);
                    runs.Append(text);
                }
            }
            else if (reader.LocalName == "rPh")
            {
                reader.Skip();
            }
            else
            {
                reader.Read(); // a run (r) or its properties: the t inside is what counts
            }
        }

        reader.Read(); // past the end tag
        return (runs?.ToString() ?? single ?? string.Empty).Trim();
    }

    /// <summary>The text content of a simple element, leaving the reader past it.</summary>
    private static string ElementText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return string.Empty;
        }

        var depth = reader.Depth;
        var text = string.Empty;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                text = text.Length == 0 ? reader.Value : text + reader.Value;
            }

            reader.Read();
        }

        reader.Read(); // past the end tag
        return text;
    }

    /// <summary>The target of the first relationship of a type in a <c>.rels</c> part, as a package path; null when none.</summary>
    private static string? Target(ZipArchive zip, string relsPath, string folder, string typeSuffix) =>
        Relationships(zip, relsPath, folder).FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)).Target;

    private static List<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string relsPath, string folder)
    {
        var result = new List<(string, string, string)>();
        if (zip.GetEntry(relsPath) is not { } entry)
        {
            return result;
        }

        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Target") is { } target
                && !string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.Ordinal))
            {
                var id = reader.GetAttribute("Id") ?? string.Empty;
                result.Add((id, reader.GetAttribute("Type") ?? string.Empty, Resolve(folder, target)));
            }
        }

        return result;
    }

    /// <summary>A relationship target as a package path: absolute ("/xl/…") or relative to the source part's folder.</summary>
    private static string Resolve(string folder, string target)
    {
        if (target.StartsWith('/'))
        {
            return target[1..];
        }

        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The package path of the workbook's first sheet (in the workbook's order); null when it lists none.</summary>
    /// <summary>
    /// The package path of the workbook's first sheet (in the workbook's order; null when it lists none), and whether the
    /// workbook counts dates from 1904 (ECMA-376 Part 1 §18.2.28 <c>workbookPr/@date1904</c>, older Mac workbooks).
    /// </summary>
    private static (string? Sheet, bool Date1904) FirstSheet(ZipArchive zip, string workbook, string rels, string folder)
    {
        if (zip.GetEntry(workbook) is not { } entry)
        {
            return (zip.GetEntry("xl/worksheets/sheet1.xml") is null ? null : "xl/worksheets/sheet1.xml", false);
        }

        string? id = null;
        var date1904 = false;
        using (var stream = entry.Open())
        using (var reader = XmlReader.Create(stream, Settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "workbookPr")
                {
                    date1904 = reader.GetAttribute("date1904") is "1" or "true";
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    id = reader.GetAttribute("id", RelationshipNamespace);
                    break;
                }
            }
        }

        var sheet = id is null
            ? null
            : Relationships(zip, rels, folder).FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal)).Target;
        return (sheet, date1904);
    }

    private static string[] SharedStrings(ZipArchive zip, string? path)
    {
        if (zip.GetEntry(path ?? "xl/sharedStrings.xml") is not { } entry)
        {
            return [];
        }

        var strings = new List<string>();
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(RichText(reader));
            }
            else
            {
                reader.Read();
            }
        }

        return [.. strings];
    }

    /// <summary>For each cell style (<c>cellXfs</c>, in order), whether its number format shows a date or a time.</summary>
    private static bool[] DateStyles(ZipArchive zip, string? path)
    {
        if (zip.GetEntry(path ?? "xl/styles.xml") is not { } entry)
        {
            return [];
        }

        var formats = new Dictionary<int, string>();
        var styles = new List<bool>();
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Settings);
        var inCellXfs = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "numFmt"
                && int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var formatId))
            {
                formats[formatId] = reader.GetAttribute("formatCode") ?? string.Empty;
            }
            else if (reader.LocalName == "cellXfs")
            {
                inCellXfs = !reader.IsEmptyElement;
            }
            else if (inCellXfs && reader.LocalName == "xf")
            {
                var id = int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                styles.Add(formats.TryGetValue(id, out var code) ? IsDateFormat(code) : IsBuiltInDate(id));
            }
        }

        return [.. styles];
    }

    /// <summary>
    /// ECMA-376 Part 1 §18.8.30: built-in formats 14–22 and 45–47 are dates and times (27–36, 50–58 in East Asian
    /// locales).
    /// </summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>A custom format code shows a date or time when, outside quoted text and bracketed sections, it has y, d, h or s.</summary>
    private static bool IsDateFormat(string code)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (quoted)
            {
                quoted = c != '"';
            }
            else if (bracket)
            {
                bracket = c != ']';
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '[')
            {
                bracket = true;
            }
            else if (c == '\\' || c == '_' || c == '*')
            {
                i++; // the next character is literal (or padding)
            }
            else if (c is 'y' or 'Y' or 'd' or 'D' or 'h' or 'H' or 's' or 'S')
            {
                return true;
            }
        }

        return false;
    }
}
