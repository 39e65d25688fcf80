using Traza.Domain.Model;

namespace Traza.Domain.Discharge;

/// <summary>A part as the engine sees it. Its index in <see cref="DischargeInput.Parts"/> identifies its pool (client, part).</summary>
/// <param name="Client">The owning client ('' for the program's own parts).</param>
/// <param name="Part">The part number.</param>
/// <param name="Kind">Machinery and tooling lots are always fixed-asset lots (SPEC §3.3).</param>
/// <param name="National">A national part is skipped wherever it appears: not exploded, not discharged, never short (SPEC §3.4).</param>
public readonly record struct PartDef(string Client, string Part, PartKind Kind, bool National);

/// <summary>One BOM row: <paramref name="QtyPer"/> net units of the component per unit of the product (SPEC §3.5, C2).</summary>
/// <param name="Product">Part index of the product.</param>
/// <param name="Component">Part index of the component (same client).</param>
/// <param name="QtyPer">Net quantity per unit of product.</param>
/// <param name="MermaPct">Process loss, consumed, as a percentage of net consumption.</param>
/// <param name="DesperdicioPct">Scrap, which becomes waste, as a percentage of net consumption.</param>
/// <param name="ValidFrom">First day in force.</param>
/// <param name="ValidTo">Last day in force; null = open.</param>
public readonly record struct BomLine(
    int Product, int Component, decimal QtyPer, decimal MermaPct, decimal DesperdicioPct, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool InForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo.Value);
}

/// <summary>
/// Micro-UMC already discharged from a lot — its opening discharge (<see cref="LotDef.DischargedBefore"/>) included — waste
/// recorded on it and waste disposed of, before a resumed run.
/// </summary>
public readonly record struct LotStart(long Discharged, long Waste, long WasteDisposed)
{
    /// <summary>A lot no movement has touched yet: only its opening discharge (SPEC §3.4 <c>discharged_before</c>).</summary>
    public static LotStart Opening(in LotDef lot) => new(Micro.FromDecimal(lot.DischargedBefore), 0, 0);
}

/// <summary>A lot: one (client, pedimento, partida, part) entered (SPEC §3.4).</summary>
/// <param name="Part">Part index (the pool).</param>
/// <param name="Document">The pedimento in 15-digit form, or a NAC purchase document as written.</param>
/// <param name="Partida">The partida.</param>
/// <param name="EntryDate">The fecha de entrada.</param>
/// <param name="Qty">Quantity in UMC.</param>
/// <param name="FixedAsset">A fixed-asset lot (AF, E2, A6, or a machinery/tooling part): SPEC §3.3.</param>
/// <param name="NationalStock">NAC stock: joins the FIFO pool, discharges no pedimento.</param>
/// <param name="DischargedBefore">
/// UMC discharged before the program's records in Traza begin (SPEC §3.4 <c>discharged_before</c>: the opening inventory of a
/// program that goes live mid-way), 0 ≤ it ≤ <paramref name="Qty"/>: the lot starts with that much discharged and keeps its
/// entry date and FIFO position; no allocation stands for it and it leaves no waste.
/// </param>
public readonly record struct LotDef(
    int Part,
    string Document,
    int Partida,
    DateOnly EntryDate,
    decimal Qty,
    bool FixedAsset,
    bool NationalStock,
    decimal DischargedBefore = 0m);

/// <summary>
/// Whether a movement is an exit (processed first on its date), an event, or a work order (docs/cli.md "Work orders": processed
/// before the exits of its date, the one exception to SPEC §3.5's "exits before events").
/// </summary>
public enum MovementKind : byte
{
    Exit = 0,
    Event = 1,
    WorkOrder = 2,
}

/// <summary>What a movement may do to the lots (SPEC §3.3, §3.5).</summary>
public enum DischargeMode : byte
{
    /// <summary>Moves goods without discharging (BO, submanufacture, repair_in, adjustment).</summary>
    None,

    /// <summary>
    /// RT, H1, V1, A3 and destruction/donation of materials: any lot of the part itself; a part with a BOM in force explodes into
    /// its leaves, whose regular lots alone it takes (SPEC §3.3: never a fixed-asset lot by explosion).
    /// </summary>
    AllLots,

    /// <summary>F4, V5, BB, A1 case V: never fixed-asset lots; a part with a BOM in force explodes like RT.</summary>
    RegularLotsOnly,

    /// <summary>
    /// F5: fixed-asset lots of the part itself only (SPEC §3.3). A part with a BOM in force still explodes (SPEC §3.5 applies to
    /// every exit), and its leaves take nothing — explosion never takes a fixed-asset lot — so they are shortages.
    /// </summary>
    FixedAssetLotsOnly,

    /// <summary>Destruction or donation of waste: disposes of the waste balance, never touches lots.</summary>
    WasteDisposal,
}

/// <summary>What each <see cref="DischargeMode"/> implies, in one place for the engine, incremental discharge and the tests.</summary>
public static class DischargeModes
{
    /// <summary>
    /// True when an exit of a part with a BOM in force goes through the BOM: every movement that takes lots (SPEC §3.5
    /// "Explosion" names no exception — RT, H1, V1, V5, BB, F4, A1 case V, F5, A3, destruction and donation of materials).
    /// </summary>
    public static bool Explodes(this DischargeMode mode) => mode.TakesLots();

    /// <summary>
    /// The lots an exploded leaf need may take: regular lots only (SPEC §3.3: never a fixed-asset lot by explosion), so an
    /// exploded F5 (fixed-asset lots only) takes none.
    /// </summary>
    public static DischargeMode LeafMode(this DischargeMode mode) =>
        mode == DischargeMode.FixedAssetLotsOnly ? DischargeMode.None : DischargeMode.RegularLotsOnly;

    /// <summary>True when the movement takes quantity from lots (every mode but none and waste disposal).</summary>
    public static bool TakesLots(this DischargeMode mode) =>
        mode is DischargeMode.AllLots or DischargeMode.RegularLotsOnly or DischargeMode.FixedAssetLotsOnly;
}

/// <summary>An exit line or an event, in the form the engine orders and discharges.</summary>
public readonly record struct MovementDef
{
    /// <summary>Exit or event: on one date exits go first (SPEC §3.5 order).</summary>
    public required MovementKind Kind { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>Exit: its pedimento in 15-digit form (other documents as written). Event: its reference ('' first).</summary>
    public required string Document { get; init; }

    /// <summary>Exit: the partida. Event: 0.</summary>
    public required int Partida { get; init; }

    /// <summary>The order of the row in the ledger (file import order, then line): the last tie breaker.</summary>
    public required long Sequence { get; init; }

    /// <summary>Part index.</summary>
    public required int Part { get; init; }

    /// <summary>Quantity in UMC (adjustments may be negative).</summary>
    public required decimal Qty { get; init; }

    public required DischargeMode Mode { get; init; }

    /// <summary>The production date that picks the BOM version (else <see cref="Date"/>).</summary>
    public DateOnly? BomDate { get; init; }

    /// <summary>A directed exit's named source pedimento (15-digit form, or as written), with <see cref="SourcePartida"/>.</summary>
    public string? SourceDocument { get; init; }

    public int SourcePartida { get; init; }

    /// <summary>The event type, for events.</summary>
    public EventType? EventType { get; init; }
}

/// <summary>Everything the engine needs: a pure snapshot of the ledger.</summary>
public sealed class DischargeInput
{
    public required IReadOnlyList<PartDef> Parts { get; init; }

    public required IReadOnlyList<BomLine> Bom { get; init; }

    public required IReadOnlyList<LotDef> Lots { get; init; }

    public required IReadOnlyList<MovementDef> Movements { get; init; }

    /// <summary>Only movements dated on or before this day count (SPEC §3.5).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>
    /// Per lot (same index as <see cref="Lots"/>): the state a resumed run starts from (incremental discharge, when only
    /// movements from some date on are given), its opening discharge included; null when every lot starts from its opening
    /// discharge alone (<see cref="LotStart.Opening"/>).
    /// </summary>
    public IReadOnlyList<LotStart>? Start { get; init; }

    /// <summary>
    /// An explosion of <see cref="Parts"/> and <see cref="Bom"/> the caller already built, its cache warm (incremental
    /// discharge explodes the day's exits to find the pools they reach); a run with one worker uses it instead of building
    /// its own (it is not thread-safe). Null: the engine builds one per worker.
    /// </summary>
    public BomExplosion? Explosion { get; init; }
}
