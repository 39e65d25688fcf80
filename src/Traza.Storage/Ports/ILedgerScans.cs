namespace Traza.Storage;

/// <summary>
/// Lean, streaming reads of the ledger in force for the discharge and the large reports: only the columns they need,
/// dates and decimals parsed without culture lookups. Full records stay with <see cref="ITrazaStore"/>'s loads.
/// </summary>
public interface ILedgerScans
{
    /// <summary>Every part row.</summary>
    List<PartScan> Parts();

    /// <summary>The row counts of the part and BOM tables (checks that a stored catalog still describes them).</summary>
    (long Parts, long Bom) CatalogRows();

    /// <summary>Every BOM row.</summary>
    List<BomScan> Bom();

    /// <summary>
    /// Every entry (or exit) line of the client (all when null), one call per line; only the lines of
    /// <paramref name="document"/> when given (an indexed point read).
    /// </summary>
    void DocumentLines(bool exits, string? client, DocumentLineHandler line, string? document = null);

    /// <summary>
    /// Every entry (or exit) line in force of the client (all when null) dated on or before <paramref name="asOf"/>, in no
    /// order, with the columns reconciliation compares: the lean twin of <c>LoadEntries</c>/<c>LoadExits</c> for
    /// <c>report reconcile</c>.
    /// </summary>
    List<ReconcileLineScan> ReconcileLines(bool exits, string? client, DateOnly asOf);

    /// <summary>Every entry in force of the batches after <paramref name="afterBatch"/>.</summary>
    List<EntryScan> Entries(long afterBatch = 0);

    /// <summary>Every entry in force of the given (client, part) pools.</summary>
    List<EntryScan> Entries(IEnumerable<(string Client, string Part)> parts);

    /// <summary>
    /// Every lot's opening discharge (SPEC §3.4 <c>discharged_before</c>) of the batches after <paramref name="afterBatch"/>,
    /// by the lot's key; a lot without one has none.
    /// </summary>
    Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal> Openings(long afterBatch = 0);

    /// <summary>Every lot's opening discharge by the batch and line of its entry row, lots in force and reversed alike.</summary>
    Dictionary<(long Batch, long Line), decimal> OpeningsByLine();

    /// <summary>
    /// Every exit line in force of the client (all when null) dated on or before <paramref name="asOf"/>, in no order, with
    /// what a custody row names of it — document, clave, date, product and counterparty: the lean twin of <c>LoadExits</c> for
    /// <c>report custody</c> over every allocation.
    /// </summary>
    List<ExitMovementScan> ExitMovements(string? client, DateOnly asOf);

    /// <summary>Every exit row (dated on or after <paramref name="from"/>; of the given pools when given), in no order.</summary>
    List<ExitScan> Exits(DateOnly? from = null, IEnumerable<(string Client, string Part)>? parts = null);

    /// <summary>
    /// The entries that are lots of a client (all when null) up to <paramref name="asOf"/>: full records but for invoice and
    /// rectifies (exchange rate, origin and preference included: SPEC §3.4 customs value, §3.9 exposure).
    /// </summary>
    List<EntryRecord> EntriesForLots(string? client = null, DateOnly? asOf = null);

    /// <summary>The same lots in columnar form, for reports over every lot.</summary>
    LotEntryTable LotEntries(string? client = null, DateOnly? asOf = null);

    /// <summary>
    /// The rows of <see cref="LotEntries"/> (of the client, all when null; dated on or before <paramref name="asOf"/> when
    /// given) whose pedimento is one of <paramref name="pedimentos"/>, in no order: the point read of a lot lookup.
    /// </summary>
    LotEntryTable LotEntriesOf(string? client, IReadOnlyCollection<string> pedimentos, DateOnly? asOf);

    /// <summary>
    /// The rows of <see cref="LotEntries"/> in the order of their <see cref="LotOrderKey"/> (date, then pedimento and partida
    /// by their bytes), from <paramref name="from"/> on (all when null): at least <paramref name="limit"/> rows unless fewer
    /// remain, and every row of a key once any is returned (a key's rows are never split between two reads), so the next
    /// read starts after the last row's key. What a page of <c>balances</c> reads (migration 0035's index).
    /// </summary>
    LotEntryTable LotEntriesInOrder(string? client, DateOnly? asOf, LotOrderStart? from, int limit);

    /// <summary>The part rows of these (client, part) keys, as <see cref="ITrazaStore.LoadParts"/> reads them; keys not found are absent.</summary>
    List<PartRecord> PartsAt(IReadOnlyCollection<(string Client, string Part)> keys);

    /// <summary>True when an exit or event is dated in (<paramref name="after"/>, <paramref name="through"/>] (SPEC §6 as-of rule).</summary>
    bool AnyExitOrEventBetween(DateOnly after, DateOnly through);

    /// <summary>The earliest date of the entries, exits or events batch <paramref name="batchId"/> wrote; null when none.</summary>
    DateOnly? EarliestDate(MovementTable table, long batchId);

    /// <summary>The (client, part) pools holding entries of <paramref name="pedimento"/> (and partida, when given).</summary>
    List<(string Client, string Part)> PoolsOfEntry(string? client, string pedimento, int? partida);

    /// <summary>The exit lines and events of one document, with their movement id and bom_date.</summary>
    List<DocumentMovement> MovementsOf(string? client, string document);

    /// <summary>One exit line or event by its movement id (batch and line), or null.</summary>
    (string Document, string Clave, DateOnly Date, string Product)? Movement(long batchId, long line);

    /// <summary>One entry by its lot key, with the columns custody needs (date, qty, qty_umt, value_usd, clave), or null.</summary>
    EntryRecord? Entry(string client, string pedimento, int partida, string part);

    /// <summary>
    /// The rectifications among the rows in force of entries or exits (<paramref name="table"/>): one per (client, pedimento,
    /// rectified pedimento), ordered by client and pedimento (SPEC §3.8; few rows, read through a partial index).
    /// </summary>
    List<RectificationScan> Rectifications(MovementTable table);

    /// <summary>
    /// Many exit lines or events by movement id (batch and line), as <see cref="Movement"/> reads each; ids not found are
    /// absent. The set twin of the point read: one statement where the store pays a round trip per read (PostgreSQL).
    /// </summary>
    Dictionary<(long Batch, long Line), (string Document, string Clave, DateOnly Date, string Product)> MovementsAt(
        IReadOnlyCollection<(long Batch, long Line)> ids);

    /// <summary>Many entries by lot key, as <see cref="Entry"/> reads each; keys not found are absent. The set twin of the point read.</summary>
    List<EntryRecord> EntriesAt(IReadOnlyCollection<(string Client, string Pedimento, int Partida, string Part)> keys);
}

/// <summary>The movement tables whose rows carry a date the discharge processes.</summary>
public enum MovementTable
{
    Entries,
    Exits,
    Events,
}

/// <summary>An exit line or event of a document (custody), with its movement id (<c>PackedAllocation.MovementId</c>).</summary>
public readonly record struct DocumentMovement(
    long BatchId, long Line, string Client, string Document, string Clave, DateOnly Date, string Product, DateOnly? BomDate);
