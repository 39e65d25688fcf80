using System.Diagnostics;
using System.Globalization;
using Traza.Storage;
using Traza.Storage.Sqlite;

namespace Traza.Bench;

/// <summary>
/// <c>import-floor [--rows N] [--runs N] [--no-batch-index] [--page-size BYTES] [--via native|pclraw|mds]</c>: the SQLite part of
/// an entries import alone — N entry-shaped rows, encoded and digested before the clock starts, appended through
/// <see cref="BatchWriter"/> into a fresh database and committed — so the import's wall clock can be read against what one
/// writing thread can do here (docs/benchmarks.md, Imports). <c>--no-batch-index</c> drops the <c>(batch_id, line)</c> index
/// first, to price it; <c>--page-size</c> creates the database with other pages than SQLite's 4,096 bytes.
/// <para>
/// <c>--via</c> prices the native seam alone (docs/architecture.md Decision 2b): <c>native</c> (the default) appends through
/// <see cref="BatchWriter.Append(TableSpec, EncodedRow, long)"/>, whose binds and steps go through <c>NativeStatement</c>; <c>pclraw</c> runs the same
/// insert, bound the same way (only the values that differ from the previous row's), through SQLitePCLRaw's <c>raw</c> API;
/// <c>mds</c> through a prepared Microsoft.Data.Sqlite command with one parameter per column. All three in the batch's
/// transaction; the commit of <c>pclraw</c> and <c>mds</c> also recomputes the batch digest from the stored rows, so compare
/// the append times.
/// </para>
/// </summary>
internal static class ImportFloorBench
{
    public static int Run(string[] args)
    {
        var count = Args.Int(args, "--rows", 1_000_000);
        var runs = Args.Int(args, "--runs", 3);
        var dropIndex = args.Contains("--no-batch-index");
        var pageSize = Args.Int(args, "--page-size", 0);
        var via = Args.Text(args, "--via") ?? "native";
        var readsToo = args.Contains("--reads");
        if (via is not ("native" or "pclraw" or "mds"))
        {
            Console.Error.WriteLine("--via takes native, pclraw or mds");
            return 2;
        }

        var rows = Rows(count);
        for (var run = 1; run <= runs; run++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"traza-import-floor-{Environment.ProcessId}.db");
            Delete(path);
            try
            {
                if (pageSize > 0)
                {
                    using var create = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path);
                    create.Open();
                    using var pragma = create.CreateCommand();
                    pragma.CommandText =
                        $"PRAGMA page_size = {pageSize.ToString(CultureInfo.InvariantCulture)}; CREATE TABLE t (x); DROP TABLE t;";
                    pragma.ExecuteNonQuery();
                }

                using var store = SqliteLedgerStore.Open(path, TimeProvider.System);
                if (dropIndex)
                {
                    using var drop = store.Connection.CreateCommand();
                    drop.CommandText = "DROP INDEX entry_batch";
                    drop.ExecuteNonQuery();
                }

                using var batch = store.BeginBatch("entries", "floor.csv", "floor-" + run.ToString(CultureInfo.InvariantCulture));
                if (via == "native")
                {
                    var digest = batch.DigestAhead(TableSpec.Entry);
                    for (var i = 0; i < rows.Count; i++)
                    {
                        digest.Add(rows[i], i + 2);
                    }
                }

                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                switch (via)
                {
                    case "native":
                        for (var i = 0; i < rows.Count; i++)
                        {
                            batch.Append(TableSpec.Entry, rows[i], i + 2);
                        }

                        break;
                    case "pclraw":
                        PclRawAppend(batch, rows);
                        break;
                    default:
                        MdsAppend(batch, rows);
                        break;
                }

                var append = clock.Elapsed.TotalSeconds;
                var appendCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                batch.Commit();
                var total = clock.Elapsed.TotalSeconds;
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {count:N0} rows appended in {append:0.000} s, committed in {total - append:0.000} s: " +
                    $"{count / total:N0} rows/s, appends {count / append:N0} rows/s (cpu {used:0.00} s, appends {appendCpu:0.00} s) via {via}{(dropIndex ? ", without entry_batch" : string.Empty)}" +
                    $"{(pageSize > 0 ? $", {pageSize} B pages" : string.Empty)}"));

                if (readsToo)
                {
                    ReadBack(store, run);
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Delete(path);
            }
        }

        return 0;
    }

    /// <summary>
    /// <c>--reads</c>: the committed batch's digest recomputed from the stored rows — what <c>audit verify</c> does for every
    /// batch — through <see cref="LedgerChain.ComputeDigest"/> (<c>NativeStatement</c>) and through the same loop on
    /// SQLitePCLRaw's <c>raw</c> calls, alternating twice; both must give the stored digest.
    /// </summary>
    private static void ReadBack(SqliteLedgerStore store, int run)
    {
        var stored = store.Batches()[^1];
        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (native, rows) = LedgerChain.ComputeDigest(store.Connection, null, stored.Id);
            var nativeWall = clock.Elapsed.TotalSeconds;
            var nativeCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            clock.Restart();
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var pclraw = PclRawDigest(store.Connection, stored.Id);
            var pclrawWall = clock.Elapsed.TotalSeconds;
            var pclrawCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            if (native != stored.Digest || pclraw != stored.Digest)
            {
                throw new InvalidOperationException($"digests differ: stored {stored.Digest}, native {native}, pclraw {pclraw}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run} reads: digest of {rows:N0} rows via native {nativeWall:0.000} s (cpu {nativeCpu:0.00} s), " +
                $"via pclraw {pclrawWall:0.000} s (cpu {pclrawCpu:0.00} s)"));
        }
    }

    /// <summary><see cref="LedgerChain.ComputeDigest"/>'s loop over the entry table, on SQLitePCLRaw's <c>raw</c> calls.</summary>
    private static string PclRawDigest(Microsoft.Data.Sqlite.SqliteConnection connection, long batchId)
    {
        var db = connection.Handle!;
        var (table, columns) = LedgerChain.LedgerTables(connection, null).Single(t => t.Table == TableSpec.Entry.Name);
        var sql = $"SELECT {string.Join(", ", columns.Select(c => "\"" + c + "\""))} FROM \"{table}\" WHERE batch_id = ?1 ORDER BY line";
        Check(db, SQLitePCL.raw.sqlite3_prepare_v2(db, sql, out var stmt));
        using (stmt)
        using (var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256))
        {
            Check(db, SQLitePCL.raw.sqlite3_bind_int64(stmt, 1, batchId));
            var buffer = new byte[1 << 16];
            var used = 0;
            Span<byte> digits = stackalloc byte[24];
            void Append(ReadOnlySpan<byte> bytes, byte[] buffer, ref int used)
            {
                if (used + bytes.Length > buffer.Length)
                {
                    hash.AppendData(buffer, 0, used);
                    used = 0;
                }

                bytes.CopyTo(buffer.AsSpan(used));
                used += bytes.Length;
            }

            Append(System.Text.Encoding.UTF8.GetBytes("#" + table + "\n"), buffer, ref used);
            while (SQLitePCL.raw.sqlite3_step(stmt) == SQLitePCL.raw.SQLITE_ROW)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    if (i > 0)
                    {
                        Append("\u001f"u8, buffer, ref used);
                    }

                    switch (SQLitePCL.raw.sqlite3_column_type(stmt, i))
                    {
                        case SQLitePCL.raw.SQLITE_INTEGER:
                            _ = SQLitePCL.raw.sqlite3_column_int64(stmt, i).TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                            Append(digits[..written], buffer, ref used);
                            break;
                        case SQLitePCL.raw.SQLITE_NULL:
                            break;
                        default:
                            Append(SQLitePCL.raw.sqlite3_column_blob(stmt, i), buffer, ref used);
                            break;
                    }
                }

                Append("\n"u8, buffer, ref used);
            }

            hash.AppendData(buffer, 0, used);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>The insert <see cref="BatchWriter"/> prepares for a table: program, key, content, batch and line, by position.</summary>
    private static string InsertSql(TableSpec table)
    {
        var columns = new List<string> { "program_id" };
        columns.AddRange(table.Key);
        columns.AddRange(table.Content);
        columns.Add("batch_id");
        columns.Add("line");
        return $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) " +
            $"VALUES ({SqliteDatabase.ProgramId.ToString(CultureInfo.InvariantCulture)}" +
            $"{string.Concat(columns.Skip(1).Select((_, i) => ", ?" + (i + 1).ToString(CultureInfo.InvariantCulture)))}) ON CONFLICT DO NOTHING";
    }

    /// <summary>The rows appended as <see cref="BatchWriter.Append(TableSpec, EncodedRow, long)"/> does, through SQLitePCLRaw's <c>raw</c> calls.</summary>
    private static void PclRawAppend(BatchWriter batch, List<EncodedRow> rows)
    {
        var db = batch.Connection.Handle!;
        Check(db, SQLitePCL.raw.sqlite3_prepare_v2(db, InsertSql(TableSpec.Entry), out var stmt));
        using (stmt)
        {
            var columns = TableSpec.Entry.Columns;
            var previous = default(EncodedRow);
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                for (var i = 0; i < columns; i++)
                {
                    if (previous.IsEmpty || !row.SameValue(i, previous))
                    {
                        Check(db, row.Kind(i) switch
                        {
                            ValueKind.Text => SQLitePCL.raw.sqlite3_bind_text(stmt, i + 1, row.Utf8(i)),
                            ValueKind.Integer => SQLitePCL.raw.sqlite3_bind_int64(stmt, i + 1, row.Integer(i)),
                            _ => SQLitePCL.raw.sqlite3_bind_null(stmt, i + 1),
                        });
                    }
                }

                if (previous.IsEmpty)
                {
                    Check(db, SQLitePCL.raw.sqlite3_bind_int64(stmt, columns + 1, batch.BatchId));
                }

                previous = row;
                Check(db, SQLitePCL.raw.sqlite3_bind_int64(stmt, columns + 2, r + 2));
                var rc = SQLitePCL.raw.sqlite3_step(stmt);
                _ = SQLitePCL.raw.sqlite3_reset(stmt);
                if (rc != SQLitePCL.raw.SQLITE_DONE || SQLitePCL.raw.sqlite3_changes(db) != 1)
                {
                    throw new InvalidOperationException($"row {r}: step {rc}");
                }
            }
        }
    }

    private static void Check(SQLitePCL.sqlite3 db, int rc)
    {
        if (rc != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException(SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string());
        }
    }

    /// <summary>
    /// The rows appended through one prepared Microsoft.Data.Sqlite command: every parameter set on each row (the driver
    /// binds them all at each execution), text decoded to strings as its API takes them.
    /// </summary>
    private static void MdsAppend(BatchWriter batch, List<EncodedRow> rows)
    {
        using var cmd = batch.Command(InsertSql(TableSpec.Entry));
        var columns = TableSpec.Entry.Columns;
        var parameters = new Microsoft.Data.Sqlite.SqliteParameter[columns + 2];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = cmd.CreateParameter();
            parameters[i].ParameterName = "?" + (i + 1).ToString(CultureInfo.InvariantCulture);
            cmd.Parameters.Add(parameters[i]);
        }

        parameters[columns].Value = batch.BatchId;
        cmd.Prepare();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var i = 0; i < columns; i++)
            {
                parameters[i].Value = row.Kind(i) switch
                {
                    ValueKind.Text => System.Text.Encoding.UTF8.GetString(row.Utf8(i)),
                    ValueKind.Integer => row.Integer(i),
                    _ => DBNull.Value,
                };
            }

            parameters[columns + 1].Value = (long)(r + 2);
            if (cmd.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"row {r} was not inserted");
            }
        }
    }

    /// <summary>Rows shaped as <c>traza gen</c>'s entries: pedimentos of a few partidas in date order, skewed parts.</summary>
    internal static List<EncodedRow> Rows(int count)
    {
        var random = new Random(7);
        var buffer = new RowBuffer(TableSpec.Entry.Columns);
        var rows = new List<EncodedRow>(count);
        var pedimento = 5_000_000;
        var partida = 0;
        for (var i = 0; i < count; i++)
        {
            if (partida == 0 || random.Next(8) == 0)
            {
                pedimento += 1 + random.Next(3);
                partida = 0;
            }

            partida++;
            var date = new DateOnly(2025, 1, 1).AddDays(i * 364 / count);
            var qty = random.Next(1, 1_000_000) / 100m;
            var entry = new EntryRecord(string.Empty, "2530169" + pedimento.ToString("D8", CultureInfo.InvariantCulture), partida,
                "M" + random.Next(20_000).ToString("D5", CultureInfo.InvariantCulture), "IN", date, qty, qty, qty * 25.5m, qty * 520.3m,
                20.3939m, "CHN", null, "INV-" + i.ToString("D7", CultureInfo.InvariantCulture), null, "PLANTA-1");
            rows.Add(LedgerRows.Encode(entry, buffer));
        }

        return rows;
    }

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
