namespace Traza.Storage;

/// <summary>One stored discharge run (docs/architecture.md Decision 2).</summary>
public sealed record DischargeRunRecord(
    long Id, DateOnly AsOf, string LedgerHead, string StartedAt, string FinishedAt, long Consumptions, long Allocations, long Shortages)
{
    /// <summary>The id of the last import batch the run saw (incremental runs start from the batches after it).</summary>
    public long LastBatch { get; init; }

    /// <summary>
    /// The digest of the stored derived data, this row included (<see cref="DerivedDigest.Format"/>, migration 0028);
    /// null when reading a run stored without one.
    /// </summary>
    public string? DerivedDigest { get; init; }

    /// <summary>Per movement day (DayNumber) with any: consumptions and allocations of that day's movements.</summary>
    public IReadOnlyDictionary<int, (long Consumptions, long Allocations)> DayCounts { get; init; } =
        new Dictionary<int, (long Consumptions, long Allocations)>();
}

/// <summary>A lot of a pool: its pedimento (15 digits, or a NAC document as written) and partida.</summary>
public readonly record struct PoolLotKey(string Pedimento, int Partida);

/// <summary>Totals of one lot in micro-UMC, with what the discharge needs to resume from them.</summary>
/// <param name="Entered">Micro-UMC entered.</param>
/// <param name="Discharged">Micro-UMC discharged by the run, the <see cref="Opening"/> included.</param>
/// <param name="Waste">Micro-UMC of waste recorded.</param>
/// <param name="WasteDisposed">Micro-UMC of waste disposed of.</param>
/// <param name="EntryDay">The lot's entry date as <see cref="DateOnly.DayNumber"/>.</param>
/// <param name="Flags">1: fixed-asset lot; 2: NAC stock (SPEC §3.3); 4: the lot has an <see cref="Opening"/> (set by the codec).</param>
public readonly record struct PoolLotTotals(long Entered, long Discharged, long Waste, long WasteDisposed, int EntryDay = 0, int Flags = 0)
{
    public const int FixedAssetFlag = 1;
    public const int NationalStockFlag = 2;

    /// <summary>In the stored flags only: an opening discharge follows (<see cref="LotStateCodec"/>).</summary>
    internal const int OpeningFlag = 4;

    /// <summary>
    /// Micro-UMC of <see cref="Discharged"/> that is the lot's opening discharge (SPEC §3.4 <c>discharged_before</c>), not an
    /// allocation: what the lot holds discharged as of any date it is listed on, before the allocations dated until then.
    /// </summary>
    public long Opening { get; init; }
}

/// <summary>The allocations of one pool whose movements fall in one calendar month, encoded by <see cref="AllocationCodec"/>.</summary>
/// <param name="Period">The month as YYYYMM.</param>
/// <param name="Count">How many allocations <paramref name="Data"/> holds.</param>
/// <param name="Data">The encoded allocations.</param>
public sealed record AllocationChunk(int Period, int Count, byte[] Data)
{
    /// <summary>When writing: the day number of the chunk's last allocation (migration 0021). Not read back.</summary>
    public int LastDay { get; init; }

    /// <summary>YYYYMM of a day number.</summary>
    public static int PeriodOf(int day)
    {
        var date = DateOnly.FromDayNumber(day);
        return (date.Year * 100) + date.Month;
    }

    public PackedAllocation[] Decode()
    {
        var result = new PackedAllocation[Count];
        AllocationCodec.Decode(Data, Count, result);
        return result;
    }
}

/// <summary>One allocation as stored (see <see cref="AllocationCodec"/>).</summary>
/// <param name="Movement">The movement id: batch_id &lt;&lt; 32 | line of the exit or event row.</param>
/// <param name="Day">The movement's date as <see cref="DateOnly.DayNumber"/>.</param>
/// <param name="Lot">Index of the lot in the pool's <see cref="StoredPool.LotKeys"/>.</param>
/// <param name="Qty">Micro-UMC taken from the lot.</param>
/// <param name="Waste">The desperdicio share of <paramref name="Qty"/> in micro-UMC.</param>
public readonly record struct PackedAllocation(long Movement, int Day, int Lot, long Qty, long Waste)
{
    public DateOnly Date => DateOnly.FromDayNumber(Day);

    /// <summary>The movement id of a ledger row: its batch and its line in that batch's file.</summary>
    public static long MovementId(long batchId, long line) => (batchId << 32) | line;

    public static (long BatchId, long Line) SplitMovement(long movement) => (movement >> 32, movement & 0xFFFF_FFFF);
}

/// <summary>The derived state of one pool (client, part).</summary>
public sealed class StoredPool
{
    public required string Client { get; init; }

    public required string Part { get; init; }

    public required IReadOnlyList<PoolLotKey> LotKeys { get; init; }

    public required IReadOnlyList<PoolLotTotals> LotTotals { get; init; }

    /// <summary>
    /// Index of <see cref="LotKeys"/>[0] in the whole pool: 0 for a whole pool, the stored tail's first lot for a tail
    /// (<c>DischargeStore.Tails</c>). Allocations name lots by their index in the whole pool.
    /// </summary>
    public int FirstLot { get; init; }

    /// <summary>
    /// When saving incrementally: this is the stored tail — its lots in the same order with their new state, possibly
    /// followed by new lots that come after them in FIFO order — and <see cref="Chunks"/> are appended after the stored
    /// chunks of their months (migration 0021).
    /// </summary>
    public bool TailOnly { get; init; }

    /// <summary>
    /// When saving a <see cref="TailOnly"/> pool: how many of its first lots (exhausted) move to the stored head, so tails
    /// stay short between full runs. Lot indexes in the whole pool do not change.
    /// </summary>
    public int MoveToHead { get; init; }

    /// <summary>The pool's allocation chunks, by period; each in processing order.</summary>
    public IReadOnlyList<AllocationChunk> Chunks { get; init; } = [];

    public int AllocationCount => Chunks.Sum(c => c.Count);

    /// <summary>Every allocation of the pool in processing order.</summary>
    public PackedAllocation[] DecodeAllocations()
    {
        var result = new PackedAllocation[AllocationCount];
        var at = 0;
        foreach (var chunk in Chunks)
        {
            AllocationCodec.Decode(chunk.Data, chunk.Count, result.AsSpan(at, chunk.Count));
            at += chunk.Count;
        }

        return result;
    }
}

/// <summary>A stored shortage (faltante) of one (movement, leaf part).</summary>
public sealed record StoredShortage(
    string Client, long Movement, string Part, string MovementKind, string Document, DateOnly Date, decimal Qty);

/// <summary>Waste disposed of from one lot by a waste event.</summary>
public sealed record StoredWasteDisposal(
    string Client, long Movement, string Part, string Pedimento, int Partida, DateOnly Date, decimal Qty);

/// <summary>
/// Component quantity a work order reserved from one lot at its date (migration 0036; docs/cli.md "Work orders"): in the lot's
/// balance, out of FIFO reach, converted into allocations as the kits leave.
/// </summary>
/// <param name="Client">The client.</param>
/// <param name="WorkOrder">The work order's movement id (its events row).</param>
/// <param name="Leaf">The leaf's index within the work order's explosion.</param>
/// <param name="Part">The component (the lot's part).</param>
/// <param name="Pedimento">The lot's pedimento (15 digits) or NAC document.</param>
/// <param name="Partida">The lot's partida.</param>
/// <param name="Date">The work order's date.</param>
/// <param name="Qty">UMC reserved (merma and desperdicio included).</param>
/// <param name="Waste">Its desperdicio share.</param>
public sealed record StoredReservation(
    string Client, long WorkOrder, int Leaf, string Part, string Pedimento, int Partida, DateOnly Date, decimal Qty, decimal Waste);

/// <summary>Kits of a work order taken by an exit or a destruction/donation event (migration 0036).</summary>
/// <param name="Client">The client.</param>
/// <param name="WorkOrder">The work order's movement id.</param>
/// <param name="Movement">The exit's or event's movement id.</param>
/// <param name="Part">The kit part.</param>
/// <param name="Date">The exit's or event's date.</param>
/// <param name="Kits">UMC of kits taken.</param>
public sealed record StoredKitDraw(string Client, long WorkOrder, long Movement, string Part, DateOnly Date, decimal Kits);

/// <summary>A finding of a discharge run.</summary>
public sealed record StoredFinding(
    string Client, string Code, long Movement, string Document, DateOnly Date, string Part, string Pedimento, int? Partida, decimal Qty,
    string Detail);

/// <summary>
/// The last reconciliation computed for one scope (migration 0038; issue 13 item 7): what its findings are a function
/// of (<paramref name="Scope"/> — the client, or empty for the whole program —, the as-of date, the options and the
/// stamp), when it was computed, the findings as the report's JSON rows and the SHA-256 of all of it.
/// </summary>
public sealed record StoredReconciliation(
    string Scope, DateOnly AsOf, string Options, string Stamp, string ComputedAt, long Rows, string Findings, string Digest);
