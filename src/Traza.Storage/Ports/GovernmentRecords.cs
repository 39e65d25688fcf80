namespace Traza.Storage;

/// <summary>The split key of a government row: the 15-digit pedimento ('' when its year is unknown) and its parts.</summary>
public readonly record struct GovernmentKey(string Pedimento, string Patente, string Pedimento7, string Seccion);

/// <summary>A pedimento as a government source declares it (Data Stage 501 or M3 500/501), with its partidas' USD values.</summary>
public sealed record GovernmentPedimento(string Pedimento, string? Clave, string? Operation, DateOnly? Date, IReadOnlyList<string> PartidaValuesUsd);
