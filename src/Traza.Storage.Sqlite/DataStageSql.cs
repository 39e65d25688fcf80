using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>SQLite's side of the Data Stage blocks (<see cref="DataStageBlockCodec"/>): the view function and block scans.</summary>
public static class DataStageSql
{
    /// <summary>Registers <c>ds_rows</c> on a connection; every connection <see cref="SqliteDatabase.Open"/> opens has it.</summary>
    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.CreateFunction<string, byte[]?, byte[]?, string>("ds_rows", DataStageBlockCodec.RowsJson, isDeterministic: true);
    }

    /// <summary>
    /// The live rows of one table with some of their typed values as text (as the views give them; integers in
    /// invariant digits), read from the blocks directly — what a report reading many rows uses instead of the views.
    /// </summary>
    public static List<(DataStageKey Key, string?[] Values)> ReadRows(SqliteConnection connection, SqliteTransaction? tx, string table,
        IReadOnlyList<int> typedColumns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(typedColumns);
        var result = new List<(DataStageKey, string?[])>();
        var blocks = Blocks(connection, tx, table);
        // The blocks read in order, decoded on every core (decompression and text are the cost: 551 and 512 of `large` are
        // 2.5 M rows), their rows kept in block order.
        var decoded = new List<(DataStageKey, string?[])>[blocks.Count];
        Parallel.For(0, blocks.Count, () => new DataStageBlockCodec.TypedTexts(), (i, _, texts) =>
        {
            var rows = new List<(DataStageKey, string?[])>();
            DataStageBlockCodec.AppendRows(blocks[i].Dead, blocks[i].Data, typedColumns, rows, texts);
            decoded[i] = rows;
            return texts;
        }, _ => { });
        result.Capacity = decoded.Sum(d => d.Count);
        foreach (var rows in decoded)
        {
            result.AddRange(rows);
        }

        return result;
    }

    /// <summary>
    /// The live rows of one pedimento (15 digits) in one table, as <see cref="ReadRows"/> gives them: only the blocks whose
    /// key range (<c>min_key</c>, <c>max_key</c>: pedimento and split key) can hold it are read — a point read for a
    /// pedimento's page.
    /// </summary>
    public static List<(DataStageKey Key, string?[] Values)> ReadRowsOf(SqliteConnection connection, SqliteTransaction? tx, string table,
        IReadOnlyList<int> typedColumns, string pedimento)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(typedColumns);
        ArgumentNullException.ThrowIfNull(pedimento);
        var result = new List<(DataStageKey, string?[])>();
        if (pedimento.Length != 15 || !long.TryParse(pedimento, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return result; // Data Stage keys only 15-digit pedimentos
        }

        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        // A group key is the pedimento's 15 digits then the split key's: '~' sorts after every character a split key has.
        cmd.CommandText = $"SELECT dead, data FROM ds_block WHERE {SqliteDatabase.ProgramSql} AND tabla = $t AND min_key <= $max AND max_key >= $min ORDER BY id";
        cmd.Parameters.AddWithValue("$t", table);
        cmd.Parameters.AddWithValue("$min", pedimento);
        cmd.Parameters.AddWithValue("$max", pedimento + "~");
        var texts = new DataStageBlockCodec.TypedTexts();
        var rows = new List<(DataStageKey Key, string?[] Values)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            rows.Clear();
            DataStageBlockCodec.AppendRows(r.IsDBNull(0) ? null : (byte[])r.GetValue(0), (byte[])r.GetValue(1), typedColumns, rows, texts);
            result.AddRange(rows.Where(row => row.Key.Pedimento == number));
        }

        return result;
    }

    /// <summary>
    /// The live rows of one table as runs, one per block in block order (<see cref="IGovernmentReader.DataStageRuns"/>): the
    /// blocks read now, decoded in the background on all cores but one (contiguous ranges of blocks, the number columns parsed
    /// without their text); reading a run waits for its range. So a caller that asks for the runs first and reads the ledger
    /// meanwhile has both cores busy (docs/benchmarks.md, "Reconcile on large, third pass").
    /// </summary>
    public static IReadOnlyList<DataStageRun> ReadRuns(SqliteConnection connection, SqliteTransaction? tx, string table,
        IReadOnlyList<int> textColumns, IReadOnlyList<int> numberColumns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(textColumns);
        ArgumentNullException.ThrowIfNull(numberColumns);
        return new DecodingRuns(Blocks(connection, tx, table), [.. textColumns], [.. numberColumns]);
    }

    /// <summary>Runs being decoded: <see cref="Environment.ProcessorCount"/> − 1 ranges of blocks (at least one), each one task.</summary>
    private sealed class DecodingRuns : IReadOnlyList<DataStageRun>
    {
        private readonly DataStageRun[] runs;
        private readonly int[] rangeOf;
        private readonly Task[] ranges;

        public DecodingRuns(List<(byte[]? Dead, byte[] Data)> blocks, int[] textColumns, int[] numberColumns)
        {
            runs = new DataStageRun[blocks.Count];
            rangeOf = new int[blocks.Count];
            // One core fewer than the machine has: the caller's thread goes on reading (the ledger) meanwhile.
            ranges = new Task[Math.Min(blocks.Count, Math.Max(1, Environment.ProcessorCount - 1))];
            for (var k = 0; k < ranges.Length; k++)
            {
                var (from, to) = (blocks.Count * k / ranges.Length, blocks.Count * (k + 1) / ranges.Length);
                Array.Fill(rangeOf, k, from, to - from);
                ranges[k] = Task.Run(() =>
                {
                    var texts = new DataStageBlockCodec.TypedTexts();
                    for (var i = from; i < to; i++)
                    {
                        runs[i] = DataStageBlockCodec.ReadRun(blocks[i].Dead, blocks[i].Data, textColumns, numberColumns, texts);
                        blocks[i] = default; // its bytes are garbage once decoded
                    }
                });
            }
        }

        public int Count => runs.Length;

        public DataStageRun this[int index]
        {
            get
            {
                ranges[rangeOf[index]].GetAwaiter().GetResult();
                return runs[index];
            }
        }

        public IEnumerator<DataStageRun> GetEnumerator()
        {
            for (var i = 0; i < runs.Length; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static List<(byte[]? Dead, byte[] Data)> Blocks(SqliteConnection connection, SqliteTransaction? tx, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT dead, data FROM ds_block WHERE {SqliteDatabase.ProgramSql} AND tabla = $t ORDER BY id";
        cmd.Parameters.AddWithValue("$t", table);
        var blocks = new List<(byte[]? Dead, byte[] Data)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            blocks.Add((r.IsDBNull(0) ? null : (byte[])r.GetValue(0), (byte[])r.GetValue(1)));
        }

        return blocks;
    }
}
