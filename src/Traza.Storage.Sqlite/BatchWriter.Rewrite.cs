using System.Globalization;

namespace Traza.Storage.Sqlite;

// BatchWriter: rewriting the content of a row this batch appended (an entries lot summed over its rows, SPEC §3.4);
// the streamed digest then no longer holds.
public sealed partial class BatchWriter
{
    /// <summary>
    /// Rewrites the content of a row this batch appended (an entries lot summed over its rows, SPEC §3.4). The
    /// streamed digest no longer holds: the batch digest is recomputed from the stored rows at commit.
    /// </summary>
    public void Replace(TableSpec table, object[] key, IReadOnlyList<(string Column, object Value)> content)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        digest.Invalidate();
        using var cmd = Command(
            $"UPDATE \"{table.Name}\" SET {string.Join(", ", content.Select((c, i) => $"\"{c.Column}\" = $c{i.ToString(CultureInfo.InvariantCulture)}"))} " +
            $"WHERE {SqliteDatabase.ProgramSql} AND batch_id = $batch{string.Concat(table.Key.Select((k, i) => $" AND \"{k}\" = $k{i.ToString(CultureInfo.InvariantCulture)}"))}");
        for (var i = 0; i < content.Count; i++)
        {
            cmd.Parameters.AddWithValue("$c" + i.ToString(CultureInfo.InvariantCulture), content[i].Value);
        }

        for (var i = 0; i < key.Length; i++)
        {
            cmd.Parameters.AddWithValue("$k" + i.ToString(CultureInfo.InvariantCulture), key[i]);
        }

        cmd.Parameters.AddWithValue("$batch", BatchId);
        if (cmd.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"No row of {table.Name} in batch {BatchId} holds the key to replace.");
        }
    }
}
