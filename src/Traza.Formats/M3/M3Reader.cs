using System.Globalization;
using Traza.Domain.Values;
using Traza.Formats.Government;

namespace Traza.Formats.M3;

/// <summary>
/// Reads a SAAI M3 validation file (regulatory brief §3.5, SPEC §4.2): pipe-delimited records with a trailing pipe,
/// LF or CRLF, no header; register 500 opens each pedimento, 800 (e.firma) closes it — or, in an unsigned file,
/// <c>999|patente|pedimento|aduana|…</c> — and 801 closes the file with the file name, the number of pedimentos and
/// the number of records before it (999 included), which are checked. A file closed by 999 with no pedimento open
/// (an older writer) is accepted without counts. Dates are DDMMAAAA or AAAAMMDD, told apart by validity.
/// </summary>
/// <remarks>
/// Malformed, truncated or random input throws <see cref="GovernmentFormatException"/> naming the file, line and
/// field (<c>551.10</c> = register 551, position 10), and nothing else.
/// </remarks>
public sealed class M3Reader
{
    public void Read(string path, IM3Sink sink)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(sink);
        if (!File.Exists(path))
        {
            throw new GovernmentFormatException(path, null, null, "an existing M3 file (mPPPPNNN.DDD)");
        }

        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(path, null, null, $"a readable file ({e.Message})", e);
        }

        using (stream)
        {
            Read(stream, path, sink);
        }
    }

    public void Read(Stream stream, string name, IM3Sink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sink);
        var reader = new GovernmentLineReader(stream);
        sink.BeginFile(name);
        long records = 0, pedimentos = 0;
        List<M3Record>? current = null;
        M3Record? closing = null;

        while (TryRead(reader, name, out var bytes))
        {
            if (IsBlank(bytes))
            {
                continue;
            }

            var line = reader.LineNumber;
            if (closing is not null)
            {
                throw new GovernmentFormatException(name, line, null, $"nothing after the closing {closing.Register} record (line {closing.Line.ToString(CultureInfo.InvariantCulture)})");
            }

            var raw = GovernmentEncoding.Decode(bytes, reader.IsUtf8);
            if (!reader.LastLineTerminated && !raw.EndsWith('|'))
            {
                throw new GovernmentFormatException(name, line, null,
                    "a complete last record: it ends without its trailing pipe and line end (a truncated file)");
            }

            var fields = raw.Split('|');
            if (fields.Length > 1 && fields[^1].Length == 0)
            {
                fields = fields[..^1];
            }

            var code = fields[0].Trim();
            if (code.Length != 3 || !code.All(char.IsAsciiDigit))
            {
                throw new GovernmentFormatException(name, line, "1", $"a register code of 3 digits (500, 501 … 801) as the first field, found '{Shorten(code)}'");
            }

            fields[0] = code;
            if (!reader.LastLineTerminated && M3Layouts.TryGet(code, out var arity) && arity.Arity is { } n && fields.Length < n)
            {
                throw new GovernmentFormatException(name, line, null,
                    $"register {code} with {n.ToString(CultureInfo.InvariantCulture)} fields, found {fields.Length.ToString(CultureInfo.InvariantCulture)} on the last line, which has no line end (a truncated file)");
            }

            var record = new M3Record(name, line, raw, fields);
            ValidateDates(record);

            switch (code)
            {
                case "500":
                    if (current is not null)
                    {
                        Flush(current, sink);
                    }

                    if (record.Fields.Count < 5)
                    {
                        throw new GovernmentFormatException(name, line, null, "register 500 with tipo de movimiento, patente, pedimento and aduana-sección");
                    }

                    current = [record];
                    pedimentos++;
                    records++;
                    break;
                case "800":
                    records++;
                    RequireOpen(current, record);
                    current!.Add(record);
                    Flush(current, sink);
                    current = null;
                    break;
                case "999" when current is not null:
                    // SPEC §4.2: an unsigned pedimento closes with 999|patente|pedimento|aduana|… instead of 800, and
                    // 801 counts it among the records before it.
                    records++;
                    ClosesOpenPedimento(current, record);
                    current.Add(record);
                    Flush(current, sink);
                    current = null;
                    break;
                case "801":
                case "999":
                    if (current is not null)
                    {
                        Flush(current, sink);
                        current = null;
                    }

                    closing = record;
                    break;
                default:
                    records++;
                    RequireOpen(current, record);
                    if (!M3Layouts.TryGet(code, out _))
                    {
                        sink.Note(new GovernmentNote(name, line, $"register {code} is not in the M3 v9.0 layout; kept as delivered"));
                    }

                    current!.Add(record);
                    break;
            }
        }

        if (closing is null)
        {
            throw new GovernmentFormatException(name, reader.LineNumber + 1, null,
                "a closing 801 record (file name, pedimentos, records): the file ends without it (truncated?)");
        }

        if (closing.Register == "801")
        {
            Check(closing, 3, pedimentos, "pedimentos");
            Check(closing, 4, records, "records before 801");
        }

        sink.EndFile(new M3FileSummary(name, closing.Get(2), pedimentos, records));
    }

    private static void Check(M3Record closing, int position, long counted, string what)
    {
        var text = closing.Get(position);
        if (text.Length == 0)
        {
            return;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
        {
            throw closing.Error(position, $"a count of {what}, found '{Shorten(text)}'");
        }

        if (declared != counted)
        {
            throw closing.Error(position,
                $"{declared.ToString(CultureInfo.InvariantCulture)} {what} as 801 says, found {counted.ToString(CultureInfo.InvariantCulture)} (a truncated or incomplete file)");
        }
    }

    /// <summary>A 999 that closes a pedimento names the patente, pedimento and aduana-sección its 500 opened.</summary>
    private static void ClosesOpenPedimento(List<M3Record> current, M3Record record)
    {
        var head = current[0];
        for (var i = 0; i < 3; i++)
        {
            var (opened, named) = (head.Get(3 + i), record.Get(2 + i));
            if (named.TrimStart('0') != opened.TrimStart('0'))
            {
                var what = i switch { 0 => "patente", 1 => "pedimento", _ => "aduana-sección" };
                throw record.Error(2 + i,
                    $"{what} {opened} as register 500 (line {head.Line.ToString(CultureInfo.InvariantCulture)}) opened, found '{Shorten(named)}'");
            }
        }
    }

    private static void RequireOpen(List<M3Record>? current, M3Record record)
    {
        if (current is null)
        {
            throw new GovernmentFormatException(record.File, record.Line, null,
                $"a register 500 opening the pedimento before register {record.Register}");
        }
    }

    private static void ValidateDates(M3Record record)
    {
        if (M3Layouts.TryGet(record.Register, out var layout))
        {
            foreach (var p in layout.DatePositions)
            {
                _ = record.GetDate(p);
            }
        }
    }

    private static void Flush(List<M3Record> records, IM3Sink sink)
    {
        var head = records[0];
        var patente = head.Get(3);
        var pedimento = head.Get(4);
        var seccion = head.Get(5);
        Digits(head, 3, patente, 4);
        Digits(head, 4, pedimento, 7);
        Digits(head, 5, seccion, 3);

        DateOnly? pago = null, any = null;
        foreach (var r in records)
        {
            if (r.Register == "506" && r.GetDate(4) is { } d)
            {
                any ??= d;
                if (r.Get(3) == "2")
                {
                    pago ??= d;
                }
            }
        }

        PedimentoNumber? number = null;
        var yearSource = pago ?? any;
        if (yearSource is { } y)
        {
            number = PedimentoNumber.FromParts(patente, pedimento, seccion, y).Value;
            if (number.Value.YearDigitDiffers)
            {
                sink.Note(new GovernmentNote(head.File, head.Line,
                    $"pedimento {number.Value.Digits15}: the 7-digit number starts with {number.Value.Consecutive[0]}, not the last digit of {y.Year.ToString(CultureInfo.InvariantCulture)} (kept as is)"));
            }
        }
        else
        {
            sink.Note(new GovernmentNote(head.File, head.Line, $"pedimento {patente} {pedimento} {seccion} has no 506 date: its year (YY) is unknown"));
        }

        // Child records name the pedimento (position 2, or 3 after the patente in 501/515/601/701/301).
        foreach (var r in records.Skip(1))
        {
            var pos = r.Register is "501" or "515" or "601" or "701" or "301" ? 3 : 2;
            var named = r.Get(pos);
            if (r.Register is not ("800" or "999") && named.Length > 0 && named.TrimStart('0') != pedimento.TrimStart('0'))
            {
                throw r.Error(pos, $"pedimento {pedimento} as register 500 (line {head.Line.ToString(CultureInfo.InvariantCulture)}) opened, found '{Shorten(named)}'");
            }
        }

        sink.Pedimento(new M3Pedimento(head.File, head.Line, patente.PadLeft(4, '0'), pedimento.PadLeft(7, '0'), seccion.PadLeft(3, '0'),
            head.Get(2), number, pago, records));
    }

    private static void Digits(M3Record r, int pos, string value, int max)
    {
        if (value.Length == 0 || value.Length > max || !value.All(char.IsAsciiDigit))
        {
            throw r.Error(pos, $"at most {max.ToString(CultureInfo.InvariantCulture)} digits, found '{Shorten(value)}'");
        }
    }

    private static bool TryRead(GovernmentLineReader reader, string file, out ReadOnlySpan<byte> line)
    {
        try
        {
            return reader.TryReadLine(out line);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new GovernmentFormatException(file, reader.LineNumber + 1, null, $"readable text ({e.Message})", e);
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

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static bool IsReadFailure(Exception e) =>
        e is not GovernmentFormatException and not OutOfMemoryException and not OperationCanceledException;
}
