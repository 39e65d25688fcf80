using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// One prepared statement on the e_sqlite3 library that Microsoft.Data.Sqlite loads through SQLitePCLRaw: the only type in
/// Traza that calls SQLite natively (docs/architecture.md Decision 2b). The bulk paths — ledger appends, the batch digest,
/// derived-data writes and the lean scans — bind and read by position here, with no boxing, no per-call provider dispatch
/// and no per-call SafeHandle reference counting.
/// <para>
/// Lifetime is owned, not kept by convention: the statement is a <see cref="SafeHandle"/> of its own (finalized on
/// <see cref="Dispose"/>, or by the finalizer if a caller forgets), and the connection's handle is leased with
/// <see cref="SafeHandle.DangerousAddRef"/> from prepare to dispose, so closing the connection while a statement is alive
/// cannot free the <c>sqlite3*</c> under it. A statement never disposed is finalized by its handle, but its lease then
/// keeps the connection open natively until the process ends: always dispose. Not thread-safe: one statement, one thread
/// at a time (as SQLite's own).
/// </para>
/// </summary>
internal sealed unsafe partial class NativeStatement : IDisposable
{
    private const string Library = "e_sqlite3";

    /// <summary>The oldest SQLite Traza's SQL needs: <c>RETURNING</c> (3.35), <c>unixepoch</c> and built-in JSON (3.38).</summary>
    internal const int MinimumVersion = 3_038_000;

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bytes before the call returns, so managed buffers may move or be reused.</summary>
    private static readonly IntPtr Transient = new(-1);

    private static readonly Lazy<string?> LibraryProblem = new(LoadedLibraryProblem);

    private readonly SQLitePCL.sqlite3 connectionHandle;
    private readonly StatementHandle handle;

    /// <summary>The leased connection pointer and the owned statement pointer, valid until <see cref="Dispose"/>.</summary>
    private readonly IntPtr db;

    private readonly IntPtr stmt;
    private byte[] utf8 = new byte[256];
    private bool disposed;

    /// <summary>Prepares <paramref name="sql"/> (one statement) on an open connection; it runs in whatever transaction is open.</summary>
    public NativeStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sql);
        EnsureLibrary();
        connectionHandle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var leased = false;
        connectionHandle.DangerousAddRef(ref leased);
        try
        {
            db = connectionHandle.DangerousGetHandle();
            var text = Encoding.UTF8.GetBytes(sql);
            IntPtr prepared;
            int rc;
            fixed (byte* p = text)
            {
                rc = sqlite3_prepare_v2(db, p, text.Length, &prepared, IntPtr.Zero);
            }

            if (rc != Ok)
            {
                _ = sqlite3_finalize(prepared);
                throw Error(rc);
            }

            if (prepared == IntPtr.Zero)
            {
                throw new ArgumentException("The SQL text holds no statement.", nameof(sql));
            }

            handle = new StatementHandle(prepared);
            stmt = prepared;
        }
        catch
        {
            connectionHandle.DangerousRelease();
            throw;
        }
    }

    public const int Ok = 0;

    public const int Row = 100;

    public const int Done = 101;

    /// <summary>Column types as <c>sqlite3_column_type</c> returns them.</summary>
    public const int Integer = 1, Float = 2, Text = 3, Blob = 4, Null = 5;

    /// <summary>
    /// Throws unless SQLitePCLRaw runs e_sqlite3 — the library these calls bind to — at <see cref="MinimumVersion"/> or
    /// later; checked once per process.
    /// </summary>
    public static void EnsureLibrary()
    {
        if (LibraryProblem.Value is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string? LoadedLibraryProblem()
    {
        var provider = SQLitePCL.raw.GetNativeLibraryName();
        try
        {
            return CheckLibrary(provider, sqlite3_libversion_number(), SQLitePCL.raw.sqlite3_libversion_number());
        }
        catch (DllNotFoundException e)
        {
            return $"Traza calls SQLite's {Library} library directly, but it cannot be loaded ({e.Message}); " +
                $"Microsoft.Data.Sqlite runs '{provider}'.";
        }
    }

    /// <summary>
    /// Why a library cannot serve these calls, or null when it can: <paramref name="providerLibrary"/> is the name SQLitePCLRaw
    /// loaded, <paramref name="version"/> what e_sqlite3 reports to this type and <paramref name="providerVersion"/> what it
    /// reports to SQLitePCLRaw (two numbers would mean two libraries in one process).
    /// </summary>
    internal static string? CheckLibrary(string providerLibrary, int version, int providerVersion)
    {
        if (!string.Equals(providerLibrary, Library, StringComparison.Ordinal))
        {
            return $"Traza calls SQLite's {Library} library directly, but Microsoft.Data.Sqlite runs '{providerLibrary}' " +
                "(SQLitePCLRaw's provider was changed): reference SQLitePCLRaw.bundle_e_sqlite3 as Traza.Storage.Sqlite does.";
        }

        if (version != providerVersion)
        {
            return $"Two SQLite libraries are loaded: {Library} {Format(version)} here, " +
                $"{Format(providerVersion)} in Microsoft.Data.Sqlite.";
        }

        return version < MinimumVersion
            ? $"SQLite {Format(version)} is too old: Traza needs {Format(MinimumVersion)} or later ({Library})."
            : null;
    }

    /// <summary>A <c>sqlite3_libversion_number</c> as <c>3.38.0</c>.</summary>
    internal static string Format(int version) => string.Create(CultureInfo.InvariantCulture,
        $"{version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}");

    /// <summary>The version number of the library this type calls.</summary>
    public static int LibraryVersion => sqlite3_libversion_number();

    /// <summary>Binds UTF-8 text (1-based <paramref name="index"/>); empty text stays text, not NULL.</summary>
    public void BindText(int index, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        byte empty = 0;
        int rc;
        fixed (byte* text = value)
        {
            rc = sqlite3_bind_text(stmt, index, value.IsEmpty ? &empty : text, value.Length, Transient);
        }

        Check(rc);
    }

    /// <summary>Binds a string as UTF-8, encoded into a reused buffer.</summary>
    public void BindText(int index, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var size = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (utf8.Length < size)
        {
            utf8 = new byte[Math.Max(size, utf8.Length * 2)];
        }

        BindText(index, utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, utf8)));
    }

    /// <summary>Binds a blob; an empty one stays a zero-length blob, not NULL.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        byte empty = 0;
        int rc;
        fixed (byte* bytes = value)
        {
            rc = sqlite3_bind_blob(stmt, index, value.IsEmpty ? &empty : bytes, value.Length, Transient);
        }

        Check(rc);
    }

    public void BindInt64(int index, long value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Check(sqlite3_bind_int64(stmt, index, value));
    }

    public void BindNull(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Check(sqlite3_bind_null(stmt, index));
    }

    /// <summary>Binds text, or NULL for null.</summary>
    public void BindTextOrNull(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
        }
        else
        {
            BindText(index, value);
        }
    }

    /// <summary>
    /// Steps once: true on a row, false when done. Any other result throws a <see cref="SqliteException"/> with SQLite's
    /// message; the statement then needs <see cref="Reset"/> before it runs again.
    /// </summary>
    public bool Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var rc = sqlite3_step(stmt);
        return rc switch
        {
            Row => true,
            Done => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>
    /// Runs a statement that returns no rows with the current bindings and resets it (bindings survive); returns the
    /// rows it changed.
    /// </summary>
    public int Execute()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var rc = sqlite3_step(stmt);
        if (rc != Done)
        {
            var error = Error(rc == Row ? Misuse : rc, rc == Row ? "the statement returned a row" : null);
            _ = sqlite3_reset(stmt);
            throw error;
        }

        _ = sqlite3_reset(stmt);
        return sqlite3_changes(db);
    }

    /// <summary>Makes the statement ready to run again; bindings are kept.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        _ = sqlite3_reset(stmt); // returns the last step's error, already reported by Step
    }

    /// <summary>The rows the last completed INSERT, UPDATE or DELETE on the connection changed.</summary>
    public int Changes
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return sqlite3_changes(db);
        }
    }

    /// <summary>The type of a result column of the current row (<see cref="Integer"/> … <see cref="Null"/>).</summary>
    public int ColumnType(int column)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return sqlite3_column_type(stmt, column);
    }

    public bool IsNull(int column) => ColumnType(column) == Null;

    public long ColumnInt64(int column)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return sqlite3_column_int64(stmt, column);
    }

    public double ColumnDouble(int column)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return sqlite3_column_double(stmt, column);
    }

    /// <summary>A TEXT (UTF-8 as stored) or BLOB value's bytes, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> ColumnBytes(int column)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var bytes = sqlite3_column_blob(stmt, column);
        return bytes is null ? [] : new ReadOnlySpan<byte>(bytes, sqlite3_column_bytes(stmt, column));
    }

    /// <summary>A TEXT value as a string (invalid UTF-8 becomes U+FFFD); NULL is null.</summary>
    public string? ColumnText(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(ColumnBytes(column));

    /// <summary>
    /// A column's canonical text (<see cref="SqlText.Canonical"/>: text as stored, an integer in invariant digits, NULL
    /// empty) as UTF-8 — the bytes the batch digest hashes and a stored row is compared by. Integers are written into
    /// <paramref name="digits"/> (24 bytes); the span is valid until the next step or column call.
    /// </summary>
    public ReadOnlySpan<byte> CanonicalUtf8(int column, Span<byte> digits)
    {
        switch (ColumnType(column))
        {
            case Text:
                return ColumnBytes(column);
            case Integer:
                _ = ColumnInt64(column).TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                return digits[..written];
            case Null:
                return [];
            case Float: // never written by Traza: a hand-edited value
                return Encoding.UTF8.GetBytes(SqlText.Canonical(ColumnDouble(column)));
            default: // a BLOB, likewise
                return Encoding.UTF8.GetBytes(SqlText.Canonical(ColumnBytes(column).ToArray()));
        }
    }

    /// <summary>Finalizes the statement, then ends the lease on the connection (in that order: the statement needs it).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        handle.Dispose();
        connectionHandle.DangerousRelease();
    }

    private const int Misuse = 21;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(int rc)
    {
        if (rc != Ok)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc, string? detail = null)
    {
        var message = detail ?? Marshal.PtrToStringUTF8((IntPtr)sqlite3_errmsg(db)) ?? "unknown error";
        return new SqliteException(
            $"SQLite Error {rc.ToString(CultureInfo.InvariantCulture)}: '{message}'.", rc, sqlite3_extended_errcode(db));
    }

    /// <summary>Owns a <c>sqlite3_stmt*</c>: finalized exactly once, by <see cref="Dispose"/> or else by the finalizer.</summary>
    private sealed class StatementHandle : SafeHandle
    {
        public StatementHandle(IntPtr stmt)
            : base(IntPtr.Zero, ownsHandle: true) => SetHandle(stmt);

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            _ = sqlite3_finalize(handle);
            return true;
        }
    }

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_libversion_number();

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_prepare_v2(IntPtr db, byte* sql, int length, IntPtr* stmt, IntPtr tail);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_finalize(IntPtr stmt);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_text(IntPtr stmt, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_blob(IntPtr stmt, int index, byte* bytes, int length, IntPtr destructor);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_int64(IntPtr stmt, int index, long value);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_bind_null(IntPtr stmt, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_step(IntPtr stmt);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_reset(IntPtr stmt);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_changes(IntPtr db);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial byte* sqlite3_errmsg(IntPtr db);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_extended_errcode(IntPtr db);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_column_type(IntPtr stmt, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial long sqlite3_column_int64(IntPtr stmt, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial double sqlite3_column_double(IntPtr stmt, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial byte* sqlite3_column_blob(IntPtr stmt, int column);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_column_bytes(IntPtr stmt, int column);
}
