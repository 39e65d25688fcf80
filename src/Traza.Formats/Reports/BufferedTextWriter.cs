namespace Traza.Formats.Reports;

/// <summary>
/// Collects a report's characters in 64 KB blocks before handing them to the output. The console's writer flushes
/// every call, so a million-row CSV on standard output made one system call per cell: 50 s for `report entries` of
/// `large` instead of a few (docs/benchmarks.md, Reports). Disposing flushes; the inner writer stays open.
/// </summary>
internal sealed class BufferedTextWriter : TextWriter
{
    private readonly TextWriter inner;
    private readonly char[] buffer = new char[1 << 15];
    private int used;

    public BufferedTextWriter(TextWriter inner)
        : base(inner.FormatProvider)
    {
        this.inner = inner;
        NewLine = inner.NewLine;
    }

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (used == buffer.Length)
        {
            Drain();
        }

        buffer[used++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.Length > this.buffer.Length - used)
        {
            Drain();
            if (buffer.Length > this.buffer.Length)
            {
                inner.Write(buffer);
                return;
            }
        }

        buffer.CopyTo(this.buffer.AsSpan(used));
        used += buffer.Length;
    }

    public override void WriteLine() => Write(CoreNewLine);

    public override void WriteLine(string? value)
    {
        Write(value);
        WriteLine();
    }

    public override void Flush()
    {
        Drain();
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Drain()
    {
        if (used > 0)
        {
            inner.Write(buffer, 0, used);
            used = 0;
        }
    }
}
