using System.Globalization;
using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Storage;

namespace Traza.App.Government;

/// <summary>
/// Streams a Data Stage package into the government tables: the Resumen, each member's header, and every row with its
/// key, content hash and typed columns, encoded into blocks that <see cref="DataStageWritePipeline"/> merges and writes
/// on the other core. Refuses a package requested for another RFC than the program's (SPEC §4.2, exit 3). Hot path
/// (SPEC §8): column positions are resolved once per member, and values are read as spans of the row's fields.
/// </summary>
internal sealed class DataStageStoreSink : IDataStageSink
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private readonly DataStageWritePipeline pipeline;
    private readonly IGovernmentWriter writer;
    private readonly string programRfc;
    private readonly List<string> notes;
    private DataStageResumen? resumen;
    private DataStageBlock? block;
    private int[] layoutIndex = [];
    private bool[] isDate = [];
    private int[] typedIndex = [];
    private int patente = -1;
    private int pedimento = -1;
    private int seccion = -1;
    private string? lastPedimentoDigits;
    private long lastPedimento = -1;

    public DataStageStoreSink(DataStageWritePipeline pipeline, IGovernmentWriter writer, string programRfc, List<string> notes)
    {
        this.pipeline = pipeline;
        this.writer = writer;
        this.programRfc = programRfc.Trim().ToUpperInvariant();
        this.notes = notes;
    }

    public int Packages { get; private set; }

    public void BeginPackage(DataStagePackageInfo package)
    {
        resumen = package.Resumen;
        var r = package.Resumen;
        if (!r.IsPatente && r.RfcOPatente.Length > 0 && !string.Equals(r.RfcOPatente, programRfc, StringComparison.Ordinal))
        {
            throw new GovernmentFormatException(r.File, r.Line, "RFCoPatenteAduanal",
                $"a package requested for the program's RFC {programRfc}; this one was requested for {r.RfcOPatente} (refused)");
        }

        Packages++;
    }

    public void BeginTable(DataStageTableInfo table)
    {
        block = null;
        if (table.Layout.Name == "Resumen")
        {
            return;
        }

        var header = table.Header;
        layoutIndex = [.. table.Layout.Headers.Select(header.IndexOf)];
        isDate = [.. table.Layout.Fields.Select(f => f.IsDate)];
        typedIndex = [.. Columns(table.Layout.Name).Select(header.IndexOf)];
        (patente, pedimento, seccion) = (header.IndexOf("Patente"), header.IndexOf("Pedimento"), header.IndexOf("SeccionAduanera"));
        block = pipeline.Rent(table.Layout.Name, table.Folio);
    }

    public void Row(DataStageRow row)
    {
        if (block is null)
        {
            var r = resumen!;
            var (file, raw, folio) = (row.File, row.Raw, row.Folio);
            pipeline.Post(() => writer.Package(folio, r.RfcOPatente, r.FechaInicial, r.FechaFinal, r.FechaEjecucion,
                r.TotalFracciones, r.TotalContribuciones, file, raw));
            return;
        }

        var spec = block.Spec;
        if (spec.NaturalKey && spec.Name == "501" && resumen!.IsPatente)
        {
            var rfc = row.GetText("Rfc").ToUpperInvariant();
            if (rfc.Length > 0 && !string.Equals(rfc, programRfc, StringComparison.Ordinal))
            {
                throw row.Error("Rfc", $"pedimentos of the program's RFC {programRfc}; this one is of {rfc} (refused)");
            }
        }

        var key = new DataStageKey(
            PedimentoNumber(row),
            (Digits(row.Field(patente)) * 10_000_000_000L) + (Digits(row.Field(pedimento)) * 1_000L) + Digits(row.Field(seccion)),
            spec.HasPartida ? row.Partida ?? 0 : -1);
        block.BeginRow(row.Line, key, ContentHash(row), spec.NaturalKey ? resumen!.FechaEjecucion : null);
        Fill(row, spec.Name);
        block.EndRow(row.RawSpan);
        if (block.Bytes >= DataStageBlock.TargetBytes)
        {
            pipeline.Write(block);
            block = pipeline.Rent(spec.Name, block.Folio);
        }
    }

    public void EndTable(DataStageTableInfo table, long rows)
    {
        if (block is not null)
        {
            pipeline.Write(block);
            block = null;
        }

        var (folio, name, line) = (table.Folio, table.Layout.Name, table.Header.Line);
        pipeline.Post(() => writer.Header(folio, name, line, rows));
    }

    public void EndPackage(DataStagePackageInfo package)
    {
    }

    public void Note(GovernmentNote note) => notes.Add(note.ToString());

    /// <summary>The Data Stage columns each table's typed values come from, in <see cref="GovernmentSchema"/> order.</summary>
    private static string[] Columns(string table) => table switch
    {
        "501" => ["TipoOperacion", "ClaveDocumento", "Rfc", "TipoCambio", "TipoPedimento", "FechaRecepcionPedimento", "FechaPagoReal"],
        "505" => ["FechaFacturacion", "NumeroFactura", "MonedaFacturacion", "ValorDolares", "ProveedorMercancia"],
        "506" => ["TipoFecha", "FechaOperacion"],
        "507" or "554" => ["ClaveCaso", "IdentificadorCaso", "ComplementoCaso"],
        "510" or "557" or "702" => ["ClaveContribucion", "FormaPago", "ImportePago"],
        "551" => ["Fraccion", "SubdivisionFraccion", "DescripcionMercancia", "ValorDolares", "ValorAduana", "CantidadUMComercial",
            "UnidadMedidaComercial", "CantidadUMTarifa", "UnidadMedidaTarifa", "PaisOrigenDestino", "TipoOperacion", "ClaveDocumento", "FechaPagoReal"],
        "558" => ["SecuenciaObservacion", "Observaciones"],
        _ => [],
    };

    private static long Digits(ReadOnlySpan<char> value)
    {
        // The reader checked these are at most 4/7/3 digits (surrounding spaces allowed).
        long n = 0;
        foreach (var c in value.Trim())
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }

    private long PedimentoNumber(DataStageRow row)
    {
        if (row.Pedimento is not { } p)
        {
            return -1;
        }

        var digits = p.Digits15;
        if (!ReferenceEquals(digits, lastPedimentoDigits))
        {
            (lastPedimentoDigits, lastPedimento) = (digits, long.Parse(digits, CultureInfo.InvariantCulture));
        }

        return lastPedimento;
    }

    /// <summary>
    /// The content key (FNV-1a 64 over the layout's values in layout order, trimmed, dates as YYYY-MM-DD whatever form and
    /// time the exporter wrote, each followed by 0x1F): the same row from two overlapping packages (one with '/', one with
    /// '-') is one row. The same value <see cref="GovernmentFiles.RowHash"/> gives, without building strings.
    /// </summary>
    private ulong ContentHash(DataStageRow row)
    {
        var h = 14695981039346656037UL;
        Span<char> date = stackalloc char[10];
        for (var i = 0; i < layoutIndex.Length; i++)
        {
            var idx = layoutIndex[i];
            var value = row.Field(idx).Trim();
            if (isDate[i] && GovernmentDates.TryParseDataStage(value, out var d))
            {
                _ = d.TryFormat(date, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                h = Fnv(h, date[..written]);
            }
            else
            {
                h = Fnv(h, value);
            }

            h = unchecked((h ^ 0x1F) * 1099511628211UL);
        }

        return h;
    }

    private static ulong Fnv(ulong h, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }

        return h;
    }

    private void Fill(DataStageRow row, string table)
    {
        var b = block!;
        var t = typedIndex;
        switch (table)
        {
            case "501":
                Operation(row, t[0]);
                b.Field(t[1]);
                b.Field(t[2]);
                Decimal(row, t[3], "TipoCambio");
                Int(row, t[4], "TipoPedimento");
                Date(row, t[5], "FechaRecepcionPedimento");
                Date(row, t[6], "FechaPagoReal");
                break;
            case "505":
                Date(row, t[0], "FechaFacturacion");
                b.Field(t[1]);
                b.Field(t[2]);
                Decimal(row, t[3], "ValorDolares");
                b.Field(t[4]);
                break;
            case "506":
                Int(row, t[0], "TipoFecha");
                Date(row, t[1], "FechaOperacion");
                break;
            case "507":
            case "554":
                b.Field(t[0]);
                b.Field(t[1]);
                b.Field(t[2]);
                break;
            case "510":
            case "557":
            case "702":
                Int(row, t[0], "ClaveContribucion");
                Int(row, t[1], "FormaPago");
                Decimal(row, t[2], "ImportePago");
                break;
            case "512":
                b.Text(row.GetReference("PatenteAduanalOrig", "PedimentoOriginal", "SeccionAduaneraDespOrig", "FechaOperacionOrig")?.Digits15);
                b.Field(row.Header.IndexOf("DocumentoOriginal"));
                b.Date(row.GetDate("FechaOperacionOrig"));
                b.Field(row.Header.IndexOf("FraccionOriginal"));
                b.Field(row.Header.IndexOf("UnidadMedida"));
                b.Decimal(row.GetDecimal("MercanciaDescargada"));
                break;
            case "551":
                b.Field(t[0]);
                b.Field(t[1]);
                b.Field(t[2]);
                Decimal(row, t[3], "ValorDolares");
                Decimal(row, t[4], "ValorAduana");
                Decimal(row, t[5], "CantidadUMComercial");
                b.Field(t[6]);
                Decimal(row, t[7], "CantidadUMTarifa");
                b.Field(t[8]);
                b.Field(t[9]);
                Operation(row, t[10]);
                b.Field(t[11]);
                Date(row, t[12], "FechaPagoReal");
                break;
            case "558":
                Int(row, t[0], "SecuenciaObservacion");
                b.Field(t[1]);
                break;
            case "701":
                b.Field(row.Header.IndexOf("ClaveDocumento"));
                b.Date(row.GetDate("FechaPago"));
                b.Text(row.GetReference("PatenteAnterior", "PedimentoAnterior", "SeccionAduaneraAnterior", "FechaOperacionAnterior")?.Digits15);
                b.Field(row.Header.IndexOf("DocumentoAnterior"));
                b.Date(row.GetDate("FechaOperacionAnterior"));
                b.Text(row.GetReference("PatenteAduanalOrig", "PedimentoOriginal", "SeccionAduaneraDespOrig", "FechaOperacionAnterior")?.Digits15);
                break;
            default:
                break;
        }
    }

    private void Operation(DataStageRow row, int index)
    {
        var tipo = row.Field(index).Trim();
        if (tipo.Length == 0)
        {
            block!.Null();
        }
        else if (tipo is "1")
        {
            block!.Text("import");
        }
        else if (tipo is "2")
        {
            block!.Text("export");
        }
        else
        {
            block!.Field(index);
        }
    }

    private void Decimal(DataStageRow row, int index, string column)
    {
        var text = row.Field(index).Trim();
        if (text.Length == 0)
        {
            block!.Null();
            return;
        }

        block!.Decimal(decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var v) && GovernmentNumbers.InRange(v)
            ? v
            : row.GetDecimal(column));
    }

    private void Int(DataStageRow row, int index, string column)
    {
        var text = row.Field(index).Trim();
        if (text.Length == 0)
        {
            block!.Null();
            return;
        }

        block!.Int(long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : row.GetInt64(column));
    }

    private void Date(DataStageRow row, int index, string column)
    {
        var text = row.Field(index).Trim();
        if (IsNone(text))
        {
            block!.Null();
            return;
        }

        block!.Date(GovernmentDates.TryParseDataStage(text, out var d) ? d : row.GetDate(column));
    }

    private static bool IsNone(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ('0' or '-' or '/' or ':' or ' '))
            {
                return false;
            }
        }

        return true;
    }
}
