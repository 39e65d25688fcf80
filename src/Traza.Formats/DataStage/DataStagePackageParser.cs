using System.Globalization;
using Traza.Domain.Values;
using Traza.Formats.Government;

namespace Traza.Formats.DataStage;

/// <summary>Reads one package (one folio's members) in order and checks its Resumen totals.</summary>
internal sealed class DataStagePackageParser
{
    private readonly string folio;
    private readonly string container;
    private readonly IReadOnlyList<DataStagePackageReader.AscMember> members;
    private readonly IDataStageSink sink;

    /// <summary>501 key (patente4 + pedimento7 + seccion3) → the date that gives YY (SPEC §3.1).</summary>
    private readonly Dictionary<string, DateOnly> yearSource = new(StringComparer.Ordinal);

    public DataStagePackageParser(string folio, string container, IReadOnlyList<DataStagePackageReader.AscMember> members, IDataStageSink sink)
    {
        this.folio = folio;
        this.container = container;
        this.members = members;
        this.sink = sink;
    }

    public void Run()
    {
        var byTable = new Dictionary<string, DataStagePackageReader.AscMember>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            if (!byTable.TryAdd(m.Layout.Name, m))
            {
                throw new GovernmentFormatException(m.Display, null, null,
                    $"one {DataStageMemberName.Of(folio, m.Layout.Name)} per package; {byTable[m.Layout.Name].Display} is another");
            }
        }

        if (!byTable.TryGetValue("Resumen", out var resumenMember))
        {
            throw new GovernmentFormatException(container, null, null,
                $"a {DataStageMemberName.Of(folio, "Resumen")} member in package {folio} (it holds the period and the totals)");
        }

        // Resumen is one line of data: read it whole before anything else so the sink knows the package.
        var resumenRows = new List<(long Line, string Raw, string[] Values)>();
        var resumenTable = ReadTable(resumenMember, row => resumenRows.Add((row.Line, row.Raw, [.. row.Values])), emit: false);
        var resumen = ParseResumen(resumenTable, resumenRows);

        var missing = DataStageLayouts.TableNames.Where(t => !byTable.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            sink.Note(new GovernmentNote(container, null,
                $"package {folio} lacks {string.Join(", ", missing.Select(t => DataStageMemberName.Of(folio, t)))}; read as empty tables"));
        }

        var info = new DataStagePackageInfo(folio, container, resumen, [.. byTable.Keys.OrderBy(k => DataStageLayouts.Get(k).Order)]);
        sink.BeginPackage(info);

        // Emit Resumen to the sink like any table.
        sink.BeginTable(resumenTable);
        var resumenRow = new DataStageRow(resumenTable);
        foreach (var (line, raw, values) in resumenRows)
        {
            resumenRow.Set(line, raw, values, null, null);
            sink.Row(resumenRow);
        }

        sink.EndTable(resumenTable, resumenRows.Count);

        long rows551 = 0, rows557 = 0, last551 = 1, last557 = 1;
        foreach (var m in byTable.Values.Where(m => m.Layout.Name != "Resumen").OrderBy(m => m.Layout.Order))
        {
            long count = 0, lastLine = 1;
            ReadTable(m, row =>
            {
                count++;
                lastLine = row.Line;
            }, emit: true);
            if (m.Layout.Name == "551")
            {
                (rows551, last551) = (count, lastLine);
            }
            else if (m.Layout.Name == "557")
            {
                (rows557, last557) = (count, lastLine);
            }
        }

        CheckTotal(byTable, "551", "Total_Fracciones", resumen.TotalFracciones, rows551, last551, resumen);
        CheckTotal(byTable, "557", "Total_Contribuciones", resumen.TotalContribuciones, rows557, last557, resumen);
        sink.EndPackage(info);
    }

    private void CheckTotal(
        Dictionary<string, DataStagePackageReader.AscMember> byTable, string table, string column, long? total, long rows, long lastLine, DataStageResumen resumen)
    {
        if (total is not { } expected || expected == rows)
        {
            return;
        }

        var text = $"{expected.ToString(CultureInfo.InvariantCulture)} rows as Resumen.{column} says, found {rows.ToString(CultureInfo.InvariantCulture)}"
            + " (a truncated or incomplete package)";
        if (byTable.TryGetValue(table, out var member))
        {
            throw new GovernmentFormatException(member.Display, lastLine + 1, null, text);
        }

        throw new GovernmentFormatException(resumen.File, resumen.Line, column,
            $"{expected.ToString(CultureInfo.InvariantCulture)} rows in {DataStageMemberName.Of(folio, table)}, which the package lacks");
    }

    private static DataStageResumen ParseResumen(DataStageTableInfo table, List<(long Line, string Raw, string[] Values)> rows)
    {
        if (rows.Count != 1)
        {
            throw new GovernmentFormatException(table.File, rows.Count == 0 ? 2 : rows[1].Line, null,
                $"exactly one data row in the Resumen, found {rows.Count.ToString(CultureInfo.InvariantCulture)}");
        }

        var row = new DataStageRow(table);
        row.Set(rows[0].Line, rows[0].Raw, rows[0].Values, null, null);
        return new DataStageResumen(
            row.GetText("Folio"),
            row.GetText("RFCoPatenteAduanal").ToUpperInvariant(),
            row.GetDate("Fecha_Inicial"),
            row.GetDate("Fecha_Final"),
            row.GetDate("Fecha_Ejecucion"),
            row.GetInt64("Total_Fracciones"),
            row.GetInt64("Total_Contribuciones"),
            table.File,
            row.Line);
    }

    private DataStageTableInfo ReadTable(DataStagePackageReader.AscMember member, Action<DataStageRow> observe, bool emit)
    {
        var file = member.Display;
        using var stream = member.Open();
        var reader = new GovernmentLineReader(stream);
        var layout = member.Layout;

        if (!TryRead(reader, file, out var headerBytes))
        {
            // A 0-byte member: no header at all. Real empty tables carry their header; accept it as empty.
            sink.Note(new GovernmentNote(file, null, "empty file (no header row); read as an empty table"));
            var empty = new DataStageTableInfo(folio, layout, file, new DataStageHeader(layout.Headers, string.Empty));
            if (emit)
            {
                sink.BeginTable(empty);
                sink.EndTable(empty, 0);
            }

            return empty;
        }

        var headerLine = GovernmentEncoding.Decode(headerBytes, reader.IsUtf8);
        var names = headerLine.Split('|');
        var nameCount = names.Length;
        if (nameCount > 1 && names[^1].Length == 0)
        {
            nameCount--; // tolerate a header with a trailing pipe
        }

        var header = new DataStageHeader([.. names.Take(nameCount).Select(n => n.Trim())], headerLine);
        var table = new DataStageTableInfo(folio, layout, file, header);
        var cols = new Columns(layout, header, file);

        if (emit)
        {
            sink.BeginTable(table);
        }

        var row = new DataStageRow(table);
        long count = 0;
        var width = header.Count;
        var starts = new int[width];
        var lengths = new int[width];
        var text = new char[1024];
        while (TryRead(reader, file, out var bytes))
        {
            if (IsBlank(bytes))
            {
                continue;
            }

            var line = reader.LineNumber;
            var length = GovernmentEncoding.Decode(bytes, reader.IsUtf8, ref text);
            Split(text.AsSpan(0, length), starts, lengths, file, line, out var trailingPipe);
            if (!trailingPipe && !reader.LastLineTerminated)
            {
                throw new GovernmentFormatException(file, line, null,
                    "a complete last row: it ends without its trailing pipe and line end (a truncated member)");
            }

            row.Set(line, text, length, starts, lengths);
            PedimentoNumber? pedimento = null;
            int? partida = null;
            if (cols.HasKey)
            {
                pedimento = Pedimento(row, cols, layout.Name == "501");
                if (cols.Partida >= 0)
                {
                    partida = ParsePartida(row, row.Field(cols.Partida), required: layout.Level == DataStageLevel.Partida);
                }
            }

            foreach (var d in cols.Dates)
            {
                var v = row.Field(d).Trim();
                if (!IsNone(v) && !GovernmentDates.TryParseDataStage(v, out _))
                {
                    _ = row.GetDate(header.Names[d]); // throws the error naming the column
                }
            }

            row.SetKey(pedimento, partida);
            count++;
            observe(row);
            if (emit)
            {
                sink.Row(row);
            }
        }

        if (emit)
        {
            sink.EndTable(table, count);
        }

        return table;
    }

    private static bool TryRead(GovernmentLineReader reader, string file, out ReadOnlySpan<byte> line)
    {
        try
        {
            return reader.TryReadLine(out line);
        }
        catch (Exception e) when (DataStagePackageReader.IsReadFailure(e))
        {
            throw new GovernmentFormatException(file, reader.LineNumber + 1, null,
                $"readable text; the member is corrupt or truncated ({e.Message})", e);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or 0x1A))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a row at its pipes into the field ranges of <paramref name="starts"/>/<paramref name="lengths"/> (one per header name).</summary>
    private static void Split(ReadOnlySpan<char> span, int[] starts, int[] lengths, string file, long line, out bool trailingPipe)
    {
        var width = starts.Length;
        var start = 0;
        var i = 0;
        while (true)
        {
            var rel = span[start..].IndexOf('|');
            var end = rel < 0 ? span.Length : start + rel;
            if (i < width)
            {
                starts[i] = start;
                lengths[i] = end - start;
            }
            else if (end > start)
            {
                throw new GovernmentFormatException(file, line, null,
                    $"{width.ToString(CultureInfo.InvariantCulture)} fields as the header names, found more (a value after field {width.ToString(CultureInfo.InvariantCulture)})");
            }

            i++;
            if (rel < 0)
            {
                break;
            }

            start = end + 1;
        }

        // "a|b|c|" gives a last empty piece: the trailing pipe of a data row. Without it, "a|b|c" is tolerated.
        trailingPipe = i > width;
        if (i < width)
        {
            throw new GovernmentFormatException(file, line, null,
                $"{width.ToString(CultureInfo.InvariantCulture)} fields as the header names, found {i.ToString(CultureInfo.InvariantCulture)} (a cut or incomplete row)");
        }
    }

    private static bool IsNone(ReadOnlySpan<char> v)
    {
        foreach (var c in v)
        {
            if (c is not ('0' or '-' or '/' or ':' or ' '))
            {
                return false;
            }
        }

        return true;
    }

    private PedimentoNumber? Pedimento(DataStageRow row, Columns cols, bool is501)
    {
        var rp = row.Field(cols.Patente);
        var rn = row.Field(cols.Pedimento);
        var rs = row.Field(cols.Seccion);
        if (!is501 && cols.LastPatente is not null && rp.SequenceEqual(cols.LastPatente)
            && rn.SequenceEqual(cols.LastPedimento) && rs.SequenceEqual(cols.LastSeccion))
        {
            // Rows of one pedimento come together: same key as the previous row, same number.
            return cols.LastNumber;
        }

        var (p, n, s) = (rp.ToString(), rn.ToString(), rs.ToString());
        var number = Compute(row, cols, is501, p.Trim(), n.Trim(), s.Trim());
        (cols.LastPatente, cols.LastPedimento, cols.LastSeccion, cols.LastNumber) = (p, n, s, number);
        return number;
    }

    private PedimentoNumber? Compute(DataStageRow row, Columns cols, bool is501, string p, string n, string s)
    {
        CheckDigits(row, "Patente", p, 4);
        CheckDigits(row, "Pedimento", n, 7);
        CheckDigits(row, "SeccionAduanera", s, 3);
        var key = string.Concat(p.PadLeft(4, '0'), n.PadLeft(7, '0'), s.PadLeft(3, '0'));

        DateOnly? year = null;
        if (is501)
        {
            year = row.GetDate("FechaRecepcionPedimento") ?? row.GetDate("FechaPagoReal");
            if (year is { } y)
            {
                yearSource[key] = y;
            }
        }
        else if (yearSource.TryGetValue(key, out var y))
        {
            year = y;
        }
        else
        {
            foreach (var c in cols.YearFallback)
            {
                year = row.GetDate(row.Header.Names[c]);
                if (year is not null)
                {
                    break;
                }
            }
        }

        if (year is null)
        {
            if (is501)
            {
                sink.Note(new GovernmentNote(row.File, row.Line,
                    $"pedimento {p} {n} {s} has neither FechaRecepcionPedimento nor FechaPagoReal: its year (YY) is unknown"));
            }

            return null;
        }

        var number = PedimentoNumber.FromParts(p, n, s, year.Value).Value;
        if (is501 && number.YearDigitDiffers)
        {
            sink.Note(new GovernmentNote(row.File, row.Line,
                $"pedimento {number.Digits15}: the 7-digit number starts with {number.Consecutive[0]}, not the last digit of {year.Value.Year.ToString(CultureInfo.InvariantCulture)} (a number opened in another year; kept as is)"));
        }

        return number;
    }

    private static void CheckDigits(DataStageRow row, string column, string value, int max)
    {
        if (value.Length == 0 || value.Length > max || !value.All(char.IsAsciiDigit))
        {
            throw row.Error(column, $"at most {max.ToString(CultureInfo.InvariantCulture)} digits, found '{value}'");
        }
    }

    private static int? ParsePartida(DataStageRow row, ReadOnlySpan<char> text, bool required)
    {
        var t = text.Trim();
        if (t.Length == 0 && !required)
        {
            return null;
        }

        return t.Length is > 0 and <= 9 && !t.ContainsAnyExceptInRange('0', '9')
            ? int.Parse(t, CultureInfo.InvariantCulture)
            : throw row.Error("SecuenciaFraccion", $"a partida number, found '{t.ToString()}'");
    }

    /// <summary>Column positions a table needs, checked against its header once.</summary>
    private sealed class Columns
    {
        public Columns(DataStageTableLayout layout, DataStageHeader header, string file)
        {
            int Required(string name) => header.IndexOf(name) is var i and >= 0
                ? i
                : throw new GovernmentFormatException(file, 1, name,
                    $"a header row naming the {layout.Name} columns ({string.Join("|", layout.Headers)}); '{name}' is missing");

            if (layout.HasPedimentoKey)
            {
                HasKey = true;
                Patente = Required("Patente");
                Pedimento = Required("Pedimento");
                Seccion = Required("SeccionAduanera");
                Partida = layout.Level == DataStageLevel.Partida ? Required("SecuenciaFraccion") : header.IndexOf("SecuenciaFraccion");
            }
            else
            {
                foreach (var f in layout.Fields)
                {
                    Required(f.Header);
                }
            }

            Dates = [.. layout.Fields.Where(f => f.IsDate).Select(f => header.IndexOf(f.Header)).Where(i => i >= 0)];
            YearFallback = [.. new[] { "FechaPagoReal", "FechaValidacionPagoR", "FechaPago", "FechaSeleccion" }
                .Select(header.IndexOf).Where(i => i >= 0)];
        }

        public bool HasKey { get; }

        public int Patente { get; }

        public int Pedimento { get; }

        public int Seccion { get; }

        public int Partida { get; } = -1;

        public int[] Dates { get; }

        public int[] YearFallback { get; }

        public string? LastPatente { get; set; }

        public string? LastPedimento { get; set; }

        public string? LastSeccion { get; set; }

        public PedimentoNumber? LastNumber { get; set; }
    }
}
