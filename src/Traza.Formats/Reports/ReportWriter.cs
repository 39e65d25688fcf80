using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiniExcelLibs;
using Spectre.Console;

namespace Traza.Formats.Reports;

/// <summary>
/// Writes any report in the four formats (SPEC §5-§6): <c>table</c> (Spectre.Console, labels), <c>csv</c> (UTF-8,
/// header row of field names), <c>json</c> (an array of objects with the field names; numbers as JSON numbers) and
/// <c>xlsx</c> (MiniExcel, labels). Rows are streamed once.
/// </summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a text format (table, csv, json) to <paramref name="output"/>, in blocks of 64 KB.</summary>
    public static void Write(ReportData data, ReportFormat format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        using var buffered = new BufferedTextWriter(output);
        WriteText(data, format, buffered);
    }

    private static void WriteText(ReportData data, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Csv:
                WriteCsv(data, output);
                break;
            case ReportFormat.Json:
                WriteJson(data, output);
                break;
            case ReportFormat.Table:
                WriteTable(data, output);
                break;
            default:
                throw new ArgumentException("xlsx is binary: write it to a stream", nameof(format));
        }
    }

    /// <summary>Writes any format to a stream (text formats as UTF-8 without BOM).</summary>
    public static void Write(ReportData data, ReportFormat format, Stream output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        if (format == ReportFormat.Xlsx)
        {
            WriteXlsx(data, output);
            return;
        }

        if (format == ReportFormat.Csv && data.CsvRows is not null)
        {
            using var csv = new CsvRowWriter(output);
            WriteCsvRows(data, csv);
            return;
        }

        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        Write(data, format, writer);
    }

    public static void WriteCsv(ReportData data, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        if (data.CsvRows is not null)
        {
            using var csv = new CsvRowWriter(output);
            WriteCsvRows(data, csv);
            return;
        }

        for (var i = 0; i < data.Columns.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(CsvField(data.Columns[i].Name));
        }

        output.Write('\n');
        foreach (var row in data.Rows)
        {
            for (var i = 0; i < data.Columns.Count; i++)
            {
                if (i > 0)
                {
                    output.Write(',');
                }

                output.Write(CsvField(CellText.Format(i < row.Length ? row[i] : null)));
            }

            output.Write('\n');
        }

        output.Flush();
    }

    /// <summary>The header and <see cref="ReportData.CsvRows"/>, through one UTF-8 buffer.</summary>
    private static void WriteCsvRows(ReportData data, CsvRowWriter csv)
    {
        foreach (var column in data.Columns)
        {
            csv.Text(column.Name);
        }

        csv.EndRow();
        data.CsvRows!(csv);
        csv.Flush();
    }

    public static void WriteJson(ReportData data, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        var names = data.Columns.Select(c => JsonSerializer.Serialize(c.Name, JsonText)).ToArray();
        output.Write('[');
        var first = true;
        foreach (var row in data.Rows)
        {
            output.Write(first ? "\n  {" : ",\n  {");
            first = false;
            for (var i = 0; i < names.Length; i++)
            {
                if (i > 0)
                {
                    output.Write(", ");
                }

                output.Write(names[i]);
                output.Write(": ");
                var cell = i < row.Length ? row[i] : null;
                output.Write(cell switch
                {
                    null => "null",
                    bool b => b ? "true" : "false",
                    decimal or long or int => CellText.Format(cell),
                    _ => JsonSerializer.Serialize(CellText.Format(cell), JsonText),
                });
            }

            output.Write('}');
        }

        output.Write(first ? "]\n" : "\n]\n");
        output.Flush();
    }

    /// <summary>Tables up to this many rows are laid out by Spectre.Console; longer ones by <see cref="LargeTable"/>.</summary>
    public const int SpectreTableRows = 5_000;

    public static void WriteTable(ReportData data, TextWriter output) => WriteTable(data, output, SpectreTableRows);

    /// <summary>The table, laid out by Spectre.Console when it has at most <paramref name="spectreRows"/> rows.</summary>
    internal static void WriteTable(ReportData data, TextWriter output, int spectreRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        if (data.Summary is { } summary)
        {
            WriteTable(summary with { Summary = null }, output, spectreRows);
            output.WriteLine();
        }
        var numeric = new bool[data.Columns.Count];
        var rows = new List<string[]>();
        using var more = data.Rows.GetEnumerator();
        while (rows.Count <= spectreRows && more.MoveNext())
        {
            rows.Add(TableCells(more.Current, numeric));
        }

        if (rows.Count > spectreRows)
        {
            LargeTable.Write(data.Columns, rows, more, numeric, output);
            return;
        }

        var table = new Table();
        foreach (var column in data.Columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)));
        }

        foreach (var cells in rows)
        {
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }

        for (var i = 0; i < numeric.Length; i++)
        {
            if (numeric[i])
            {
                table.Columns[i].RightAligned();
            }
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = Math.Max(80, Math.Min(400, 4 + (data.Columns.Count * 16)));
        console.Write(table);
        output.Flush();
    }

    /// <summary>A row's cells as the table shows them; marks the columns holding numbers (right-aligned).</summary>
    internal static string[] TableCells(object?[] row, bool[] numeric)
    {
        var cells = new string[numeric.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = i < row.Length ? row[i] : null;
            numeric[i] |= CellText.IsNumber(cell);
            cells[i] = CellText.Format(cell);
        }

        return cells;
    }

    public static void WriteXlsx(ReportData data, Stream output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        if (data.Sheets is { } sheets)
        {
            WriteWorkbook(sheets, output);
            return;
        }

        if (data.Summary is { } summary)
        {
            using var leading = summary.Rows.GetEnumerator();
            using var main = data.Rows.GetEnumerator();
            output.SaveAs(
                new Dictionary<string, object>
                {
                    [summary.SheetName ?? "summary"] = Sheet(summary, leading),
                    [data.SheetName ?? "report"] = Sheet(data, main),
                },
                printHeader: true);
            return;
        }

        using var rows = data.Rows.GetEnumerator();
        output.SaveAs(Sheet(data, rows), printHeader: true, sheetName: data.SheetName ?? "report");
    }

    /// <summary>Several sheets in one workbook, each under its <see cref="ReportData.SheetName"/> (sheet1, sheet2 … when unnamed).</summary>
    private static void WriteWorkbook(IReadOnlyList<ReportData> sheets, Stream output)
    {
        var enumerators = sheets.Select(s => s.Rows.GetEnumerator()).ToList();
        try
        {
            var book = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < sheets.Count; i++)
            {
                book.Add(sheets[i].SheetName ?? $"sheet{i + 1}", Sheet(sheets[i], enumerators[i]));
            }

            output.SaveAs(book, printHeader: true);
        }
        finally
        {
            enumerators.ForEach(e => e.Dispose());
        }
    }

    /// <summary>A sheet's rows for MiniExcel, or a table with columns only when there is none (MiniExcel takes the header from the first row).</summary>
    private static object Sheet(ReportData data, IEnumerator<object?[]> rows)
    {
        var headers = data.Columns.Select(c => c.Header).ToArray();
        if (rows.MoveNext())
        {
            return Rows(rows, headers);
        }

        var empty = new System.Data.DataTable("report") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var h in headers)
        {
            empty.Columns.Add(h, typeof(string));
        }

        return empty;
    }

    private static IEnumerable<Dictionary<string, object?>> Rows(IEnumerator<object?[]> rows, string[] headers)
    {
        do
        {
            var row = rows.Current;
            var dict = new Dictionary<string, object?>(headers.Length, StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                var cell = i < row.Length ? row[i] : null;
                dict[headers[i]] = cell switch
                {
                    null => null,
                    decimal or long or int or bool => cell,
                    _ => CellText.Format(cell),
                };
            }

            yield return dict;
        }
        while (rows.MoveNext());
    }

    private static string CsvField(string text)
    {
        foreach (var c in text)
        {
            if (c is ',' or '"' or '\n' or '\r')
            {
                return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            }
        }

        return text;
    }
}
