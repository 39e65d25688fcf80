using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;

namespace Traza.Storage;

/// <summary>
/// One ledger row in stored form, immutable and in one array: for each column its <see cref="ValueKind"/> and the end of
/// its UTF-8 bytes (text as stored, an integer in invariant digits), then the bytes. Built by
/// <see cref="RowBuffer.ToEncoded"/> on any thread — an import's reading thread encodes rows while the writer's thread
/// only binds them (SPEC §8 import throughput). Columns are numbered as a <see cref="TableSpec"/>'s key then content.
/// </summary>
public readonly struct EncodedRow
{
    internal const int HeaderBytes = 5;

    private readonly byte[] data;

    internal EncodedRow(byte[] data, int count)
    {
        this.data = data;
        Count = count;
    }

    public int Count { get; }

    public bool IsEmpty => data is null;

    public ValueKind Kind(int column) => (ValueKind)data[column * HeaderBytes];

    /// <summary>The UTF-8 bytes of a text value, or the invariant digits of an integer (empty for NULL).</summary>
    public ReadOnlySpan<byte> Utf8(int column)
    {
        var start = column == 0 ? Count * HeaderBytes : End(column - 1);
        return data.AsSpan(start, End(column) - start);
    }

    public long Integer(int column) =>
        Utf8Parser.TryParse(Utf8(column), out long value, out _) ? value : throw new InvalidOperationException("Not an integer column.");

    /// <summary>True when <paramref name="column"/> holds the same value in both rows.</summary>
    public bool SameValue(int column, EncodedRow other) =>
        Kind(column) == other.Kind(column) && Utf8(column).SequenceEqual(other.Utf8(column));

    /// <summary>The value as the object the ADO.NET path stores and compares: string, long or DBNull.</summary>
    public object ToObject(int column) => Kind(column) switch
    {
        ValueKind.Text => Encoding.UTF8.GetString(Utf8(column)),
        ValueKind.Integer => Integer(column),
        _ => DBNull.Value,
    };

    private int End(int column) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan((column * HeaderBytes) + 1));
}
