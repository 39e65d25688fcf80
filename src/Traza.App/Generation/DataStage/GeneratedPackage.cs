using System.Globalization;
using Traza.Formats.DataStage;

namespace Traza.App.Generation.DataStage;

/// <summary>
/// The SAT Data Stage package of a generated program (<c>traza gen</c>'s <c>datastage.zip</c>, SPEC §5): fed the same
/// pedimento lines <see cref="ProgramGenerator"/> writes to entries.csv and exits.csv — same numbers, partidas, dates,
/// quantities and USD values — and written with <see cref="DataStagePackageWriter"/> in SAT's delivered format, so
/// that importing both gives every pedimento the sources datastage and ledger in <c>traza report pedimentos</c>.
/// </summary>
/// <remarks>
/// Per pedimento: 501 (with its 506 dates: entrada and pago for imports, presentación and pago for exports), one 505
/// invoice, a 507 IM identifier naming the IMMEX program, a 510 DTA line; per partida: 551, a 557 IVA line for
/// imports (forma de pago 21, crédito fiscal of a certified IMMEX) and a 558 observation holding the part number,
/// where brokers put it (regulatory brief §3.4). 512 rows only for transfers (V1, V5), whose brokers transmit descargos
/// (<see cref="GeneratedDescargos"/>); retornos (RT) carry no descargo block (brief §3.4). Contribution amounts are illustrative, not a tax computation. Nothing here draws from the
/// generator's random sequence, so adding the package changes none of the CSV files.
/// </remarks>
internal sealed class GeneratedPackage : IDisposable
{
    /// <summary>An illustrative DTA cuota fija in pesos (Apéndice 12 clave 1) for every pedimento.</summary>
    private const decimal Dta = 408m;

    private readonly DataStagePackageWriter writer;
    private readonly string rfc;
    private readonly string programName;
    private readonly string immexNumber;
    private readonly List<DataStagePartida> partidas = [];
    private readonly List<string> invoices = [];
    private Head? current;

    public GeneratedPackage(string folio, string rfc, string programName, string immexNumber, DateOnly from, DateOnly to)
    {
        writer = new DataStagePackageWriter(folio, new DataStageWriterOptions { DateStyle = DataStageDateStyle.Dash });
        writer.SetResumen(rfc, from, to, to.AddDays(5));
        this.rfc = rfc;
        this.programName = programName;
        this.immexNumber = immexNumber;
    }

    /// <summary>Pedimentos written so far.</summary>
    public int Pedimentos { get; private set; }

    /// <summary>Partidas (551 rows) written so far.</summary>
    public long Partidas => writer.RowCount("551") + partidas.Count;

    /// <summary>
    /// One partida of a pedimento, as the CSV line that carries it. Lines of one pedimento come together; a new
    /// pedimento number closes the previous one.
    /// </summary>
    public void Line(in GeneratedLine line)
    {
        if (current is null || !string.Equals(current.Pedimento, line.Pedimento, StringComparison.Ordinal))
        {
            Flush();
            current = new Head(line.Pedimento, line.Clave, line.Export ? 2 : 1, line.Date, line.Rate);
        }

        var (patente, number, seccion) = Split(line.Pedimento);
        var valorAduana = decimal.Round(line.ValueUsd * line.Rate, 0, MidpointRounding.AwayFromZero);
        IReadOnlyList<DataStageContribucion> contribuciones = line.Export
            ? []
            : [new DataStageContribucion(3, 21, decimal.Round(valorAduana * 0.16m, 0, MidpointRounding.AwayFromZero))];
        partidas.Add(new DataStagePartida(patente, number, seccion, line.Partida, line.Fraccion, line.Nico,
            line.Description.ToUpperInvariant(), line.ValueUsd, valorAduana, line.Qty, line.Umc, line.QtyUmt, line.Umt, line.Origin,
            line.Counterparty, line.Export ? 2 : 1, line.Clave, line.Date, contribuciones, [line.Part]));
        current.ValueUsd += line.ValueUsd;
        current.Weight += line.Umt == "1" ? line.QtyUmt : line.Qty * 0.05m;
        if (invoices.Count == 0)
        {
            invoices.Add(line.Invoice);
        }
    }

    /// <summary>
    /// One 512 row of exit <paramref name="exit"/>: what it discharged from <paramref name="original"/> (clave and entry date
    /// of the original), in UMT with 3 decimals; with an empty fracción, only a reference to the original (.000).
    /// </summary>
    public void Descargo(string exit, DateOnly exitDate, string original, string clave, DateOnly originalDate, string fraccion, string umt,
        decimal qtyUmt)
    {
        var (patente, number, seccion) = Split(exit);
        var (patenteOrig, numberOrig, seccionOrig) = Split(original);
        writer.AddRow("512", ("Patente", patente), ("Pedimento", number), ("SeccionAduanera", seccion), ("PatenteAduanalOrig", patenteOrig),
            ("PedimentoOriginal", numberOrig), ("SeccionAduaneraDespOrig", seccionOrig), ("DocumentoOriginal", clave),
            ("FechaOperacionOrig", writer.FormatDate(originalDate, "512", false)), ("FraccionOriginal", fraccion), ("UnidadMedida", umt),
            ("MercanciaDescargada", fraccion.Length == 0 ? ".000" : decimal.Round(qtyUmt, 3, MidpointRounding.AwayFromZero)
                .ToString("0.000", CultureInfo.InvariantCulture)),
            ("TipoPedimento", "1"), ("FechaPagoReal", writer.FormatDate(exitDate, "512", true)));
    }

    /// <summary>Closes the last pedimento and writes the package ZIP.</summary>
    public void WriteZip(string path)
    {
        Flush();
        writer.WriteZip(path);
    }

    public void Dispose() => writer.Dispose();

    private void Flush()
    {
        if (current is not { } h)
        {
            return;
        }

        var (patente, number, seccion) = Split(h.Pedimento);
        writer.AddPedimento(new DataStagePedimento(patente, number, seccion, h.TipoOperacion, h.Clave, rfc, h.Date, h.Rate,
            FechaEntrada: h.TipoOperacion == 1 ? h.Date : null, NombreContribuyente: programName, PesoBruto: decimal.Round(h.Weight, 3)));
        var fechaPago = writer.FormatDate(h.Date, "505", true);
        writer.AddRow("505", ("Patente", patente), ("Pedimento", number), ("SeccionAduanera", seccion),
            ("FechaFacturacion", writer.FormatDate(h.Date.AddDays(-2), "505", false)), ("NumeroFactura", invoices[0]),
            ("TerminoFacturacion", h.TipoOperacion == 1 ? "FCA" : "EXW"), ("MonedaFacturacion", "USD"),
            ("ValorDolares", Money(h.ValueUsd)), ("ValorMonedaExtranjera", Money(h.ValueUsd)), ("PaisFacturacion", "USA"),
            ("ProveedorMercancia", h.TipoOperacion == 1 ? "SUPPLIER OF THE PROGRAM" : "CUSTOMER OF THE PROGRAM"), ("FechaPagoReal", fechaPago));
        writer.AddRow("507", ("Patente", patente), ("Pedimento", number), ("SeccionAduanera", seccion), ("ClaveCaso", "IM"),
            ("IdentificadorCaso", immexNumber), ("TipoPedimento", "1"),
            ("FechaValidacionPagoR", writer.FormatDate(h.Date, "507", true)));
        writer.AddRow("510", ("Patente", patente), ("Pedimento", number), ("SeccionAduanera", seccion), ("ClaveContribucion", "1"),
            ("FormaPago", "0"), ("ImportePago", Dta.ToString(CultureInfo.InvariantCulture)), ("TipoPedimento", "1"),
            ("FechaPagoReal", writer.FormatDate(h.Date, "510", true)));
        foreach (var p in partidas)
        {
            writer.AddPartida(p);
        }

        Pedimentos++;
        partidas.Clear();
        invoices.Clear();
        current = null;
    }

    private static string Money(decimal d) => decimal.Round(d, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Patente, the 7-digit number and the aduana-sección (aduana + sección 0) of a 15-digit pedimento.</summary>
    private static (string Patente, string Number, string Seccion) Split(string pedimento15) =>
        (pedimento15[4..8], pedimento15[8..], pedimento15[2..4] + "0");

    private sealed class Head(string pedimento, string clave, int tipoOperacion, DateOnly date, decimal rate)
    {
        public string Pedimento { get; } = pedimento;

        public string Clave { get; } = clave;

        public int TipoOperacion { get; } = tipoOperacion;

        public DateOnly Date { get; } = date;

        public decimal Rate { get; } = rate;

        public decimal ValueUsd { get; set; }

        public decimal Weight { get; set; }
    }
}

/// <summary>One pedimento partida of a generated CSV line, for <see cref="GeneratedPackage.Line"/>.</summary>
internal readonly record struct GeneratedLine(
    string Pedimento,
    int Partida,
    string Clave,
    bool Export,
    DateOnly Date,
    decimal Rate,
    string Part,
    string Description,
    string Fraccion,
    string Nico,
    decimal Qty,
    string Umc,
    decimal QtyUmt,
    string Umt,
    decimal ValueUsd,
    string Origin,
    string Counterparty,
    string Invoice);
