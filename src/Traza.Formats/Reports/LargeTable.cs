namespace Traza.Formats.Reports;

/// <summary>
/// The <c>table</c> format for reports longer than <see cref="ReportWriter.SpectreTableRows"/> rows (a million lots'
/// balances): the same square-bordered layout Spectre.Console draws, in one pass over the rows and linear time.
/// Spectre lays a table out in memory, objects per cell, and took minutes for the balances of <c>large</c>. Cells are kept
/// as text in one growing character buffer until every column's width is known; unlike Spectre, an over-wide table is
/// not wrapped to the terminal (a table this long is for a file or a pager).
/// </summary>
internal static class LargeTable
{
    public static void Write(
        IReadOnlyList<ReportColumn> columns, List<string[]> first, IEnumerator<object?[]> more, bool[] numeric, TextWriter output)
    {
        var count = columns.Count;
        var widths = new int[count];
        for (var c = 0; c < count; c++)
        {
            widths[c] = columns[c].Header.Length;
        }

        var text = new CellStore(count);
        foreach (var cells in first)
        {
            text.Add(cells, widths);
        }

        first.Clear();
        while (more.MoveNext())
        {
            text.Add(ReportWriter.TableCells(more.Current, numeric), widths);
        }

        var line = new char[widths.Sum(w => w + 3) + 1];
        Border(output, line, widths, '┌', '┬', '┐');
        Row(output, line, widths, c => columns[c].Header.AsMemory(), numeric);
        Border(output, line, widths, '├', '┼', '┤');
        for (var r = 0; r < text.Rows; r++)
        {
            Row(output, line, widths, c => text.Cell(r, c), numeric);
        }

        Border(output, line, widths, '└', '┴', '┘');
        output.Flush();
    }

    private static void Border(TextWriter output, char[] line, int[] widths, char left, char middle, char right)
    {
        var at = 0;
        line[at++] = left;
        for (var c = 0; c < widths.Length; c++)
        {
            line.AsSpan(at, widths[c] + 2).Fill('─');
            at += widths[c] + 2;
            line[at++] = c == widths.Length - 1 ? right : middle;
        }

        output.Write(line, 0, at);
        output.Write('\n');
    }

    private static void Row(TextWriter output, char[] line, int[] widths, Func<int, ReadOnlyMemory<char>> cell, bool[] numeric)
    {
        var at = 0;
        line[at++] = '│';
        for (var c = 0; c < widths.Length; c++)
        {
            var value = cell(c).Span;
            var pad = widths[c] - value.Length;
            line[at++] = ' ';
            if (numeric[c])
            {
                line.AsSpan(at, pad).Fill(' ');
                at += pad;
            }

            value.CopyTo(line.AsSpan(at));
            at += value.Length;
            if (!numeric[c])
            {
                line.AsSpan(at, pad).Fill(' ');
                at += pad;
            }

            line[at++] = ' ';
            line[at++] = '│';
        }

        output.Write(line, 0, at);
        output.Write('\n');
    }

    /// <summary>Every cell's text in one character buffer, with where each cell ends.</summary>
    private sealed class CellStore(int columns)
    {
        private char[] chars = new char[1 << 16];
        private int length;
        private readonly List<int> ends = [];

        public int Rows => ends.Count / columns;

        public void Add(string[] cells, int[] widths)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = cells[c];
                widths[c] = Math.Max(widths[c], cell.Length);
                if (length + cell.Length > chars.Length)
                {
                    Array.Resize(ref chars, Math.Max(chars.Length * 2, length + cell.Length));
                }

                cell.CopyTo(chars.AsSpan(length));
                length += cell.Length;
                ends.Add(length);
            }
        }

        public ReadOnlyMemory<char> Cell(int row, int column)
        {
            var i = (row * columns) + column;
            var start = i == 0 ? 0 : ends[i - 1];
            return chars.AsMemory(start, ends[i] - start);
        }
    }
}
