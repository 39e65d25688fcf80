using System.Diagnostics;
using System.Globalization;
using Traza.Storage;
using Traza.Storage.Sqlite;

namespace Traza.Bench;

/// <summary>
/// <c>import-floor [--rows N] [--runs N] [--no-batch-index] [--page-size BYTES]</c>: the SQLite part of an entries import alone — N
/// entry-shaped rows, encoded and digested before the clock starts, appended through <see cref="BatchWriter"/> into a
/// fresh database and committed — so the import's wall clock can be read against what one writing thread can do here
/// (docs/benchmarks.md, Imports). <c>--no-batch-index</c> drops the <c>(batch_id, line)</c> index first, to price it;
/// <c>--page-size</c> creates the database with other pages than SQLite's 4,096 bytes.
/// </summary>
internal static class ImportFloorBench
{
    public static int Run(string[] args)
    {
        var count = Args.Int(args, "--rows", 1_000_000);
        var runs = Args.Int(args, "--runs", 3);
        var dropIndex = args.Contains("--no-batch-index");
        var pageSize = Args.Int(args, "--page-size", 0);
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
                var digest = batch.DigestAhead(TableSpec.Entry);
                for (var i = 0; i < rows.Count; i++)
                {
                    digest.Add(rows[i], i + 2);
                }

                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < rows.Count; i++)
                {
                    batch.Append(TableSpec.Entry, rows[i], i + 2);
                }

                var append = clock.Elapsed.TotalSeconds;
                batch.Commit();
                var total = clock.Elapsed.TotalSeconds;
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {count:N0} rows appended in {append:0.000} s, committed in {total - append:0.000} s: " +
                    $"{count / total:N0} rows/s (cpu {used:0.00} s){(dropIndex ? ", without entry_batch" : string.Empty)}" +
                    $"{(pageSize > 0 ? $", {pageSize} B pages" : string.Empty)}"));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Delete(path);
            }
        }

        return 0;
    }

    /// <summary>Rows shaped as <c>traza gen</c>'s entries: pedimentos of a few partidas in date order, skewed parts.</summary>
    private static List<EncodedRow> Rows(int count)
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
