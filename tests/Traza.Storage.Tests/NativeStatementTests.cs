using System.Text;
using Microsoft.Data.Sqlite;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

/// <summary>
/// The one native SQLite seam (issue 12; docs/architecture.md Decision 2b), driven directly against a real SQLite file:
/// values at their edges, errors, and handle lifetimes.
/// </summary>
public sealed class NativeStatementTests : IDisposable
{
    private readonly TempDatabase db = new();
    private readonly SqliteConnection connection;

    public NativeStatementTests()
    {
        connection = new SqliteConnection(SqliteDatabase.ConnectionString(db.Path_));
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (k TEXT PRIMARY KEY, v ANY) STRICT";
        create.ExecuteNonQuery();
    }

    public void Dispose()
    {
        connection.Dispose();
        db.Dispose();
    }

    [Fact]
    public void Empty_text_binds_as_text_not_null()
    {
        using var stmt = new NativeStatement(connection, "SELECT typeof(?1), length(?1), ?1");
        stmt.BindText(1, ReadOnlySpan<byte>.Empty);
        stmt.Step().ShouldBeTrue();
        stmt.ColumnText(0).ShouldBe("text");
        stmt.ColumnInt64(1).ShouldBe(0);
        stmt.ColumnType(2).ShouldBe(NativeStatement.Text);
        stmt.IsNull(2).ShouldBeFalse();
        stmt.ColumnText(2).ShouldBe(string.Empty);
        stmt.ColumnBytes(2).IsEmpty.ShouldBeTrue();
        stmt.Step().ShouldBeFalse();

        stmt.Reset();
        stmt.BindText(1, string.Empty);
        stmt.Step().ShouldBeTrue();
        stmt.ColumnText(0).ShouldBe("text");
    }

    [Fact]
    public void Null_reads_back_as_null_and_canonical_empty_text()
    {
        using var stmt = new NativeStatement(connection, "SELECT typeof(?1), ?1, ?2");
        stmt.BindNull(1);
        stmt.BindTextOrNull(2, null);
        stmt.Step().ShouldBeTrue();
        stmt.ColumnText(0).ShouldBe("null");
        stmt.IsNull(1).ShouldBeTrue();
        stmt.IsNull(2).ShouldBeTrue();
        stmt.ColumnText(1).ShouldBeNull();
        stmt.CanonicalUtf8(1, stackalloc byte[24]).IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Int64_limits_round_trip_through_a_table(long value)
    {
        using (var insert = new NativeStatement(connection, "INSERT INTO t (k, v) VALUES ('n', ?1)"))
        {
            insert.BindInt64(1, value);
            insert.Execute().ShouldBe(1);
        }

        using var select = new NativeStatement(connection, "SELECT v FROM t WHERE k = 'n'");
        select.Step().ShouldBeTrue();
        select.ColumnType(0).ShouldBe(NativeStatement.Integer);
        select.ColumnInt64(0).ShouldBe(value);
        Encoding.ASCII.GetString(select.CanonicalUtf8(0, stackalloc byte[24]))
            .ShouldBe(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Invalid_utf8_is_stored_and_read_back_byte_for_byte()
    {
        byte[] bytes = [0xFF, 0xFE, (byte)'a', 0xC3];
        using (var insert = new NativeStatement(connection, "INSERT INTO t (k, v) VALUES ('bad', ?1)"))
        {
            insert.BindText(1, bytes);
            insert.Execute().ShouldBe(1);
        }

        using var select = new NativeStatement(connection, "SELECT v, typeof(v) FROM t WHERE k = 'bad'");
        select.Step().ShouldBeTrue();
        select.ColumnText(1).ShouldBe("text");
        select.ColumnBytes(0).ToArray().ShouldBe(bytes);
        select.CanonicalUtf8(0, stackalloc byte[24]).ToArray().ShouldBe(bytes);
        select.ColumnText(0).ShouldBe("\uFFFD\uFFFDa\uFFFD");
    }

    [Fact]
    public void Blobs_and_strings_bind_by_position_and_bindings_survive_execution()
    {
        using var insert = new NativeStatement(connection, "INSERT INTO t (k, v) VALUES (?1, ?2)");
        insert.BindBlob(2, new byte[] { 1, 2, 3 });
        insert.BindText(1, "a");
        insert.Execute().ShouldBe(1);
        insert.BindText(1, "ñandú"); // ?2 still bound
        insert.Execute().ShouldBe(1);
        insert.BindText(1, "empty");
        insert.BindBlob(2, ReadOnlySpan<byte>.Empty);
        insert.Execute().ShouldBe(1);

        using var select = new NativeStatement(connection, "SELECT k, typeof(v), length(v) FROM t ORDER BY k");
        var rows = new List<string>();
        while (select.Step())
        {
            rows.Add($"{select.ColumnText(0)} {select.ColumnText(1)} {select.ColumnInt64(2)}");
        }

        rows.ShouldBe(["a blob 3", "empty blob 0", "ñandú blob 3"]);
    }

    [Fact]
    public void Step_errors_throw_sqlite_exceptions_and_the_statement_runs_again()
    {
        using var insert = new NativeStatement(connection, "INSERT INTO t (k, v) VALUES (?1, 1)");
        insert.BindText(1, "dup");
        insert.Execute().ShouldBe(1);
        var error = Should.Throw<SqliteException>(() => insert.Execute());
        error.SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT
        error.SqliteExtendedErrorCode.ShouldBe(1555); // SQLITE_CONSTRAINT_PRIMARYKEY
        error.Message.ShouldContain("UNIQUE constraint failed: t.k");

        insert.BindText(1, "other");
        insert.Execute().ShouldBe(1);

        using var strict = new NativeStatement(connection, "INSERT INTO t (k, v) VALUES (?1, 1)");
        strict.BindNull(1);
        Should.Throw<SqliteException>(() => strict.Step()).SqliteErrorCode.ShouldBe(19); // NOT NULL on a STRICT key
        strict.Reset();
        strict.BindText(1, "after");
        strict.Step().ShouldBeFalse();
    }

    [Fact]
    public void Prepare_errors_and_misuse_throw()
    {
        Should.Throw<SqliteException>(() => new NativeStatement(connection, "SELEKT 1")).Message.ShouldContain("syntax error");
        Should.Throw<SqliteException>(() => new NativeStatement(connection, "SELECT * FROM missing")).Message.ShouldContain("no such table");
        Should.Throw<ArgumentException>(() => new NativeStatement(connection, "  -- nothing"));
        using var select = new NativeStatement(connection, "SELECT ?1");
        Should.Throw<SqliteException>(() => select.BindInt64(2, 1)).SqliteErrorCode.ShouldBe(25); // SQLITE_RANGE
        Should.Throw<SqliteException>(() => select.Execute()); // a statement that returns rows is not executed blind
        using var closed = new SqliteConnection(connection.ConnectionString);
        Should.Throw<InvalidOperationException>(() => new NativeStatement(closed, "SELECT 1"));
    }

    [Fact]
    public void A_statement_keeps_its_connection_alive_when_the_connection_is_disposed_first()
    {
        var other = new SqliteConnection(SqliteDatabase.ConnectionString(db.Path_));
        other.Open();
        var stmt = new NativeStatement(other, "SELECT count(*) FROM t");
        other.Dispose(); // the native connection stays open: the statement leases its handle
        stmt.Step().ShouldBeTrue();
        stmt.ColumnInt64(0).ShouldBe(0);
        stmt.Dispose(); // finalizes, then ends the lease: the connection closes now
        stmt.Dispose(); // twice is harmless
        Should.Throw<ObjectDisposedException>(() => stmt.Step());
        Should.Throw<ObjectDisposedException>(() => stmt.ColumnInt64(0));
        Should.Throw<ObjectDisposedException>(() => stmt.BindInt64(1, 1));
    }

    [Fact]
    public void Statement_disposed_before_its_connection_leaves_the_connection_usable()
    {
        using (var stmt = new NativeStatement(connection, "INSERT INTO t (k, v) VALUES ('x', 1)"))
        {
            stmt.Execute().ShouldBe(1);
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM t";
        cmd.ExecuteScalar().ShouldBe(1L);
    }

    [Fact]
    public void The_loaded_library_is_e_sqlite3_at_the_minimum_version_or_later()
    {
        NativeStatement.EnsureLibrary();
        NativeStatement.LibraryVersion.ShouldBeGreaterThanOrEqualTo(NativeStatement.MinimumVersion);
        NativeStatement.CheckLibrary("e_sqlite3", NativeStatement.LibraryVersion, SQLitePCL.raw.sqlite3_libversion_number()).ShouldBeNull();
    }

    [Fact]
    public void A_wrong_or_too_old_library_is_refused_with_a_clear_message()
    {
        NativeStatement.CheckLibrary("sqlite3", 3_045_000, 3_045_000)!.ShouldContain("runs 'sqlite3'");
        NativeStatement.CheckLibrary("e_sqlcipher", 3_045_000, 3_045_000)!.ShouldContain("e_sqlite3");
        NativeStatement.CheckLibrary("e_sqlite3", 3_037_002, 3_037_002).ShouldBe(
            "SQLite 3.37.2 is too old: Traza needs 3.38.0 or later (e_sqlite3).");
        NativeStatement.CheckLibrary("e_sqlite3", 3_038_000, 3_038_000).ShouldBeNull();
        NativeStatement.CheckLibrary("e_sqlite3", 3_045_000, 3_041_002)!.ShouldContain("Two SQLite libraries");
    }
}
