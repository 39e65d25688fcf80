namespace Traza.Formats.Reports;

/// <summary>
/// A report column: its field name (the SPEC §6 contract, always English) and the label shown in <c>table</c> and
/// XLSX output (translatable; the name when not given).
/// </summary>
public sealed record ReportColumn(string Name, string? Label = null)
{
    public string Header => Label ?? Name;

    /// <summary>
    /// The closed set of English values an enumerated column takes (status, operation, finding …; SPEC §6: always these in
    /// CSV and JSON, translated only in <c>table</c> and XLSX); null for a column of data.
    /// </summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Whether a cell may hold values outside <see cref="Values"/> too, shown as they are (custody's exit_clave: a clave or an event type).</summary>
    public bool Open { get; init; }

    /// <summary>The separator of a cell that lists several values (pedimentos' <c>sources</c>: <c>datastage;m3</c>); null for one value.</summary>
    public char? Separator { get; init; }

    /// <summary>An enumerated column: <paramref name="name"/> taking <paramref name="values"/>.</summary>
    public static ReportColumn Enumerated(string name, IReadOnlyList<string> values) => new(name) { Values = values };

    public static implicit operator ReportColumn(string name) => new(name);

    public static ReportColumn FromString(string name) => new(name);
}

/// <summary>
/// A report's output: ordered columns and rows of typed cells — <see cref="string"/>, <see cref="decimal"/>,
/// <see cref="long"/>/<see cref="int"/>, <see cref="DateOnly"/>, <see cref="bool"/> or null — streamed once.
/// </summary>
public sealed record ReportData(IReadOnlyList<ReportColumn> Columns, IEnumerable<object?[]> Rows)
{
    /// <summary>
    /// When set, writes the same rows as CSV (without the header), each cell as <see cref="ReportWriter.WriteCsv"/> would
    /// write it from <see cref="Rows"/>: the fast path of reports with a million rows (SPEC §8 balances). Either this or
    /// <see cref="Rows"/> is consumed, once.
    /// </summary>
    public Action<CsvRowWriter>? CsvRows { get; init; }

    /// <summary>
    /// A short table that leads the report in <c>table</c> and XLSX output (its own sheet, <c>summary</c>, before the
    /// <c>report</c> sheet) — e.g. reconciliation's findings per kind; CSV and JSON carry the report's fields alone (SPEC §6).
    /// </summary>
    public ReportData? Summary { get; init; }

    /// <summary>The XLSX sheet's name: <c>report</c>, or <c>summary</c> for a <see cref="Summary"/>, unless labels name it.</summary>
    public string? SheetName { get; init; }

    /// <summary>
    /// A workbook's sheets (<c>report annex24</c>): when set, XLSX holds these sheets, in order, each under its
    /// <see cref="SheetName"/>, and nothing else; the text formats write the report's own rows (the workbook's index).
    /// </summary>
    public IReadOnlyList<ReportData>? Sheets { get; init; }

    /// <summary>The report whose labels a sheet's columns take (null: the report's own).</summary>
    public string? LabelsOf { get; init; }
}

/// <summary>The output formats of <c>traza report</c> (SPEC §5).</summary>
public enum ReportFormat
{
    Table,
    Csv,
    Json,
    Xlsx,
}

/// <summary>Parses format names.</summary>
public static class ReportFormats
{
    public static readonly IReadOnlyList<string> Names = ["table", "csv", "json", "xlsx"];

    public static bool TryParse(string? text, out ReportFormat format)
    {
        switch ((text ?? string.Empty).Trim().ToLowerInvariant())
        {
            case "table":
                format = ReportFormat.Table;
                return true;
            case "csv":
                format = ReportFormat.Csv;
                return true;
            case "json":
                format = ReportFormat.Json;
                return true;
            case "xlsx":
                format = ReportFormat.Xlsx;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>XLSX is binary: it needs a file or a stream, never a text writer.</summary>
    public static bool IsBinary(this ReportFormat format) => format == ReportFormat.Xlsx;
}
