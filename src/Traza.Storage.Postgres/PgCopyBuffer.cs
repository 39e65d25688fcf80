using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (header, tuples, trailer), built in one reusable byte buffer and sent with
/// <see cref="NpgsqlConnection.BeginRawBinaryCopy(string)"/> in one write: no value crosses Npgsql's per-value type
/// handlers, and nothing is allocated per row once the buffer has grown to a block's size.
/// </summary>
internal sealed class PgCopyBuffer
{
    private byte[] buffer = new byte[1 << 20];
    private int used;

    /// <summary>Bytes written so far, header included.</summary>
    public int Length => used;

    /// <summary>True when no tuple has been written since <see cref="Reset"/>.</summary>
    public bool Empty { get; private set; } = true;

    /// <summary>Starts a new stream: the 11-byte signature, flags 0 and no header extension.</summary>
    public void Reset()
    {
        used = 0;
        Empty = true;
        Reserve(19);
        // The signature's 0xff is one byte in the file, not UTF-8's two: write it byte by byte.
        var s = buffer.AsSpan();
        "PGCOPY\n"u8.CopyTo(s);
        s[7] = 0xFF;
        s[8] = (byte)'\r';
        s[9] = (byte)'\n';
        s[10] = 0;
        BinaryPrimitives.WriteInt32BigEndian(s[11..], 0);
        BinaryPrimitives.WriteInt32BigEndian(s[15..], 0);
        used = 19;
    }

    public void BeginTuple(int fields)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), checked((short)fields));
        used += 2;
        Empty = false;
    }

    public void Null()
    {
        Reserve(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), -1);
        used += 4;
    }

    public void Int64(long value)
    {
        Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), 8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(used + 4), value);
        used += 12;
    }

    /// <summary>A text value already in UTF-8.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        Reserve(4 + utf8.Length);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), utf8.Length);
        utf8.CopyTo(buffer.AsSpan(used + 4));
        used += 4 + utf8.Length;
    }

    public void Text(ReadOnlySpan<char> value)
    {
        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(used + 4));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), written);
        used += 4 + written;
    }

    /// <summary>A non-negative <paramref name="value"/> as exactly <paramref name="digits"/> decimal digits (zero-padded), as text.</summary>
    public void Digits(long value, int digits)
    {
        Reserve(4 + digits);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), digits);
        var target = buffer.AsSpan(used + 4, digits);
        for (var i = digits - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }

        used += 4 + digits;
    }

    /// <summary>An integer's invariant digits as text (no padding).</summary>
    public void IntegerText(long value)
    {
        Reserve(4 + 20);
        _ = value.TryFormat(buffer.AsSpan(used + 4), out var written, default, CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), written);
        used += 4 + written;
    }

    /// <summary>A date as <c>YYYY-MM-DD</c> text.</summary>
    public void Date(DateOnly value)
    {
        Reserve(4 + 10);
        _ = value.TryFormat(buffer.AsSpan(used + 4), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), written);
        used += 4 + written;
    }

    /// <summary>A 64-bit hash as 16 lowercase hex digits (the row_hash form).</summary>
    public void Hex16(ulong value)
    {
        Reserve(4 + 16);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(used), 16);
        var target = buffer.AsSpan(used + 4, 16);
        for (var i = 15; i >= 0; i--)
        {
            var nibble = (int)(value & 0xF);
            target[i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            value >>= 4;
        }

        used += 20;
    }

    /// <summary>Appends the tuples of another buffer (its header left out).</summary>
    public void Append(ReadOnlySpan<byte> tuples)
    {
        Reserve(tuples.Length);
        tuples.CopyTo(buffer.AsSpan(used));
        used += tuples.Length;
        Empty &= tuples.IsEmpty;
    }

    /// <summary>The bytes written since <paramref name="start"/> (a tuple: <see cref="Length"/> before its <see cref="BeginTuple"/>).</summary>
    public ReadOnlySpan<byte> Since(int start) => buffer.AsSpan(start, used - start);

    /// <summary>Drops what was written after <paramref name="length"/>.</summary>
    public void Truncate(int length) => used = length;

    /// <summary>Sends the stream (trailer added) with <paramref name="copySql"/> (<c>COPY … FROM STDIN (FORMAT BINARY)</c>).</summary>
    public void Send(NpgsqlConnection connection, string copySql)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(used), -1);
        used += 2;
        using (var stream = connection.BeginRawBinaryCopy(copySql))
        {
            stream.Write(buffer, 0, used);
        }

        used -= 2;
    }

    private void Reserve(int bytes)
    {
        if (used + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + bytes));
        }
    }
}
