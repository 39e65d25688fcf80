using Traza.App.Generation;
using Traza.Cli.Tests.WorkedExamples;

namespace Traza.Cli.Tests.Discharge;

/// <summary>
/// `report custody --exit DOC` and `--pedimento P [--partida N]` read only the pools they can touch; their rows must be
/// exactly the unfiltered report's rows for that exit or lot.
/// </summary>
public sealed class CustodyFilterTests
{
    [Fact]
    public void Filtered_custody_equals_the_unfiltered_rows_of_that_exit_or_lot()
    {
        using var t = new TrazaRunner(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        var dir = Path.Combine(t.Dir, "gen");
        ProgramGenerator.Write(dir, Scales.For("small", 7));
        t.Ok("init", "--rfc", Scales.Rfc, "--name", "Manufacturas de Prueba", "--immex", "2019-1234", "--modality", "industrial");
        foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" })
        {
            t.Ok("import", layout, Path.Combine(dir, layout + ".csv"));
        }

        t.Ok("discharge", "--as-of", "2025-12-31");
        var all = t.Csv("report", "custody", "--as-of", "2025-12-31");
        all.Count.ShouldBeGreaterThan(1000);
        ShouldWriteTheSameCsvFromItsRows(t.Db);
        static string Line(Dictionary<string, string> row) => string.Join('|', row.Values);

        var random = new Random(3);
        foreach (var doc in all.Select(r => r["exit_document"]).Distinct().OrderBy(d => random.Next()).Take(5))
        {
            t.Csv("report", "custody", "--exit", doc, "--as-of", "2025-12-31").Select(Line)
                .ShouldBe(all.Where(r => r["exit_document"] == doc).Select(Line), $"exit {doc}");
        }

        foreach (var (pedimento, partida) in all.Select(r => (r["entry_pedimento"], r["entry_partida"])).Distinct().OrderBy(d => random.Next()).Take(5))
        {
            t.Csv("report", "custody", "--pedimento", pedimento, "--partida", partida, "--as-of", "2025-12-31").Select(Line)
                .ShouldBe(all.Where(r => r["entry_pedimento"] == pedimento && r["entry_partida"] == partida).Select(Line), $"lot {pedimento}/{partida}");
            t.Csv("report", "custody", "--pedimento", pedimento, "--as-of", "2025-12-31").Select(Line)
                .ShouldBe(all.Where(r => r["entry_pedimento"] == pedimento).Select(Line), $"pedimento {pedimento}");
        }
    }

    /// <summary>The CSV written straight from the allocations is the CSV of the report's rows (the JSON and table source).</summary>
    private static void ShouldWriteTheSameCsvFromItsRows(string db)
    {
        using var store = TestStore.Open(db, TimeProvider.System);
        static string Csv(Traza.Formats.Reports.ReportData data)
        {
            using var writer = new StringWriter();
            Traza.Formats.Reports.ReportWriter.Write(data, Traza.Formats.Reports.ReportFormat.Csv, writer);
            return writer.ToString();
        }

        var asOf = new DateOnly(2025, 12, 31);
        var direct = Traza.App.Reports.CustodyReport.Build(store, asOf, null, new Traza.App.Reports.CustodyFilter());
        direct.CsvRows.ShouldNotBeNull();
        var fromRows = Traza.App.Reports.CustodyReport.Build(store, asOf, null, new Traza.App.Reports.CustodyFilter())
            with { CsvRows = null };
        Csv(direct).ShouldBe(Csv(fromRows));
    }
}
