using System.Text;

namespace Traza.Formats.Layouts;

/// <summary>
/// A streaming RFC 4180 reader for the §4.1 layouts: UTF-8 (a BOM is skipped), comma, double-quoted fields with
/// doubled quotes and embedded line breaks, LF or CRLF. Blank lines are skipped but counted. Fields are reused
/// per record; only field strings are allocated.
/// </summary>
public sealed class CsvRecordSource : IRecordSource
{
    private readonly TextReader reader;
    private readonly char[] buffer = new char[64 * 1024];
    private readonly StringBuilder field = new(64);
    private readonly List<string> fields = new(32);
    private readonly string[] header;
    private int position;
    private int length;
    private long physicalLine = 1;

    public CsvRecordSource(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        this.reader = reader;
        header = ReadRecord() ? [.. fields] : [];
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
        {
            header[0] = header[0][1..];
        }
    }

    public IReadOnlyList<string> Header => header;

    public long Line { get; private set; } = 1;

    public int FieldCount => fields.Count;

    public string this[int index] => index < fields.Count ? fields[index] : string.Empty;

    public string? Error { get; private set; }

    public static CsvRecordSource Open(string path) =>
        new(new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));

    public bool Read()
    {
        while (Error is null && ReadRecord())
        {
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => reader.Dispose();

    private int Peek()
    {
        if (position == length)
        {
            length = reader.Read(buffer, 0, buffer.Length);
            position = 0;
            if (length == 0)
            {
                return -1;
            }
        }

        return buffer[position];
    }

    private bool ReadRecord()
    {
        fields.Clear();
        Line = physicalLine;
        if (Peek() < 0)
        {
            return false;
        }

        field.Clear();
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            var c = Peek();
            if (c < 0)
            {
                if (quoted)
                {
                    Error = "a closing double quote";
                    return false;
                }

                fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                return true;
            }

            position++;
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        position++;
                        field.Append('"');
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

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 || IsBlank(field):
                    field.Clear();
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    physicalLine++;
                    fields.Add(wasQuoted ? field.ToString() : field.ToString().Trim());
                    return true;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }

    private static bool IsBlank(StringBuilder sb)
    {
        for (var i = 0; i < sb.Length; i++)
        {
            if (!char.IsWhiteSpace(sb[i]))
            {
                return false;
            }
        }

        return true;
    }
}
