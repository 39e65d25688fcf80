using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Traza.Domain.Common;

namespace Traza.Storage;

/// <summary>The storage class of one value in a <see cref="RowBuffer"/>.</summary>
public enum ValueKind : byte
{
    Null,
    Text,
    Integer,
}

/// <summary>
/// One ledger row being put in stored form, reused from row to row: each column's value as UTF-8 bytes (text in its
/// stored form, an integer in invariant digits) without boxing, then frozen into an <see cref="EncodedRow"/> that is
/// bound to SQLite and appended to the batch digest (SPEC §8 import throughput). Columns are numbered as a
/// <see cref="TableSpec"/>'s key then content. Not thread-safe: one buffer per thread.
/// </summary>
public sealed class RowBuffer
{
    private readonly ValueKind[] kinds;
    private readonly int[] starts;
    private readonly int[] lengths;
    private byte[] bytes = new byte[1024];
    private int used;

    public RowBuffer(int columns)
    {
        kinds = new ValueKind[columns];
        starts = new int[columns];
        lengths = new int[columns];
    }

    public int Count => kinds.Length;

    /// <summary>Forgets every value (all NULL).</summary>
    public void Clear()
    {
        Array.Clear(kinds);
        used = 0;
    }

    public void SetNull(int column) => kinds[column] = ValueKind.Null;

    public void Set(int column, long value)
    {
        kinds[column] = ValueKind.Integer;
        Span<byte> digits = stackalloc byte[24];
        _ = value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        Append(column, digits[..written]);
    }

    /// <summary>A text value; null is NULL.</summary>
    public void Set(int column, string? value)
    {
        if (value is null)
        {
            kinds[column] = ValueKind.Null;
            return;
        }

        kinds[column] = ValueKind.Text;
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Reserve(max);
        var written = Encoding.UTF8.GetBytes(value, bytes.AsSpan(used));
        starts[column] = used;
        lengths[column] = written;
        used += written;
    }

    /// <summary>A date as <c>YYYY-MM-DD</c> text (<see cref="CanonicalText.Date"/>); null is NULL.</summary>
    public void Set(int column, DateOnly? value)
    {
        if (value is not { } date)
        {
            kinds[column] = ValueKind.Null;
            return;
        }

        kinds[column] = ValueKind.Text;
        Span<byte> text = stackalloc byte[CanonicalText.DateBytes];
        CanonicalText.FormatDate(date, text);
        Append(column, text);
    }

    /// <summary>An exact decimal in <see cref="CanonicalText.Decimal"/>'s text; null is NULL.</summary>
    public void Set(int column, decimal? value)
    {
        if (value is not { } d)
        {
            kinds[column] = ValueKind.Null;
            return;
        }

        kinds[column] = ValueKind.Text;
        Span<byte> text = stackalloc byte[CanonicalText.MaxDecimalBytes];
        Append(column, text[..CanonicalText.FormatDecimal(d, text)]);
    }

    /// <summary>The values set, as one immutable <see cref="EncodedRow"/> (one array).</summary>
    public EncodedRow ToEncoded()
    {
        var count = kinds.Length;
        var size = count * EncodedRow.HeaderBytes;
        for (var i = 0; i < count; i++)
        {
            size += kinds[i] == ValueKind.Null ? 0 : lengths[i];
        }

        var data = new byte[size];
        var end = count * EncodedRow.HeaderBytes;
        for (var i = 0; i < count; i++)
        {
            var header = data.AsSpan(i * EncodedRow.HeaderBytes);
            header[0] = (byte)kinds[i];
            if (kinds[i] != ValueKind.Null)
            {
                bytes.AsSpan(starts[i], lengths[i]).CopyTo(data.AsSpan(end));
                end += lengths[i];
            }

            BinaryPrimitives.WriteInt32LittleEndian(header[1..], end);
        }

        return new EncodedRow(data, count);
    }

    private void Append(int column, ReadOnlySpan<byte> value)
    {
        Reserve(value.Length);
        value.CopyTo(bytes.AsSpan(used));
        starts[column] = used;
        lengths[column] = value.Length;
        used += value.Length;
    }

    private void Reserve(int length)
    {
        if (used + length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + length));
        }
    }
}
