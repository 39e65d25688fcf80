using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Formats.Layouts;

/// <summary>A row of a parts file (SPEC §4.1): empty umt means umt = umc with factor 1; empty source means imported.</summary>
public sealed record PartRow(
    long Line,
    ClientId Client,
    PartNumber Part,
    string? Description,
    PartKind Kind,
    Fraccion? Fraccion,
    Nico? Nico,
    UnitCode Umc,
    UnitCode Umt,
    decimal UmtPerUmc,
    string? Origin,
    bool National);

/// <summary>A row of a bom file (SPEC §4.1, §3.5); merma and desperdicio are percentages, 0 when empty.</summary>
public sealed record BomRow(
    long Line,
    ClientId Client,
    PartNumber Product,
    PartNumber Component,
    decimal QtyPer,
    decimal MermaPct,
    decimal DesperdicioPct,
    DateOnly? ValidFrom,
    DateOnly? ValidTo);

/// <summary>
/// A row of an entries file (SPEC §4.1). <see cref="Pedimento"/> is the 15-digit number, or for NAC the purchase
/// document as written.
/// </summary>
public sealed record EntryRow(
    long Line,
    ClientId Client,
    string Pedimento,
    int Partida,
    string Clave,
    DateOnly Date,
    PartNumber Part,
    decimal Qty,
    decimal? QtyUmt,
    decimal? ValueUsd,
    decimal? CustomsValueMxn,
    decimal? ExchangeRate,
    string? Origin,
    string? Preference,
    string? Invoice,
    string? Rectifies,
    string? Site)
{
    /// <summary>UMC discharged before the program's records in Traza begin (SPEC §3.4); null when empty or 0.</summary>
    public decimal? DischargedBefore { get; init; }
}

/// <summary>A row of an exits file (SPEC §4.1): the document is a 15-digit pedimento, or another document as written.</summary>
public sealed record ExitRow(
    long Line,
    ClientId Client,
    string Pedimento,
    int Partida,
    string Clave,
    DateOnly Date,
    PartNumber Part,
    decimal Qty,
    decimal? QtyUmt,
    decimal? ValueUsd,
    string? Destination,
    string? Counterparty,
    string? Case,
    DateOnly? BomDate,
    string? SourcePedimento,
    int? SourcePartida,
    string? Rectifies);

/// <summary>A row of an events file (SPEC §4.1, §3.5); reference "" when none.</summary>
public sealed record EventRow(
    long Line,
    ClientId Client,
    DateOnly Date,
    EventType Type,
    PartNumber Part,
    decimal Qty,
    bool Waste,
    string Reference,
    string? ThirdParty,
    string? Site);

/// <summary>A row of a counts file (SPEC §3.6); site "" when none.</summary>
public sealed record CountRow(long Line, ClientId Client, DateOnly Date, PartNumber Part, decimal Qty, string Site);
