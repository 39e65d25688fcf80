using System.Text;

namespace Traza.Storage.Sqlite;

// BatchWriter: appending a row unless its key exists, and comparing an existing key's stored content (identical or a
// conflict, SPEC §4.1) — bound and stepped through NativeStatement (docs/architecture.md Decision 2b).
public sealed partial class BatchWriter
{
    /// <summary>
    /// Appends one row unless its key exists; an existing key is compared by content (every column but batch and
    /// line). Values are stored forms: string, long or DBNull.
    /// </summary>
    public InsertResult Insert(TableSpec table, object[] key, object[] content, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Append(table, LedgerRows.Encode(key, content, Writer(table).Row), line);
    }

    /// <summary>
    /// Appends one encoded row (<see cref="LedgerRows.Encode(EntryRecord, RowBuffer)"/> and the other overloads) unless its key
    /// exists; an existing key is compared by content (every column but batch and line).
    /// </summary>
    public InsertResult Append(TableSpec table, EncodedRow row, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        var writer = Writer(table);
        if (row.IsEmpty || row.Count != table.Columns)
        {
            throw new ArgumentException($"A row of {table.Name} has {table.Columns} columns.", nameof(row));
        }

        var stmt = writer.Insert;
        var columns = row.Count;

        // Bindings survive sqlite3_reset: a value equal to the previous row's (the client, a clave, a date, a NULL
        // column) is not bound again.
        var previous = writer.Previous;
        for (var i = 0; i < columns; i++)
        {
            if (previous.IsEmpty || !row.SameValue(i, previous))
            {
                Bind(stmt, i + 1, row, i);
            }
        }

        if (previous.IsEmpty)
        {
            stmt.BindInt64(columns + 1, BatchId);
        }

        writer.Previous = row;
        if (!table.LineInKey)
        {
            stmt.BindInt64(columns + 2, line);
        }

        var inserted = stmt.Execute() == 1;
        var digestedAhead = ReferenceEquals(table, ahead?.Table);
        if (inserted)
        {
            if (digestedAhead)
            {
                aheadAppended++;
            }
            else
            {
                Stream(writer, row, line);
            }

            return new InsertResult(InsertOutcome.Inserted, BatchId, line);
        }

        aheadBroken |= digestedAhead;

        return Compare(writer, row);
    }

    /// <summary>A chunk of rows appended one by one: SQLite's one-row path is already bound by the CPU (SPEC §8).</summary>
    public void Append(TableSpec table, ReadOnlySpan<StagedRow> rows, List<AppendMiss> misses) =>
        StagedRows.AppendEach(this, table, rows, misses);

    /// <summary>
    /// The stored row with <paramref name="row"/>'s key, read straight from SQLite and compared by canonical text
    /// (<see cref="SqlText.Canonical"/>, NULL as ""): identical or a conflict, with the batch and line that hold it.
    /// A file sent again under another name compares every row here (SPEC §4.1: the same content is skipped).
    /// </summary>
    private InsertResult Compare(TableWriter writer, EncodedRow row)
    {
        var table = writer.Table;
        var lookup = writer.Lookup;
        for (var i = 0; i < table.Key.Count; i++)
        {
            Bind(lookup, i + 1, row, i);
        }

        try
        {
            if (!lookup.Step())
            {
                throw new InvalidOperationException($"Insert into {table.Name} was ignored but no row holds its key.");
            }

            var same = true;
            Span<byte> digits = stackalloc byte[24];
            for (var i = 0; i < table.Content.Count && same; i++)
            {
                same = lookup.CanonicalUtf8(i, digits).SequenceEqual(row.Utf8(table.Key.Count + i));
            }

            var content = table.Content.Count;
            return new InsertResult(same ? InsertOutcome.Identical : InsertOutcome.Conflict,
                lookup.ColumnInt64(content), lookup.ColumnInt64(content + 1));
        }
        finally
        {
            lookup.Reset();
        }
    }

    private static void Bind(NativeStatement stmt, int index, EncodedRow row, int column)
    {
        switch (row.Kind(column))
        {
            case ValueKind.Text:
                stmt.BindText(index, row.Utf8(column));
                break;
            case ValueKind.Integer:
                stmt.BindInt64(index, row.Integer(column));
                break;
            default:
                stmt.BindNull(index);
                break;
        }
    }

    /// <summary>
    /// The stored row of <paramref name="table"/> with <paramref name="key"/>: its content columns (string, long or
    /// DBNull), batch and line; null when no row holds the key.
    /// </summary>
    public (object[] Content, long BatchId, long Line)? Find(TableSpec table, object[] key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        var lookup = Writer(table).Lookup;
        for (var i = 0; i < key.Length; i++)
        {
            switch (key[i])
            {
                case string text:
                    lookup.BindText(i + 1, text);
                    break;
                case long number:
                    lookup.BindInt64(i + 1, number);
                    break;
                case int number:
                    lookup.BindInt64(i + 1, number);
                    break;
                default:
                    lookup.BindNull(i + 1);
                    break;
            }
        }

        try
        {
            if (!lookup.Step())
            {
                return null;
            }

            var content = new object[table.Content.Count];
            for (var i = 0; i < content.Length; i++)
            {
                content[i] = lookup.ColumnType(i) switch
                {
                    NativeStatement.Text => Encoding.UTF8.GetString(lookup.ColumnBytes(i)),
                    NativeStatement.Integer => lookup.ColumnInt64(i),
                    NativeStatement.Float => lookup.ColumnDouble(i),
                    NativeStatement.Null => DBNull.Value,
                    _ => lookup.ColumnBytes(i).ToArray(),
                };
            }

            return (content, lookup.ColumnInt64(content.Length), lookup.ColumnInt64(content.Length + 1));
        }
        finally
        {
            lookup.Reset();
        }
    }
}
