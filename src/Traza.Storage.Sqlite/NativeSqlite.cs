using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The few SQLite calls of a bulk append or a bulk read, bound straight to the native library that SQLitePCLRaw loads (e_sqlite3), on
/// raw statement and connection pointers. SQLitePCLRaw's own calls add a provider dispatch and SafeHandle reference
/// counting to each bind: with 19 columns a row that was 0.7 µs of the 2.3 µs a stand-alone loop spends per entries row
/// (docs/benchmarks.md, Imports). Callers keep the owning <c>sqlite3_stmt</c> and connection alive across these calls,
/// and check <see cref="EnsureSameLibrary"/> once: the pointers are only meaningful to the library that made them.
/// </summary>
internal static unsafe partial class NativeSqlite
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns, so managed buffers may move or be reused.</summary>
    private static readonly IntPtr Transient = new(-1);

    /// <summary>
    /// Throws unless SQLitePCLRaw runs the e_sqlite3 library these calls bind to (the bundle Microsoft.Data.Sqlite
    /// brings); another provider's handles would reach the wrong library.
    /// </summary>
    public static void EnsureSameLibrary()
    {
        var name = SQLitePCL.raw.GetNativeLibraryName();
        if (!string.Equals(name, Library, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Bulk appends and reads call {Library} directly, but SQLitePCLRaw runs '{name}'.");
        }
    }

    /// <summary>Binds UTF-8 text; empty text stays text (a null pointer would bind NULL).</summary>
    public static int BindText(IntPtr stmt, int index, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            byte empty = 0;
            return sqlite3_bind_text(stmt, index, &empty, 0, Transient);
        }

        fixed (byte* text = utf8)
        {
            return sqlite3_bind_text(stmt, index, text, utf8.Length, Transient);
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int BindInt64(IntPtr stmt, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int BindNull(IntPtr stmt, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Step(IntPtr stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Reset(IntPtr stmt);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ColumnType(IntPtr stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial double ColumnDouble(IntPtr stmt, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long ColumnInt64(IntPtr stmt, int column);

    /// <summary>A TEXT or BLOB value's bytes as stored (UTF-8 for text), valid until the next step or column call.</summary>
    public static ReadOnlySpan<byte> ColumnBytes(IntPtr stmt, int column)
    {
        var bytes = sqlite3_column_blob(stmt, column);
        return bytes is null ? [] : new ReadOnlySpan<byte>(bytes, sqlite3_column_bytes(stmt, column));
    }

    /// <summary>
    /// A column's canonical text (<see cref="SqlText.Canonical"/>: text as stored, an integer in invariant digits, NULL
    /// empty) as UTF-8 — the bytes the batch digest hashes and a stored row is compared by. Integers are written into
    /// <paramref name="digits"/> (24 bytes); the span is valid until the next step or column call.
    /// </summary>
    public static ReadOnlySpan<byte> CanonicalUtf8(IntPtr stmt, int column, Span<byte> digits)
    {
        switch (ColumnType(stmt, column))
        {
            case SQLitePCL.raw.SQLITE_TEXT:
                return ColumnBytes(stmt, column);
            case SQLitePCL.raw.SQLITE_INTEGER:
                _ = ColumnInt64(stmt, column).TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                return digits[..written];
            case SQLitePCL.raw.SQLITE_NULL:
                return [];
            case SQLitePCL.raw.SQLITE_FLOAT: // never written by Traza: a hand-edited value
                return Encoding.UTF8.GetBytes(SqlText.Canonical(ColumnDouble(stmt, column)));
            default: // a BLOB, likewise
                return Encoding.UTF8.GetBytes(SqlText.Canonical(ColumnBytes(stmt, column).ToArray()));
        }
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_changes")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Changes(IntPtr db);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial byte* sqlite3_column_blob(IntPtr stmt, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_column_bytes(IntPtr stmt, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_text(IntPtr stmt, int index, byte* text, int length, IntPtr destructor);
}
