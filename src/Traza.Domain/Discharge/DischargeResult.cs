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
