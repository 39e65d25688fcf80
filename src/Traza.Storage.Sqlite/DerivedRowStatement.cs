using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Traza.Storage.Sqlite;

/// <summary>
/// A prepared statement whose result rows are derived rows in canonical column order (<see cref="DerivedTable.Columns"/>):
/// a <c>SELECT</c> that <c>audit verify</c> sums, or a <c>DELETE … RETURNING</c> through which an incremental save removes
/// rows and their hashes from the digest in one pass (SQLite hands back what it deleted). Parameters bound by position, as
/// <see cref="RawStatement"/>; runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class DerivedRowStatement : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt stmt;
    private readonly int table;

    public DerivedRowStatement(SqliteConnection connection, int table, string sql)
    {
        this.connection = connection;
        this.table = table;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out stmt));
    }

    /// <summary>A <c>DELETE FROM table WHERE …</c> that returns the deleted rows' digested columns.</summary>
    public static DerivedRowStatement Delete(SqliteConnection connection, int table, string where) =>
        new(connection, table,
            $"DELETE FROM {DerivedDigest.Tables[table].Name} WHERE {where} RETURNING {DerivedDigest.Tables[table].Columns}");

    public void Text(int index, string value) => Check(raw.sqlite3_bind_text(stmt, index, value));

    public void Integer(int index, long value) => Check(raw.sqlite3_bind_int64(stmt, index, value));

    /// <summary>
    /// Steps through every result row, adding each row's hash to <paramref name="digest"/> with <paramref name="sign"/>
    /// (-1 for deleted rows), and shows each row to <paramref name="each"/> (column values by canonical position) when given.
    /// Returns the rows.
    /// </summary>
    public long Run(DerivedRowHasher hasher, DerivedDigest digest, int sign, Action<sqlite3_stmt>? each = null)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var columns = DerivedDigest.Tables[table].ColumnCount; // further result columns are only shown to each
        var count = 0L;
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                hasher.Begin(table);
                for (var c = 0; c < columns; c++)
                {
                    _ = raw.sqlite3_column_type(stmt, c) switch
                    {
                        raw.SQLITE_INTEGER => hasher.Integer(raw.sqlite3_column_int64(stmt, c)),
                        raw.SQLITE_TEXT => hasher.TextUtf8(raw.sqlite3_column_blob(stmt, c)),
                        raw.SQLITE_BLOB => hasher.Blob(raw.sqlite3_column_blob(stmt, c)),
                        raw.SQLITE_FLOAT => hasher.Real(raw.sqlite3_column_double(stmt, c)),
                        _ => hasher.Null(),
                    };
                }

                hasher.AddTo(digest, table, sign);
                each?.Invoke(stmt);
                count++;
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }
        finally
        {
            _ = raw.sqlite3_reset(stmt);
        }

        return count;
    }

    public void Dispose() => _ = raw.sqlite3_finalize(stmt);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(
                $"{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()} (SQLite {rc.ToString(CultureInfo.InvariantCulture)})", rc);
        }
    }
}
