using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Traza.Storage.Sqlite;

/// <summary>
/// One prepared statement driven through SQLitePCLRaw, for the bulk writes of the discharge (hundreds of thousands of rows):
/// parameters bound by position, no boxing, and a binding survives <see cref="Execute"/> until rebound, so values shared by
/// consecutive rows (a pool's client and part) are bound once. It runs inside whatever transaction the connection has
/// open. Microsoft.Data.Sqlite's per-execution parameter handling cost several microseconds per row here.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt stmt;
    private byte[] utf8 = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        this.connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out stmt));
    }

    /// <summary>Binds a text value (1-based <paramref name="index"/>), encoded to UTF-8 without allocating.</summary>
    public void Text(int index, string value)
    {
        var size = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < size)
        {
            utf8 = new byte[Math.Max(size, utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(length == 0 ? raw.sqlite3_bind_text(stmt, index, string.Empty) : raw.sqlite3_bind_text(stmt, index, utf8.AsSpan(0, length)));
    }

    public void Integer(int index, long value) => Check(raw.sqlite3_bind_int64(stmt, index, value));

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(stmt, index, value));

    /// <summary>Runs the statement with the current bindings; returns the rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(stmt);
        _ = raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
        }

        return raw.sqlite3_changes(connection.Handle);
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
