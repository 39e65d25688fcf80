using Traza.Tests.Shared;
using Traza.Domain.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Traza.Storage.Tests.Government;

/// <summary>
/// The Data Stage block codec (migration 0020) writes each row relative to the previous one (a line one after the last, the
/// same pedimento and split, the same Fecha_Ejecucion are a flag, not bytes) and compresses the block: over random rows
/// of every table — keys with and without pedimento and partida, lines that step by one or jump, typed values of every
/// kind, raw lines with awkward text — what <see cref="DataStageBlockCodec.RowsJson"/> and
/// DataStageBlockCodec.AppendRows (with and without one read's shared strings) decode is what was written, less the rows marked dead.
/// </summary>
public sealed class DataStageBlockPropertyTests
{
    private static readonly string[] TableNames = [.. GovernmentSchema.Tables.Keys];

    /// <summary>A typed value: its kind (null, int, text, decimal, date, field) and value.</summary>
    public sealed record Typed(string Kind, object? Value);

    public sealed record Row(long Line, DataStageKey Key, ulong Hash, DateOnly? Executed, Typed[] Values, string Raw)
    {
        public override string ToString() =>
            $"line {Line} {Key} hash {Hash:x} executed {Executed} [{string.Join(", ", Values.Select(v => $"{v.Kind} {v.Value}"))}] raw \"{Raw}\"";
    }

    public sealed record Block(string Table, Row[] Rows, byte[] Dead);

    /// <summary>Text as UTF-8 keeps it (a lone surrogate becomes U+FFFD).</summary>
    private static string Stored(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));

    private static readonly Gen<string> RawLine =
        from fields in Gen.Frequency((3, EdgeValues.Text), (1, Gen.OneOf(" 12 ", "", "|", " x|y ")),
            (1, Gen.OneOf(" 1,234.500 ", "-0.000", "+7", "7E3", "0.0000000000000000000000000001", "99999999999999999999999999999.5", "\t3.25\u00A0")))
            .Array[0, 8]
        select string.Join('|', fields);

    private static Gen<Typed> Value(int fields) => Gen.Frequency(
        (1, Gen.Const(new Typed("null", null))),
        (2, EdgeValues.Integer.Select(v => new Typed("int", v))),
        (2, EdgeValues.Text.Select(v => new Typed("text", v))),
        (1, Gen.OneOf("", " 5 ", "-12.50", "1e2", "12,5").Select(v => new Typed("text", v))),
        (2, EdgeValues.Decimal.Select(v => new Typed("decimal", v))),
        (2, EdgeValues.Date.Select(v => new Typed("date", v))),
        (2, Gen.Int[-1, fields + 1].Select(v => new Typed("field", v))));

    private static readonly Gen<DataStageKey> Key =
        from pedimento in Gen.Frequency((1, Gen.Const(-1L)), (4, Gen.Long[250000000000000, 259999999999999]), (1, Gen.Long[0, 5]))
        from split in Gen.Frequency((4, Gen.Long[0, 99_999_999_999_999]), (1, Gen.Long[0, 3]))
        from partida in Gen.Frequency((1, Gen.Const(-1)), (4, Gen.Int[0, 999]), (1, Gen.Int[int.MaxValue - 2, int.MaxValue - 1]))
        select new DataStageKey(pedimento, split, partida);

    private static Gen<Row[]> Rows(GovernmentSchema.DsTable spec) =>
        from count in Gen.Int[0, 40]
        from steps in Gen.Frequency((3, Gen.Const(1L)), (1, Gen.Long[0, 1_000_000]), (1, Gen.Long[1L << 40, (1L << 40) + 5])).Array[count]
        from keys in Key.Array[count]
        from sameKey in Gen.Bool.Array[count]
        from hashes in Gen.ULong.Array[count]
        from executed in Gen.Frequency((1, Gen.Const(default(DateOnly?))), (2, Gen.Int[0, 3].Select(d => (DateOnly?)new DateOnly(2025, 1, 1).AddDays(d))),
            (1, EdgeValues.Date.Select(d => (DateOnly?)d))).Array[count]
        from raws in RawLine.Array[count]
        from values in Value(8).Array[spec.Typed.Count - (spec.NaturalKey ? 1 : 0)].Array[count]
        select Build(steps, keys, sameKey, hashes, executed, raws, values);

    private static Row[] Build(long[] steps, DataStageKey[] keys, bool[] sameKey, ulong[] hashes, DateOnly?[] executed, string[] raws, Typed[][] values)
    {
        var rows = new Row[steps.Length];
        var line = 0L;
        for (var i = 0; i < rows.Length; i++)
        {
            line += steps[i];
            var key = i > 0 && sameKey[i] ? keys[i - 1] with { Partida = keys[i].Partida } : keys[i];
            keys[i] = key;
            rows[i] = new Row(line, key, hashes[i], executed[i], values[i], raws[i]);
        }

        return rows;
    }

    private static readonly Gen<Block> Blocks =
        from table in Gen.OneOf(TableNames)
        from rows in Rows(GovernmentSchema.Tables[table])
        from dead in Gen.Byte.Array[0, 6]
        select new Block(table, rows, dead);

    [Fact]
    public void A_block_decodes_to_the_rows_written_less_the_dead()
    {
        Blocks.Sample(b =>
        {
            var spec = GovernmentSchema.Tables[b.Table];
            var block = new DataStageBlock(b.Table, "F1");
            foreach (var row in b.Rows)
            {
                Write(block, row);
            }

            block.Count.ShouldBe(b.Rows.Length);
            var scratch = Array.Empty<byte>();
            var data = DataStageBlockCodec.Compress(block.Data, ref scratch);
            var dead = b.Dead.Length == 0 ? null : b.Dead;
            var live = b.Rows.Where((_, i) => !DataStageBlockCodec.IsDead(dead, i)).ToArray();

            using var json = JsonDocument.Parse(DataStageBlockCodec.RowsJson(b.Table, data, dead));
            var decoded = json.RootElement.EnumerateArray().ToArray();
            decoded.Length.ShouldBe(live.Length);
            for (var i = 0; i < live.Length; i++)
            {
                ShouldDecodeTo(decoded[i], live[i], spec);
            }

            var typedColumns = Enumerable.Range(0, spec.Typed.Count - (spec.NaturalKey ? 1 : 0)).ToArray();
            var appended = new List<(DataStageKey Key, string?[] Values)>();
            DataStageBlockCodec.AppendRows(dead, data, typedColumns, appended);
            appended.Select(r => r.Key).ShouldBe(live.Select(r => r.Key));
            for (var i = 0; i < live.Length; i++)
            {
                appended[i].Values.ShouldBe(live[i].Values.Select(v => Text(v, live[i].Raw)).ToArray(), $"row {i}");
            }

            // The same rows through one read's shared buffer and strings, the block read twice (the second from the cache).
            var texts = new DataStageBlockCodec.TypedTexts();
            foreach (var _ in new[] { 1, 2 })
            {
                var shared = new List<(DataStageKey Key, string?[] Values)>();
                DataStageBlockCodec.AppendRows(dead, data, typedColumns, shared, texts);
                shared.Select(r => r.Key).ShouldBe(appended.Select(r => r.Key));
                for (var i = 0; i < live.Length; i++)
                {
                    shared[i].Values.ShouldBe(appended[i].Values, $"row {i}, shared strings");
                }
            }

            // The runs: text columns as AppendRows gives them, numbers parsed from the stored bytes as from that text.
            var rows = new DataStageBlockCodec.RowReader(DataStageBlockCodec.Decompress(data));
            var r = 0;
            while (rows.Next())
            {
                var (typed, raw) = (rows.TypedSpan().ToArray(), rows.Raw.ToArray());
                for (var c = 0; c < typedColumns.Length; c++)
                {
                    var text = Text(b.Rows[r].Values[c], b.Rows[r].Raw);
                    var column = c;
                    Outcome(() => DataStageBlockCodec.TypedTexts.Number(typed, raw, column))
                        .ShouldBe(Outcome(() => DataStageRun.Number(text)), $"row {r} column {c} ({b.Rows[r].Values[c].Kind} '{text}')");
                }

                r++;
            }

            var numbers = typedColumns.Where(c => live.All(row => Outcome(() => DataStageRun.Number(Text(row.Values[c], row.Raw)))[0] != '!')).ToArray();
            var run = DataStageBlockCodec.ReadRun(dead, data, typedColumns, numbers, new DataStageBlockCodec.TypedTexts());
            var plain = DataStageRun.From(
                [.. appended.Select(a => new GovernmentRow(a.Key.Pedimento >= 0 ? a.Key.Pedimento.ToString("D15", CultureInfo.InvariantCulture) : "",
                    Math.Max(a.Key.Partida, 0), [.. a.Values, .. numbers.Select(c => a.Values[c])]))],
                typedColumns.Length, numbers.Length);
            run.Count.ShouldBe(plain.Count);
            run.Pedimentos.ShouldBe(plain.Pedimentos);
            run.Partidas.ShouldBe(plain.Partidas);
            for (var c = 0; c < typedColumns.Length; c++)
            {
                run.Texts[c].ShouldBe(plain.Texts[c], $"text column {c}");
            }

            for (var c = 0; c < numbers.Length; c++)
            {
                run.Numbers[c].Select(Exact).ShouldBe(plain.Numbers[c].Select(Exact), $"number column {numbers[c]}");
            }
        }, iter: 500, print: b => $"{b.Table} dead={Convert.ToHexString(b.Dead)}\n" + string.Join('\n', b.Rows.Select(r => r.ToString())));
    }

    /// <summary>A number with its scale ("1.50" is not "1.5"), or the exception a read threw ('!' and its type).</summary>
    private static string Outcome(Func<decimal?> read)
    {
        try
        {
            return Exact(read());
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return "!" + e.GetType().Name;
        }
    }

    private static string Exact(decimal? d) => d is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null";

    private static void Write(DataStageBlock block, Row row)
    {
        block.BeginRow(row.Line, row.Key, row.Hash, row.Executed);
        foreach (var v in row.Values)
        {
            switch (v.Kind)
            {
                case "null":
                    block.Null();
                    break;
                case "int":
                    block.Int((long)v.Value!);
                    break;
                case "text":
                    block.Text((string)v.Value!);
                    break;
                case "decimal":
                    block.Decimal((decimal)v.Value!);
                    break;
                case "date":
                    block.Date((DateOnly)v.Value!);
                    break;
                default:
                    block.Field((int)v.Value!);
                    break;
            }
        }

        block.EndRow(row.Raw);
    }

    /// <summary>What a typed value reads back as: integers in invariant digits, decimals as SqlText, fields trimmed, "" as null.</summary>
    private static string? Text(Typed v, string raw) => v.Kind switch
    {
        "int" => ((long)v.Value!).ToString(CultureInfo.InvariantCulture),
        "text" => Stored((string)v.Value!),
        "decimal" => CanonicalText.Decimal((decimal)v.Value!),
        "date" => CanonicalText.Date((DateOnly)v.Value!),
        "field" => FieldOf(raw, (int)v.Value!),
        _ => null,
    };

    private static string? FieldOf(string raw, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var fields = Stored(raw).Split('|');
        var text = index < fields.Length ? fields[index].Trim() : string.Empty;
        return text.Length == 0 ? null : text;
    }

    private static void ShouldDecodeTo(JsonElement row, Row expected, GovernmentSchema.DsTable spec)
    {
        var cells = row.EnumerateArray().ToArray();
        var typedCount = spec.Typed.Count - (spec.NaturalKey ? 1 : 0);
        cells.Length.ShouldBe(7 + typedCount + (spec.NaturalKey ? 1 : 0) + 1);
        var k = expected.Key;
        cells[0].GetString().ShouldBe(k.Pedimento < 0 ? "" : k.Pedimento.ToString("D15", CultureInfo.InvariantCulture));
        var split = k.Split.ToString("D14", CultureInfo.InvariantCulture);
        (cells[1].GetString() + cells[2].GetString() + cells[3].GetString()).ShouldBe(split);
        Nullable(cells[4])?.GetInt32().ShouldBe(k.Partida);
        (Nullable(cells[4]) is null).ShouldBe(k.Partida < 0);
        cells[5].GetString().ShouldBe(expected.Hash.ToString("x16", CultureInfo.InvariantCulture));
        cells[6].GetInt64().ShouldBe(expected.Line);
        for (var i = 0; i < typedCount; i++)
        {
            var cell = cells[7 + i];
            var value = expected.Values[i];
            if (value.Kind == "int")
            {
                cell.GetInt64().ShouldBe((long)value.Value!);
            }
            else
            {
                (cell.ValueKind == JsonValueKind.Null ? null : cell.GetString()).ShouldBe(Text(value, expected.Raw), $"typed {i} ({value.Kind})");
            }
        }

        if (spec.NaturalKey)
        {
            var executed = cells[7 + typedCount];
            (executed.ValueKind == JsonValueKind.Null ? null : executed.GetString())
                .ShouldBe(expected.Executed is { } e ? CanonicalText.Date(e) : null);
        }

        cells[^1].GetString().ShouldBe(Stored(expected.Raw));
    }

    private static JsonElement? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e;
}
