using Traza.Formats.DataStage;

namespace Traza.Formats.Tests.Government;

/// <summary>Realistic Data Stage packages written by <see cref="DataStagePackageWriter"/>.</summary>
public static class TestPackages
{
    public const string Rfc = "ABC010101AB1";

    public static DataStagePackageWriter Realistic(string folio = "896998", DataStageWriterOptions? options = null)
    {
        var w = new DataStagePackageWriter(folio, options);
        w.SetResumen(Rfc, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 3));

        // An IN import with two partidas; the number keeps its leading zeros (0000257) and the aduana 070.
        w.AddPedimento(new DataStagePedimento("3420", "5000257", "070", 1, "IN", Rfc, new DateOnly(2025, 1, 10),
            FechaEntrada: new DateOnly(2025, 1, 9), NombreContribuyente: "MAQUILADORA PEÑA SA DE CV", PesoBruto: 287m));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 1, "85423901", "00", "CIRCUITO INTEGRADO", 1500.25m, 27760m, 1000m, "6",
            1000m, "6", "USA", "USA", 1, "IN", new DateOnly(2025, 1, 10),
            [new DataStageContribucion(15, 0, 278), new DataStageContribucion(3, 21, 4442)], ["PN-0001"]));
        w.AddPartida(new DataStagePartida("3420", "5000257", "070", 2, "39269099", "99", "PIEZA DE PLASTICO", 200m, 3700m, 50.5m, "1",
            50.5m, "1", "CHN", "USA", 1, "IN", new DateOnly(2025, 1, 10),
            [new DataStageContribucion(15, 0, 37)], ["PN-0002", "INV 77"]));

        // A consolidated export whose number was opened in 2024 (first digit 4) but validated in 2025.
        w.AddPedimento(new DataStagePedimento("3420", "4001234", "240", 2, "RT", Rfc, new DateOnly(2025, 1, 20)));
        w.AddPartida(new DataStagePartida("3420", "4001234", "240", 1, "85423901", "00", "CIRCUITO INTEGRADO", 900m, 16650m, 600m, "6",
            600m, "6", "USA", "USA", 2, "RT", new DateOnly(2025, 1, 20), [new DataStageContribucion(15, 0, 0)]));

        // A V1 transfer with its 512 descargo of the 2024 import it discharges.
        w.AddPedimento(new DataStagePedimento("1234", "5000010", "400", 2, "V1", Rfc, new DateOnly(2025, 1, 25)));
        w.AddPartida(new DataStagePartida("1234", "5000010", "400", 1, "39269099", "99", "PIEZA", 10m, 185m, 5m, "1", 5m, "1", "CHN", "MEX", 2,
            "V1", new DateOnly(2025, 1, 25), [new DataStageContribucion(15, 0, 0)]));
        w.AddRow("512", ("Patente", "1234"), ("Pedimento", "5000010"), ("SeccionAduanera", "400"), ("PatenteAduanalOrig", "3420"),
            ("PedimentoOriginal", "4000999"), ("SeccionAduaneraDespOrig", "070"), ("DocumentoOriginal", "IN"),
            ("FechaOperacionOrig", "2024-11-30"), ("FraccionOriginal", "39269099"), ("UnidadMedida", "1"), ("MercanciaDescargada", "5.000"),
            ("TipoPedimento", "1"), ("FechaPagoReal", w.FormatDate(new DateOnly(2025, 1, 25), "512", true)));

        // A rectification of the import (TipoPedimento 2) with its 701 row.
        w.AddPedimento(new DataStagePedimento("3420", "5000300", "070", 1, "R1", Rfc, new DateOnly(2025, 1, 28), TipoPedimento: 2));
        w.AddRow("701", ("Patente", "3420"), ("Pedimento", "5000300"), ("SeccionAduanera", "070"), ("ClaveDocumento", "R1"),
            ("FechaPago", "2025-01-28"), ("PedimentoAnterior", "5000257"), ("PatenteAnterior", "3420"), ("SeccionAduaneraAnterior", "070"),
            ("DocumentoAnterior", "IN"), ("FechaOperacionAnterior", "2025/01/10"), ("PedimentoOriginal", "0"), ("PatenteAduanalOrig", ""),
            ("SeccionAduaneraDespOrig", ""), ("FechaPagoReal", "2025-01-28 11:00:00"));
        w.AddRow("507", ("Patente", "3420"), ("Pedimento", "5000257"), ("SeccionAduanera", "070"), ("ClaveCaso", "IM"),
            ("IdentificadorCaso", "1234-2006"), ("TipoPedimento", "1"), ("FechaValidacionPagoR", "2025-01-10 09:00:00"));
        w.AddRow("510", ("Patente", "3420"), ("Pedimento", "5000257"), ("SeccionAduanera", "070"), ("ClaveContribucion", "15"),
            ("FormaPago", "0"), ("ImportePago", "315"), ("TipoPedimento", "1"), ("FechaPagoReal", "2025/01/10"));
        w.AddRow("505", ("Patente", "3420"), ("Pedimento", "5000257"), ("SeccionAduanera", "070"), ("FechaFacturacion", "2025-01-02"),
            ("NumeroFactura", "COVE25ABC1"), ("TerminoFacturacion", "FCA"), ("MonedaFacturacion", "USD"), ("ValorDolares", "1700.25"),
            ("ValorMonedaExtranjera", "1700.25"), ("PaisFacturacion", "USA"), ("ProveedorMercancia", "ACME INC"), ("FechaPagoReal", "2025-01-10"));
        w.AddRow("554", ("Patente", "3420"), ("Pedimento", "5000257"), ("SeccionAduanera", "070"), ("Fraccion", "85423901"),
            ("SecuenciaFraccion", "1"), ("ClaveCaso", "TL"), ("IdentificadorCaso", "USA"), ("FechaPagoReal", "2025-01-10"));
        w.AddRow("Sel", ("Patente", "3420"), ("Pedimento", "5000257"), ("SeccionAduanera", "070"), ("ConsecutivoRemesa", "0"),
            ("NumeroSeleccion", "1"), ("FechaSeleccion", "2025-01-09"), ("HoraSeleccion", "10:15"), ("SemaforoFiscal", "1"),
            ("ClaveDocumento", "IN"), ("TipoOperacion", "1"));
        return w;
    }

    public static byte[] Zip(DataStagePackageWriter w)
    {
        using var ms = new MemoryStream();
        w.WriteZip(ms);
        return ms.ToArray();
    }

    public static CollectingSink ReadBytes(byte[] bytes, string name)
    {
        var sink = new CollectingSink();
        using var ms = new MemoryStream(bytes);
        new DataStagePackageReader().Read(ms, name, sink);
        return sink;
    }

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "traza-ds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
