using System.Globalization;
using System.IO.Compression;
using System.Text;
using Traza.Formats.Government;

namespace Traza.Formats.DataStage;

/// <summary>
/// Writes a SAT Data Stage package in the exact delivered format (regulatory brief §3.2): all 26
/// <c>{folio}_{tabla}.asc</c> members, Windows-1252, CRLF, a header row without a trailing pipe, data rows with one,
/// dates with <c>-</c> or <c>/</c> (with a time on FechaPagoReal, FechaRecepcionPedimento and FechaValidacionPagoR),
/// header-only tables, leading zeros as given, and optionally the package ZIP inside another ZIP. The Resumen totals
/// are the 551 and 557 row counts. Rows are spooled to temporary files, so packages of millions of rows fit.
/// </summary>
/// <remarks><c>traza gen</c> writes <c>datastage.zip</c> with it; tests write realistic packages with it.</remarks>
public sealed class DataStagePackageWriter : IDisposable
{
    private static readonly string[] DateTimeColumns = ["FechaPagoReal", "FechaRecepcionPedimento", "FechaValidacionPagoR"];

    private readonly Dictionary<string, Spool> spools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> headerIndex = new(StringComparer.Ordinal);
    private (string Rfc, DateOnly From, DateOnly To, DateOnly Executed)? resumen;

    public DataStagePackageWriter(string folio, DataStageWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folio);
        Folio = folio;
        Options = options ?? new DataStageWriterOptions();
    }

    public string Folio { get; }

    public DataStageWriterOptions Options { get; }

    /// <summary>Overrides Resumen.Total_Fracciones (tests of the totals check); null = the 551 row count.</summary>
    public long? TotalFraccionesOverride { get; set; }

    /// <summary>Overrides Resumen.Total_Contribuciones; null = the 557 row count.</summary>
    public long? TotalContribucionesOverride { get; set; }

    /// <summary>Rows added so far to a table.</summary>
    public long RowCount(string table) => spools.TryGetValue(DataStageLayouts.Get(table).Name, out var s) ? s.Rows : 0;

    /// <summary>Sets the Resumen: the RFC (or patente) requested and the period.</summary>
    public void SetResumen(string rfcOPatente, DateOnly fechaInicial, DateOnly fechaFinal, DateOnly fechaEjecucion)
    {
        ArgumentNullException.ThrowIfNull(rfcOPatente);
        resumen = (rfcOPatente, fechaInicial, fechaFinal, fechaEjecucion);
    }

    /// <summary>Adds a data row; values by header name (layout names, or <see cref="DataStageWriterOptions.ExtraColumns"/>); others are empty.</summary>
    public void AddRow(string table, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var layout = DataStageLayouts.Get(table);
        if (layout.Name == "Resumen")
        {
            throw new ArgumentException("The Resumen row is written from SetResumen", nameof(table));
        }

        var headers = HeadersOf(layout);
        foreach (var key in values.Keys)
        {
            if (!headers.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Table {layout.Name} has no column '{key}'", nameof(values));
            }
        }

        var fields = new string[headers.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = values.TryGetValue(headers[i], out var v) ? v ?? string.Empty : string.Empty;
        }

        SpoolOf(layout).WriteRow(fields);
    }

    /// <summary>Adds a data row from (header, value) pairs (a later pair of the same header wins).</summary>
    public void AddRow(string table, params (string Header, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var layout = DataStageLayouts.Get(table);
        if (layout.Name == "Resumen")
        {
            throw new ArgumentException("The Resumen row is written from SetResumen", nameof(table));
        }

        var index = IndexOf(layout);
        var fields = new string[index.Count];
        Array.Fill(fields, string.Empty);
        foreach (var (h, v) in values)
        {
            fields[index.TryGetValue(h, out var i) ? i : throw new ArgumentException($"Table {layout.Name} has no column '{h}'", nameof(values))] =
                v ?? string.Empty;
        }

        SpoolOf(layout).WriteRow(fields);
    }

    /// <summary>Writes a pedimento's 501 row and its 506 dates (entrada for imports, pago).</summary>
    public void AddPedimento(DataStagePedimento p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var fecha = FormatDate(p.FechaPago, "501", true, Seconds(p.Pedimento));
        AddRow("501",
            ("Patente", p.Patente), ("Pedimento", p.Pedimento), ("SeccionAduanera", p.SeccionAduanera),
            ("TipoOperacion", Int(p.TipoOperacion)), ("ClaveDocumento", p.Clave), ("SeccionAduaneraEntrada", p.SeccionAduanera),
            ("Rfc", p.Rfc), ("CurpAgenteA", "AAAA800101HDFXXX01"), ("TipoCambio", Dec(p.TipoCambio, 5)),
            ("TotalFletes", "0"), ("TotalSeguros", "0"), ("TotalEmbalajes", "0"), ("TotalIncrementables", "0"), ("TotalDeducibles", "0"),
            ("PesoBrutoMercancia", Dec(p.PesoBruto, 3)), ("MedioTransporteSalida", "7"), ("MedioTransporteArribo", "7"),
            ("MedioTransporteEntrada_Salida", "7"), ("DestinoMercancia", "9"), ("NombreContribuyente", p.NombreContribuyente),
            ("PaisContribuyente", "MEX"), ("TipoPedimento", Int(p.TipoPedimento)),
            ("FechaRecepcionPedimento", fecha), ("FechaPagoReal", fecha));
        if (p.TipoOperacion == 1)
        {
            AddRow("506", ("Patente", p.Patente), ("Pedimento", p.Pedimento), ("SeccionAduanera", p.SeccionAduanera), ("TipoFecha", "1"),
                ("FechaOperacion", FormatDate(p.FechaEntrada ?? p.FechaPago, "506", false, 0)),
                ("FechaValidacionPagoR", FormatDate(p.FechaPago, "506", true, Seconds(p.Pedimento))));
        }

        AddRow("506", ("Patente", p.Patente), ("Pedimento", p.Pedimento), ("SeccionAduanera", p.SeccionAduanera),
            ("TipoFecha", p.TipoOperacion == 1 ? "2" : "5"),
            ("FechaOperacion", FormatDate(p.FechaPago, "506", false, 0)),
            ("FechaValidacionPagoR", FormatDate(p.FechaPago, "506", true, Seconds(p.Pedimento))));
    }

    /// <summary>Writes a partida's 551 row, its 557 contributions and 558 observations.</summary>
    public void AddPartida(DataStagePartida p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var fecha = FormatDate(p.FechaPago, "551", true, Seconds(p.Pedimento));
        var unit = p.CantidadUmc == 0 ? 0 : decimal.Round(p.ValorDolares / p.CantidadUmc, 5);
        AddRow("551",
            ("Patente", p.Patente), ("Pedimento", p.Pedimento), ("SeccionAduanera", p.SeccionAduanera), ("Fraccion", p.Fraccion),
            ("SecuenciaFraccion", Int(p.Secuencia)), ("SubdivisionFraccion", p.Nico), ("DescripcionMercancia", p.Descripcion),
            ("PrecioUnitario", Dec(unit, 5)), ("ValorAduana", Dec(p.ValorAduana, 0)), ("ValorComercial", Dec(p.ValorAduana, 0)),
            ("ValorDolares", Dec(p.ValorDolares, 2)), ("CantidadUMComercial", Dec(p.CantidadUmc, 5)), ("UnidadMedidaComercial", p.Umc),
            ("CantidadUMTarifa", Dec(p.CantidadUmt, 5)), ("UnidadMedidaTarifa", p.Umt), ("ValorAgregado", "0"), ("ClaveVinculacion", "0"),
            ("MetodoValorizacion", "1"), ("PaisOrigenDestino", p.PaisOrigen), ("PaisCompradorVendedor", p.PaisVendedor),
            ("TipoOperacion", Int(p.TipoOperacion)), ("ClaveDocumento", p.Clave), ("FechaPagoReal", fecha));
        foreach (var c in p.Contribuciones ?? [])
        {
            AddRow("557", ("Patente", p.Patente), ("Pedimento", p.Pedimento), ("SeccionAduanera", p.SeccionAduanera), ("Fraccion", p.Fraccion),
                ("SecuenciaFraccion", Int(p.Secuencia)), ("ClaveContribucion", Int(c.Clave)), ("FormaPago", Int(c.FormaPago)),
                ("ImportePago", Dec(c.Importe, 0)), ("FechaPagoReal", FormatDate(p.FechaPago, "557", true, Seconds(p.Pedimento))));
        }

        var seq = 0;
        foreach (var o in p.Observaciones ?? [])
        {
            seq++;
            AddRow("558", ("Patente", p.Patente), ("Pedimento", p.Pedimento), ("SeccionAduanera", p.SeccionAduanera), ("Fraccion", p.Fraccion),
                ("SecuenciaFraccion", Int(p.Secuencia)), ("SecuenciaObservacion", Int(seq)), ("Observaciones", o),
                ("FechaPagoReal", FormatDate(p.FechaPago, "558", true, Seconds(p.Pedimento))));
        }
    }

    /// <summary>
    /// Formats a date for a table the way the package does: <c>YYYY-MM-DD</c> or <c>YYYY/MM/DD</c> per
    /// <see cref="DataStageWriterOptions.DateStyle"/>, with <c> HH:MM:SS</c> when <paramref name="withTime"/>.
    /// </summary>
    public string FormatDate(DateOnly date, string table, bool withTime, int secondOfDay = 0)
    {
        var slash = Options.DateStyle switch
        {
            DataStageDateStyle.Slash => true,
            DataStageDateStyle.Mixed => DataStageLayouts.Get(table).Order % 2 == 1,
            _ => false,
        };
        var text = date.ToString(slash ? "yyyy/MM/dd" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!withTime)
        {
            return text;
        }

        var t = TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(((secondOfDay % 36000) + 36000) % 36000 + (8 * 3600)));
        return text + " " + t.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>True for the columns real packages write with a time.</summary>
    public static bool IsDateTimeColumn(string header) => DateTimeColumns.Contains(header, StringComparer.Ordinal);

    /// <summary>The bytes of one member exactly as written into the package.</summary>
    public byte[] GetMemberBytes(string table)
    {
        var layout = DataStageLayouts.Get(table);
        using var ms = new MemoryStream();
        WriteMember(layout, ms);
        return ms.ToArray();
    }

    /// <summary>Writes the package as a ZIP (inside an outer ZIP when <see cref="DataStageWriterOptions.Nested"/>).</summary>
    public void WriteZip(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Options.Nested)
        {
            WritePlainZip(output);
            return;
        }

        using var outer = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var entry = outer.CreateEntry(Folio + ".zip", CompressionLevel.NoCompression);
        entry.LastWriteTime = EntryTime;
        using var inner = entry.Open();
        using var buffer = new MemoryStream();
        WritePlainZip(buffer);
        buffer.Position = 0;
        buffer.CopyTo(inner);
    }

    /// <summary>Writes the package ZIP to a file; any name works (real packages sometimes lack the extension).</summary>
    public void WriteZip(string path)
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        WriteZip(fs);
    }

    /// <summary>Writes the 26 members into a folder.</summary>
    public void WriteFolder(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var layout in DataStageLayouts.All)
        {
            using var fs = new FileStream(Path.Combine(directory, DataStageMemberName.Of(Folio, layout.Name)), FileMode.Create, FileAccess.Write);
            WriteMember(layout, fs);
        }
    }

    public void Dispose()
    {
        foreach (var s in spools.Values)
        {
            s.Dispose();
        }

        spools.Clear();
    }

    private static DateTimeOffset EntryTime => new(2026, 1, 2, 3, 4, 6, TimeSpan.Zero);

    private void WritePlainZip(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var layout in DataStageLayouts.All)
        {
            var entry = zip.CreateEntry(DataStageMemberName.Of(Folio, layout.Name), CompressionLevel.Fastest);
            entry.LastWriteTime = EntryTime;
            using var s = entry.Open();
            WriteMember(layout, s);
        }
    }

    private void WriteMember(DataStageTableLayout layout, Stream output)
    {
        var enc = GovernmentEncoding.Windows1252;
        var header = string.Join('|', HeadersOf(layout)) + "\r\n";
        var hb = enc.GetBytes(header);
        output.Write(hb);
        if (layout.Name == "Resumen")
        {
            if (resumen is { } r)
            {
                var fields = new List<string>
                {
                    Folio, r.Rfc, FormatDate(r.From, "Resumen", false), FormatDate(r.To, "Resumen", false),
                    FormatDate(r.Executed, "Resumen", false),
                    (TotalFraccionesOverride ?? RowCount("551")).ToString(CultureInfo.InvariantCulture),
                    (TotalContribucionesOverride ?? RowCount("557")).ToString(CultureInfo.InvariantCulture),
                };
                fields.AddRange(Options.ExtraColumns.Select(_ => string.Empty));
                output.Write(enc.GetBytes(string.Join('|', fields) + "|\r\n"));
            }

            return;
        }

        if (spools.TryGetValue(layout.Name, out var spool))
        {
            spool.CopyTo(output);
        }
    }

    /// <summary>Header name → position of a table as written (layout columns, then the extra columns), built once per table.</summary>
    private Dictionary<string, int> IndexOf(DataStageTableLayout layout)
    {
        if (!headerIndex.TryGetValue(layout.Name, out var index))
        {
            var headers = HeadersOf(layout);
            index = new Dictionary<string, int>(headers.Count, StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                index.TryAdd(headers[i], i);
            }

            headerIndex[layout.Name] = index;
        }

        return index;
    }

    private IReadOnlyList<string> HeadersOf(DataStageTableLayout layout) =>
        Options.ExtraColumns.Count == 0 ? layout.Headers : [.. layout.Headers, .. Options.ExtraColumns];

    private Spool SpoolOf(DataStageTableLayout layout)
    {
        if (!spools.TryGetValue(layout.Name, out var spool))
        {
            spool = new Spool();
            spools[layout.Name] = spool;
        }

        return spool;
    }

    private static int Seconds(string pedimento)
    {
        var h = 0;
        foreach (var c in pedimento)
        {
            h = unchecked((h * 31) + c);
        }

        return h & 0x7FFF;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Dec(decimal v, int decimals) =>
        decimal.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Encoded rows of one table in a temporary file.</summary>
    private sealed class Spool : IDisposable
    {
        private readonly FileStream file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        private readonly StringBuilder line = new();
        private byte[] bytes = new byte[1024];

        public long Rows { get; private set; }

        public void WriteRow(string[] fields)
        {
            line.Clear();
            foreach (var f in fields)
            {
                if (f.AsSpan().IndexOfAny('|', '\r', '\n') >= 0)
                {
                    throw new ArgumentException($"A Data Stage value cannot hold '|' or a line break: '{f}'", nameof(fields));
                }

                line.Append(f).Append('|');
            }

            line.Append("\r\n");
            var enc = GovernmentEncoding.Windows1252;
            var n = enc.GetMaxByteCount(line.Length);
            if (bytes.Length < n)
            {
                bytes = new byte[n];
            }

            var written = enc.GetBytes(line.ToString(), 0, line.Length, bytes, 0);
            file.Write(bytes, 0, written);
            Rows++;
        }

        public void CopyTo(Stream output)
        {
            file.Flush();
            var end = file.Position;
            file.Position = 0;
            var buffer = new byte[1 << 16];
            long left = end;
            while (left > 0)
            {
                var n = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0)
                {
                    break;
                }

                output.Write(buffer, 0, n);
                left -= n;
            }

            file.Position = end;
        }

        public void Dispose() => file.Dispose();
    }
}
