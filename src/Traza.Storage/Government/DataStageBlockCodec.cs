using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Traza.Domain.Common;

namespace Traza.Storage;

/// <summary>
/// The stored form of <c>ds_block.data</c> (migration 0020): a version byte, the number of typed values per row, then
/// the rows of <see cref="DataStageBlock"/>, Brotli-compressed. Decodes blocks for merges and for the SQL function
/// <c>ds_rows(tabla, data, dead)</c> that the <c>ds_501</c> … <c>ds_inci</c> views read rows through.
/// </summary>
public static class DataStageBlockCodec
{
    internal const byte Version = 2;

    /// <summary>
    /// The live rows of a block as a JSON array of arrays: pedimento, patente, pedimento7, seccion, partida, row_hash,
    /// src_line, the table's typed values in <see cref="GovernmentSchema"/> order, raw.
    /// </summary>
    public static string RowsJson(string table, byte[]? data, byte[]? dead)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (data is null)
        {
            return "[]";
        }

        var spec = GovernmentSchema.Tables[table];
        var plain = Decompress(data);
        var output = new ArrayBufferWriter<byte>(plain.Length * 2);
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            var reader = new RowReader(plain);
            Span<char> date = stackalloc char[10];
            var row = 0;
            while (reader.Next())
            {
                if (IsDead(dead, row++))
                {
                    continue;
                }

                json.WriteStartArray();
                var k = reader.Key;
                if (k.Pedimento < 0)
                {
                    json.WriteStringValue(string.Empty);
                }
                else
                {
                    json.WriteStringValue(k.Pedimento.ToString("D15", CultureInfo.InvariantCulture));
                }

                var split = k.Split.ToString("D14", CultureInfo.InvariantCulture);
                json.WriteStringValue(split.AsSpan(0, 4));
                json.WriteStringValue(split.AsSpan(4, 7));
                json.WriteStringValue(split.AsSpan(11, 3));
                if (k.Partida < 0)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteNumberValue(k.Partida);
                }

                json.WriteStringValue(reader.Hash.ToString("x16", CultureInfo.InvariantCulture));
                json.WriteNumberValue(reader.Line);
                var typed = reader.TypedSpan();
                var raw = reader.Raw;
                WriteTyped(json, typed, raw, date);
                if (spec.NaturalKey)
                {
                    WriteDate(json, reader.Executed, date);
                }

                json.WriteStringValue(Encoding.UTF8.GetString(raw));
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>
    /// The live rows of one table with some of their typed values as text (as the views give them; integers in
    /// invariant digits), decoded from one stored block (<paramref name="dead"/> marks the rows a later file replaced) — what a report reading many rows uses instead of the views.
    /// </summary>
    public static void AppendRows(byte[]? dead, byte[] data, IReadOnlyList<int> typedColumns, List<(DataStageKey Key, string?[] Values)> result) =>
        AppendRows(dead, data, typedColumns, result, null);

    /// <summary>
    /// <see cref="AppendRows(byte[], byte[], IReadOnlyList{int}, List{ValueTuple{DataStageKey, string[]}})"/> for many blocks of one
    /// read: with a <paramref name="texts"/> kept across the blocks, each block is decompressed into one reused buffer and
    /// equal values are one string (a fracción, a UMT, a date repeat in millions of rows of <c>large</c>'s 551 and 512) — the
    /// same rows, less garbage (docs/benchmarks.md, "Reconcile on large").
    /// </summary>
    public static void AppendRows(
        byte[]? dead, byte[] data, IReadOnlyList<int> typedColumns, List<(DataStageKey Key, string?[] Values)> result, TypedTexts? texts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(typedColumns);
        ArgumentNullException.ThrowIfNull(result);
        ReadOnlySpan<byte> plain = texts is null ? Decompress(data) : texts.Decompress(data);
        var rows = new RowReader(plain);
        var index = 0;
        while (rows.Next())
        {
            if (IsDead(dead, index++))
            {
                continue;
            }

            var values = new string?[typedColumns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                // Natural-key tables keep Resumen.Fecha_Ejecucion in the row header, as the typed value after the stored ones.
                values[i] = typedColumns[i] == rows.TypedCount
                    ? rows.Executed >= 0 ? texts?.Date(rows.Executed) ?? CanonicalText.Date(DateOnly.FromDayNumber(rows.Executed)) : null
                    : texts is null ? TypedText(rows.TypedSpan(), rows.Raw, typedColumns[i]) : texts.Text(rows.TypedSpan(), rows.Raw, typedColumns[i], i);
            }

            result.Add((rows.Key, values));
        }
    }

    /// <summary>
    /// The live rows of one stored block as a <see cref="DataStageRun"/>: the <paramref name="textColumns"/> as
    /// <see cref="AppendRows(byte[], byte[], IReadOnlyList{int}, List{ValueTuple{DataStageKey, string[]}}, TypedTexts)"/> gives
    /// them, the <paramref name="numberColumns"/> parsed from the stored value as <see cref="DataStageRun.Number"/> parses its
    /// text, without making the text (the fast twin of AppendRows then DataStageRun.From: DataStageBlockPropertyTests).
    /// </summary>
    public static DataStageRun ReadRun(
        byte[]? dead, byte[] data, IReadOnlyList<int> textColumns, IReadOnlyList<int> numberColumns, TypedTexts texts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(textColumns);
        ArgumentNullException.ThrowIfNull(numberColumns);
        ArgumentNullException.ThrowIfNull(texts);
        var plain = texts.Decompress(data);
        var (count, index) = (0, 0);
        var counter = new RowReader(plain);
        while (counter.Next())
        {
            if (!IsDead(dead, index++))
            {
                count++;
            }
        }

        var run = new DataStageRun(count, textColumns.Count, numberColumns.Count);
        var rows = new RowReader(plain);
        var (row, last, pedimento) = (0, -1L, string.Empty);
        index = 0;
        while (rows.Next())
        {
            if (IsDead(dead, index++))
            {
                continue;
            }

            var key = rows.Key;
            if (key.Pedimento != last)
            {
                // A pedimento's rows follow one another: one string for all of them.
                (last, pedimento) = (key.Pedimento, key.Pedimento >= 0 ? key.Pedimento.ToString("D15", CultureInfo.InvariantCulture) : string.Empty);
            }

            run.Pedimentos[row] = pedimento;
            run.Partidas[row] = Math.Max(key.Partida, 0);
            for (var i = 0; i < textColumns.Count; i++)
            {
                run.Texts[i][row] = textColumns[i] == rows.TypedCount
                    ? rows.Executed >= 0 ? texts.Date(rows.Executed) : null
                    : texts.Text(rows.TypedSpan(), rows.Raw, textColumns[i], i);
            }

            for (var i = 0; i < numberColumns.Count; i++)
            {
                run.Numbers[i][row] = numberColumns[i] == rows.TypedCount
                    ? DataStageRun.Number(rows.Executed >= 0 ? texts.Date(rows.Executed) : null)
                    : TypedTexts.Number(rows.TypedSpan(), rows.Raw, numberColumns[i]);
            }

            row++;
        }

        return run;
    }

    /// <summary>
    /// What <see cref="AppendRows(byte[], byte[], IReadOnlyList{int}, List{ValueTuple{DataStageKey, string[]}}, TypedTexts)"/> keeps
    /// across the blocks of one read: the decompression buffer and, per column asked for, the strings made so far (up to
    /// <see cref="MaxPerColumn"/> each: amounts rarely repeat, fracciones and dates do).
    /// </summary>
    public sealed class TypedTexts
    {
        private const int MaxPerColumn = 1 << 16;
        private readonly Dictionary<int, HashSet<string>> columns = [];
        private readonly Dictionary<int, string> dates = [];
        private byte[] buffer = [];

        internal ReadOnlySpan<byte> Decompress(byte[] data)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            if (!BrotliDecoder.TryDecompress(data.AsSpan(4), buffer.AsSpan(0, length), out var written) || written != length)
            {
                throw new InvalidDataException("a ds_block whose Brotli data holds its stated length");
            }

            return buffer.AsSpan(0, length);
        }

        internal string Date(int dayNumber)
        {
            if (!dates.TryGetValue(dayNumber, out var text))
            {
                dates[dayNumber] = text = CanonicalText.Date(DateOnly.FromDayNumber(dayNumber));
            }

            return text;
        }

        /// <summary>As <see cref="TypedText"/>, through the strings of column <paramref name="slot"/>.</summary>
        internal string? Text(ReadOnlySpan<byte> typed, ReadOnlySpan<byte> raw, int column, int slot)
        {
            Span<char> digits = stackalloc char[24];
            var (tag, value, text) = Seek(typed, column);
            switch (tag)
            {
                case DataStageBlock.TagInt:
                    _ = Int(value).TryFormat(digits, out var n, default, CultureInfo.InvariantCulture);
                    return Pooled(slot, digits[..n]);
                case DataStageBlock.TagText:
                    return Utf8(slot, typed.Slice(text.Start, text.Length), trim: false);
                case DataStageBlock.TagField:
                    var field = Utf8(slot, FieldSpan(raw, (int)value), trim: true);
                    return field.Length == 0 ? null : field;
                case DataStageBlock.TagDate:
                    return Date((int)value);
                default:
                    return null;
            }
        }

        /// <summary>As <see cref="DataStageRun.Number"/> of <see cref="TypedText"/>, parsed from the stored bytes.</summary>
        internal static decimal? Number(ReadOnlySpan<byte> typed, ReadOnlySpan<byte> raw, int column)
        {
            var (tag, value, text) = Seek(typed, column);
            return tag switch
            {
                DataStageBlock.TagInt => Int(value),
                DataStageBlock.TagText => Parse(typed.Slice(text.Start, text.Length), trim: false),
                DataStageBlock.TagField => Parse(FieldSpan(raw, (int)value), trim: true),
                DataStageBlock.TagDate => DataStageRun.Number(CanonicalText.Date(DateOnly.FromDayNumber((int)value))),
                _ => null,
            };
        }

        private static decimal? Parse(ReadOnlySpan<byte> utf8, bool trim)
        {
            if (utf8.Length > 256)
            {
                var whole = Encoding.UTF8.GetString(utf8);
                return DataStageRun.Number(trim ? whole.Trim() : whole);
            }

            Span<char> chars = stackalloc char[256];
            var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            if (trim)
            {
                text = text.Trim();
            }

            return text.Length == 0 ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        private string Utf8(int slot, ReadOnlySpan<byte> utf8, bool trim)
        {
            if (utf8.Length > 256)
            {
                var whole = Encoding.UTF8.GetString(utf8);
                return trim ? whole.Trim() : whole;
            }

            Span<char> chars = stackalloc char[256];
            var n = Encoding.UTF8.GetChars(utf8, chars);
            var text = chars[..n];
            return Pooled(slot, trim ? text.Trim() : text);
        }

        private string Pooled(int slot, ReadOnlySpan<char> text)
        {
            if (text.Length == 0)
            {
                return string.Empty;
            }

            if (!columns.TryGetValue(slot, out var set))
            {
                columns[slot] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var known))
            {
                return known;
            }

            var made = new string(text);
            if (set.Count < MaxPerColumn)
            {
                set.Add(made);
            }

            return made;
        }
    }

    internal static int WriteVarint(Span<byte> target, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            target[i++] = unchecked((byte)(value | 0x80));
            value >>= 7;
        }

        target[i++] = (byte)value;
        return i;
    }

    internal static bool IsDead(byte[]? dead, int row) => dead is not null && row >> 3 < dead.Length && (dead[row >> 3] & (1 << (row & 7))) != 0;

    /// <summary>
    /// Brotli quality 1, 64 KB window: measured here on .asc text in ~96 KB blocks it gives 7.7× at ~500 MB/s of CPU,
    /// against 5.1× at ~480 MB/s for deflate's fastest level. The plain length comes first (4 bytes, little-endian).
    /// </summary>
    internal static byte[] Compress(ReadOnlySpan<byte> plain, ref byte[] scratch)
    {
        var max = BrotliEncoder.GetMaxCompressedLength(plain.Length) + 4;
        if (scratch.Length < max)
        {
            scratch = new byte[max];
        }

        BinaryPrimitives.WriteInt32LittleEndian(scratch, plain.Length);
        if (!BrotliEncoder.TryCompress(plain, scratch.AsSpan(4), out var written, quality: 1, window: 16))
        {
            throw new InvalidOperationException("Brotli could not compress a ds_block");
        }

        return scratch.AsSpan(0, 4 + written).ToArray();
    }

    internal static byte[] Decompress(byte[] data)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        var plain = new byte[length];
        if (!BrotliDecoder.TryDecompress(data.AsSpan(4), plain, out var written) || written != length)
        {
            throw new InvalidDataException("a ds_block whose Brotli data holds its stated length");
        }

        return plain;
    }

    /// <summary>Typed value <paramref name="column"/> of a row as text, or null.</summary>
    private static string? TypedText(ReadOnlySpan<byte> typed, ReadOnlySpan<byte> raw, int column)
    {
        var (tag, value, text) = Seek(typed, column);
        switch (tag)
        {
            case DataStageBlock.TagInt:
                return Int(value).ToString(CultureInfo.InvariantCulture);
            case DataStageBlock.TagText:
                return Encoding.UTF8.GetString(typed.Slice(text.Start, text.Length));
            case DataStageBlock.TagField:
                var field = Field(raw, (int)value);
                return field.Length == 0 ? null : field;
            case DataStageBlock.TagDate:
                return CanonicalText.Date(DateOnly.FromDayNumber((int)value));
            default:
                return null;
        }
    }

    /// <summary>
    /// Typed value <paramref name="column"/> of a row: its tag, its varint (an integer zigzagged, a field index, a day number)
    /// and, for text, where its bytes are; <see cref="DataStageBlock.TagNull"/> past the last value.
    /// </summary>
    private static (byte Tag, ulong Value, (int Start, int Length) Text) Seek(ReadOnlySpan<byte> typed, int column)
    {
        var p = 0;
        for (var i = 0; p < typed.Length; i++)
        {
            var tag = typed[p++];
            var value = tag == DataStageBlock.TagText ? (ulong)0 : tag == DataStageBlock.TagNull ? 0 : ReadVarint(typed, ref p);
            var textLength = tag == DataStageBlock.TagText ? (int)ReadVarint(typed, ref p) : 0;
            if (i == column)
            {
                return (tag, value, (p, textLength));
            }

            p += textLength;
        }

        return (DataStageBlock.TagNull, 0, (0, 0));
    }

    private static long Int(ulong zigzag) => unchecked((long)(zigzag >> 1) ^ -(long)(zigzag & 1));

    private static void WriteTyped(Utf8JsonWriter json, ReadOnlySpan<byte> typed, ReadOnlySpan<byte> raw, Span<char> date)
    {
        var p = 0;
        while (p < typed.Length)
        {
            var tag = typed[p++];
            switch (tag)
            {
                case DataStageBlock.TagInt:
                    var z = ReadVarint(typed, ref p);
                    json.WriteNumberValue(unchecked((long)(z >> 1) ^ -(long)(z & 1)));
                    break;
                case DataStageBlock.TagText:
                    var n = (int)ReadVarint(typed, ref p);
                    json.WriteStringValue(Encoding.UTF8.GetString(typed.Slice(p, n)));
                    p += n;
                    break;
                case DataStageBlock.TagField:
                    var text = Field(raw, (int)ReadVarint(typed, ref p));
                    if (text.Length == 0)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        json.WriteStringValue(text);
                    }

                    break;
                case DataStageBlock.TagDate:
                    WriteDate(json, (int)ReadVarint(typed, ref p), date);
                    break;
                default:
                    json.WriteNullValue();
                    break;
            }
        }
    }

    private static void WriteDate(Utf8JsonWriter json, int dayNumber, Span<char> date)
    {
        if (dayNumber < 0)
        {
            json.WriteNullValue();
            return;
        }

        _ = DateOnly.FromDayNumber(dayNumber).TryFormat(date, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        json.WriteStringValue(date[..written]);
    }

    /// <summary>Column <paramref name="index"/> of a pipe-delimited line as UTF-8, untrimmed (empty past the last).</summary>
    private static ReadOnlySpan<byte> FieldSpan(ReadOnlySpan<byte> raw, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            var bar = raw[start..].IndexOf((byte)'|');
            if (bar < 0)
            {
                return [];
            }

            start += bar + 1;
        }

        var rest = raw[start..];
        var end = rest.IndexOf((byte)'|');
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>Column <paramref name="index"/> of a pipe-delimited line, trimmed as <see cref="string.Trim()"/> trims.</summary>
    private static string Field(ReadOnlySpan<byte> raw, int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            var bar = raw[start..].IndexOf((byte)'|');
            if (bar < 0)
            {
                return string.Empty;
            }

            start += bar + 1;
        }

        var rest = raw[start..];
        var end = rest.IndexOf((byte)'|');
        return Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]).Trim();
    }

    internal static ulong ReadVarint(ReadOnlySpan<byte> data, ref int p)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }

    /// <summary>Walks the rows of a decompressed block.</summary>
    internal ref struct RowReader
    {
        private readonly ReadOnlySpan<byte> data;
        private readonly int typedCount;
        private int p;
        private int typedStart;
        private int typedEnd;
        private int rawStart;
        private int rawLength;

        public RowReader(ReadOnlySpan<byte> plain)
        {
            if (plain.Length < 2 || plain[0] != Version)
            {
                throw new InvalidDataException("a ds_block of version 2");
            }

            data = plain;
            typedCount = plain[1];
            p = 2;
        }

        public long Line { get; private set; }

        /// <summary>Typed values stored per row (Fecha_Ejecucion of natural-key tables is in the header, not among them).</summary>
        public readonly int TypedCount => typedCount;

        public DataStageKey Key { get; private set; }

        public ulong Hash { get; private set; }

        public int Executed { get; private set; }

        public readonly ReadOnlySpan<byte> Raw => data.Slice(rawStart, rawLength);

        public readonly ReadOnlySpan<byte> TypedSpan() => data[typedStart..typedEnd];

        public bool Next()
        {
            if (p >= data.Length)
            {
                return false;
            }

            var flags = data[p++];
            Line = (flags & 1) != 0 ? Line + 1 : (long)ReadVarint(data, ref p);
            var pedimento = Key.Pedimento;
            var split = Key.Split;
            if ((flags & 2) == 0)
            {
                pedimento = (long)ReadVarint(data, ref p) - 1;
                split = (long)ReadVarint(data, ref p);
            }

            if ((flags & 4) == 0)
            {
                Executed = (int)ReadVarint(data, ref p) - 1;
            }

            var partida = (int)ReadVarint(data, ref p) - 1;
            Key = new DataStageKey(pedimento, split, partida);
            Hash = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(p, 8));
            p += 8;
            typedStart = p;
            for (var i = 0; i < typedCount; i++)
            {
                var tag = data[p++];
                if (tag == DataStageBlock.TagText)
                {
                    var n = (int)ReadVarint(data, ref p);
                    p += n;
                }
                else if (tag != DataStageBlock.TagNull)
                {
                    _ = ReadVarint(data, ref p);
                }
            }

            typedEnd = p;
            rawLength = (int)ReadVarint(data, ref p);
            rawStart = p;
            p += rawLength;
            return true;
        }
    }
}
