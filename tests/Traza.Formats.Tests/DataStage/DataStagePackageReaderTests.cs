using System.IO.Compression;
using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Formats.Tests.Government;

namespace Traza.Formats.Tests.DataStage;

public class DataStagePackageReaderTests
{
    private static CollectingSink ReadRealistic(DataStageWriterOptions? options = null)
    {
        using var w = TestPackages.Realistic(options: options);
        return TestPackages.ReadBytes(TestPackages.Zip(w), "pkg.zip");
    }

    [Fact]
    public void Zip_realistic_package_every_table_read_in_order()
    {
        var sink = ReadRealistic();

        sink.Packages.Single().Folio.ShouldBe("896998");
        sink.Tables.Select(t => t.Layout.Name).ShouldBe(DataStageLayouts.TableNames);
        sink.Of("501").Count().ShouldBe(4);
        sink.Of("551").Count().ShouldBe(4);
        sink.Of("557").Count().ShouldBe(5);
        sink.Of("558").Count().ShouldBe(3);
        sink.Tables.First(t => t.Layout.Name == "551").File.ShouldBe("pkg.zip!896998_551.asc");
    }

    [Fact]
    public void Resumen_parsed_period_and_totals()
    {
        var r = ReadRealistic().Packages.Single().Resumen;

        r.RfcOPatente.ShouldBe(TestPackages.Rfc);
        r.FechaInicial.ShouldBe(new DateOnly(2025, 1, 1));
        r.FechaFinal.ShouldBe(new DateOnly(2025, 1, 31));
        r.TotalFracciones.ShouldBe(4);
        r.TotalContribuciones.ShouldBe(5);
    }

    [Fact]
    public void Header_only_tables_read_as_empty_tables()
    {
        var sink = ReadRealistic();

        sink.Counts["896998_508"].ShouldBe(0);
        sink.Counts["896998_552"].ShouldBe(0);
        sink.Tables.Single(t => t.Layout.Name == "508").Header.Names.ShouldBe(DataStageLayouts.Get("508").Headers);
    }

    [Fact]
    public void Leading_zeros_kept_and_pedimento_built_from_fecha_recepcion()
    {
        var sink = ReadRealistic();

        var row = sink.Of("501").First();
        row.Values["Pedimento"].ShouldBe("5000257");
        row.Values["SeccionAduanera"].ShouldBe("070");
        row.Pedimento.ShouldBe("250734205000257");
    }

    [Fact]
    public void Child_rows_take_the_501_year_even_when_their_own_date_differs()
    {
        var sink = ReadRealistic();

        sink.Of("551").Where(r => r.Values["Pedimento"] == "5000257").Select(r => r.Pedimento).Distinct().ShouldBe(["250734205000257"]);
        sink.Of("551").Where(r => r.Values["Pedimento"] == "5000257").Select(r => r.Partida).ShouldBe([1, 2]);
    }

    [Fact]
    public void Year_digit_differs_is_a_note_never_an_error()
    {
        var sink = ReadRealistic();

        sink.Of("501").Single(r => r.Values["Pedimento"] == "4001234").Pedimento.ShouldBe("252434204001234");
        sink.Notes.ShouldContain(n => n.Message.Contains("252434204001234", StringComparison.Ordinal) && n.Line == 3);
    }

    [Fact]
    public void Descargo_512_references_original_with_year_from_fecha_operacion_orig()
    {
        var sink = new CollectingSink();
        string? original = null;
        sink.OnRow = row =>
        {
            if (row.Layout.Name == "512")
            {
                original = row.GetReference("PatenteAduanalOrig", "PedimentoOriginal", "SeccionAduaneraDespOrig", "FechaOperacionOrig")?.Digits15;
            }
        };
        using var w = TestPackages.Realistic();
        using var ms = new MemoryStream(TestPackages.Zip(w));
        new DataStagePackageReader().Read(ms, "pkg.zip", sink);

        original.ShouldBe("240734204000999");
    }

    [Fact]
    public void Rectification_701_anterior_year_from_fecha_operacion_anterior_and_zero_original_is_none()
    {
        var sink = new CollectingSink();
        string? anterior = "unset", original = "unset";
        sink.OnRow = row =>
        {
            if (row.Layout.Name == "701")
            {
                anterior = row.GetReference("PatenteAnterior", "PedimentoAnterior", "SeccionAduaneraAnterior", "FechaOperacionAnterior")?.Digits15;
                original = row.GetReference("PatenteAduanalOrig", "PedimentoOriginal", "SeccionAduaneraDespOrig", "FechaOperacionAnterior")?.Digits15;
            }
        };
        using var w = TestPackages.Realistic();
        using var ms = new MemoryStream(TestPackages.Zip(w));
        new DataStagePackageReader().Read(ms, "pkg.zip", sink);

        anterior.ShouldBe("250734205000257");
        original.ShouldBeNull();
    }

    [Theory]
    [InlineData(DataStageDateStyle.Dash)]
    [InlineData(DataStageDateStyle.Slash)]
    [InlineData(DataStageDateStyle.Mixed)]
    public void Dates_with_dash_or_slash_with_or_without_time_read_the_same(DataStageDateStyle style)
    {
        var sink = new CollectingSink();
        var dates = new List<DateOnly?>();
        sink.OnRow = row =>
        {
            if (row.Layout.Name is "501")
            {
                dates.Add(row.GetDate("FechaPagoReal"));
            }
            else if (row.Layout.Name is "506")
            {
                dates.Add(row.GetDate("FechaOperacion"));
            }
        };
        using var w = TestPackages.Realistic(options: new DataStageWriterOptions { DateStyle = style });
        using var ms = new MemoryStream(TestPackages.Zip(w));
        new DataStagePackageReader().Read(ms, "pkg.zip", sink);

        dates[0].ShouldBe(new DateOnly(2025, 1, 10));
        dates.ShouldContain(new DateOnly(2025, 1, 9));
    }

    [Fact]
    public void Writer_quirks_crlf_1252_header_without_pipe_rows_with_pipe()
    {
        using var w = TestPackages.Realistic();
        var bytes = w.GetMemberBytes("501");
        var text = GovernmentEncoding.Windows1252.GetString(bytes);
        var lines = text.Split("\r\n");

        lines[0].ShouldStartWith("Patente|Pedimento|SeccionAduanera|TipoOperacion");
        lines[0].ShouldNotEndWith("|");
        lines[1].ShouldEndWith("|");
        text.Replace("\r\n", string.Empty, StringComparison.Ordinal).ShouldNotContain("\n");
        bytes.ShouldContain((byte)0xD1); // Ñ in Windows-1252
        lines[1].ShouldContain("PEÑA");
    }

    [Fact]
    public void Windows1252_names_decoded()
    {
        var sink = ReadRealistic();

        sink.Of("501").First().Values["NombreContribuyente"].ShouldBe("MAQUILADORA PEÑA SA DE CV");
    }

    [Fact]
    public void Nested_zip_without_extension_read()
    {
        using var w = TestPackages.Realistic(options: new DataStageWriterOptions { Nested = true });
        var dir = TestPackages.TempDir();
        var path = Path.Combine(dir, "solicitud_datastage");
        w.WriteZip(path);

        var sink = new CollectingSink();
        new DataStagePackageReader().Read(path, sink);

        sink.Of("551").Count().ShouldBe(4);
        sink.Tables.First(t => t.Layout.Name == "551").File.ShouldBe(path + "!896998.zip!896998_551.asc");
    }

    [Fact]
    public void Folder_of_asc_files_read()
    {
        using var w = TestPackages.Realistic();
        var dir = TestPackages.TempDir();
        w.WriteFolder(dir);

        var sink = new CollectingSink();
        new DataStagePackageReader().Read(dir, sink);

        Directory.GetFiles(dir, "*.asc").Length.ShouldBe(26);
        sink.Of("551").Count().ShouldBe(4);
        sink.Of("Resumen").Count().ShouldBe(1);
    }

    [Fact]
    public void Columns_found_by_name_reordered_and_unknown_columns_tolerated()
    {
        using var w = TestPackages.Realistic(options: new DataStageWriterOptions { ExtraColumns = ["ColumnaNueva"] });
        var dir = TestPackages.TempDir();
        w.WriteFolder(dir);
        var file551 = Path.Combine(dir, "896998_551.asc");
        var enc = GovernmentEncoding.Windows1252;
        var lines = enc.GetString(File.ReadAllBytes(file551)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Reverse the column order of every line (the header has no trailing pipe, rows have one).
        var reordered = lines.Select((l, i) =>
        {
            var f = l.Split('|');
            var n = i == 0 ? f.Length : f.Length - 1;
            var rev = f.Take(n).Reverse();
            return string.Join('|', rev) + (i == 0 ? string.Empty : "|");
        });
        File.WriteAllBytes(file551, enc.GetBytes(string.Join("\r\n", reordered) + "\r\n"));

        var sink = new CollectingSink();
        new DataStagePackageReader().Read(dir, sink);

        var row = sink.Of("551").First();
        row.Values["Fraccion"].ShouldBe("85423901");
        row.Values["ValorDolares"].ShouldBe("1500.25");
        row.Values["ColumnaNueva"].ShouldBe(string.Empty);
        row.Pedimento.ShouldBe("250734205000257");
    }

    [Fact]
    public void Lf_line_ends_and_rows_without_trailing_pipe_tolerated()
    {
        var dir = FolderWith("896998_501.asc", text => text.Replace("|\r\n", "\n", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal));

        var sink = new CollectingSink();
        new DataStagePackageReader().Read(dir, sink);

        sink.Of("501").Count().ShouldBe(4);
        sink.Of("501").First().Pedimento.ShouldBe("250734205000257");
    }

    [Fact]
    public void Resumen_total_fracciones_differs_from_551_rows_names_the_551_member()
    {
        using var w = TestPackages.Realistic();
        w.TotalFraccionesOverride = 5;

        var ex = Should.Throw<GovernmentFormatException>(() => TestPackages.ReadBytes(TestPackages.Zip(w), "pkg.zip"));

        ex.File.ShouldBe("pkg.zip!896998_551.asc");
        ex.Line.ShouldBe(6);
        ex.Message.ShouldContain("Total_Fracciones");
    }

    [Fact]
    public void Resumen_total_contribuciones_differs_from_557_rows_is_an_error()
    {
        using var w = TestPackages.Realistic();
        w.TotalContribucionesOverride = 4;

        var ex = Should.Throw<GovernmentFormatException>(() => TestPackages.ReadBytes(TestPackages.Zip(w), "pkg.zip"));

        ex.File.ShouldBe("pkg.zip!896998_557.asc");
    }

    [Fact]
    public void Cut_row_names_member_and_line()
    {
        var dir = FolderWith("896998_551.asc", text => text[..text.LastIndexOf("|1|IN|", StringComparison.Ordinal)]);

        var ex = Should.Throw<GovernmentFormatException>(() => new DataStagePackageReader().Read(dir, new CollectingSink()));

        ex.File.ShouldEndWith("896998_551.asc");
        ex.Line.ShouldBe(3);
        ex.Message.ShouldStartWith("file " + Path.Combine(dir, "896998_551.asc") + ", line 3: ");
    }

    [Fact]
    public void Bad_date_names_the_column()
    {
        var dir = FolderWith("896998_506.asc", text => text.Replace("2025-01-09", "2025-13-09", StringComparison.Ordinal)
            .Replace("2025/01/09", "2025/13/09", StringComparison.Ordinal));

        var ex = Should.Throw<GovernmentFormatException>(() => new DataStagePackageReader().Read(dir, new CollectingSink()));

        ex.Column.ShouldBe("FechaOperacion");
        ex.Line.ShouldBe(2);
    }

    [Fact]
    public void Missing_key_column_in_header_is_line_1()
    {
        var dir = FolderWith("896998_551.asc", text => text.Replace("SecuenciaFraccion", "Secuencia", StringComparison.Ordinal));

        var ex = Should.Throw<GovernmentFormatException>(() => new DataStagePackageReader().Read(dir, new CollectingSink()));

        ex.Line.ShouldBe(1);
        ex.Column.ShouldBe("SecuenciaFraccion");
    }

    [Fact]
    public void Missing_resumen_is_an_error()
    {
        var dir = FolderWith("896998_551.asc", t => t);
        File.Delete(Path.Combine(dir, "896998_Resumen.asc"));

        var ex = Should.Throw<GovernmentFormatException>(() => new DataStagePackageReader().Read(dir, new CollectingSink()));

        ex.Message.ShouldContain("896998_Resumen.asc");
    }

    [Fact]
    public void Truncated_zip_is_a_format_error_naming_the_archive()
    {
        using var w = TestPackages.Realistic();
        var bytes = TestPackages.Zip(w);

        var ex = Should.Throw<GovernmentFormatException>(() => TestPackages.ReadBytes(bytes[..(bytes.Length / 2)], "pkg.zip"));

        ex.File.ShouldStartWith("pkg.zip");
    }

    [Fact]
    public void Corrupt_member_data_names_the_member()
    {
        using var w = TestPackages.Realistic();
        var bytes = TestPackages.Zip(w);
        // Flip bytes inside the compressed data of the first entry (Resumen is first; damage every entry's data area).
        using var check = new ZipArchive(new MemoryStream(bytes));
        var damaged = (byte[])bytes.Clone();
        for (var i = 60; i < damaged.Length / 3; i += 7)
        {
            damaged[i] ^= 0x5A;
        }

        Should.Throw<GovernmentFormatException>(() => TestPackages.ReadBytes(damaged, "pkg.zip"));
    }

    [Fact]
    public void Package_with_two_folios_in_one_zip_reads_both()
    {
        using var a = TestPackages.Realistic("111");
        using var b = TestPackages.Realistic("222");
        using var ms = new MemoryStream();
        using (var outer = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var w in new[] { a, b })
            {
                var e = outer.CreateEntry(w.Folio + ".zip");
                using var s = e.Open();
                w.WriteZip(s);
            }
        }

        var sink = TestPackages.ReadBytes(ms.ToArray(), "both.zip");

        sink.Packages.Select(p => p.Folio).ShouldBe(["111", "222"]);
    }

    [Fact]
    public void Not_a_package_is_a_format_error()
    {
        var dir = TestPackages.TempDir();
        var path = Path.Combine(dir, "notes.txt");
        File.WriteAllText(path, "hello");

        var ex = Should.Throw<GovernmentFormatException>(() => new DataStagePackageReader().Read(path, new CollectingSink()));

        ex.File.ShouldBe(path);
    }

    private static string FolderWith(string member, Func<string, string> edit)
    {
        using var w = TestPackages.Realistic(options: new DataStageWriterOptions { DateStyle = DataStageDateStyle.Dash });
        var dir = TestPackages.TempDir();
        w.WriteFolder(dir);
        var path = Path.Combine(dir, member);
        var enc = GovernmentEncoding.Windows1252;
        File.WriteAllBytes(path, enc.GetBytes(edit(enc.GetString(File.ReadAllBytes(path)))));
        return dir;
    }
}
