using System.Buffers;

namespace Traza.Formats.Layouts;

/// <summary>
/// A streaming RFC 4180 reader for the §4.1 layouts: UTF-8 (a BOM is skipped; <see cref="Open(Stream)"/> also reads UTF-16 with a
/// BOM and Windows-1252), comma, double-quoted fields with
/// doubled quotes and embedded line breaks, LF or CRLF. Blank lines are skipped but counted. A record's characters
/// are kept in one reused buffer; <see cref="Field"/> reads a field without allocating, and the indexer makes a string
/// only when asked (SPEC §8 import throughput). A record with more fields than the header stops the reading with an
/// <see cref="Error"/> (SPEC §4.1); one with fewer reads its missing trailing fields as empty.
/// </summary>
public sealed class CsvRecordSource : IRecordSource
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    private readonly TextReader reader;
    private readonly char[] buffer = new char[64 * 1024];
    private readonly string[] header;
    private char[] record = new char[1024];
    private int recordLength;
    private (int Start, int Length, bool Quoted)[] fields = new (int, int, bool)[32];
    private int fieldCount;
    private int position;
    private int length;
    private long physicalLine = 1;

    public CsvRecordSource(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        this.reader = reader;
        header = ReadRecord() ? [.. Enumerable.Range(0, fieldCount).Select(i => Field(i).ToString())] : [];
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
        {
            header[0] = header[0][1..];
        }
    }

    public IReadOnlyList<string> Header => header;

    public long Line { get; private set; } = 1;

    public int FieldCount => fieldCount;

    public string this[int index] => index < fieldCount ? Field(index).ToString() : string.Empty;

    public string? Error { get; private set; }

    /// <summary>
    /// Set by <see cref="Open(Stream)"/> when the file is not valid UTF-8 and is read as Windows-1252 (SPEC §4.1: the import says so).
    /// </summary>
    public string? EncodingNote { get; private init; }

    /// <summary>Opens a file in the encoding <see cref="LayoutEncoding.Detect"/> finds (UTF-8, UTF-16 with a mark, else Windows-1252).</summary>
    public static CsvRecordSource Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return Open(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>As <see cref="Open(string)"/> over a seekable stream, which the source then owns.</summary>
    public static CsvRecordSource Open(Stream stream)
    {
        var encoding = LayoutEncoding.Detect(stream, out var note);
        return new(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16)) { EncodingNote = note };
    }

    /// <summary>A field of the current record without allocating: unquoted fields trimmed, quoted ones as written.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        if (index >= fieldCount)
        {
            return [];
        }

        var (start, count, quoted) = fields[index];
        var span = record.AsSpan(start, count);
        return quoted ? span : span.Trim();
    }

    public bool Read()
    {
        while (Error is null && ReadRecord())
        {
            if (fieldCount > header.Length && header.Length > 0)
            {
                // SPEC §4.1: more fields than the header is invalid, never a silent shift of the columns.
                Error = $"at most {header.Length} fields, as many as the header row names, found {fieldCount} " +
                        "(a number written with a comma, such as 1,5 or 1,000, splits into two fields: write 1.5 or 1000, or quote it)";
                return false;
            }

            if (fieldCount > 1 || Field(0).Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => reader.Dispose();

    private bool Fill()
    {
        if (position < length)
        {
            return true;
        }

        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (recordLength + chars.Length > record.Length)
        {
            Array.Resize(ref record, Math.Max(record.Length * 2, recordLength + chars.Length));
        }

        chars.CopyTo(record.AsSpan(recordLength));
        recordLength += chars.Length;
    }

    private void EndField(int start, bool quoted)
    {
        if (fieldCount == fields.Length)
        {
            Array.Resize(ref fields, fields.Length * 2);
        }

        fields[fieldCount++] = (start, recordLength - start, quoted);
    }

    private bool ReadRecord()
    {
        fieldCount = 0;
        recordLength = 0;
        Line = physicalLine;
        if (!Fill())
        {
            return false;
        }

        var start = 0;
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            if (!Fill())
            {
                if (quoted)
                {
                    Error = "a closing double quote";
                    return false;
                }

                EndField(start, wasQuoted);
                return true;
            }

            if (!quoted)
            {
                // Copy the run of ordinary characters at once.
                var rest = buffer.AsSpan(position, length - position);
                var run = rest.IndexOfAny(Special);
                if (run != 0)
                {
                    var take = run < 0 ? rest.Length : run;
                    Append(rest[..take]);
                    position += take;
                    continue;
                }
            }

            var c = buffer[position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (Fill() && buffer[position] == '"')
                    {
                        position++;
                        Append("\"");
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        physicalLine++;
                    }

                    Append(new ReadOnlySpan<char>(in c));
                }

                continue;
            }

            switch (c)
            {
                case '"' when record.AsSpan(start, recordLength - start).IsWhiteSpace():
                    recordLength = start;
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    EndField(start, wasQuoted);
                    start = recordLength;
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    physicalLine++;
                    EndField(start, wasQuoted);
                    return true;
                default:
                    Append(new ReadOnlySpan<char>(in c));
                    break;
            }
        }
    }
}
