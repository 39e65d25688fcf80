using System.Globalization;
using System.Text;

namespace Traza.Storage.Sqlite;

/// <summary>The storage class of one value in a <see cref="RowBuffer"/>.</summary>
public enum ValueKind : byte
{
    Null,
    Text,
    Integer,
}

/// <summary>
/// One ledger row in stored form, reused from row to row: each column's value kept as UTF-8 bytes (text in its stored
/// form, an integer in invariant digits), so it is bound to SQLite and appended to the batch digest without boxing or
/// per-row allocations (SPEC §8 import throughput). Columns are numbered as a <see cref="TableSpec"/>'s key then
/// content.
/// </summary>
public sealed class RowBuffer
{
    private readonly ValueKind[] kinds;
    private readonly long[] integers;
    private readonly int[] starts;
    private readonly int[] lengths;
    private byte[] bytes = new byte[1024];
    private int used;

    public RowBuffer(int columns)
    {
        kinds = new ValueKind[columns];
        integers = new long[columns];
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

    public ValueKind Kind(int column) => kinds[column];

    public long Integer(int column) => integers[column];

    /// <summary>The UTF-8 bytes of a text value, or the invariant digits of an integer (empty for NULL).</summary>
    public ReadOnlySpan<byte> Utf8(int column) => kinds[column] == ValueKind.Null ? default : bytes.AsSpan(starts[column], lengths[column]);

    public void SetNull(int column) => kinds[column] = ValueKind.Null;

    public void Set(int column, long value)
    {
        kinds[column] = ValueKind.Integer;
        integers[column] = value;
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

    /// <summary>A date as <c>YYYY-MM-DD</c> text (<see cref="SqlText.Date"/>); null is NULL.</summary>
    public void Set(int column, DateOnly? value)
    {
        if (value is not { } date)
        {
            kinds[column] = ValueKind.Null;
            return;
        }

        kinds[column] = ValueKind.Text;
        Span<byte> text = stackalloc byte[10];
        var (year, month, day) = date;
        text[0] = (byte)('0' + (year / 1000));
        text[1] = (byte)('0' + (year / 100 % 10));
        text[2] = (byte)('0' + (year / 10 % 10));
        text[3] = (byte)('0' + (year % 10));
        text[4] = (byte)'-';
        text[5] = (byte)('0' + (month / 10));
        text[6] = (byte)('0' + (month % 10));
        text[7] = (byte)'-';
        text[8] = (byte)('0' + (day / 10));
        text[9] = (byte)('0' + (day % 10));
        Append(column, text);
    }

    /// <summary>An exact decimal in the normalized text of <see cref="SqlText.Decimal"/>; null is NULL.</summary>
    public void Set(int column, decimal? value)
    {
        if (value is not { } d)
        {
            kinds[column] = ValueKind.Null;
            return;
        }

        kinds[column] = ValueKind.Text;
        if (d == 0m)
        {
            Append(column, "0"u8);
            return;
        }

        Span<byte> text = stackalloc byte[64];
        _ = d.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        var span = text[..written];
        if (span.Contains((byte)'.'))
        {
            span = span.TrimEnd((byte)'0').TrimEnd((byte)'.');
        }

        Append(column, span);
    }

    /// <summary>True when <paramref name="column"/> holds the same value in both buffers.</summary>
    public bool SameValue(int column, RowBuffer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var kind = kinds[column];
        return kind == other.kinds[column] && kind switch
        {
            ValueKind.Null => true,
            ValueKind.Integer => integers[column] == other.integers[column],
            _ => Utf8(column).SequenceEqual(other.Utf8(column)),
        };
    }

    /// <summary>Makes <paramref name="target"/> hold the same values.</summary>
    public void CopyTo(RowBuffer target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.bytes.Length < used)
        {
            target.bytes = new byte[bytes.Length];
        }

        bytes.AsSpan(0, used).CopyTo(target.bytes);
        target.used = used;
        kinds.CopyTo(target.kinds, 0);
        integers.CopyTo(target.integers, 0);
        starts.CopyTo(target.starts, 0);
        lengths.CopyTo(target.lengths, 0);
    }

    /// <summary>The value as the object the ADO.NET path stores and compares: string, long or DBNull.</summary>
    public object ToObject(int column) => kinds[column] switch
    {
        ValueKind.Text => Encoding.UTF8.GetString(Utf8(column)),
        ValueKind.Integer => integers[column],
        _ => DBNull.Value,
    };

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
