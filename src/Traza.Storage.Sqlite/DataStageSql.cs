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
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT dead, data FROM ds_block WHERE {SqliteDatabase.ProgramSql} AND tabla = $t ORDER BY id";
        cmd.Parameters.AddWithValue("$t", table);
        var blocks = new List<(byte[]? Dead, byte[] Data)>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                blocks.Add((r.IsDBNull(0) ? null : (byte[])r.GetValue(0), (byte[])r.GetValue(1)));
            }
        }

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
}
