namespace Traza.Formats.Government;

/// <summary>
/// Streams the lines of a government text file as byte spans, without their CR/LF, counting lines from 1. It
/// accepts CRLF and LF, drops a leading UTF-8 byte-order mark (and says so through <see cref="IsUtf8"/>), and never
/// holds more than one line plus a read buffer in memory.
/// </summary>
public sealed class GovernmentLineReader
{
    /// <summary>Longest line accepted; longer is not a Data Stage or M3 line (e.g. random bytes without newlines).</summary>
    public const int MaxLineBytes = 1 << 20;

    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool eof;
    private bool started;

    public GovernmentLineReader(Stream stream, int bufferSize = 1 << 16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        buffer = new byte[Math.Max(bufferSize, 16)];
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>True when the file started with a UTF-8 byte-order mark.</summary>
    public bool IsUtf8 { get; private set; }

    /// <summary>True when the line last returned was ended by LF (false for a last line cut short).</summary>
    public bool LastLineTerminated { get; private set; }

    /// <summary>Bytes consumed so far (for throughput figures).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Returns the next line, or false at the end of the file.</summary>
    /// <exception cref="InvalidDataException">A line longer than <see cref="MaxLineBytes"/>.</exception>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (!started)
        {
            started = true;
            Fill();
            if (end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
            {
                IsUtf8 = true;
                start += 3;
            }
        }

        var scanFrom = start;
        while (true)
        {
            var idx = buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n');
            if (idx >= 0)
            {
                var lineEnd = scanFrom + idx;
                var contentEnd = lineEnd > start && buffer[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
                line = buffer.AsSpan(start, contentEnd - start);
                start = lineEnd + 1;
                LineNumber++;
                LastLineTerminated = true;
                return true;
            }

            if (eof)
            {
                if (end == start)
                {
                    line = default;
                    return false;
                }

                var contentEnd = buffer[end - 1] == (byte)'\r' ? end - 1 : end;
                line = buffer.AsSpan(start, contentEnd - start);
                start = end;
                LineNumber++;
                LastLineTerminated = false;
                return true;
            }

            scanFrom = end;
            var consumed = start;
            Fill();
            scanFrom -= consumed - start;
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxLineBytes)
            {
                throw new InvalidDataException($"a line of at most {MaxLineBytes} bytes (no line end found)");
            }

            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
        }

        while (end < buffer.Length)
        {
            var n = stream.Read(buffer, end, buffer.Length - end);
            if (n == 0)
            {
                eof = true;
                break;
            }

            end += n;
            BytesRead += n;
            if (n < 4096)
            {
                // A slow or chunked source: return what we have rather than spin on tiny reads.
                break;
            }
        }
    }
}
