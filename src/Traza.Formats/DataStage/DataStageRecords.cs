namespace Traza.Formats.DataStage;

/// <summary>
/// The pedimento-level facts <see cref="DataStagePackageWriter.AddPedimento"/> writes as a 501 row and its 506
/// dates (TipoFecha 1 entrada for imports, 2 pago). Split key as Data Stage stores it: Patente CHAR(4), Pedimento
/// CHAR(7), SeccionAduanera CHAR(3).
/// </summary>
public sealed record DataStagePedimento(
    string Patente,
    string Pedimento,
    string SeccionAduanera,
    int TipoOperacion,
    string Clave,
    string Rfc,
    DateOnly FechaPago,
    decimal TipoCambio = 18.5m,
    int TipoPedimento = 1,
    DateOnly? FechaEntrada = null,
    string NombreContribuyente = "",
    decimal PesoBruto = 0m);

/// <summary>
/// A partida (551 row) with its contributions (557 rows) and observations (558, often the part number).
/// Quantities in UMC and UMT; units are Apéndice 7 codes.
/// </summary>
public sealed record DataStagePartida(
    string Patente,
    string Pedimento,
    string SeccionAduanera,
    int Secuencia,
    string Fraccion,
    string Nico,
    string Descripcion,
    decimal ValorDolares,
    decimal ValorAduana,
    decimal CantidadUmc,
    string Umc,
    decimal CantidadUmt,
    string Umt,
    string PaisOrigen,
    string PaisVendedor,
    int TipoOperacion,
    string Clave,
    DateOnly FechaPago,
    IReadOnlyList<DataStageContribucion>? Contribuciones = null,
    IReadOnlyList<string>? Observaciones = null);

/// <summary>A contribution line (Apéndice 12 clave, Apéndice 13 forma de pago, whole pesos).</summary>
public sealed record DataStageContribucion(int Clave, int FormaPago, decimal Importe);
