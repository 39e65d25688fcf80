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

    public static void WriteXlsx(ReportData data, Stream output) => WriteXlsx(data, output, MaxSheetRows);

    /// <summary>
    /// The data rows a sheet holds: an XLSX sheet has at most 1,048,576 rows (Excel's specifications and limits), one of them
    /// the header.
    /// </summary>
    public const int MaxSheetRows = 1_048_575;

    /// <summary>
    /// <see cref="WriteXlsx(ReportData, Stream)"/> with at most <paramref name="maxSheetRows"/> data rows a sheet: a report with
    /// more continues on sheets named "NAME (2)", "NAME (3)" …, each with the header (the custody of a <c>medium</c> program
    /// is 1.28 M rows; a sheet past the limit is a workbook Excel refuses).
    /// </summary>
    internal static void WriteXlsx(ReportData data, Stream output, int maxSheetRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        var parts = data.Sheets is { } sheets
            ? sheets.Select((s, i) => (s, s.SheetName ?? $"sheet{i + 1}")).ToList()
            : data.Summary is { } summary
                ? [(summary, summary.SheetName ?? "summary"), (data, data.SheetName ?? "report")]
                : [(data, data.SheetName ?? "report")];
        output.SaveAs(new SheetSequence(parts, maxSheetRows), printHeader: true);
    }

    /// <summary>
    /// The workbook's sheets as MiniExcel enumerates them, made one at a time: each report's rows are read once, a sheet full
    /// hands the rest to the next sheet of the same name, and whether that next sheet exists is known only when MiniExcel asks
    /// for it — after writing the one before. Only enumeration is supported.
    /// </summary>
    private sealed class SheetSequence(List<(ReportData Data, string Name)> parts, int maxRows) : IDictionary<string, object>
    {
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            foreach (var (data, name) in parts)
            {
                var headers = data.Columns.Select(c => c.Header).ToArray();
                using var rows = data.Rows.GetEnumerator();
                if (!rows.MoveNext())
                {
                    yield return new(name, EmptySheet(headers));
                    continue;
                }

                var cursor = new SheetCursor(rows);
                for (var part = 1; !cursor.Done; part++)
                {
                    yield return new(part == 1 ? name : $"{name} ({part})", Rows(cursor, headers, maxRows));
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public object this[string key] { get => throw Unsupported(); set => throw Unsupported(); }

        public ICollection<string> Keys => throw Unsupported();

        public ICollection<object> Values => throw Unsupported();

        public int Count => throw Unsupported();

        public bool IsReadOnly => true;

        public void Add(string key, object value) => throw Unsupported();

        public void Add(KeyValuePair<string, object> item) => throw Unsupported();

        public void Clear() => throw Unsupported();

        public bool Contains(KeyValuePair<string, object> item) => throw Unsupported();

        public bool ContainsKey(string key) => throw Unsupported();

        public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => throw Unsupported();

        public bool Remove(string key) => throw Unsupported();

        public bool Remove(KeyValuePair<string, object> item) => throw Unsupported();

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value) => throw Unsupported();

        private static NotSupportedException Unsupported() => new("the workbook's sheets are made as they are written");
    }

    /// <summary>A report's rows shared by its sheets: positioned on the next row to write until <see cref="Done"/>.</summary>
    private sealed class SheetCursor(IEnumerator<object?[]> rows)
    {
        public IEnumerator<object?[]> Rows { get; } = rows;

        public bool Done { get; set; }
    }

    /// <summary>A sheet with columns only, for a report without rows (MiniExcel takes the header from the first row).</summary>
    private static System.Data.DataTable EmptySheet(string[] headers)
    {
        var empty = new System.Data.DataTable("report") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var h in headers)
        {
            empty.Columns.Add(h, typeof(string));
        }

        return empty;
    }

    /// <summary>Up to <paramref name="max"/> rows from the cursor; the cursor is done when the report has no more.</summary>
    private static IEnumerable<Dictionary<string, object?>> Rows(SheetCursor cursor, string[] headers, int max)
    {
        for (var written = 0; written < max; written++)
        {
            var row = cursor.Rows.Current;
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
            if (!cursor.Rows.MoveNext())
            {
                cursor.Done = true;
                yield break;
            }
        }
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
