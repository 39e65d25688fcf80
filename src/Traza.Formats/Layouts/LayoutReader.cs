using System.Globalization;
using Traza.Domain.Common;
using Traza.Domain.Values;

namespace Traza.Formats.Layouts;

/// <summary>
/// Reads one §4.1 layout: finds the columns by header name (fixed names, any order, extra columns ignored, the
/// required ones enforced) and parses each record into a row, stopping at the first invalid field with a
/// <see cref="LayoutError"/> naming file, line, column and what was expected (SPEC §5).
/// </summary>
/// <typeparam name="TRow">The parsed row.</typeparam>
public abstract class LayoutReader<TRow> : IDisposable
{
    /// <summary>Decimals of a quantity or amount (SPEC §4.1; the engine rounds needs to 6 decimals, §3.5).</summary>
    protected const int QuantityDecimals = 6;

    /// <summary>Decimals of qty_per, merma_pct, desperdicio_pct and umt_per_umc (SPEC §4.1).</summary>
    protected const int FactorDecimals = 10;

    /// <summary>Every number is below this in absolute value (SPEC §4.1).</summary>
    private const decimal Limit = 1_000_000_000_000m;

    /// <summary>The first and last dates a layout accepts (SPEC §4.1).</summary>
    private static readonly DateOnly MinDate = new(2000, 1, 1);

    private static readonly DateOnly MaxDate = new(2099, 12, 31);

    private readonly IRecordSource source;
    private readonly StringPool strings;
    private readonly int[] positions;
    private readonly string[] columns;

    protected LayoutReader(IRecordSource source, string fileName, IReadOnlyList<string> columns, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(required);
        this.source = source;
        FileName = fileName;
        this.columns = [.. columns];
        strings = new StringPool(columns.Count);
        positions = new int[columns.Count];
        Array.Fill(positions, -1);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var h = 0; h < source.Header.Count; h++)
        {
            var name = source.Header[h].Trim().ToLowerInvariant();
            if (name.Length > 0 && !seen.TryAdd(name, h))
            {
                // SPEC §4.1: which of the two would count is a guess; refuse it.
                Error = new LayoutError(fileName, 1, name,
                    $"a header naming each column once; '{name}' names columns {seen[name] + 1} and {h + 1}");
                return;
            }

            var i = Array.IndexOf(this.columns, name);
            if (i >= 0)
            {
                positions[i] = h;
            }
        }

        foreach (var name in required)
        {
            if (positions[Array.IndexOf(this.columns, name)] < 0)
            {
                Error = new LayoutError(fileName, 1, name, $"a column named '{name}' in the header row (required)");
                break;
            }
        }
    }

    public string FileName { get; }

    /// <summary>The first error; once set, <see cref="Read"/> returns false.</summary>
    public LayoutError? Error { get; private set; }

    /// <summary>The line of the current record (the header is line 1).</summary>
    public long Line => source.Line;

    /// <summary>True when the header has the column.</summary>
    public bool HasColumn(string name) => positions[Array.IndexOf(columns, name)] >= 0;

    /// <summary>Reads the next row; false at the end of the file or at the first error.</summary>
    public bool Read(out TRow row)
    {
        row = default!;
        if (Error is not null)
        {
            return false;
        }

        if (!source.Read())
        {
            if (source.Error is { } error)
            {
                Error = new LayoutError(FileName, source.Line, null, error);
            }

            return false;
        }

        // A NUL character is no text a user keys; PostgreSQL refuses it in text columns, so it would pass on one store and
        // crash the import on the other: invalid input naming the column, on both.
        for (var c = 0; c < positions.Length; c++)
        {
            if (Span(c).Contains('\0'))
            {
                return Fail(c, "text without NUL characters (U+0000)");
            }
        }

        return TryParse(out row);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }
    }

    /// <summary>Parses the current record; on failure records the error (Fail) and returns false.</summary>
    protected abstract bool TryParse(out TRow row);

    /// <summary>The trimmed text of a column ("" when absent or empty); repeated values share one string.</summary>
    protected string Text(int column) => strings.Get(column, Span(column));

    /// <summary>The trimmed characters of a column (empty when absent), without allocating.</summary>
    protected ReadOnlySpan<char> Span(int column) => positions[column] < 0 ? [] : source.Field(positions[column]).Trim();

    /// <summary>The trimmed text, or null when empty.</summary>
    protected string? Optional(int column)
    {
        var t = Text(column);
        return t.Length == 0 ? null : t;
    }

    protected bool Fail(int column, string expected)
    {
        Error = new LayoutError(FileName, source.Line, column < 0 ? null : columns[column], expected);
        return false;
    }

    protected bool Fail(int column, Error error) => Fail(column, error.Message);

    protected bool Required(int column, out string text)
    {
        text = Text(column);
        return text.Length > 0 || Fail(column, "a value (required)");
    }

    protected bool Date(int column, bool required, out DateOnly? date)
    {
        date = null;
        var t = Span(column);
        if (t.Length == 0)
        {
            return !required || Fail(column, "a date YYYY-MM-DD (required)");
        }

        if (!IsoDate.TryParse(t, out var d))
        {
            return Fail(column, $"a date YYYY-MM-DD, found '{t}'");
        }

        if (d < MinDate || d > MaxDate)
        {
            return Fail(column, $"a date from 2000-01-01 to 2099-12-31, found '{t}'");
        }

        date = d;
        return true;
    }

    /// <summary>
    /// An invariant decimal (no grouping, no exponent) checked against <paramref name="sign"/>, with at most 6 decimals
    /// and an absolute value below 10^12 (SPEC §4.1).
    /// </summary>
    protected bool Decimal(int column, bool required, NumberSign sign, out decimal? value) =>
        Decimal(column, required, sign, QuantityDecimals, out value);

    /// <summary>
    /// As <see cref="Decimal(int, bool, NumberSign, out decimal?)"/> with at most <paramref name="decimals"/> decimals
    /// (trailing zeros not counted): 10 for qty_per, merma_pct, desperdicio_pct and umt_per_umc (SPEC §4.1).
    /// </summary>
    protected bool Decimal(int column, bool required, NumberSign sign, int decimals, out decimal? value)
    {
        value = null;
        var t = Span(column);
        if (t.Length == 0)
        {
            return !required || Fail(column, $"{Describe(sign)} (required)");
        }

        if (!DecimalText.TryParse(t, out var d))
        {
            return Fail(column, $"{Describe(sign)}, found '{t}'");
        }

        var ok = sign switch
        {
            NumberSign.Positive => d > 0,
            NumberSign.NonNegative => d >= 0,
            NumberSign.NonZero => d != 0,
            _ => true,
        };
        if (!ok)
        {
            return Fail(column, $"{Describe(sign)}, found '{t}'");
        }

        // Bounds keep every quantity within the engine's 64-bit micro-units (10^12 × 10^6 < 2^63): SPEC §4.1.
        if (d <= -Limit || d >= Limit)
        {
            return Fail(column, $"{Describe(sign)} with an absolute value below 10^12, found '{t}'");
        }

        if (d.Scale > decimals && d != decimal.Round(d, decimals))
        {
            return Fail(column, $"{Describe(sign)} with at most {decimals} decimals, found '{t}'");
        }

        value = d;
        return true;
    }

    /// <summary>A whole number ≥ 1 (a partida).</summary>
    protected bool Whole(int column, bool required, out int? value)
    {
        value = null;
        var t = Span(column);
        if (t.Length == 0)
        {
            return !required || Fail(column, "a whole number of at least 1 (required)");
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            value = n;
            return true;
        }

        return Fail(column, $"a whole number of at least 1, found '{t}'");
    }

    protected bool Part(int column, out PartNumber part)
    {
        part = default;
        var r = PartNumber.Parse(Text(column));
        if (!r.IsOk)
        {
            return Fail(column, r.Error!.Message + " (required)");
        }

        part = r.Value;
        return true;
    }

    protected bool Client(int column, out ClientId client)
    {
        client = ClientId.Program;
        var r = ClientId.Parse(Text(column));
        if (!r.IsOk)
        {
            return Fail(column, r.Error!);
        }

        client = r.Value;
        return true;
    }

    /// <summary>A pedimento in 15-digit or spaced form, normalized to 15 digits; null when empty and optional.</summary>
    protected bool Pedimento(int column, bool required, out string? digits)
    {
        digits = null;
        var t = Text(column);
        if (t.Length == 0)
        {
            return !required || Fail(column, "a pedimento number (15 digits, or YY AA PPPP NNNNNNN) (required)");
        }

        var r = PedimentoNumber.Parse(t);
        if (!r.IsOk)
        {
            return Fail(column, r.Error!);
        }

        digits = r.Value.Digits15;
        return true;
    }

    /// <summary>A document that is a pedimento (normalized to 15 digits) when it parses as one, else kept as written.</summary>
    protected static string Document(string text)
    {
        var r = PedimentoNumber.Parse(text);
        return r.IsOk ? r.Value.Digits15 : text;
    }

    private static string Describe(NumberSign sign) => sign switch
    {
        NumberSign.Positive => "a decimal number greater than 0",
        NumberSign.NonNegative => "a decimal number of at least 0",
        NumberSign.NonZero => "a decimal number other than 0",
        _ => "a decimal number",
    };
}

/// <summary>What sign a number column accepts.</summary>
public enum NumberSign
{
    Any,
    Positive,
    NonNegative,
    NonZero,
}
