namespace Traza.Storage.Postgres;

/// <summary>The stored discharge on PostgreSQL.</summary>
internal sealed class PostgresDerivedStore(PostgresStore store) : IDerivedStore
{
    private readonly PostgresStore store = store;

    private static NotSupportedException No() => NotYet.Exception("the stored discharge (traza discharge, reports over it)");

    public void Save(DischargeRunRecord run, IEnumerable<StoredPool> pools, IEnumerable<StoredShortage> shortages,
        IEnumerable<StoredWasteDisposal> disposals, IEnumerable<StoredFinding> findings, byte[]? catalog = null) => throw No();

    public void SaveIncremental(DischargeRunRecord run, IEnumerable<(StoredPool Pool, int FromPeriod)> pools, DateOnly from,
        IEnumerable<StoredShortage> shortages, IEnumerable<StoredWasteDisposal> disposals, IEnumerable<StoredFinding> findings) => throw No();

    public byte[]? Catalog() => throw No();

    public DischargeRunRecord? LatestRun() => throw No();

    public IEnumerable<StoredPool> Pools(string? client = null, bool withAllocations = true) => throw No();

    public List<StoredPool> PoolsOf(IEnumerable<(string Client, string Part)> keys, int fromPeriod = 0) => throw No();

    public HashSet<(string Client, string Part)> PoolsAllocatedFrom(DateOnly from) => throw No();

    public List<StoredPool> Tails() => throw No();

    public StoredPool? Pool(string client, string part) => throw No();

    public IReadOnlyList<StoredShortage> Shortages(string? client = null) => throw No();

    public IReadOnlyList<StoredWasteDisposal> WasteDisposals(string? client = null, DateOnly? from = null) => throw No();

    public IReadOnlyList<StoredFinding> Findings(string? client = null) => throw No();

    public void ScanLotTotals(string? client, LotTotalsVisitor visit) => throw No();

    public override string ToString() => store.Target;
}
