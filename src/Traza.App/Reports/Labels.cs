using System.Collections.Frozen;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// The es-MX and English labels of report columns, enumerated values and XLSX sheets (SPEC §6: shown in <c>table</c> and
/// XLSX only — CSV and JSON keep the English field names and values). Kept as data, <c>Reports/labels.csv</c>
/// (<c>key,en,es</c>), loaded once; every caller that shows a report to a person (the CLI, the service, a dashboard) asks here.
/// Keys: <c>column.FIELD</c>, or <c>column.REPORT.FIELD</c> where one report means something else by the field;
/// <c>value.FIELD.VALUE</c>; <c>sheet.NAME</c>.
/// </summary>
public sealed class Labels
{
    private const string Resource = "Traza.App.Reports.labels.csv";

    private static readonly Lazy<FrozenDictionary<string, (string En, string Es)>> Table = new(Load);

    private static readonly Labels EnglishLabels = new(Language.English);

    private static readonly Labels SpanishLabels = new(Language.Spanish);

    private Labels(Language language) => Language = language;

    public Language Language { get; }

    /// <summary>The labels of <paramref name="language"/>.</summary>
    public static Labels For(Language language) => language == Language.Spanish ? SpanishLabels : EnglishLabels;

    /// <summary>The label of <paramref name="field"/> in <paramref name="report"/>; the field name when none is kept.</summary>
    public string Column(string report, string field) => TryColumn(report, field) ?? field;

    /// <summary>The label of <paramref name="field"/> in <paramref name="report"/>, or null when none is kept.</summary>
    public string? TryColumn(string report, string field) => Find($"column.{report}.{field}") ?? Find($"column.{field}");

    /// <summary>The label of the enumerated <paramref name="value"/> of <paramref name="field"/>; the value when none is kept.</summary>
    public string Value(string field, string value) => TryValue(field, value) ?? value;

    /// <summary>The label of the enumerated <paramref name="value"/> of <paramref name="field"/>, or null when none is kept.</summary>
    public string? TryValue(string field, string value) => Find($"value.{field}.{value}");

    /// <summary>The name of an XLSX sheet (<c>report</c>, <c>summary</c>).</summary>
    public string Sheet(string name) => Find($"sheet.{name}") ?? name;

    /// <summary>
    /// <paramref name="data"/> as <c>table</c> and XLSX show it: columns labeled, the cells of enumerated columns translated
    /// (a list cell item by item; values outside an open column's set as they are), the summary and the sheets named. The
    /// rows stay streamed; the CSV fast path is dropped (CSV never takes labels).
    /// </summary>
    public ReportData Apply(string report, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(data);
        var columns = data.Columns.Select(c => c with { Label = Column(report, c.Name) }).ToArray();
        var enumerated = Enumerable.Range(0, columns.Length).Where(i => columns[i].Values is not null).ToArray();
        var rows = enumerated.Length == 0 ? data.Rows : data.Rows.Select(row => Translate(row, columns, enumerated));
        return new ReportData(columns, rows)
        {
            Summary = data.Summary is { } summary ? Apply(report, summary) with { SheetName = Sheet("summary") } : null,
            SheetName = Sheet("report"),

            // A workbook's sheets: each labeled as the report it comes from, named sheet.REPORT.NAME (report annex24).
            Sheets = data.Sheets?.Select(s => Apply(s.LabelsOf ?? report, s) with { SheetName = Sheet($"{report}.{s.SheetName}") }).ToList(),
        };
    }

    private object?[] Translate(object?[] row, ReportColumn[] columns, int[] enumerated)
    {
        var copy = (object?[])row.Clone();
        foreach (var i in enumerated)
        {
            if (i < copy.Length && copy[i] is string { Length: > 0 } text)
            {
                copy[i] = Cell(columns[i], text);
            }
        }

        return copy;
    }

    /// <summary>The text of an enumerated cell: its value's label, or its values' labels joined as in the cell.</summary>
    public string Cell(ReportColumn column, string text)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(text);
        return column.Separator is { } separator
            ? string.Join(separator, text.Split(separator).Select(v => Value(column.Name, v)))
            : Value(column.Name, text);
    }

    private string? Find(string key) =>
        Table.Value.TryGetValue(key, out var pair) ? (Language == Language.Spanish ? pair.Es : pair.En) : null;

    /// <summary>Reads <c>labels.csv</c>: a header, <c>#</c> comment lines, then <c>key,en,es</c> (labels hold no comma).</summary>
    private static FrozenDictionary<string, (string En, string Es)> Load()
    {
        using var stream = typeof(Labels).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"missing embedded resource {Resource}");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number == 1 || line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3 || fields[1].Length == 0 || fields[2].Length == 0 || !table.TryAdd(fields[0], (fields[1], fields[2])))
            {
                throw new InvalidOperationException($"{Resource}, line {number}: key,en,es once per key, both labels given");
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
