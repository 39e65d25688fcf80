using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Traza.Domain.Common;

namespace Traza.Storage;

/// <summary>
/// The exact merge key of a Data Stage row (no hashing of keys): the 15-digit pedimento as a number (-1 when its year
/// is unknown), the split key Patente(4) + Pedimento(7) + SeccionAduanera(3) as a 14-digit number, and the partida
/// (-1 when the row has none).
/// </summary>
public readonly record struct DataStageKey(long Pedimento, long Split, int Partida);

/// <summary>
/// Rows of one Data Stage table of one package, encoded for a <c>ds_block</c> (migration 0020): per row its line, key,
/// content hash, Resumen.Fecha_Ejecucion, typed values and raw line, appended into one reusable buffer without per-row
/// allocations. A typed value that is a column of the raw line as delivered (trimmed) is stored as a reference to that
/// column instead of a copy. <c>DataStageBlockStore</c> merges, compresses and writes it.
/// </summary>
public sealed class DataStageBlock
{
    /// <summary>Blocks are flushed at about this many bytes of encoded rows (compression works on whole blocks).</summary>
    public const int TargetBytes = 1024 * 1024;

    internal const byte TagNull = 0;
    internal const byte TagInt = 1;
    internal const byte TagText = 2;
    internal const byte TagField = 3;
    internal const byte TagDate = 4;

    private readonly List<int> offsets = [];
    private readonly List<int> tails = [];
    private readonly List<long> lines = [];
    private readonly List<DataStageKey> keys = [];
    private readonly List<ulong> hashes = [];
    private readonly List<int> executed = [];
    private byte[] buffer = new byte[TargetBytes + (TargetBytes / 2)];
    private int used;
    private int typedWritten;
    private RowHeader header;
    private string minKey = string.Empty;
    private string maxKey = string.Empty;
    private long lastPedimento = long.MinValue;
    private long lastSplit = long.MinValue;

    public DataStageBlock(string table, string folio) => Start(table, folio);

    public GovernmentSchema.DsTable Spec { get; private set; } = null!;

    public string Folio { get; private set; } = string.Empty;

    /// <summary>Typed values each row carries (natural-key tables keep Fecha_Ejecucion in the row header instead).</summary>
    public int TypedStored { get; private set; }

    public int Count => offsets.Count;

    /// <summary>Encoded bytes so far: flush the block when this passes <see cref="TargetBytes"/>.</summary>
    public int Bytes => used;

    /// <summary>The smallest and largest group key (<see cref="GroupKey"/>) of the rows: overlapping blocks are found by range.</summary>
    public string MinKey => minKey;

    public string MaxKey => maxKey;

    /// <summary>The block in stored form before compression: version, typed count, rows.</summary>
    internal ReadOnlySpan<byte> Data => buffer.AsSpan(0, used);

    internal DataStageKey Key(int row) => keys[row];

    internal ulong Hash(int row) => hashes[row];

    internal int Executed(int row) => executed[row];

    internal int Offset(int row) => offsets[row];

    /// <summary>Where the row's typed values start (after its header).</summary>
    internal int Tail(int row) => tails[row];

    internal long Line(int row) => lines[row];

    internal int End(int row) => row + 1 < offsets.Count ? offsets[row + 1] : used;

    /// <summary>The text a block's key range is compared with: 15-digit pedimento (blank when unknown) and 14-digit split key.</summary>
    public static string GroupKey(long pedimento, long split) => string.Create(CultureInfo.InvariantCulture,
        $"{(pedimento < 0 ? "               " : pedimento.ToString("D15", CultureInfo.InvariantCulture))}{split:D14}");

    /// <summary>Empties the block and points it at another table and package (blocks are pooled: their buffer is reused).</summary>
    public void Start(string table, string folio)
    {
        Spec = GovernmentSchema.Tables[table];
        Folio = folio;
        TypedStored = Spec.Typed.Count - (Spec.NaturalKey ? 1 : 0);
        Clear();
    }

    /// <summary>Forgets every row.</summary>
    public void Clear()
    {
        offsets.Clear();
        tails.Clear();
        lines.Clear();
        header = default;
        keys.Clear();
        hashes.Clear();
        executed.Clear();
        // The stored form starts with the format version and the typed values per row (DataStageBlockCodec).
        buffer[0] = DataStageBlockCodec.Version;
        buffer[1] = (byte)TypedStored;
        used = 2;
        minKey = maxKey = string.Empty;
        lastPedimento = lastSplit = long.MinValue;
    }

    /// <summary>Starts a row; then exactly <see cref="TypedStored"/> typed values, then <see cref="EndRow(ReadOnlySpan{char})"/>.</summary>
    public void BeginRow(long line, DataStageKey key, ulong contentHash, DateOnly? fechaEjecucion)
    {
        offsets.Add(used);
        keys.Add(key);
        hashes.Add(contentHash);
        lines.Add(line);
        var exec = fechaEjecucion is { } e ? e.DayNumber : -1;
        executed.Add(exec);
        Reserve(64);
        used += WriteHeader(buffer.AsSpan(used), ref header, line, key, contentHash, exec);
        tails.Add(used);
        typedWritten = 0;
        if (key.Pedimento != lastPedimento || key.Split != lastSplit)
        {
            (lastPedimento, lastSplit) = (key.Pedimento, key.Split);
            var g = GroupKey(key.Pedimento, key.Split);
            if (minKey.Length == 0 || string.CompareOrdinal(g, minKey) < 0)
            {
                minKey = g;
            }

            if (maxKey.Length == 0 || string.CompareOrdinal(g, maxKey) > 0)
            {
                maxKey = g;
            }
        }
    }

    public void Null()
    {
        Reserve(1);
        buffer[used++] = TagNull;
        typedWritten++;
    }

    public void Int(long? value)
    {
        if (value is not { } v)
        {
            Null();
            return;
        }

        Reserve(11);
        buffer[used++] = TagInt;
        WriteVarint(unchecked((v << 1) ^ (v >> 63)));
        typedWritten++;
    }

    /// <summary>The column at <paramref name="index"/> of the raw line (0-based, header order), trimmed; empty is NULL.</summary>
    public void Field(int index)
    {
        if (index < 0)
        {
            Null();
            return;
        }

        Reserve(6);
        buffer[used++] = TagField;
        WriteVarint(index);
        typedWritten++;
    }

    public void Date(DateOnly? value)
    {
        if (value is not { } d)
        {
            Null();
            return;
        }

        Reserve(6);
        buffer[used++] = TagDate;
        WriteVarint(d.DayNumber);
        typedWritten++;
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        Reserve(6 + Encoding.UTF8.GetMaxByteCount(value.Length));
        buffer[used++] = TagText;
        WriteString(value);
        typedWritten++;
    }

    /// <summary>An exact decimal in the text of <see cref="CanonicalText.Decimal"/> ("1.5", "-2", "0").</summary>
    public void Decimal(decimal? value)
    {
        if (value is not { } d)
        {
            Null();
            return;
        }

        Span<byte> text = stackalloc byte[CanonicalText.MaxDecimalBytes];
        var length = CanonicalText.FormatDecimal(d, text);
        Reserve(8 + length);
        buffer[used++] = TagText;
        WriteVarint(length);
        text[..length].CopyTo(buffer.AsSpan(used));
        used += length;
        typedWritten++;
    }

    /// <summary>Ends the row with its line as delivered.</summary>
    public void EndRow(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        EndRow(raw.AsSpan());
    }

    /// <summary>Ends the row with its line as delivered.</summary>
    public void EndRow(ReadOnlySpan<char> raw)
    {
        if (typedWritten != TypedStored)
        {
            throw new InvalidOperationException($"{Spec.SqlTable} rows carry {TypedStored} typed values; {typedWritten} were written");
        }

        Reserve(6 + Encoding.UTF8.GetMaxByteCount(raw.Length));
        WriteString(raw);
    }

    /// <summary>
    /// Writes a row header relative to the previous row's (<paramref name="previous"/>, updated): a flags byte (1: line is
    /// the previous + 1; 2: same pedimento and split key; 4: same Fecha_Ejecucion), the fields the flags do not give,
    /// the partida + 1 and the 8-byte content hash. Returns the bytes written (at most 50).
    /// </summary>
    internal static int WriteHeader(Span<byte> target, ref RowHeader previous, long line, DataStageKey key, ulong hash, int executed)
    {
        byte flags = 0;
        if (previous.Started && line == previous.Line + 1)
        {
            flags |= 1;
        }

        if (previous.Started && key.Pedimento == previous.Pedimento && key.Split == previous.Split)
        {
            flags |= 2;
        }

        if (previous.Started && executed == previous.Executed)
        {
            flags |= 4;
        }

        target[0] = flags;
        var n = 1;
        if ((flags & 1) == 0)
        {
            n += DataStageBlockCodec.WriteVarint(target[n..], unchecked((ulong)line));
        }

        if ((flags & 2) == 0)
        {
            n += DataStageBlockCodec.WriteVarint(target[n..], unchecked((ulong)(key.Pedimento + 1)));
            n += DataStageBlockCodec.WriteVarint(target[n..], unchecked((ulong)key.Split));
        }

        if ((flags & 4) == 0)
        {
            n += DataStageBlockCodec.WriteVarint(target[n..], unchecked((ulong)(executed + 1L)));
        }

        n += DataStageBlockCodec.WriteVarint(target[n..], unchecked((ulong)(key.Partida + 1L)));
        BinaryPrimitives.WriteUInt64LittleEndian(target[n..], hash);
        n += 8;
        previous = new RowHeader(true, line, key.Pedimento, key.Split, executed);
        return n;
    }

    private void WriteString(ReadOnlySpan<char> value)
    {
        // The length is written as a varint padded to the width the longest UTF-8 form would need (readers accept a
        // padded varint), so the bytes are encoded in place, never moved.
        var width = VarintLength((ulong)Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, buffer.AsSpan(used + width));
        var length = (ulong)written;
        for (var i = 0; i < width - 1; i++)
        {
            buffer[used + i] = unchecked((byte)(length | 0x80));
            length >>= 7;
        }

        buffer[used + width - 1] = (byte)length;
        used += width + written;
    }

    private void WriteVarint(long value) => used += DataStageBlockCodec.WriteVarint(buffer.AsSpan(used), unchecked((ulong)value));

    private static int VarintLength(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }

    private void Reserve(int bytes)
    {
        if (used + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + bytes));
        }
    }

    /// <summary>The previous row's header fields, which the next header is written relative to.</summary>
    internal readonly record struct RowHeader(bool Started, long Line, long Pedimento, long Split, int Executed);
}
