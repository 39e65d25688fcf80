namespace Traza.Storage;

/// <summary>
/// The stored discharge of one program (docs/architecture.md Decision 2): one run, pools in head and tail segments with
/// their allocation chunks, shortages, waste disposals and findings. Saves are atomic; readers see one whole run.
/// </summary>
public interface IDerivedStore
{
    /// <summary>
    /// Replaces the stored run with a new one, atomically, with the run's catalog when given, and its work orders' reservations and
    /// kit draws (migration 0036).
    /// </summary>
    void Save(
        DischargeRunRecord run,
        IEnumerable<StoredPool> pools,
        IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals,
        IEnumerable<StoredFinding> findings,
        byte[]? catalog = null,
        IEnumerable<StoredReservation>? reservations = null,
        IEnumerable<StoredKitDraw>? kitDraws = null);

    /// <summary>
    /// Applies an incremental run atomically: each given pool is replaced and its chunks from its period on rewritten;
    /// shortages, disposals and findings dated on or after <paramref name="from"/> are replaced, and so are work-order
    /// reservations and kit draws (a reservation is dated at its work order's date, a draw at its movement's).
    /// </summary>
    void SaveIncremental(
        DischargeRunRecord run,
        IEnumerable<(StoredPool Pool, int FromPeriod)> pools,
        DateOnly from,
        IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals,
        IEnumerable<StoredFinding> findings,
        IEnumerable<StoredReservation>? reservations = null,
        IEnumerable<StoredKitDraw>? kitDraws = null);

    /// <summary>The catalog the last full run stored (<see cref="CatalogCodec"/>), or null.</summary>
    byte[]? Catalog();

    /// <summary>The stored run, or null when none.</summary>
    DischargeRunRecord? LatestRun();

    /// <summary>Every stored pool of a client (all when null), whole, with or without its allocations.</summary>
    IEnumerable<StoredPool> Pools(string? client = null, bool withAllocations = true);

    /// <summary>The given pools, whole, with their allocation chunks from <paramref name="fromPeriod"/> (YYYYMM) on.</summary>
    List<StoredPool> PoolsOf(IEnumerable<(string Client, string Part)> keys, int fromPeriod = 0);

    /// <summary>
    /// <see cref="PoolsOf"/> one pool at a time, in the same order, each read as it is reached: for reads of thousands of
    /// pools that need not hold every chunk at once (reconciliation's descargos on <c>large</c>). This plain form is
    /// <see cref="PoolsOf"/>; SQLite streams them (DerivedContract holds the two to the same pools).
    /// </summary>
    IEnumerable<StoredPool> EachPoolOf(IEnumerable<(string Client, string Part)> keys, int fromPeriod = 0) => PoolsOf(keys, fromPeriod);

    /// <summary>The pools with an allocation on or after <paramref name="from"/>.</summary>
    HashSet<(string Client, string Part)> PoolsAllocatedFrom(DateOnly from);

    /// <summary>Every pool's tail segment (lot states only).</summary>
    List<StoredPool> Tails();

    /// <summary>One pool, whole, or null.</summary>
    StoredPool? Pool(string client, string part);

    IReadOnlyList<StoredShortage> Shortages(string? client = null);

    IReadOnlyList<StoredWasteDisposal> WasteDisposals(string? client = null, DateOnly? from = null);

    IReadOnlyList<StoredFinding> Findings(string? client = null);

    /// <summary>The work orders' reservations of a client (all when null), by work order, leaf, lot (migration 0036).</summary>
    IReadOnlyList<StoredReservation> Reservations(string? client = null);

    /// <summary>The kit draws of a client (all when null), by work order, then date, then movement (migration 0036).</summary>
    IReadOnlyList<StoredKitDraw> KitDraws(string? client = null);

    /// <summary>Every lot's stored totals of a client (all when null), without decoding allocations.</summary>
    void ScanLotTotals(string? client, LotTotalsVisitor visit);

    /// <summary>
    /// The stored totals of the lots of the given pools only, as <see cref="ScanLotTotals"/> visits
    /// them (each pool's head before its tail): what a lot lookup and a page of <c>balances</c> read.
    /// </summary>
    void ScanLotTotalsOf(IReadOnlyCollection<(string Client, string Part)> pools, LotTotalsVisitor visit);

    /// <summary>The stored reconciliation of one scope (a client, or empty for the whole program), or null.</summary>
    StoredReconciliation? Reconciliation(string scope);

    /// <summary>Every stored reconciliation, by scope (what <c>audit verify</c> checks).</summary>
    IReadOnlyList<StoredReconciliation> Reconciliations();

    /// <summary>Stores <paramref name="result"/> in place of its scope's earlier one, in its own transaction.</summary>
    void SaveReconciliation(StoredReconciliation result);
}
