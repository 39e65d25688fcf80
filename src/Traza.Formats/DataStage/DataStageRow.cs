using System.Globalization;
using Traza.Domain.Values;
using Traza.Formats.Government;

namespace Traza.Formats.DataStage;

/// <summary>
/// One data row of a Data Stage table. Every value is text as delivered (leading zeros kept) until a typed getter
/// reads it; typed getters throw <see cref="GovernmentFormatException"/> naming this row's file, line and column.
/// The reader reuses one instance per member: copy what you keep.
/// </summary>
public sealed class DataStageRow
{
    private string[]? values;
    private string? raw;
    private char[] text = [];
    private int textLength;
    private int[] starts = [];
    private int[] lengths = [];

    internal DataStageRow(DataStageTableInfo table) => Table = table;

    public DataStageTableInfo Table { get; }

    public DataStageTableLayout Layout => Table.Layout;

    public DataStageHeader Header => Table.Header;

    /// <summary>The member this row comes from, e.g. <c>pkg.zip!123_551.asc</c>.</summary>
    public string File => Table.File;

    public string Folio => Table.Folio;

    /// <summary>1-based line in the member (the header is line 1).</summary>
    public long Line { get; private set; }

    /// <summary>The line as delivered, decoded, without its line end (trailing pipe included); built on first use.</summary>
    public string Raw => raw ??= new string(text, 0, textLength);

    /// <summary>The line as delivered, without copying it (valid until the reader moves to the next line).</summary>
    public ReadOnlySpan<char> RawSpan => raw is { } r ? r : text.AsSpan(0, textLength);

    /// <summary>Values in header order, as delivered (built on first use: hot paths read <see cref="Field"/> spans instead).</summary>
    public IReadOnlyList<string> Values => values ??= Materialize();

    /// <summary>The number of fields (the header's width).</summary>
    public int FieldCount => values?.Length ?? starts.Length;

    /// <summary>
    /// The 15-digit pedimento of the row (SPEC §3.1): Patente + Pedimento + SeccionAduanera, YY from the 501 row's
    /// FechaRecepcionPedimento (else FechaPagoReal); null for Resumen or when no date gives the year.
    /// </summary>
    public PedimentoNumber? Pedimento { get; private set; }

    /// <summary>SecuenciaFraccion, for partida tables (and Inci, where 0 means pedimento level).</summary>
    public int? Partida { get; private set; }

    /// <summary>The value at <paramref name="index"/> (header order) as delivered, without copying it; empty when out of range.</summary>
    public ReadOnlySpan<char> Field(int index) =>
        index < 0 || index >= FieldCount ? [] : values is { } v ? v[index] : RawSpan.Slice(starts[index], lengths[index]);

    /// <summary>Points the row at a line whose values are already split (the Resumen, read whole before its package).</summary>
    internal void Set(long line, string raw, string[] fieldValues, PedimentoNumber? pedimento, int? partida)
    {
        Line = line;
        this.raw = raw;
        values = fieldValues;
        starts = [];
        lengths = [];
        Pedimento = pedimento;
        Partida = partida;
    }

    /// <summary>
    /// Points the row at a new line: its decoded chars (<paramref name="lineText"/>, first <paramref name="length"/>; the
    /// reader's buffer, reused) and its fields as ranges (<paramref name="fieldStarts"/>, <paramref name="fieldLengths"/>).
    /// </summary>
    internal void Set(long line, char[] lineText, int length, int[] fieldStarts, int[] fieldLengths)
    {
        Line = line;
        raw = null;
        text = lineText;
        textLength = length;
        starts = fieldStarts;
        lengths = fieldLengths;
        values = null;
        Pedimento = null;
        Partida = null;
    }

    internal void SetKey(PedimentoNumber? pedimento, int? partida)
    {
        Pedimento = pedimento;
        Partida = partida;
    }

    /// <summary>The value of a column as delivered, or empty when the file has no such column.</summary>
    public string Get(string column)
    {
        var i = Header.IndexOf(column);
        return i >= 0 && i < FieldCount ? values?[i] ?? Field(i).ToString() : string.Empty;
    }

    /// <summary>The value trimmed of surrounding spaces (SAT pads some CHAR fields), or empty.</summary>
    public string GetText(string column) => Get(column).Trim();

    /// <summary>A FECHA column (either form, with or without time); null when empty or all zeros.</summary>
    public DateOnly? GetDate(string column)
    {
        var text = GetText(column);
        if (IsNone(text))
        {
            return null;
        }

        return GovernmentDates.TryParseDataStage(text, out var d)
            ? d
            : throw Error(column, $"a date YYYY-MM-DD or YYYY/MM/DD (optionally with a time), found '{text}'");
    }

    /// <summary>A NUM column as an exact decimal (invariant, point, absolute value below 10^12); null when empty.</summary>
    public decimal? GetDecimal(string column)
    {
        var text = GetText(column);
        if (text.Length == 0)
        {
            return null;
        }

        // Below 10^12 like every §4.1 number: sums over a report stay exact and within a decimal (issue 11).
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            && GovernmentNumbers.InRange(v)
            ? v
            : throw Error(column, $"a number with a decimal point and an absolute value below 10^12, found '{text}'");
    }

    /// <summary>An INT column; null when empty.</summary>
    public long? GetInt64(string column)
    {
        var text = GetText(column);
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(column, $"a whole number, found '{text}'");
    }

    /// <summary>
    /// A pedimento referenced by split fields in this row (512 original, 701 previous and original), YY from
    /// <paramref name="dateColumn"/> (SPEC §3.1: FechaOperacionOrig / FechaOperacionAnterior). Null when the
    /// reference is empty or zero ("0 si no aplica") or no date gives its year.
    /// </summary>
    public PedimentoNumber? GetReference(string patenteColumn, string pedimentoColumn, string seccionColumn, string dateColumn)
    {
        var n = GetText(pedimentoColumn);
        if (n.Length == 0 || n.All(c => c == '0'))
        {
            return null;
        }

        var date = GetDate(dateColumn);
        if (date is null)
        {
            return null;
        }

        var result = PedimentoNumber.FromParts(GetText(patenteColumn), n, GetText(seccionColumn), date.Value);
        return result.IsOk ? result.Value : throw Error(pedimentoColumn, result.Error!.Message);
    }

    private string[] Materialize()
    {
        var result = new string[starts.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Field(i).ToString();
        }

        return result;
    }

    /// <summary>An error about one column of this row.</summary>
    public GovernmentFormatException Error(string column, string expected) => new(File, Line, column, expected);

    internal static bool IsNone(string text) => text.Length == 0 || text.All(c => c is '0' or '-' or '/' or ':' or ' ');
}
