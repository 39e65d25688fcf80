using Traza.Domain.Values;

namespace Traza.Formats.M3;

/// <summary>
/// One pedimento of an M3 file: register 500 and every record up to its 800 (or the next 500/801). The 15-digit
/// number is built from 500's patente, pedimento and aduana-sección (SPEC §3.1), YY from the payment date (506
/// tipo 2), else the other 506 dates; null when the file gives no date.
/// </summary>
public sealed record M3Pedimento(
    string File,
    long Line,
    string Patente,
    string Pedimento,
    string SeccionAduanera,
    string TipoMovimiento,
    PedimentoNumber? Number,
    DateOnly? FechaPago,
    IReadOnlyList<M3Record> Records)
{
    /// <summary>Records of one register, in file order.</summary>
    public IEnumerable<M3Record> Of(string register) => Records.Where(r => string.Equals(r.Register, register, StringComparison.Ordinal));
}

/// <summary>The closing 801 (or 999) record's counts as read and as counted.</summary>
public sealed record M3FileSummary(string File, string? NombreArchivo, long Pedimentos, long Records);
