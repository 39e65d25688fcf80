using Traza.Tests.Shared;
using Traza.Domain.Common;
using System.Text;
using CsCheck;
using Traza.Formats.Reports;

namespace Traza.Formats.Tests.Reports;

/// <summary>
/// <see cref="CsvRowWriter"/> is the fast path of CSV reports (SPEC §8 balances); its twin is <see cref="ReportWriter.WriteCsv"/>
/// over boxed cells (<see cref="CellText"/> and its quoting). Over random rows of typed cells — awkward text, text given as
/// (possibly invalid) UTF-8 or pre-encoded, edge decimals, integers, dates, nulls — both write the same bytes, to a stream and
/// to a text writer.
/// </summary>
public sealed class CsvRowWriterPropertyTests
{
    /// <summary>One typed cell: how the fast path writes it, and the boxed value the plain path formats.</summary>
    public sealed record Cell(string Kind, object? Value)
    {
        public override string ToString() => Value switch
        {
            string s => $"{Kind} \"{s.Replace("\n", "\\n", StringComparison.Ordinal)}\"",
            byte[] b => $"{Kind} 0x{Convert.ToHexString(b)}",
            _ => $"{Kind} {Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture)}",
        };

        /// <summary>The cell as <see cref="ReportData.Rows"/> holds it.</summary>
        public object? Boxed => Value switch
        {
            byte[] utf8 => Encoding.UTF8.GetString(utf8),
            ValueTuple<long, int> f => new decimal(Math.Abs(f.Item1)) / Pow10(f.Item2) * Math.Sign(f.Item1),
            _ => Value,
        };

        private static decimal Pow10(int power) => power == 0 ? 1m : 10m * Pow10(power - 1);

        public void Write(CsvRowWriter csv)
        {
            switch (Kind)
            {
                case "text":
                    csv.Text((string?)Value);
                    break;
                case "utf8":
                    csv.Text(((byte[])Value!).AsSpan());
                    break;
                case "encoded":
                    csv.Encoded(CsvRowWriter.Field((string?)Value));
                    break;
                case "decimal":
                    csv.Number((decimal)Value!);
                    break;
                case "decimal?":
                    csv.Number((decimal?)Value);
                    break;
                case "long":
                    csv.Number((long)Value!);
                    break;
                case "fixed":
                    var (units, decimals) = ((long, int))Value!;
                    csv.Fixed(units, decimals);
                    break;
                case "int":
                    csv.Number((int)Value!);
                    break;
                case "int?":
                    csv.Number((int?)Value);
                    break;
                case "date":
                    csv.Date((DateOnly)Value!);
                    break;
                case "date?":
                    csv.Date((DateOnly?)Value);
                    break;
                default:
                    throw new InvalidOperationException(Kind);
            }
        }
    }

    private static readonly Gen<byte[]> Utf8 = Gen.Frequency(
        (3, EdgeValues.Text.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 12]),
        (1, Gen.OneOf<byte[]>([0xC3], [0xFF, 0x2C], [0x22, 0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x8E, 0x89, 0x2C])));

    private static readonly Gen<Cell> AnyCell = Gen.OneOf(
        EdgeValues.Text.Null(0.1).Select(v => new Cell("text", v)),
        Gen.String[Gen.Char, 0, 8].Select(v => new Cell("text", v)),
        Utf8.Select(v => new Cell("utf8", v)),
        EdgeValues.Text.Null(0.1).Select(v => new Cell("encoded", v)),
        EdgeValues.Decimal.Select(v => new Cell("decimal", v)),
        EdgeValues.Decimal.Nullable(0.3).Select(v => new Cell("decimal?", v)),
        EdgeValues.Integer.Select(v => new Cell("long", v)),
        Gen.Select(Gen.Long[-1_000_000_000_000, 1_000_000_000_000], Gen.Int[0, 6]).Select((u, d) => new Cell("fixed", (u, d))),
        Gen.Int.Select(v => new Cell("int", v)),
        Gen.Int.Nullable(0.3).Select(v => new Cell("int?", v)),
        EdgeValues.Date.Select(v => new Cell("date", v)),
        EdgeValues.Date.Nullable(0.3).Select(v => new Cell("date?", v)));

    /// <summary>Rows of one width (a report's columns), sometimes with a cell long enough to outgrow the writer's buffer.</summary>
    private static readonly Gen<Cell[][]> Rows =
        from width in Gen.Int[1, 8]
        from rows in AnyCell.Array[width].Array[0, 30]
        from huge in Gen.Frequency((19, Gen.Const(0)), (1, Gen.Int[70_000, 140_000]))
        select huge == 0 || rows.Length == 0 ? rows : [.. rows, [new Cell("text", new string('é', huge)), .. rows[0][1..]]];

    [Fact]
    public void Typed_rows_write_the_bytes_of_their_boxed_cells()
    {
        Rows.Sample(rows =>
        {
            var columns = Enumerable.Range(0, rows.Length == 0 ? 1 : rows[0].Length).Select(i => (ReportColumn)$"c{i}").ToArray();
            var plain = Bytes(new ReportData(columns, rows.Select(r => r.Select(c => c.Boxed).ToArray())));
            var fast = new ReportData(columns, []) { CsvRows = csv => WriteTyped(csv, rows) };
            Encoding.UTF8.GetString(Bytes(fast)).ShouldBe(Encoding.UTF8.GetString(plain), "to a stream");

            using var text = new StringWriter();
            ReportWriter.WriteCsv(fast, text);
            text.ToString().ShouldBe(Encoding.UTF8.GetString(plain), "to a text writer");
        }, iter: 500, print: rows => string.Join("\n", rows.Select(r => string.Join(" | ", r.Select(c => c.ToString())))));
    }

    /// <summary>
    /// What <c>report custody</c> does with 12.8 M rows: groups of fields encoded once by a scratch writer (<c>TakeRow</c>) and
    /// written with <c>Encoded</c>, rows formatted into other scratch writers and appended as blocks (<c>Rows</c>) — the same
    /// bytes as every cell written in place, to a stream and to a text writer, whatever the split.
    /// </summary>
    [Fact]
    public void Rows_assembled_from_encoded_field_groups_and_appended_blocks_write_the_same_bytes()
    {
        Gen.Select(Rows, Gen.Int[1, 4], Gen.Int[1, 7]).Sample((rows, group, block) =>
        {
            var columns = Enumerable.Range(0, rows.Length == 0 ? 1 : rows[0].Length).Select(i => (ReportColumn)$"c{i}").ToArray();
            var plain = Bytes(new ReportData(columns, []) { CsvRows = csv => WriteTyped(csv, rows) });
            var scratch = CsvRowWriter.Scratch();
            var blocks = rows.Chunk(block).Select(chunk =>
            {
                var writer = CsvRowWriter.Scratch();
                foreach (var row in chunk)
                {
                    foreach (var cells in row.Chunk(group))
                    {
                        foreach (var cell in cells)
                        {
                            cell.Write(scratch);
                        }

                        writer.Encoded(scratch.TakeRow());
                    }

                    writer.EndRow();
                }

                return writer.Written.ToArray();
            }).ToList();
            var assembled = new ReportData(columns, [])
            {
                CsvRows = csv =>
                {
                    foreach (var b in blocks)
                    {
                        csv.Rows(b);
                    }
                },
            };
            Encoding.UTF8.GetString(Bytes(assembled)).ShouldBe(Encoding.UTF8.GetString(plain), "to a stream");
            using var text = new StringWriter();
            ReportWriter.WriteCsv(assembled, text);
            text.ToString().ShouldBe(Encoding.UTF8.GetString(plain), "to a text writer");
        }, iter: 300);
    }

    [Fact]
    public void A_field_encoded_once_is_the_text_written_each_time()
    {
        EdgeValues.Text.Null(0.1).Sample(value =>
        {
            using var a = new MemoryStream();
            using var b = new MemoryStream();
            using (var csv = new CsvRowWriter(a))
            {
                csv.Text(value);
                csv.EndRow();
            }

            using (var csv = new CsvRowWriter(b))
            {
                csv.Encoded(CsvRowWriter.Field(value));
                csv.EndRow();
            }

            b.ToArray().ShouldBe(a.ToArray());
        }, iter: 2_000);
    }

    [Fact]
    public void Decimals_are_written_as_cell_text_writes_them()
    {
        EdgeValues.Decimal.Sample(d =>
        {
            using var stream = new MemoryStream();
            using (var csv = new CsvRowWriter(stream))
            {
                csv.Number(d);
            }

            Encoding.UTF8.GetString(stream.ToArray()).ShouldBe(CanonicalText.Decimal(d));
        }, iter: 20_000);
    }

    private static void WriteTyped(CsvRowWriter csv, Cell[][] rows)
    {
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                cell.Write(csv);
            }

            csv.EndRow();
        }
    }

    /// <summary>The CSV as a file would hold it (UTF-8, through the stream overload).</summary>
    private static byte[] Bytes(ReportData data)
    {
        using var stream = new MemoryStream();
        ReportWriter.Write(data, ReportFormat.Csv, stream);
        return stream.ToArray();
    }
}
