using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Traza.App.Government;
using Traza.App.Programs;
using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Storage.Sqlite;

namespace Traza.Bench;

/// <summary>Data Stage ingest throughput (SPEC §8: ≥ 50 MB/s of .asc text).</summary>
internal static class DataStageBench
{
    private const string Rfc = "ABC010101AB1";

    /// <summary>Writes a realistic package folder of about <paramref name="targetBytes"/> of .asc text; returns the bytes written.</summary>
    public static long Generate(string dir, long targetBytes)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(7);
        using var w = new DataStagePackageWriter("900001", new DataStageWriterOptions { DateStyle = DataStageDateStyle.Mixed });
        w.SetResumen(Rfc, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 5));
        long approx = 0;
        var n = 0;
        while (approx < targetBytes)
        {
            n++;
            var ped = (5_000_000 + n).ToString("0000000", CultureInfo.InvariantCulture);
            var date = new DateOnly(2025, 1, 1).AddDays(n % 365);
            var import = n % 3 != 0;
            w.AddPedimento(new DataStagePedimento("3420", ped, "070", import ? 1 : 2, import ? "IN" : "RT", Rfc, date,
                FechaEntrada: date.AddDays(-1), NombreContribuyente: "MAQUILADORA PEÑA SA DE CV", PesoBruto: 1234.5m));
            approx += 700;
            var partidas = 1 + rng.Next(20);
            for (var p = 1; p <= partidas; p++)
            {
                var qty = rng.Next(1, 100_000);
                w.AddPartida(new DataStagePartida("3420", ped, "070", p, "8542" + rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture), "00",
                    "COMPONENTE ELECTRONICO PARA ENSAMBLE", qty * 0.37m, qty * 6.9m, qty, "6", qty, "6", "USA", "USA", import ? 1 : 2,
                    import ? "IN" : "RT", date, [new DataStageContribucion(15, 0, 0), new DataStageContribucion(3, 21, qty)], ["PN-" + p.ToString(CultureInfo.InvariantCulture)]));
                approx += 640;
            }
        }

        w.WriteFolder(dir);
        return Directory.GetFiles(dir, "*.asc").Sum(f => new FileInfo(f).Length);
    }

    public static (long Rows, double Seconds) Parse(string dir)
    {
        var sink = new CountingSink();
        var sw = Stopwatch.StartNew();
        new DataStagePackageReader().Read(dir, sink);
        return (sink.Rows, sw.Elapsed.TotalSeconds);
    }

    /// <summary>Imports the folder into a new database; returns the rows, the seconds of the import and the database's bytes after it.</summary>
    public static (long Rows, double Seconds, long DbBytes) Import(string dir)
    {
        var db = Path.Combine(Path.GetTempPath(), "traza-bench-" + Guid.NewGuid().ToString("N") + ".db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero));
        try
        {
            using (var store = SqliteLedgerStore.Open(db, clock))
            {
                ProgramService.Init(store, Rfc, "Bench", "IMMEX-1", "industrial", null, null);
            }

            var sw = Stopwatch.StartNew();
            long rows;
            using (var s = SqliteLedgerStore.Open(db, clock))
            {
                rows = DataStageImportService.Import(s, [dir]).Rows;
            }

            var seconds = sw.Elapsed.TotalSeconds; // closing the store checkpoints the WAL into the file: counted
            return (rows, seconds, new FileInfo(db).Length);
        }
        finally
        {
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    private sealed class CountingSink : IDataStageSink
    {
        public long Rows { get; private set; }

        public void BeginPackage(DataStagePackageInfo package)
        {
        }

        public void BeginTable(DataStageTableInfo table)
        {
        }

        public void Row(DataStageRow row)
        {
            Rows++;
            _ = row.Pedimento;
        }

        public void EndTable(DataStageTableInfo table, long rows)
        {
        }

        public void EndPackage(DataStagePackageInfo package)
        {
        }

        public void Note(GovernmentNote note)
        {
        }
    }
}
