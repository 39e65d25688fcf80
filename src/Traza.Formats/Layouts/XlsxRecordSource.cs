using System.Globalization;
using MiniExcelLibs;

namespace Traza.Formats.Layouts;

/// <summary>
/// The first sheet of an XLSX workbook with the same columns as the CSV layouts (SPEC §4.1). Row 1 is the header;
/// numbers are read as invariant text, dates as <c>YYYY-MM-DD</c>.
/// </summary>
public sealed class XlsxRecordSource : IRecordSource
{
    private readonly IEnumerator<IDictionary<string, object?>> rows;
    private readonly List<string> keys = [];
    private readonly List<string> fields = [];
    private readonly string[] header;

    private XlsxRecordSource(IEnumerable<IDictionary<string, object?>> rows)
    {
        this.rows = rows.GetEnumerator();
        if (this.rows.MoveNext())
        {
            foreach (var (key, value) in this.rows.Current)
            {
                keys.Add(key);
                fields.Add(Text(value));
            }
        }

        header = [.. fields];
        Line = 1;
    }

    public IReadOnlyList<string> Header => header;

    public long Line { get; private set; }

    public int FieldCount => fields.Count;

    public string this[int index] => index < fields.Count ? fields[index] : string.Empty;

    public string? Error { get; private set; }

    public static XlsxRecordSource Open(string path) =>
        new(MiniExcel.Query(path, useHeaderRow: false).Cast<IDictionary<string, object?>>());

    public bool Read()
    {
        try
        {
            return ReadRow();
        }
        catch (Exception e)
        {
            // MiniExcel reports a damaged workbook with assorted exceptions; all of them are invalid input here.
            Error = $"a readable XLSX row ({e.GetType().Name}: {e.Message})";
            return false;
        }
    }

    private bool ReadRow()
    {
        while (rows.MoveNext())
        {
            Line++;
            fields.Clear();
            var any = false;
            foreach (var key in keys)
            {
                var text = rows.Current.TryGetValue(key, out var value) ? Text(value) : string.Empty;
                any |= text.Length > 0;
                fields.Add(text);
            }

            if (any)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => rows.Dispose();

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s.Trim(),
        double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
