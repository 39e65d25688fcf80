using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>What SQLite itself says of a connection between commands (<see cref="SqliteLedgerStore.AtRest"/>).</summary>
internal static partial class SqliteConnectionState
{
    /// <summary><c>SQLITE_TXN_NONE</c>: no read or write transaction open on any of the connection's schemas.</summary>
    private const int TxnNone = 0;

    /// <summary>
    /// True when the connection holds no transaction (<c>sqlite3_txn_state</c>, SQLite 3.34+): neither a BEGIN left open nor
    /// the read transaction of a statement still stepping (a reader not read to its end nor disposed).
    /// </summary>
    public static bool AtRest(SqliteConnection connection)
    {
        if (connection.Handle is not { IsInvalid: false } db)
        {
            return false;
        }

        var added = false;
        try
        {
            db.DangerousAddRef(ref added);
            return sqlite3_txn_state(db.DangerousGetHandle(), IntPtr.Zero) == TxnNone;
        }
        finally
        {
            if (added)
            {
                db.DangerousRelease();
            }
        }
    }

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int sqlite3_txn_state(IntPtr db, IntPtr schema);
}
