using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// A prepared statement whose result rows are derived rows in canonical column order (<see cref="DerivedTable.Columns"/>):
/// a <c>SELECT</c> that <c>audit verify</c> sums, or a <c>DELETE … RETURNING</c> through which an incremental save removes
/// rows and their hashes from the digest in one pass (SQLite hands back what it deleted). A <see cref="NativeStatement"/>
/// underneath: parameters bound by position; runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class DerivedRowStatement : IDisposable
{
    private readonly NativeStatement stmt;
    private readonly int table;

    public DerivedRowStatement(SqliteConnection connection, int table, string sql)
    {
        this.table = table;
        stmt = new NativeStatement(connection, sql);
    }

    /// <summary>A <c>DELETE FROM table WHERE …</c> that returns the deleted rows' digested columns.</summary>
    public static DerivedRowStatement Delete(SqliteConnection connection, int table, string where) =>
        new(connection, table,
            $"DELETE FROM {DerivedDigest.Tables[table].Name} WHERE {where} RETURNING {DerivedDigest.Tables[table].Columns}");

    public void Text(int index, string value) => stmt.BindText(index, value);

    public void Integer(int index, long value) => stmt.BindInt64(index, value);

    /// <summary>
    /// Steps through every result row, adding each row's hash to <paramref name="digest"/> with <paramref name="sign"/>
    /// (-1 for deleted rows), and shows each row to <paramref name="each"/> (column values by canonical position) when given.
    /// Returns the rows.
    /// </summary>
    public long Run(DerivedRowHasher hasher, DerivedDigest digest, int sign, Action<NativeStatement>? each = null)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var columns = DerivedDigest.Tables[table].ColumnCount; // further result columns are only shown to each
        var count = 0L;
        try
        {
            while (stmt.Step())
            {
                hasher.Begin(table);
                for (var c = 0; c < columns; c++)
                {
                    _ = stmt.ColumnType(c) switch
                    {
                        NativeStatement.Integer => hasher.Integer(stmt.ColumnInt64(c)),
                        NativeStatement.Text => hasher.TextUtf8(stmt.ColumnBytes(c)),
                        NativeStatement.Blob => hasher.Blob(stmt.ColumnBytes(c)),
                        NativeStatement.Float => hasher.Real(stmt.ColumnDouble(c)),
                        _ => hasher.Null(),
                    };
                }

                hasher.AddTo(digest, table, sign);
                each?.Invoke(stmt);
                count++;
            }
        }
        finally
        {
            stmt.Reset();
        }

        return count;
    }

    public void Dispose() => stmt.Dispose();
}
