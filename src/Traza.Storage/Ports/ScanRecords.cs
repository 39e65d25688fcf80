namespace Traza.Storage;

/// <summary>The columns of an entry row the discharge needs.</summary>
public readonly record struct EntryScan(
    string Client, string Part, string Pedimento, int Partida, string Clave, DateOnly Date, decimal Qty);

/// <summary>
/// The columns of an exit row the discharge needs, with its movement identity; <paramref name="Case"/> is the file's
/// <c>case</c> (DE marks a waste disposal, docs/cli.md "Waste").
/// </summary>
public readonly record struct ExitScan(
    string Client, string Part, string Pedimento, int Partida, string Clave, DateOnly Date, decimal Qty, DateOnly? BomDate,
    string? SourcePedimento, int? SourcePartida, long BatchId, long Line, string? Case = null);

/// <summary>
/// The columns of an exit line custody names (<see cref="ILedgerScans.ExitMovements"/>): its movement identity, document
/// (pedimento), clave, date, product and counterparty (null when none was given).
/// </summary>
public readonly record struct ExitMovementScan(
    long BatchId, long Line, string Document, string Clave, DateOnly Date, string Product, string? Counterparty);

/// <summary>
/// An entry or exit line for <see cref="ILedgerScans.DocumentLines"/>; <paramref name="document"/> is valid during the call.
/// </summary>
public delegate void DocumentLineHandler(ReadOnlySpan<byte> document, int partida, string clave, DateOnly date, decimal? valueUsd);

/// <summary>
/// The columns of an entry or exit line reconciliation compares (SPEC §3.10): key, clave, date, quantities, USD value,
/// origin (entries only; null for exits) and the pedimento it rectifies.
/// </summary>
public readonly record struct ReconcileLineScan(
    string Client, string Pedimento, int Partida, string Part, string Clave, DateOnly Date, decimal Qty, decimal? QtyUmt, decimal? ValueUsd,
    string? Origin, string? Rectifies);

/// <summary>The columns of a part row the discharge needs.</summary>
public readonly record struct PartScan(string Client, string Part, string Kind, bool National);

/// <summary>The columns of a BOM row the discharge needs (<paramref name="ValidFrom"/> null when the row has none).</summary>
public readonly record struct BomScan(
    string Client, string Product, string Component, DateOnly? ValidFrom, decimal QtyPer, decimal MermaPct, decimal DesperdicioPct,
    DateOnly? ValidTo);

/// <summary>
/// One pedimento of entries or exits whose rows name another they rectify (SPEC §3.8): the rectification's earliest date,
/// the original's earliest date in the same table (null when the ledger lacks it) and the last batch that wrote its rows.
/// </summary>
public readonly record struct RectificationScan(
    string Client, string Pedimento, string Original, DateOnly Date, DateOnly? OriginalDate, long LastBatch);
