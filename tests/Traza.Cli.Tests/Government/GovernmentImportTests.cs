using System.Text;
using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Formats.M3;

namespace Traza.Cli.Tests.Government;

/// <summary>Issue 4: traza import datastage / m3 and traza report pedimentos end to end.</summary>
public class GovernmentImportTests
{
    private const string Rfc = "ABC010101AB1";

    private static CliHarness Init()
    {
        var cli = new CliHarness();
        cli.Run("init", "--rfc", Rfc, "--name", "Acme", "--immex", "IMMEX-1", "--modality", "industrial").Exit.ShouldBe(0);
        return cli;
    }

    private static string Package(CliHarness cli, string name, string folio = "896998", string rfc = Rfc, bool nested = false,
        Action<DataStagePackageWriter>? more = null)
    {
        using var w = new DataStagePackageWriter(folio, new DataStageWriterOptions { Nested = nested });
        w.SetResumen(rfc, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 3));
        w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", rfc, new DateOnly(2025, 1, 10)));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 1, "85423901", "00", "CI", 1500.25m, 27760m, 1000m, "6", 1000m, "6",
            "USA", "USA", 1, "IN", new DateOnly(2025, 1, 10), [new DataStageContribucion(15, 0, 278)]));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 2, "39269099", "99", "PZ", 200m, 3700m, 50m, "1", 50m, "1",
            "CHN", "USA", 1, "IN", new DateOnly(2025, 1, 10), [new DataStageContribucion(15, 0, 37)]));
        w.AddPedimento(new DataStagePedimento("3420", "4001234", "240", 2, "RT", rfc, new DateOnly(2025, 1, 20)));
        w.AddPartida(new DataStagePartida("3420", "4001234", "240", 1, "85423901", "00", "CI", 900m, 16650m, 600m, "6", 600m, "6",
            "USA", "USA", 2, "RT", new DateOnly(2025, 1, 20), [new DataStageContribucion(15, 0, 0)]));
        more?.Invoke(w);
        var path = cli.Path_(name);
        w.WriteZip(path);
        return path;
    }

    [Fact]
    public void Import_datastage_then_report_pedimentos_lists_each_with_partidas_and_usd()
    {
        using var cli = Init();
        var r = cli.Run("import", "datastage", Package(cli, "pkg.zip"));
        r.Exit.ShouldBe(0, r.Stderr);

        var lines = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");

        lines[0].ShouldBe("pedimento,clave,operation,date,partidas,value_usd,sources");
        lines.ShouldContain("250734205000257,IN,import,2025-01-10,2,1700.25,datastage");
        lines.ShouldContain("252434204001234,RT,export,2025-01-20,1,900,datastage");
        r.Stdout.ShouldContain("252434204001234"); // the year-digit note
    }

    /// <summary>
    /// Issue 11 items 5 and 7: a package is a batch recorded with its operator, and it is not refused in a closed period
    /// (the authority's records are compared by reconcile, never discharged: docs/cli.md, traza close).
    /// </summary>
    [Fact]
    public void Datastage_batch_records_its_operator_and_is_taken_in_a_closed_period()
    {
        using var cli = Init();
        cli.Run("close", "--period", "2025-01").Exit.ShouldBe(0);
        var r = cli.Run("import", "datastage", Package(cli, "pkg.zip"), "--user", "broker.maria");
        r.Exit.ShouldBe(0, r.Stderr);
        var last = cli.ReportCsv("batches")[^1];
        last.ShouldStartWith("3,datastage,pkg.zip,");
        last.ShouldContain(",broker.maria,2025-12-31T12:00:00.0000000+00:00,");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Reimport_and_overlapping_packages_change_nothing()
    {
        using var cli = Init();
        var first = Package(cli, "a.zip");
        cli.Run("import", "datastage", first).Exit.ShouldBe(0);
        var before = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");

        var again = cli.Run("import", "datastage", first);
        again.Exit.ShouldBe(0);
        again.Stdout.ShouldContain("already imported");
        var overlap = cli.Run("import", "datastage", Package(cli, "b", folio: "900001", nested: true));
        overlap.Exit.ShouldBe(0, overlap.Stderr);

        cli.ReportCsv("pedimentos", "--as-of", "2025-12-31").ShouldBe(before);
    }

    [Fact]
    public void Package_for_another_rfc_refused_with_exit_3_and_nothing_written()
    {
        using var cli = Init();

        var r = cli.Run("import", "datastage", Package(cli, "other.zip", rfc: "XYZ010101AB1"));

        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("XYZ010101AB1");
        r.Stderr.ShouldContain(Rfc);
        cli.ReportCsv("pedimentos", "--as-of", "2025-12-31").Length.ShouldBe(1);
    }

    [Fact]
    public void Corrupt_package_exit_3_names_member_and_line_and_writes_nothing()
    {
        using var cli = Init();
        var dir = cli.Path_("pkgdir");
        using (var w = new DataStagePackageWriter("777"))
        {
            w.SetResumen(Rfc, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 3));
            w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10)));
            w.AddPartida(new DataStagePartida("3420", "5000257", "070", 1, "85423901", "00", "CI", 1m, 1m, 1m, "6", 1m, "6", "USA", "USA", 1,
                "IN", new DateOnly(2025, 1, 10)));
            w.WriteFolder(dir);
        }

        var member = Path.Combine(dir, "777_551.asc");
        var bytes = File.ReadAllBytes(member);
        File.WriteAllBytes(member, bytes[..(bytes.Length - 30)]);

        var r = cli.Run("import", "datastage", dir);

        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("777_551.asc, line 2");
        cli.ReportCsv("pedimentos", "--as-of", "2025-12-31").Length.ShouldBe(1);
    }

    [Fact]
    public void Ledger_pedimentos_sum_their_lines_and_leave_out_nac_stock_and_other_documents()
    {
        using var cli = Init();
        cli.Import("parts", "parts.csv", "part,kind,umc,client", "MAT-1,material,6,", "MAT-2,material,6,", "MAT-1,material,6,acme",
            "FG-1,finished,6,").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd,client",
            "250734205000301,1,IN,2025-01-10,MAT-1,10,100.5,", "250734205000301,1,IN,2025-01-10,MAT-2,10,,",
            "250734205000301,2,IN,2025-01-10,MAT-2,10,0.25,", "FACT-77,1,NAC,2025-01-11,MAT-1,5,9,",
            "250734205000302,1,IN,2025-01-12,MAT-1,1,,acme").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            "250734205000401,1,RT,2025-02-01,FG-1,1,10", "250734205000401,2,RT,2025-02-01,FG-1,1,2.5",
            "REMISION-9,1,BO,2025-02-02,FG-1,1,1").Exit.ShouldBe(0);

        var lines = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");

        lines.Length.ShouldBe(4, string.Join('\n', lines));
        lines.ShouldContain("250734205000301,IN,import,2025-01-10,2,100.75,ledger");
        lines.ShouldContain("250734205000302,IN,import,2025-01-12,1,,ledger");
        lines.ShouldContain("250734205000401,RT,export,2025-02-01,2,12.5,ledger");
        var acme = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31", "--client", "acme");
        acme.ShouldBe(["pedimento,clave,operation,date,partidas,value_usd,sources", "250734205000302,IN,import,2025-01-12,1,,ledger"]);
    }

    [Fact]
    public void Import_m3_and_ledger_sources_merge_in_the_report()
    {
        using var cli = Init();
        cli.Run("import", "datastage", Package(cli, "pkg.zip")).Exit.ShouldBe(0);
        var m3 = new M3FileWriter("m3420001.074", M3DateStyle.YearFirst, crlf: true);
        m3.AddPedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10),
            [new M3Partida(1, "85423901", "00", "CI", 1500.25m, 1000m, "6", 1000m, "6", "USA")]);
        m3.AddPedimento("3420", "5000999", "070", 1, "IN", Rfc, new DateOnly(2025, 2, 3),
            [new M3Partida(1, "85423901", "00", "CI", 10m, 1m, "6", 1m, "6", "USA"), new M3Partida(2, "85423901", "00", "CI", 5.5m, 1m, "6", 1m, "6", "USA")]);
        var path = cli.Path_("m3420001.074");
        m3.Write(path);
        var r = cli.Run("import", "m3", path);
        r.Exit.ShouldBe(0, r.Stderr);
        cli.Import("parts", "parts.csv", "part,kind,umc", "MAT-1,material,6").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            "250734205000257,1,IN,2025-01-10,MAT-1,1000,1500.25", "250734205000777,1,IN,2025-03-01,MAT-1,5,50").Exit.ShouldBe(0);

        var lines = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");

        lines.ShouldContain("250734205000257,IN,import,2025-01-10,2,1700.25,datastage;m3;ledger");
        lines.ShouldContain("250734205000999,IN,import,2025-02-03,2,15.5,m3");
        lines.ShouldContain("250734205000777,IN,import,2025-03-01,1,50,ledger");
        cli.ReportCsv("pedimentos", "--as-of", "2025-02-01").Length.ShouldBe(3);

        // One pedimento (--pedimento; spaces as people write it): its row from each source, as the whole report gives it.
        foreach (var pedimento in new[] { "250734205000257", "25 07 3420 5000999", "250734205000777" })
        {
            var digits = pedimento.Replace(" ", string.Empty, StringComparison.Ordinal);
            cli.ReportCsv("pedimentos", "--as-of", "2025-12-31", "--pedimento", pedimento)
                .ShouldBe([lines[0], .. lines.Where(l => l.StartsWith(digits + ",", StringComparison.Ordinal))]);
        }

        cli.ReportCsv("pedimentos", "--as-of", "2025-12-31", "--pedimento", "250734205000258").ShouldBe([lines[0]]);
    }

    [Fact]
    public void Truncated_m3_exit_3_names_file_and_line()
    {
        using var cli = Init();
        var m3 = new M3FileWriter("m3420001.074");
        m3.AddPedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10),
            [new M3Partida(1, "85423901", "00", "CI", 1m, 1m, "6", 1m, "6", "USA")]);
        var text = Encoding.ASCII.GetString(m3.ToBytes());
        var path = cli.Path_("m3420001.074");
        File.WriteAllText(path, text[..text.IndexOf("801|", StringComparison.Ordinal)]);

        var r = cli.Run("import", "m3", path);

        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("m3420001.074, line 6");
    }

    [Fact]
    public void Format_error_message_has_spec_shape()
    {
        var e = new GovernmentFormatException("pkg.zip!1_551.asc", 7, "FechaPagoReal", "a date");
        e.Message.ShouldBe("file pkg.zip!1_551.asc, line 7, column FechaPagoReal: a date");
    }
}
