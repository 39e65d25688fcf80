namespace Traza.Domain.Discharge;

/// <summary>A quantity of one lot consumed by one movement, in micro-UMC (6 decimals, SPEC §3.5 rounding).</summary>
/// <param name="Movement">Index of the movement in the input.</param>
/// <param name="Lot">Index of the lot in the input.</param>
/// <param name="Qty">Micro-UMC taken from the lot (merma and desperdicio included).</param>
/// <param name="Waste">The desperdicio share of <paramref name="Qty"/>, kept as the lot's waste balance.</param>
public readonly record struct Allocation(int Movement, int Lot, long Qty, long Waste);

/// <summary>Need that no lot covered (a faltante), per (movement, leaf part), in micro-UMC.</summary>
public readonly record struct Shortage(int Movement, int Part, long Qty);

/// <summary>Waste disposed of by a destruction/donation event with waste = yes, taken from a lot's waste balance.</summary>
public readonly record struct WasteDisposal(int Movement, int Lot, long Qty);

/// <summary>
/// Component quantity a work order reserved from a lot at its date (docs/cli.md "Work orders"): taken out of FIFO reach but
/// not discharged; it becomes allocations of the exits that take the kits, in proportion to the kits they take.
/// </summary>
/// <param name="WorkOrder">Index of the work order (a movement) in the input.</param>
/// <param name="Leaf">Index of the leaf within the work order's explosion.</param>
/// <param name="Lot">Index of the lot in the input.</param>
/// <param name="Qty">Micro-UMC reserved (merma and desperdicio included).</param>
/// <param name="Waste">The desperdicio share of <paramref name="Qty"/>, recorded as waste as the kits leave.</param>
public readonly record struct Reservation(int WorkOrder, int Leaf, int Lot, long Qty, long Waste);

/// <summary>Kits of a work order taken by a later exit or destruction/donation event of the kit part, in micro-UMC of the kit.</summary>
/// <param name="WorkOrder">Index of the work order in the input.</param>
/// <param name="Movement">Index of the exit or event that took them.</param>
/// <param name="Kits">Micro-UMC of kits taken.</param>
public readonly record struct KitDraw(int WorkOrder, int Movement, long Kits);

/// <summary>Stable codes of findings the engine raises (listed by `traza report reconcile`).</summary>
public static class FindingCodes
{
    /// <summary>A directed exit's named lot could not cover the need (SPEC §3.5).</summary>
    public const string DirectedSourceShort = "directed_source_short";

    /// <summary>A waste disposal beyond the recorded waste balance (refused at import when detected there).</summary>
    public const string WasteDisposalExceedsBalance = "waste_disposal_exceeds_balance";

    /// <summary>A negative adjustment of imported material: needs regularization (A3/F4), SPEC §3.5.</summary>
    public const string NegativeAdjustment = "negative_adjustment";
}

/// <summary>A finding raised during discharge.</summary>
/// <param name="Code">One of <see cref="FindingCodes"/>.</param>
/// <param name="Movement">Index of the movement.</param>
/// <param name="Part">Part index concerned.</param>
/// <param name="Lot">Index of the lot concerned, or -1.</param>
/// <param name="Qty">Micro-UMC concerned (e.g. the quantity not taken from the named lot).</param>
/// <param name="Detail">Extra text (e.g. the named lot when no lot matched).</param>
public sealed record DischargeFinding(string Code, int Movement, int Part, int Lot, long Qty, string Detail);

/// <summary>
/// The outcome of a discharge run: a deterministic function of the input. Allocations are kept per pool (the
/// form storage needs, docs/architecture.md Decision 2); <see cref="Allocations"/> gives them in processing order.
/// </summary>
public sealed class DischargeResult
{
    private IReadOnlyList<Allocation>? allocations;

    /// <summary>
    /// Every allocation grouped by pool (part): those of part p are
    /// <c>AllocationsByPool[PoolAllocationStart[p]..PoolAllocationStart[p + 1]]</c>, in processing order.
    /// </summary>
    public required Allocation[] AllocationsByPool { get; init; }

    /// <summary>Per part, where its allocations start in <see cref="AllocationsByPool"/>; one more entry than parts.</summary>
    public required int[] PoolAllocationStart { get; init; }

    /// <summary>Per part (pool): its lot indexes in FIFO order (SPEC §3.5 "Allocation"); null for a part without lots.</summary>
    public required IReadOnlyList<int>?[] PoolLots { get; init; }

    /// <summary>Per movement: its position in <see cref="ProcessingOrder"/>, or -1 when it does not count.</summary>
    internal int[] Position { get; init; } = [];

    /// <summary>Per allocation of <see cref="AllocationsByPool"/>: the index of its leaf within its movement.</summary>
    internal int[] AllocationLeaves { get; init; } = [];

    /// <summary>Every allocation in processing order (movement, then leaf, then lot order). Built on first use.</summary>
    public IReadOnlyList<Allocation> Allocations => allocations ??= MergeAllocations();

    public long AllocationCount => AllocationsByPool.Length;

    /// <summary>The allocations of one pool (part), in processing order.</summary>
    public ReadOnlySpan<Allocation> PoolAllocations(int part) =>
        AllocationsByPool.AsSpan(PoolAllocationStart[part], PoolAllocationStart[part + 1] - PoolAllocationStart[part]);

    public required IReadOnlyList<Shortage> Shortages { get; init; }

    public required IReadOnlyList<WasteDisposal> WasteDisposals { get; init; }

    public required IReadOnlyList<DischargeFinding> Findings { get; init; }

    /// <summary>Movement indexes in processing order (only those dated on or before the as-of date).</summary>
    public required IReadOnlyList<int> ProcessingOrder { get; init; }

    /// <summary>(movement, imported leaf part) pairs with a non-zero need (SPEC §3.5 "Consumption").</summary>
    public required long Consumptions { get; init; }

    /// <summary>Per movement: its consumptions (0 for a movement that does not count or discharges nothing).</summary>
    public int[] MovementConsumptions { get; init; } = [];

    /// <summary>Per lot: entered quantity in micro-UMC (rounded to 6 decimals).</summary>
    public required long[] LotEntered { get; init; }

    /// <summary>Per lot: micro-UMC discharged: its opening discharge (<see cref="LotDef.DischargedBefore"/>) and its allocations.</summary>
    public required long[] LotDischarged { get; init; }

    /// <summary>Per lot: micro-UMC of waste recorded (desperdicio share of its allocations).</summary>
    public required long[] LotWaste { get; init; }

    /// <summary>Per lot: micro-UMC of waste disposed of by waste events.</summary>
    public required long[] LotWasteDisposed { get; init; }

    /// <summary>
    /// Per lot: micro-UMC still reserved by work orders whose kits have not left (docs/cli.md "Work orders"); part of the lot's
    /// balance (<see cref="LotEntered"/> − <see cref="LotDischarged"/>) but out of FIFO reach. Empty when no lot has any.
    /// </summary>
    public long[] LotReserved { get; init; } = [];

    /// <summary>What each work order reserved at its date, in processing order (work order, leaf, FIFO).</summary>
    public IReadOnlyList<Reservation> Reservations { get; init; } = [];

    /// <summary>Kits taken from work orders by exits and events, in processing order.</summary>
    public IReadOnlyList<KitDraw> KitDraws { get; init; } = [];

    /// <summary>
    /// The share of a reservation of <paramref name="reserved"/> micro-UMC converted into allocations once
    /// <paramref name="drawn"/> of the work order's <paramref name="kits"/> have left: round(reserved × drawn / kits), half away
    /// from zero. A draw converts f(drawn after) − f(drawn before), so the last kit converts exactly what is left.
    /// </summary>
    public static long ConvertedShare(long reserved, long drawn, long kits) =>
        drawn >= kits ? reserved : drawn <= 0 ? 0 : FixedPoint.MultiplyDivideRound(reserved, drawn, kits);

    private List<Allocation> MergeAllocations()
    {
        // Pool order keeps each pool's processing order, so a stable sort by (position, leaf) gives the global order.
        var keys = new (int Pos, int Leaf, int Index)[AllocationsByPool.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (Position[AllocationsByPool[i].Movement], AllocationLeaves[i], i);
        }

        Array.Sort(keys);
        return [.. keys.Select(k => AllocationsByPool[k.Index])];
    }
}
