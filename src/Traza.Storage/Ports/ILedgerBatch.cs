namespace Traza.Storage;

/// <summary>
/// One import batch (docs/architecture.md Decision 1): one transaction that appends rows to the ledger tables and, on
/// <see cref="Commit"/>, one batch row chained to the previous batch. Disposing without committing writes nothing
/// (SPEC §9). Reads through the store during the batch see its own rows.
/// </summary>
public interface ILedgerBatch : IDisposable
{
    long BatchId { get; }

    string Layout { get; }

    string FileName { get; }

    string FileSha256 { get; }

    /// <summary>Who the batch is recorded as.</summary>
    string Operator { get; }

    /// <summary>True for the program's own '' and every registered client.</summary>
    bool ClientExists(string client);

    /// <summary>Registers a client named by a row on first use (SPEC §3.2); false when it already existed.</summary>
    bool EnsureClient(string client, long line);

    /// <summary>Registers a client explicitly (traza clients add); an existing client with other content conflicts.</summary>
    InsertResult AddClient(ClientRecord client, long line);

    InsertResult AddProgram(ProgramRecord program, long line);

    InsertResult AddPeriodAction(PeriodActionRecord action, long line);

    /// <summary>Records the program's term options from this batch on (migration 0033), keyed by this batch's id.</summary>
    InsertResult AddProgramTerms(ProgramTermsRecord terms, long line);

    InsertResult AddPart(PartRecord p, long line);

    InsertResult AddBom(BomRecord b, long line);

    InsertResult AddEntry(EntryRecord e, long line);

    /// <summary>The opening discharge of an entry's lot (SPEC §3.4 <c>discharged_before</c>).</summary>
    InsertResult AddOpening(EntryRecord e, long line);

    InsertResult AddExit(ExitRecord x, long line);

    InsertResult AddEvent(EventRecord v, long line);

    InsertResult AddCount(CountRecord c, long line);

    /// <summary>Inserts a row by key and content (catalog layouts); an existing key answers whether it is identical.</summary>
    InsertResult Insert(TableSpec table, object[] key, object[] content, long line);

    /// <summary>Rewrites some columns of a row this batch inserted (e.g. the lot columns of an entry).</summary>
    void Replace(TableSpec table, object[] key, IReadOnlyList<(string Column, object Value)> content);

    /// <summary>The content, batch and line of the row with this key, if any.</summary>
    (object[] Content, long BatchId, long Line)? Find(TableSpec table, object[] key);

    /// <summary>Appends one row in stored form; an existing key answers whether it is identical (SPEC §4.1).</summary>
    InsertResult Append(TableSpec table, EncodedRow row, long line);

    /// <summary>
    /// Appends a chunk of rows of one table, in order, as if each were appended by the one-row <c>Append</c>: every row whose
    /// key is new — to the store and to the chunk's earlier rows — is inserted, and every other row adds to
    /// <paramref name="misses"/>, in chunk order, the answer the one-row append would have given (identical or conflict,
    /// with the batch and line holding the key). Rows after a conflict are appended too: the caller stops at the first
    /// miss it refuses and disposes of the batch (SPEC §4.1, §9). The batch digest is the same as with one-row appends
    /// (docs/architecture.md Decision 1). A store may stage the chunk in bulk (PostgreSQL: binary COPY, SPEC §8).
    /// </summary>
    void Append(TableSpec table, ReadOnlySpan<StagedRow> rows, List<AppendMiss> misses);

    /// <summary>
    /// A digest of <paramref name="table"/>'s rows that the caller feeds, on its reading thread, with every row it will
    /// <see cref="Append(TableSpec, EncodedRow, long)"/> in the same order; stands for the batch at commit only when every append inserted its row.
    /// </summary>
    RowDigest DigestAhead(TableSpec table);

    /// <summary>The file name of an earlier batch, for messages naming where a conflicting row came from.</summary>
    string BatchFileName(long batchId);

    /// <summary>
    /// A hint that the batch will write hundreds of MB (a Data Stage package): the store may size its caches for it.
    /// </summary>
    void PrepareBulkLoad();

    /// <summary>The government writer of this batch (same transaction).</summary>
    IGovernmentWriter Government();

    /// <summary>The Data Stage block writer of this batch (same transaction).</summary>
    IDataStageBlockWriter DataStageBlocks();

    /// <summary>The reversal side of this batch (same transaction).</summary>
    IReversalWriter Reversals();

    /// <summary>Writes the batch row, chained to the previous batch, and commits.</summary>
    BatchRecord Commit();
}

/// <summary>
/// The storage side of a reversal batch (SPEC §4.1 reversals, docs/architecture.md Decision 4): looks up the rows of
/// earlier batches and takes them back — one <c>reversal</c> row appended through the batch, and the row moved unchanged
/// to its table's reversed companion, where its own batch's digest still covers it.
/// </summary>
public interface IReversalWriter
{
    /// <summary>The layout of batch <paramref name="id"/> (committed before this one), or null when there is none.</summary>
    string? LayoutOf(long id);

    ReversalTarget? Find(TableSpec table, long id, long line);

    IReadOnlyList<ReversalTarget> RowsOf(TableSpec table, long id);

    /// <summary>The reversal batch and line that took back a row, or null.</summary>
    (long Batch, long Line)? ReversedBy(long id, long line);

    /// <summary>The (client, part) pairs any movement in force names (a part in use cannot be reversed).</summary>
    HashSet<(string Client, string Part)> PartsInUse();

    string PartOf(ReversalTarget target);

    void Reverse(ReversalTarget target, string reason, long line);
}
