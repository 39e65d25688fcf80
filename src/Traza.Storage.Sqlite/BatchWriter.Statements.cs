using System.Globalization;

namespace Traza.Storage.Sqlite;

// BatchWriter: one prepared insert and key lookup per ledger table, prepared on first use, with a row buffer and
// whether the table's columns are in the digest's order.
public sealed partial class BatchWriter
{
    private TableWriter Writer(TableSpec table)
    {
        if (ReferenceEquals(table, lastWriter?.Table))
        {
            return lastWriter;
        }

        if (writers.TryGetValue(table.Name, out var found))
        {
            lastWriter = found;
            return found;
        }

        var columns = new List<string> { "program_id" };
        columns.AddRange(table.Key);
        columns.AddRange(table.Content);
        columns.Add("batch_id");
        if (!table.LineInKey)
        {
            columns.Add("line");
        }

        var sql = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) " +
            $"VALUES ({SqliteDatabase.ProgramIdSql}{string.Concat(columns.Skip(1).Select(_ => ", ?"))}) ON CONFLICT DO NOTHING";
        var selected = string.Join(", ", table.Content.Select(c => "\"" + c + "\"").Append("batch_id").Append("line"));
        var byKey = string.Concat(table.Key.Select((k, i) => $" AND \"{k}\" = ?{(i + 1).ToString(CultureInfo.InvariantCulture)}"));
        var lookupSql = $"SELECT {selected} FROM \"{table.Name}\" WHERE {SqliteDatabase.ProgramSql}{byKey}";
        var insert = new NativeStatement(connection, sql);
        NativeStatement lookup;
        try
        {
            lookup = new NativeStatement(connection, lookupSql);
        }
        catch
        {
            insert.Dispose();
            throw;
        }

        var declared = new List<string>();
        using (var info = Command("SELECT name FROM pragma_table_info($t) ORDER BY cid"))
        {
            info.Parameters.AddWithValue("$t", table.Name);
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                declared.Add(reader.GetString(0));
            }
        }

        var writer = new TableWriter(table, insert, lookup, new RowBuffer(table.Columns), declared.SequenceEqual(columns));
        writers[table.Name] = writer;
        lastWriter = writer;
        return writer;
    }

    /// <summary>
    /// A table's prepared insert, its key lookup, a buffer for encoding its rows on the writer's thread and whether its
    /// columns are in declaration order.
    /// </summary>
    private sealed class TableWriter(
        TableSpec table, NativeStatement insert, NativeStatement lookup, RowBuffer row, bool declarationOrder) : IDisposable
    {
        public TableSpec Table { get; } = table;

        /// <summary>The row's insert: program_id, key, content, batch_id and line unless in the key; ignored on a taken key.</summary>
        public NativeStatement Insert { get; } = insert;

        /// <summary>The stored row of a key (content, batch_id, line).</summary>
        public NativeStatement Lookup { get; } = lookup;

        public RowBuffer Row { get; } = row;

        /// <summary>The row last bound to <see cref="Insert"/> (empty before the first).</summary>
        public EncodedRow Previous { get; set; }

        /// <summary>True when program_id, key, content, batch_id, line is the table's declaration order (the digest's column order).</summary>
        public bool DeclarationOrder { get; } = declarationOrder;

        public void Dispose()
        {
            Insert.Dispose();
            Lookup.Dispose();
        }
    }
}
