using System.Text;
using System.Text.Unicode;
using Traza.Formats.Government;

namespace Traza.Formats.Layouts;

/// <summary>
/// The text encoding of a §4.1 CSV file (SPEC §4.1): UTF-8 with or without a byte-order mark, UTF-16 with one, and
/// otherwise — a file that is not valid UTF-8 — Windows-1252, which is what Excel writes as "CSV" on a Spanish Windows.
/// Reading such a file as UTF-8 would store every Ñ and accent as U+FFFD, so it is told apart by one validating pass
/// over the bytes before the parse (vectorized; the import hashes the whole file anyway).
/// </summary>
public static class LayoutEncoding
{
    /// <summary>UTF-8 (the bytes are validated before it decodes them).</summary>
    private static readonly Encoding Utf8NoMark = new UTF8Encoding(false, false);

    /// <summary>
    /// Picks the encoding of <paramref name="stream"/> (left at its start): by its byte-order mark, else UTF-8 when every
    /// byte sequence is valid UTF-8, else Windows-1252 — and then <paramref name="note"/> says so, naming the line of the
    /// first byte that is not UTF-8.
    /// </summary>
    public static Encoding Detect(Stream stream, out string? note)
    {
        ArgumentNullException.ThrowIfNull(stream);
        note = null;
        var buffer = new byte[1 << 16];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, length);
        Encoding? marked = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? Utf8NoMark // StreamReader skips the mark
            : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
            : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
            : null;
        if (marked is not null)
        {
            stream.Position = 0;
            return marked;
        }

        long line = 1;
        while (true)
        {
            var last = length < buffer.Length; // ReadAtLeast stops short only at the end of the stream
            var end = last ? length : CompleteLength(buffer.AsSpan(0, length));
            var chunk = buffer.AsSpan(0, end);
            if (!Utf8Valid(chunk, out var invalidAt))
            {
                line += chunk[..invalidAt].Count((byte)'\n');
                note = $"the file is not valid UTF-8 (line {line}): read as Windows-1252";
                stream.Position = 0;
                return GovernmentEncoding.Windows1252;
            }

            if (last)
            {
                break;
            }

            line += chunk.Count((byte)'\n');
            buffer.AsSpan(end, length - end).CopyTo(buffer);
            length -= end;
            length += stream.ReadAtLeast(buffer.AsSpan(length), buffer.Length - length, throwOnEndOfStream: false);
        }

        stream.Position = 0;
        return Utf8NoMark;
    }

    /// <summary>The length of <paramref name="bytes"/> without a UTF-8 sequence cut at its end (at most 3 bytes).</summary>
    private static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: look further back for its lead
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }

    private static bool Utf8Valid(ReadOnlySpan<byte> bytes, out int invalidAt)
    {
        invalidAt = 0;
        if (Utf8.IsValid(bytes))
        {
            return true;
        }

        // Only on failure: find where, for the note.
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out invalidAt, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done;
    }
}
