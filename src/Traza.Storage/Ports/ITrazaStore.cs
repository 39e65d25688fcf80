namespace Traza.Storage;

/// <summary>
/// One program's ledger in one store (SQLite file or PostgreSQL database): what the application reads and writes, in
/// its own terms — batches, ledger records, lean scans for the discharge, derived data, government data. No SQL or
/// connection crosses it (docs/architecture.md, "The storage seam"). Not thread-safe: one command uses one store.
/// </summary>
public interface ITrazaStore : IDisposable
{
    /// <summary>The injected clock: batch times and the default as-of date come from it, never from the system.</summary>
    TimeProvider Clock { get; }

    /// <summary>The program this store reads and writes (SPEC §5 <c>init</c>: one program per database).</summary>
    ProgramId Program { get; }

    /// <summary>The target as the user gave it, for messages; a PostgreSQL password is never part of it.</summary>
    string Target { get; }

    /// <summary>Who the batches this store writes are recorded as (docs/architecture.md Decision 1, chain version 2).</summary>
    string Operator { get; set; }

    /// <summary>Starts an import batch: one transaction; dispose without <see cref="ILedgerBatch.Commit"/> to write nothing.</summary>
    ILedgerBatch BeginBatch(string layout, string fileName, string fileSha256);

    /// <summary>True while a batch is open: reads then see its rows, and snapshots are the batch's own.</summary>
    bool InBatch { get; }

    /// <summary>
    /// True when the connection holds nothing between statements: no batch, no read snapshot, no transaction, no statement
    /// still stepping (an undisposed reader). Only such a store may serve a later command (<c>traza serve</c>'s store pool):
    /// a transaction or reader left open would pin an old snapshot — stale reads, and on SQLite a write that waits out the
    /// busy timeout.
    /// </summary>
    bool AtRest { get; }

    /// <summary>
    /// Makes every read until disposal see one snapshot of the ledger and the derived data (SPEC §9); a no-op inside a batch
    /// or another snapshot.
    /// </summary>
    IDisposable BeginReadSnapshot();

    /// <summary>What identifies the current snapshot (last batch and stored run), for <see cref="OpenSnapshotSide"/>.</summary>
    string SnapshotMark();

    /// <summary>
    /// A second reader on its own connection, used for parallel reads only when it sees the same snapshot as
    /// <paramref name="mark"/>; null otherwise (the caller then reads on the main reader).
    /// </summary>
    ISnapshotSide? OpenSnapshotSide(string mark);

    /// <summary>Lean, streaming reads of the ledger for the discharge and the large reports.</summary>
    ILedgerScans Scans { get; }

    /// <summary>The stored discharge (allocations, lot states, shortages …) and its saves.</summary>
    IDerivedStore Derived { get; }

    /// <summary>What government sources (Data Stage, SAAI M3) declared.</summary>
    IGovernmentReader Government { get; }

    /// <summary>The API's keys and access log (migration 0034; not ledger data, not chained).</summary>
    IAccessStore Access { get; }

    /// <summary>The committed batch of that layout and file content, if any (the no-op re-import of SPEC §4.1).</summary>
    BatchRecord? FindBatch(string layout, string fileSha256);

    /// <summary>True when every row <paramref name="batch"/> wrote has been reversed since.</summary>
    bool WhollyReversed(BatchRecord batch);

    /// <summary>Every committed batch (and the open one's predecessors), in id order.</summary>
    IReadOnlyList<BatchRecord> Batches();

    /// <summary>Recomputes every batch digest and walks the chain (SPEC §7).</summary>
    ChainCheck VerifyChain();

    /// <summary>Recomputes the derived-data digest and ties the stored run to the chain (docs/architecture.md Decision 2).</summary>
    DerivedCheck VerifyDerived();

    /// <summary>Marks the store as created by a tool (the demo replaces only what it created).</summary>
    void SetCreatedBy(string marker);

    ProgramRecord? GetProgram();

    IReadOnlyList<ClientRecord> LoadClients();

    IReadOnlyList<PartRecord> LoadParts(string? client = null);

    IReadOnlyList<BomRecord> LoadBom(string? client = null);

    /// <summary>
    /// The entry lines in force (of one client when given; dated on or before <paramref name="asOf"/> when given; of one
    /// document when <paramref name="pedimento"/> is given — an indexed point read), in file order.
    /// </summary>
    IReadOnlyList<EntryRecord> LoadEntries(string? client = null, DateOnly? asOf = null, string? pedimento = null);

    /// <summary>The entry lines reversals took back, as <see cref="LoadEntries"/>.</summary>
    IReadOnlyList<EntryRecord> LoadReversedEntries(string? client = null, DateOnly? asOf = null, string? pedimento = null);

    /// <summary>The exit lines in force, as <see cref="LoadEntries"/>.</summary>
    IReadOnlyList<ExitRecord> LoadExits(string? client = null, DateOnly? asOf = null, string? pedimento = null);

    /// <summary>The exit lines reversals took back, as <see cref="LoadEntries"/>.</summary>
    IReadOnlyList<ExitRecord> LoadReversedExits(string? client = null, DateOnly? asOf = null, string? pedimento = null);

    IReadOnlyList<EventRecord> LoadEvents(string? client = null, DateOnly? asOf = null);

    IReadOnlyList<CountRecord> LoadCounts(string? client = null, DateOnly? asOf = null);

    IReadOnlyList<ReversalRecord> LoadReversals(string? client = null);

    /// <summary>The layouts of the batches a reversal batch took rows back from.</summary>
    IReadOnlyList<string> ReversedLayouts(long reversalBatch);

    /// <summary>The earliest movement date a reversal batch took back, or null when it took back no dated movement.</summary>
    DateOnly? ReversedMovementsFrom(long reversalBatch);

    IReadOnlyList<PeriodActionRecord> LoadPeriodActions();

    IReadOnlyList<TariffRecord> LoadTariffs();

    IReadOnlyList<PartnerRecord> LoadPartners();

    IReadOnlyList<RateRecord> LoadRates();

    IReadOnlyList<MonthlyRecord> LoadInpc();

    IReadOnlyList<MonthlyRecord> LoadSurcharges();

    IReadOnlyList<TermRuleRecord> LoadTermRules();

    /// <summary>Every record of the program's term options (migration 0033), oldest first: the last one is in force.</summary>
    IReadOnlyList<ProgramTermsRecord> LoadProgramTerms();
}

/// <summary>A second reader pinned to the main reader's snapshot (<see cref="ITrazaStore.OpenSnapshotSide"/>).</summary>
public interface ISnapshotSide : IDisposable
{
    /// <summary>Every entry in force, as <see cref="ILedgerScans.Entries(long)"/> reads them.</summary>
    List<EntryScan> Entries();

    /// <summary>Every stored pool's tail segment, as <see cref="IDerivedStore.Tails"/> reads them.</summary>
    List<StoredPool> Tails();
}

/// <summary>
/// The program a store serves. SQLite holds one program per file (always 1); PostgreSQL keys every row by it, so a
/// database may later hold several (docs/scaling.md).
/// </summary>
public readonly record struct ProgramId(long Value)
{
    /// <summary>The program of a store created by <c>traza init</c>.</summary>
    public static ProgramId Default { get; } = new(1);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
