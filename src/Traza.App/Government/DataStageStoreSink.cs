using Traza.Formats.DataStage;
using Traza.Formats.Government;
using Traza.Storage.Sqlite;

namespace Traza.App.Government;

/// <summary>
/// Streams a Data Stage package into the government tables: the Resumen, each member's header, and every row with
/// its typed columns. Refuses a package requested for another RFC than the program's (SPEC §4.2, exit 3).
/// </summary>
internal sealed class DataStageStoreSink : IDataStageSink
{
    private readonly GovernmentWriter writer;
    private readonly string programRfc;
    private readonly List<string> notes;
    private DataStageResumen? resumen;
    private object?[] typed = [];
    private string[] hashValues = [];
    private int[] layoutIndex = [];
    private bool[] isDate = [];

    public DataStageStoreSink(GovernmentWriter writer, string programRfc, List<string> notes)
    {
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
        var spec = table.Layout.Name == "Resumen" ? null : GovernmentSchema.Tables[table.Layout.Name];
        typed = new object?[spec?.Typed.Count ?? 0];
        layoutIndex = [.. table.Layout.Headers.Select(table.Header.IndexOf)];
        isDate = [.. table.Layout.Fields.Select(f => f.IsDate)];
        hashValues = new string[layoutIndex.Length];
    }

    public void Row(DataStageRow row)
    {
        var table = row.Layout.Name;
        if (table == "Resumen")
        {
            var r = resumen!;
            writer.Package(r.Folio.Length > 0 ? row.Folio : row.Folio, r.RfcOPatente, r.FechaInicial, r.FechaFinal, r.FechaEjecucion,
                r.TotalFracciones, r.TotalContribuciones, row.File, row.Raw);
            return;
        }

        if (table == "501" && resumen!.IsPatente)
        {
            var rfc = row.GetText("Rfc").ToUpperInvariant();
            if (rfc.Length > 0 && !string.Equals(rfc, programRfc, StringComparison.Ordinal))
            {
                throw row.Error("Rfc", $"pedimentos of the program's RFC {programRfc}; this one is of {rfc} (refused)");
            }
        }

        // The content key: the layout's values in layout order, trimmed, dates as YYYY-MM-DD whatever form and time the
        // exporter wrote — so the same row from two overlapping packages (one with '/', one with '-') is one row.
        for (var i = 0; i < layoutIndex.Length; i++)
        {
            var idx = layoutIndex[i];
            var value = idx >= 0 ? row.Values[idx].AsSpan().Trim() : [];
            hashValues[i] = isDate[i] && GovernmentDates.TryParseDataStage(value, out var date)
                ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : value.ToString();
        }

        Fill(row, table);
        var key = new GovernmentKey(
            row.Pedimento?.Digits15 ?? string.Empty,
            row.GetText("Patente").PadLeft(4, '0'),
            row.GetText("Pedimento").PadLeft(7, '0'),
            row.GetText("SeccionAduanera").PadLeft(3, '0'));
        writer.DataStageRow(table, key, row.Partida, GovernmentFiles.RowHash(hashValues), row.Folio, row.Line, row.Raw, typed);
    }

    public void EndTable(DataStageTableInfo table, long rows) => writer.Header(table.Folio, table.Layout.Name, table.Header.Line, rows);

    public void EndPackage(DataStagePackageInfo package)
    {
    }

    public void Note(GovernmentNote note) => notes.Add(note.ToString());

    private static string? Operation(string tipo) => tipo switch
    {
        "1" => "import",
        "2" => "export",
        "" => null,
        _ => tipo,
    };

    private static string? Text(DataStageRow row, string column)
    {
        var t = row.GetText(column);
        return t.Length == 0 ? null : t;
    }

    private void Fill(DataStageRow row, string table)
    {
        var t = typed;
        switch (table)
        {
            case "501":
                t[0] = Operation(row.GetText("TipoOperacion"));
                t[1] = Text(row, "ClaveDocumento");
                t[2] = Text(row, "Rfc");
                t[3] = row.GetDecimal("TipoCambio");
                t[4] = row.GetInt64("TipoPedimento");
                t[5] = row.GetDate("FechaRecepcionPedimento");
                t[6] = row.GetDate("FechaPagoReal");
                t[7] = resumen!.FechaEjecucion;
                break;
            case "505":
                t[0] = row.GetDate("FechaFacturacion");
                t[1] = Text(row, "NumeroFactura");
                t[2] = Text(row, "MonedaFacturacion");
                t[3] = row.GetDecimal("ValorDolares");
                t[4] = Text(row, "ProveedorMercancia");
                break;
            case "506":
                t[0] = row.GetInt64("TipoFecha");
                t[1] = row.GetDate("FechaOperacion");
                break;
            case "507":
            case "554":
                t[0] = Text(row, "ClaveCaso");
                t[1] = Text(row, "IdentificadorCaso");
                t[2] = Text(row, "ComplementoCaso");
                break;
            case "510":
            case "557":
            case "702":
                t[0] = row.GetInt64("ClaveContribucion");
                t[1] = row.GetInt64("FormaPago");
                t[2] = row.GetDecimal("ImportePago");
                break;
            case "512":
                t[0] = row.GetReference("PatenteAduanalOrig", "PedimentoOriginal", "SeccionAduaneraDespOrig", "FechaOperacionOrig")?.Digits15;
                t[1] = Text(row, "DocumentoOriginal");
                t[2] = row.GetDate("FechaOperacionOrig");
                t[3] = Text(row, "FraccionOriginal");
                t[4] = Text(row, "UnidadMedida");
                t[5] = row.GetDecimal("MercanciaDescargada");
                break;
            case "551":
                t[0] = Text(row, "Fraccion");
                t[1] = Text(row, "SubdivisionFraccion");
                t[2] = Text(row, "DescripcionMercancia");
                t[3] = row.GetDecimal("ValorDolares");
                t[4] = row.GetDecimal("ValorAduana");
                t[5] = row.GetDecimal("CantidadUMComercial");
                t[6] = Text(row, "UnidadMedidaComercial");
                t[7] = row.GetDecimal("CantidadUMTarifa");
                t[8] = Text(row, "UnidadMedidaTarifa");
                t[9] = Text(row, "PaisOrigenDestino");
                t[10] = Operation(row.GetText("TipoOperacion"));
                t[11] = Text(row, "ClaveDocumento");
                t[12] = row.GetDate("FechaPagoReal");
                t[13] = resumen!.FechaEjecucion;
                break;
            case "558":
                t[0] = row.GetInt64("SecuenciaObservacion");
                t[1] = Text(row, "Observaciones");
                break;
            case "701":
                t[0] = Text(row, "ClaveDocumento");
                t[1] = row.GetDate("FechaPago");
                t[2] = row.GetReference("PatenteAnterior", "PedimentoAnterior", "SeccionAduaneraAnterior", "FechaOperacionAnterior")?.Digits15;
                t[3] = Text(row, "DocumentoAnterior");
                t[4] = row.GetDate("FechaOperacionAnterior");
                t[5] = row.GetReference("PatenteAduanalOrig", "PedimentoOriginal", "SeccionAduaneraDespOrig", "FechaOperacionAnterior")?.Digits15;
                break;
            default:
                break;
        }
    }
}
