using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Traza.Formats.DataStage;
using Traza.Formats.M3;
using Traza.Storage.Tests.Postgres;

namespace Traza.Cli.Tests.Postgres;

/// <summary>
/// Government data on PostgreSQL (issue 12): Data Stage packages land in plain ds tables, yet imports, re-imports,
/// overlapping and newer packages, M3 files and the pedimentos report give what SQLite's blocks give.
/// </summary>
public sealed partial class PostgresGovernmentCliTests
{
    private const string Rfc = "ABC010101AB1";

    [Fact]
    public void Data_stage_and_m3_imports_give_the_same_outputs_on_sqlite_and_postgres()
    {
        using var pg = new TempPostgres();
        var folder = Path.Combine(Path.GetTempPath(), "traza-pggov-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var first = Package(Path.Combine(folder, "a.zip"), "896998", new DateOnly(2025, 2, 3), 1500.25m);
            var overlap = Package(Path.Combine(folder, "b.zip"), "900001", new DateOnly(2025, 2, 3), 1500.25m, nested: true);
            var newer = Package(Path.Combine(folder, "c.zip"), "900002", new DateOnly(2025, 3, 1), 1600m);
            var older = Package(Path.Combine(folder, "d.zip"), "900003", new DateOnly(2025, 1, 15), 1.5m);
            var m3 = new M3FileWriter("m3420001.074", M3DateStyle.YearFirst, crlf: true);
            m3.AddPedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10),
                [new M3Partida(1, "85423901", "00", "CI", 1500.25m, 1000m, "6", 1000m, "6", "USA")]);
            m3.AddPedimento("3420", "5000999", "070", 1, "IN", Rfc, new DateOnly(2025, 2, 3),
                [new M3Partida(1, "85423901", "00", "CI", 10m, 1m, "6", 1m, "6", "USA")]);
            var m3Path = Path.Combine(folder, "m3420001.074");
            m3.Write(m3Path);
            string[][] commands =
            [
                ["init", "--rfc", Rfc, "--name", "Acme", "--immex", "IMMEX-1", "--modality", "industrial"],
                ["import", "datastage", first],
                ["report", "pedimentos", "--as-of", "2025-12-31", "--format", "csv"],
                ["import", "datastage", first],
                ["import", "datastage", overlap],
                ["import", "datastage", newer],
                ["report", "pedimentos", "--as-of", "2025-12-31", "--format", "csv"],
                ["import", "datastage", older],
                ["report", "pedimentos", "--as-of", "2025-12-31", "--format", "csv"],
                ["import", "m3", m3Path],
                ["import", "m3", m3Path],
                ["report", "pedimentos", "--as-of", "2025-12-31", "--format", "csv"],
                ["report", "batches", "--format", "csv"],
                ["audit", "verify"],
            ];
            var sqlite = Transcript(Path.Combine(folder, "t.db"), commands);
            var postgres = Transcript(pg.ConnectionString, commands);
            sqlite[2].ShouldContain(",1700.25,");
            sqlite[6].ShouldContain(",1800,"); // the newer package replaced the partida's value …
            sqlite[8].ShouldBe(sqlite[6].Replace("#6", "#8", StringComparison.Ordinal)); // … the older one changed nothing
            postgres.ShouldBe(sqlite);
            pg.Scalar("SELECT count(*) FROM ds_551").ShouldBe(3L); // plain rows, each stored once
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Issue 12: a generated package (every member, realistic values) read back row for row the same from both stores'
    /// <c>DataStageRows</c> — after the first import (PostgreSQL: COPY into empty tables, indexes built after) and after the
    /// same members re-zipped as another file (an overlapping package: PostgreSQL's staged merge), which changes nothing.
    /// </summary>
    [Fact]
    public void Generated_package_reads_back_the_same_rows_on_both_stores_after_import_and_overlap()
    {
        using var pg = new TempPostgres();
        var folder = Path.Combine(Path.GetTempPath(), "traza-pgds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));
            TrazaCli.Run(["gen", "--scale", "small", "--out", folder], TextWriter.Null, TextWriter.Null, clock).ShouldBe(0);
            var package = Path.Combine(folder, "datastage.zip");
            var overlap = Path.Combine(folder, "overlap.zip");
            using (var source = System.IO.Compression.ZipFile.OpenRead(package))
            using (var target = System.IO.Compression.ZipFile.Open(overlap, System.IO.Compression.ZipArchiveMode.Create))
            {
                foreach (var entry in source.Entries)
                {
                    using var from = entry.Open();
                    using var to = target.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.NoCompression).Open();
                    from.CopyTo(to);
                }
            }

            string[][] commands =
            [
                ["init", "--rfc", Traza.App.Generation.Scales.Rfc, "--name", "Gen", "--immex", Traza.App.Generation.Scales.Immex, "--modality", "industrial"],
                ["import", "datastage", package],
            ];
            var sqlite = Path.Combine(folder, "t.db");
            _ = Transcript(sqlite, commands);
            _ = Transcript(pg.ConnectionString, commands);
            var first = Rows(new Traza.Storage.Sqlite.SqliteStoreProvider(), sqlite, clock);
            first.Values.Sum(t => t.Count).ShouldBeGreaterThan(1000);
            Same(Rows(new Traza.Storage.Postgres.PostgresStoreProvider(), pg.ConnectionString, clock), first);

            _ = Transcript(sqlite, [["import", "datastage", overlap]]);
            _ = Transcript(pg.ConnectionString, [["import", "datastage", overlap]]);
            Same(Rows(new Traza.Storage.Sqlite.SqliteStoreProvider(), sqlite, clock), first);
            Same(Rows(new Traza.Storage.Postgres.PostgresStoreProvider(), pg.ConnectionString, clock), first);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Same(Dictionary<string, List<string>> actual, Dictionary<string, List<string>> expected)
    {
        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            var first = rows.Zip(other).FirstOrDefault(p => p.First != p.Second);
            other.Count.ShouldBe(rows.Count, $"table {table}");
            first.ShouldBe(default, $"table {table}: first differing row");
        }
    }

    /// <summary>Every table's live rows with all typed columns, sorted, per table.</summary>
    private static Dictionary<string, List<string>> Rows(Traza.Storage.IStoreProvider provider, string target, TimeProvider clock)
    {
        using var store = provider.Open(target, clock);
        return Traza.Storage.GovernmentSchema.Tables.Values.ToDictionary(t => t.Name, t => store.Government.DataStageRows(t.Name, t.Typed)
            .Select(r => $"{r.Pedimento}|{r.Partida}|{string.Join("|", r.Values.Select(v => v ?? "<null>"))}")
            .Order(StringComparer.Ordinal)
            .ToList());
    }

    private static string Package(string path, string folio, DateOnly executed, decimal usd, bool nested = false)
    {
        using var w = new DataStagePackageWriter(folio, new DataStageWriterOptions { Nested = nested });
        w.SetResumen(Rfc, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), executed);
        w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10)));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 1, "85423901", "00", "CI", usd, 27760m, 1000m, "6", 1000m, "6",
            "USA", "USA", 1, "IN", new DateOnly(2025, 1, 10), [new DataStageContribucion(15, 0, 278)]));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 2, "39269099", "99", "PZ", 200m, 3700m, 50m, "1", 50m, "1",
            "CHN", "USA", 1, "IN", new DateOnly(2025, 1, 10), [new DataStageContribucion(15, 0, 37)]));
        w.AddPedimento(new DataStagePedimento("3420", "4001234", "240", 2, "RT", Rfc, new DateOnly(2025, 1, 20)));
        w.AddPartida(new DataStagePartida("3420", "4001234", "240", 1, "85423901", "00", "CI", 900m, 16650m, 600m, "6", 600m, "6",
            "USA", "USA", 2, "RT", new DateOnly(2025, 1, 20), [new DataStageContribucion(15, 0, 0)]));
        w.WriteZip(path);
        return path;
    }

    /// <summary>Each command's exit code and output (timings and the target removed), numbered.</summary>
    private static List<string> Transcript(string db, string[][] commands)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));
        var shown = Traza.Storage.Postgres.PostgresTarget.Accepts(db) ? Traza.Storage.Postgres.PostgresTarget.Parse(db).Display : db;
        var transcript = new List<string>();
        foreach (var args in commands)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = TrazaCli.Run([.. args, "--db", db, "--user", "tester"], stdout, stderr, clock);
            code.ShouldBe(0, $"traza {string.Join(' ', args)} on {db}\n{stdout}\n{stderr}");
            var output = Timing().Replace(stdout.ToString(), " in S s").Replace(shown, "<db>", StringComparison.Ordinal);
            transcript.Add($"#{transcript.Count} traza {string.Join(' ', args.Select(Path.GetFileName))}\n{output}");
        }

        return transcript;
    }

    [GeneratedRegex(@" in [0-9]+(\.[0-9]+)? s")]
    private static partial Regex Timing();
}
