namespace Traza.Storage;

/// <summary>The split key of a government row: the 15-digit pedimento ('' when its year is unknown) and its parts.</summary>
public readonly record struct GovernmentKey(string Pedimento, string Patente, string Pedimento7, string Seccion);

/// <summary>A pedimento as a government source declares it (Data Stage 501 or M3 500/501), with its partidas' USD values.</summary>
public sealed record GovernmentPedimento(string Pedimento, string? Clave, string? Operation, DateOnly? Date, IReadOnlyList<string> PartidaValuesUsd);

/// <summary>
/// One Data Stage row as <see cref="IGovernmentReader.DataStageRows"/> reads it: the 15-digit pedimento ('' when its year
/// is unknown), the partida (0 for a pedimento-level table) and the requested typed values (null when empty).
/// </summary>
public sealed record GovernmentRow(string Pedimento, int Partida, IReadOnlyList<string?> Values);

/// <summary>A loaded Data Stage package and the period its Resumen says it covers (SPEC §3.10 <c>missing_in_datastage</c>).</summary>
public sealed record GovernmentPackage(string Folio, DateOnly? From, DateOnly? To);
