using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Traza.Storage;
using Traza.Storage.Postgres;

namespace Traza.Bench;

/// <summary>
/// <c>pg-import-floor [--server CONN] [--rows N] [--runs N] [--chunk N]</c>: PostgreSQL's own bulk-insert floor for the rows of an
/// entries import (SPEC §8: imports ≥ 60 % of the store's floor, measured in the same run). Per run, in a fresh database
/// migrated by the provider: (1) <c>COPY entry … FROM STDIN (FORMAT BINARY)</c> of N entry-shaped rows in one transaction
/// — the floor; (2) the same rows appended through the store's <see cref="ILedgerBatch"/> and committed — what an import
/// pays beyond parsing: one row per <c>Append</c>, or with <c>--chunk N</c> chunks of N rows through the chunked
/// <c>Append(table, rows, misses)</c> (issue 12), as the imports' AppendQueue sends them. The server defaults to TRAZA_TEST_POSTGRES; each run's database is dropped afterwards.
/// </summary>
internal static class PostgresFloorBench
{
    public static int Run(string[] args)
    {
        var server = Args.Text(args, "--server") ?? Environment.GetEnvironmentVariable("TRAZA_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("usage: pg-import-floor --server \"Host=…;Username=…;Database=postgres\" [--rows N] [--runs N] (or set TRAZA_TEST_POSTGRES)");
            return 2;
        }

        var count = Args.Int(args, "--rows", 1_000_000);
        var runs = Args.Int(args, "--runs", 3);
        var chunk = Args.Int(args, "--chunk", 0);
        var rows = ImportFloorBench.Rows(count);
        var columns = TableSpec.Entry.Key.Concat(TableSpec.Entry.Content).ToList();
        var copySql = $"COPY entry (program_id, {string.Join(", ", columns)}, batch_id, line) FROM STDIN (FORMAT BINARY)";
        for (var run = 1; run <= runs; run++)
        {
            var name = $"traza_floor_{Environment.ProcessId}_{run}";
            Execute(server, $"CREATE DATABASE {name}");
            try
            {
                var target = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
                new PostgresStoreProvider().Open(target, TimeProvider.System).Dispose();

                var copy = Time(() =>
                {
                    using var connection = new NpgsqlConnection(target);
                    connection.Open();
                    using var tx = connection.BeginTransaction();
                    using (var writer = connection.BeginBinaryImport(copySql))
                    {
                        for (var i = 0; i < rows.Count; i++)
                        {
                            writer.StartRow();
                            writer.Write(1L, NpgsqlDbType.Bigint);
                            var row = rows[i];
                            for (var c = 0; c < row.Count; c++)
                            {
                                switch (row.Kind(c))
                                {
                                    case ValueKind.Text:
                                        writer.Write(Encoding.UTF8.GetString(row.Utf8(c)), NpgsqlDbType.Text);
                                        break;
                                    case ValueKind.Integer:
                                        writer.Write(row.Integer(c), NpgsqlDbType.Bigint);
                                        break;
                                    default:
                                        writer.WriteNull();
                                        break;
                                }
                            }

                            writer.Write(1L, NpgsqlDbType.Bigint);
                            writer.Write((long)i + 2, NpgsqlDbType.Bigint);
                        }

                        writer.Complete();
                    }

                    tx.Commit();
                });
                Execute(target, "TRUNCATE entry");

                var append = Time(() =>
                {
                    using var store = new PostgresStoreProvider().Open(target, TimeProvider.System);
                    using var batch = store.BeginBatch("entries", "floor.csv", "floor-" + run.ToString(CultureInfo.InvariantCulture));
                    var digest = batch.DigestAhead(TableSpec.Entry);
                    if (chunk > 0)
                    {
                        var staged = new StagedRow[chunk];
                        var misses = new List<AppendMiss>();
                        for (var start = 0; start < rows.Count; start += chunk)
                        {
                            var n = Math.Min(chunk, rows.Count - start);
                            for (var i = 0; i < n; i++)
                            {
                                digest.Add(rows[start + i], start + i + 2);
                                staged[i] = new StagedRow(rows[start + i], start + i + 2);
                            }

                            batch.Append(TableSpec.Entry, staged.AsSpan(0, n), misses);
                        }

                        if (misses.Count > 0)
                        {
                            throw new InvalidOperationException($"{misses.Count} rows were not inserted.");
                        }
                    }
                    else
                    {
                        for (var i = 0; i < rows.Count; i++)
                        {
                            digest.Add(rows[i], i + 2);
                            batch.Append(TableSpec.Entry, rows[i], i + 2);
                        }
                    }

                    batch.Commit();
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {count:N0} rows — binary COPY {copy.Seconds:0.000} s ({count / copy.Seconds:N0} rows/s, client cpu {copy.Cpu:0.00} s); " +
                    $"ILedgerBatch.Append{(chunk > 0 ? $" in chunks of {chunk:N0}" : string.Empty)} + commit {append.Seconds:0.000} s ({count / append.Seconds:N0} rows/s, client cpu {append.Cpu:0.00} s): " +
                    $"{copy.Seconds / append.Seconds:P0} of the floor"));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
        }

        return 0;
    }

    private static (double Seconds, double Cpu) Time(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
