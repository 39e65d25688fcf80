using System.IO.Compression;
using CsCheck;
using Microsoft.Data.Sqlite;
using Traza.Formats.DataStage;
using Traza.Formats.M3;
using Traza.Storage;
using Traza.Storage.Sqlite;

namespace Traza.Cli.Tests.Government;

/// <summary>Issue 4, item by item: every table stored and queryable, merges, the RFC rule, and bad input end to end.</summary>
public class GovernmentAuditTests
{
    private const string Rfc = "ABC010101AB1";

    private static CliHarness Init()
    {
        var cli = new CliHarness();
        cli.Run("init", "--rfc", Rfc, "--name", "Acme", "--immex", "IMMEX-1", "--modality", "industrial").Exit.ShouldBe(0);
        return cli;
    }

    /// <summary>A package with a row in every one of the 25 data tables (values by header name), plus its Resumen.</summary>
    private static string FullPackage(CliHarness cli, string name, string folio = "555001", string resumenRfc = Rfc, string rfc501 = Rfc,
        DataStageDateStyle style = DataStageDateStyle.Dash)
    {
        using var w = new DataStagePackageWriter(folio, new DataStageWriterOptions { DateStyle = style });
        var date = new DateOnly(2025, 3, 14);
        w.SetResumen(resumenRfc, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), new DateOnly(2025, 4, 2));
        w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", rfc501, date));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 1, "85423901", "00", "CIRCUITO", 1500.25m, 27760m, 1000m, "6", 1000m, "6",
            "USA", "USA", 1, "IN", date, [new DataStageContribucion(3, 21, 4442)], ["PN-0001"]));
        foreach (var layout in DataStageLayouts.All.Where(l => l.Name is not ("Resumen" or "501" or "506" or "551" or "557" or "558")))
        {
            var values = new List<(string, string)>();
            foreach (var f in layout.Fields)
            {
                values.Add((f.Header, f.Header switch
                {
                    "Patente" => "3420",
                    "Pedimento" => "5000257",
                    "SeccionAduanera" => "070",
                    "Fraccion" or "FraccionOriginal" => "85423901",
                    "SecuenciaFraccion" => "1",
                    "PedimentoOriginal" or "PedimentoAnterior" => "4000999",
                    "PatenteAduanalOrig" or "PatenteAnterior" => "3420",
                    "SeccionAduaneraDespOrig" or "SeccionAduaneraAnterior" => "070",
                    _ when f.IsDate => w.FormatDate(date, layout.Name, DataStagePackageWriter.IsDateTimeColumn(f.Header)),
                    _ => "1",
                }));
            }

            w.AddRow(layout.Name, [.. values]);
        }

        var path = cli.Path_(name);
        w.WriteZip(path);
        return path;
    }

    private static long Count(CliHarness cli, string sql)
    {
        using var c = Connect(cli);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Scalar(CliHarness cli, string sql)
    {
        using var c = Connect(cli);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>A plain connection with the ds_rows function the Data Stage views read through (migration 0020).</summary>
    private static SqliteConnection Connect(CliHarness cli)
    {
        TestStore.RequireSqlite();
        var c = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
        c.Open();
        DataStageSql.Register(c);
        return c;
    }

    private static long DataRows(CliHarness cli) =>
        GovernmentSchema.Tables.Values.Sum(t => Count(cli, $"SELECT COUNT(*) FROM {t.SqlTable}"));

    [Fact]
    public void Every_one_of_the_26_tables_is_stored_and_the_named_ones_are_queryable()
    {
        using var cli = Init();

        var r = cli.Run("import", "datastage", FullPackage(cli, "full.zip"));

        r.Exit.ShouldBe(0, r.Stderr);
        foreach (var t in GovernmentSchema.Tables.Values)
        {
            Count(cli, $"SELECT COUNT(*) FROM {t.SqlTable} WHERE pedimento = '250734205000257'").ShouldBeGreaterThan(0, t.SqlTable);
        }

        Count(cli, "SELECT COUNT(*) FROM ds_package WHERE folio = '555001' AND rfc_o_patente = 'ABC010101AB1' AND total_fracciones = 1").ShouldBe(1);
        Count(cli, "SELECT COUNT(*) FROM ds_header WHERE folio = '555001'").ShouldBe(26);
        Scalar(cli, "SELECT clave FROM ds_501").ShouldBe("IN");
        Scalar(cli, "SELECT fecha FROM ds_506 WHERE tipo_fecha = 1").ShouldBe("2025-03-14");
        Scalar(cli, "SELECT value_usd FROM ds_551 WHERE partida = 1").ShouldBe("1500.25");
        Scalar(cli, "SELECT importe FROM ds_557").ShouldBe("4442");
        Scalar(cli, "SELECT observacion FROM ds_558").ShouldBe("PN-0001");
        Scalar(cli, "SELECT original_pedimento FROM ds_512").ShouldBe("250734204000999");
        Scalar(cli, "SELECT anterior_pedimento FROM ds_701").ShouldBe("250734204000999");
        Scalar(cli, "SELECT clave_caso FROM ds_507").ShouldBe("1");
        Scalar(cli, "SELECT importe FROM ds_510").ShouldBe("1");
        Scalar(cli, "SELECT clave_caso FROM ds_554").ShouldBe("1");
        Scalar(cli, "SELECT valor_usd FROM ds_505").ShouldBe("1");
        Scalar(cli, "SELECT importe FROM ds_702").ShouldBe("1");
    }

    [Fact]
    public void Overlapping_package_written_with_other_date_forms_merges_into_the_same_rows()
    {
        using var cli = Init();
        cli.Run("import", "datastage", FullPackage(cli, "dash.zip")).Exit.ShouldBe(0);
        var rows = DataRows(cli);
        var report = cli.ReportCsv("pedimentos", "--as-of", "2025-12-31");

        var r = cli.Run("import", "datastage", FullPackage(cli, "slash", folio: "555002", style: DataStageDateStyle.Slash));

        r.Exit.ShouldBe(0, r.Stderr);
        DataRows(cli).ShouldBe(rows);
        cli.ReportCsv("pedimentos", "--as-of", "2025-12-31").ShouldBe(report);
    }

    [Fact]
    public void Package_requested_by_patente_refused_when_a_pedimento_is_of_another_rfc()
    {
        using var cli = Init();

        var other = cli.Run("import", "datastage", FullPackage(cli, "patente.zip", resumenRfc: "3420", rfc501: "XYZ010101AB1"));
        var own = cli.Run("import", "datastage", FullPackage(cli, "own.zip", resumenRfc: "3420"));

        other.Exit.ShouldBe(3);
        other.Stderr.ShouldContain("555001_501.asc, line 2, column Rfc");
        other.Stderr.ShouldContain("XYZ010101AB1");
        own.Exit.ShouldBe(0, own.Stderr);
    }

    [Fact]
    public void M3_of_another_rfc_refused_with_exit_3()
    {
        using var cli = Init();
        var m3 = new M3FileWriter("m3420001.074");
        m3.AddPedimento("3420", "5000257", "070", 1, "IN", "XYZ010101AB1", new DateOnly(2025, 1, 10),
            [new M3Partida(1, "85423901", "00", "CI", 1m, 1m, "6", 1m, "6", "USA")]);
        var path = cli.Path_("m3420001.074");
        m3.Write(path);

        var r = cli.Run("import", "m3", path);

        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("column 501.9");
        r.Stderr.ShouldContain("XYZ010101AB1");
        Count(cli, "SELECT COUNT(*) FROM m3_record").ShouldBe(0);
    }

    [Fact]
    public void Cut_member_inside_a_nested_zip_named_with_its_path_and_line_and_nothing_written()
    {
        using var cli = Init();
        var folder = cli.Path_("members");
        using (var w = new DataStagePackageWriter("777"))
        {
            w.SetResumen(Rfc, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 3));
            w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10)));
            for (var p = 1; p <= 3; p++)
            {
                w.AddPartida(new DataStagePartida("3420", "5000257", "070", p, "85423901", "00", "CI", 1m, 1m, 1m, "6", 1m, "6", "USA", "USA", 1,
                    "IN", new DateOnly(2025, 1, 10)));
            }

            w.WriteFolder(folder);
        }

        var member = Path.Combine(folder, "777_551.asc");
        var bytes = File.ReadAllBytes(member);
        File.WriteAllBytes(member, bytes[..(bytes.Length - 40)]);
        var inner = cli.Path_("inner.zip");
        ZipFile.CreateFromDirectory(folder, inner);
        var outer = cli.Path_("outer");
        using (var zip = ZipFile.Open(outer, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(inner, "777");
        }

        var r = cli.Run("import", "datastage", outer);

        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("outer!777!777_551.asc, line 4");
        DataRows(cli).ShouldBe(0);
    }

    [Fact]
    public void Truncated_or_damaged_package_through_the_cli_is_exit_3_and_writes_nothing()
    {
        TestStore.RequireSqlite(); // restarts from a SQLite copy inside the property
        using var cli = Init();
        var good = File.ReadAllBytes(FullPackage(cli, "good.zip"));
        var path = cli.Path_("bad.zip");

        Gen.Select(Gen.Int[0, good.Length - 1], Gen.Int[0, good.Length - 1], Gen.Byte, Gen.Bool).Sample((cut, at, value, truncate) =>
        {
            var bytes = truncate ? good[..cut] : (byte[])good.Clone();
            if (!truncate)
            {
                bytes[at] = (byte)(bytes[at] ^ (value | 1));
            }

            File.WriteAllBytes(path, bytes);
            var r = cli.Run("import", "datastage", path);
            (r.Exit is 0 or 3).ShouldBeTrue(r.Stderr);
            if (r.Exit == 3)
            {
                r.Stderr.ShouldStartWith("file ");
                DataRows(cli).ShouldBe(0);
            }
            else
            {
                // A flipped byte inside a stored file's data can still be a valid package (CRC aside, ZipArchive reads it): start over.
                TestStore.RequireSqlite();
                using var c = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
                c.Open();
                foreach (var t in new[] { "ds_block", "gov_file", "ds_package", "ds_header" })
                {
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = $"DELETE FROM {t}";
                    cmd.ExecuteNonQuery();
                }
            }
        }, iter: 40, threads: 1);
    }
}
