using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Traza.Domain.Common;

namespace Traza.Formats.Reports;

/// <summary>
/// Writes CSV rows as UTF-8 straight into a buffer, with exactly the text <see cref="ReportWriter.WriteCsv"/> makes from
/// boxed cells (<see cref="CellText"/>, the same quoting): a report of a million rows (SPEC §8 balances) writes its typed
/// values without a box, a string or a field-sized write per cell. Fields are separated by commas as they are added.
/// </summary>
public sealed class CsvRowWriter : IDisposable
{
    private static readonly SearchValues<byte> Special = SearchValues.Create(","u8 + "\""u8 + "\n"u8 + "\r"u8);

    private readonly Stream? stream;
    private readonly TextWriter? text;
    private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
    private byte[] buffer = new byte[1 << 16];
    private char[] chars = [];
    private int length;
    private bool inRow;

    /// <summary>Writes to a stream (UTF-8 without BOM).</summary>
    public CsvRowWriter(Stream output) => stream = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Writes to a text writer (the UTF-8 decoded in blocks).</summary>
    public CsvRowWriter(TextWriter output) => text = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>A text field given as UTF-8, quoted when it holds a comma, quote or line break.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            // As a string would hold it: each invalid sequence replaced by U+FFFD.
            Text(Encoding.UTF8.GetString(utf8));
            return;
        }

        if (utf8.IndexOfAny(Special) < 0)
        {
            Raw(utf8);
            return;
        }

        Separate();
        Put((byte)'"');
        foreach (var b in utf8)
        {
            if (b == (byte)'"')
            {
                Put((byte)'"');
            }

            Put(b);
        }

        Put((byte)'"');
    }

    /// <summary>A field already in CSV form (<see cref="Field"/>): written as it is.</summary>
    public void Encoded(ReadOnlySpan<byte> field) => Raw(field);

    /// <summary>The CSV form of a text field as UTF-8, quoted when it needs to be: for values written many times.</summary>
    public static byte[] Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        var utf8 = Encoding.UTF8.GetBytes(value);
        return utf8.AsSpan().IndexOfAny(Special) < 0
            ? utf8
            : Encoding.UTF8.GetBytes("\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
    }

    /// <summary>A text field; null writes an empty one.</summary>
    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Raw([]);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 256)
        {
            Span<byte> utf8 = stackalloc byte[max];
            Text(utf8[..Encoding.UTF8.GetBytes(value, utf8)]);
        }
        else
        {
            Text(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>A number as <see cref="CanonicalText.Decimal"/> writes it: invariant, no trailing zeros, 0 as "0".</summary>
    public void Number(decimal value)
    {
        Span<byte> utf8 = stackalloc byte[CanonicalText.MaxDecimalBytes];
        Raw(utf8[..CanonicalText.FormatDecimal(value, utf8)]);
    }

    /// <summary>
    /// <paramref name="units"/> × 10^-<paramref name="decimals"/> as <see cref="Number(decimal)"/> writes that decimal: a figure
    /// kept as an integer of fixed units (micro-UMC, cents) written without making a decimal of it.
    /// </summary>
    public void Fixed(long units, int decimals)
    {
        Span<byte> utf8 = stackalloc byte[CanonicalText.MaxDecimalBytes];
        Raw(utf8[..CanonicalText.FormatFixed(units, decimals, utf8)]);
    }

    /// <summary>A number, or an empty field for null.</summary>
    public void Number(decimal? value)
    {
        if (value is { } v)
        {
            Number(v);
        }
        else
        {
            Raw([]);
        }
    }

    public void Number(long value)
    {
        Span<byte> utf8 = stackalloc byte[24];
        _ = value.TryFormat(utf8, out var written, default, CultureInfo.InvariantCulture);
        Raw(utf8[..written]);
    }

    public void Number(int value) => Number((long)value);

    /// <summary>A number, or an empty field for null.</summary>
    public void Number(int? value)
    {
        if (value is { } v)
        {
            Number(v);
        }
        else
        {
            Raw([]);
        }
    }

    /// <summary>A date as <see cref="CanonicalText.Date"/> writes it: <c>YYYY-MM-DD</c>.</summary>
    public void Date(DateOnly value)
    {
        Span<byte> utf8 = stackalloc byte[CanonicalText.DateBytes];
        CanonicalText.FormatDate(value, utf8);
        Raw(utf8);
    }

    /// <summary>A date, or an empty field for null.</summary>
    public void Date(DateOnly? value)
    {
        if (value is { } v)
        {
            Date(v);
        }
        else
        {
            Raw([]);
        }
    }

    /// <summary>
    /// Complete rows already in CSV form, each ended by a line feed (what another <see cref="CsvRowWriter"/> wrote): appended as
    /// they are, between rows only — so rows formatted on several threads keep their order (<c>report custody</c>).
    /// </summary>
    public void Rows(ReadOnlySpan<byte> rows)
    {
        if (inRow)
        {
            throw new InvalidOperationException("rows can only be appended between rows");
        }

        if (length + rows.Length > buffer.Length)
        {
            Drain();
            if (rows.Length > buffer.Length / 2 && (stream is not null || text is not null))
            {
                Out(rows); // a large block goes out as it is, not through the buffer
                return;
            }

            if (rows.Length > buffer.Length)
            {
                Grow(rows.Length);
            }
        }

        rows.CopyTo(buffer.AsSpan(length));
        length += rows.Length;
        if (length > buffer.Length - 4096)
        {
            Drain();
        }
    }

    /// <summary>
    /// What was written since the last call, taken out of the buffer (the writer must be over no output: a scratch writer
    /// that builds fields once to write them many times with <see cref="Encoded"/>); the row is ended first, its line feed
    /// not included.
    /// </summary>
    public byte[] TakeRow()
    {
        if (stream is not null || text is not null)
        {
            throw new InvalidOperationException("only a scratch writer gives its row back");
        }

        var row = buffer.AsSpan(0, length).ToArray();
        length = 0;
        inRow = false;
        return row;
    }

    /// <summary>What a scratch writer holds: complete rows (for <see cref="Rows"/>) or fields not yet taken.</summary>
    public ReadOnlySpan<byte> Written => stream is null && text is null
        ? buffer.AsSpan(0, length)
        : throw new InvalidOperationException("only a scratch writer holds what it wrote");

    /// <summary>Empties a scratch writer, keeping its buffer.</summary>
    public void Clear()
    {
        length = 0;
        inRow = false;
    }

    /// <summary>A scratch writer over no output (see <see cref="TakeRow"/>).</summary>
    public static CsvRowWriter Scratch() => new();

    private CsvRowWriter()
    {
        buffer = new byte[256];
    }

    /// <summary>Ends the row (a line feed).</summary>
    public void EndRow()
    {
        Put((byte)'\n');
        inRow = false;
        if (length > buffer.Length - 4096)
        {
            Drain();
        }
    }

    /// <summary>Writes out what is buffered and flushes the output.</summary>
    public void Flush()
    {
        Drain();
        stream?.Flush();
        text?.Flush();
    }

    public void Dispose() => Flush();

    private void Raw(ReadOnlySpan<byte> utf8)
    {
        Separate();
        if (length + utf8.Length > buffer.Length)
        {
            Grow(utf8.Length);
        }

        utf8.CopyTo(buffer.AsSpan(length));
        length += utf8.Length;
    }

    private void Separate()
    {
        if (inRow)
        {
            Put((byte)',');
        }

        inRow = true;
    }

    private void Put(byte b)
    {
        if (length == buffer.Length)
        {
            Grow(1);
        }

        buffer[length++] = b;
    }

    private void Grow(int more) => Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));

    private void Drain()
    {
        if (stream is null && text is null)
        {
            return; // a scratch writer keeps its bytes until TakeRow
        }

        Out(buffer.AsSpan(0, length));
        length = 0;
    }

    private void Out(ReadOnlySpan<byte> bytes)
    {
        if (stream is not null)
        {
            stream.Write(bytes);
        }
        else if (text is not null)
        {
            if (chars.Length < bytes.Length + 4)
            {
                chars = new char[Math.Max(buffer.Length, bytes.Length) + 4];
            }

            var count = decoder.GetChars(bytes, chars, flush: false);
            text.Write(chars, 0, count);
        }
    }
}
