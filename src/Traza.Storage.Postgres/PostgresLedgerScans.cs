namespace Traza.Storage.Postgres;

/// <summary>The lean scans of the discharge and the large reports, on PostgreSQL.</summary>
internal sealed class PostgresLedgerScans(PostgresStore store) : ILedgerScans
{
    private readonly PostgresStore store = store;

    public List<PartScan> Parts() => throw NotYet.Exception("the ledger scans (" + store.Target + ")");

    public (long Parts, long Bom) CatalogRows() => throw NotYet.Exception("the ledger scans");

    public List<BomScan> Bom() => throw NotYet.Exception("the ledger scans");

    public void DocumentLines(bool exits, string? client, DocumentLineHandler line) => throw NotYet.Exception("the ledger scans");

    public List<EntryScan> Entries(long afterBatch = 0) => throw NotYet.Exception("the ledger scans");

    public List<EntryScan> Entries(IEnumerable<(string Client, string Part)> parts) => throw NotYet.Exception("the ledger scans");

    public Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal> Openings(long afterBatch = 0) =>
        throw NotYet.Exception("the ledger scans");

    public Dictionary<(long Batch, long Line), decimal> OpeningsByLine() => throw NotYet.Exception("the ledger scans");

    public List<ExitScan> Exits(DateOnly? from = null, IEnumerable<(string Client, string Part)>? parts = null) =>
        throw NotYet.Exception("the ledger scans");

    public List<EntryRecord> EntriesForLots(string? client = null, DateOnly? asOf = null) => throw NotYet.Exception("the ledger scans");

    public LotEntryTable LotEntries(string? client = null, DateOnly? asOf = null) => throw NotYet.Exception("the ledger scans");

    public bool AnyExitOrEventBetween(DateOnly after, DateOnly through) => throw NotYet.Exception("the ledger scans");

    public DateOnly? EarliestDate(MovementTable table, long batchId) => throw NotYet.Exception("the ledger scans");

    public List<(string Client, string Part)> PoolsOfEntry(string? client, string pedimento, int? partida) =>
        throw NotYet.Exception("the ledger scans");

    public List<DocumentMovement> MovementsOf(string? client, string document) => throw NotYet.Exception("the ledger scans");

    public (string Document, string Clave, DateOnly Date, string Product)? Movement(long batchId, long line) =>
        throw NotYet.Exception("the ledger scans");

    public EntryRecord? Entry(string client, string pedimento, int partida, string part) => throw NotYet.Exception("the ledger scans");
}
