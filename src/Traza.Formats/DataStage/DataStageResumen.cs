namespace Traza.Formats.DataStage;

/// <summary>
/// The Resumen of a Data Stage package: the request (folio, RFC or patente consulted, period) and the totals SAT
/// counted — Total_Fracciones is checked against the 551 rows and Total_Contribuciones against the 557 rows
/// (SPEC §3.10).
/// </summary>
public sealed record DataStageResumen(
    string Folio,
    string RfcOPatente,
    DateOnly? FechaInicial,
    DateOnly? FechaFinal,
    DateOnly? FechaEjecucion,
    long? TotalFracciones,
    long? TotalContribuciones,
    string File,
    long Line)
{
    /// <summary>True when the package was requested for a patente (4 digits) rather than an RFC.</summary>
    public bool IsPatente => RfcOPatente.Length is > 0 and <= 4 && RfcOPatente.All(char.IsAsciiDigit);
}
