namespace Traza.Storage.Postgres;

/// <summary>Government data as the reports read it, on PostgreSQL.</summary>
internal sealed class PostgresGovernmentReader(PostgresStore store) : IGovernmentReader
{
    private readonly PostgresStore store = store;

    public IReadOnlyList<GovernmentPedimento> DataStagePedimentos() => throw NotYet.Exception("government data (" + store.Target + ")");

    public IReadOnlyList<GovernmentPedimento> M3Pedimentos() => throw NotYet.Exception("government data");

    public IReadOnlyList<GovernmentRow> DataStageRows(string table, IReadOnlyList<string> columns) => throw NotYet.Exception("government data");

    public IReadOnlyList<GovernmentPackage> DataStagePackages() => throw NotYet.Exception("government data");
}

/// <summary>Government rows of a batch, on PostgreSQL.</summary>
internal sealed class PostgresGovernmentWriter(PostgresBatch batch) : IGovernmentWriter
{
    private readonly PostgresBatch batch = batch;

    public long Rows => 0;

    public bool FileSeen(string kind, string sha256) => throw NotYet.Exception("importing government data (batch " + batch.BatchId + ")");

    public void RecordFile(string kind, string sha256, string name, string importedAt) => throw NotYet.Exception("importing government data");

    public void Package(string folio, string rfcOPatente, DateOnly? fechaInicial, DateOnly? fechaFinal, DateOnly? fechaEjecucion,
        long? totalFracciones, long? totalContribuciones, string source, string raw) => throw NotYet.Exception("importing government data");

    public void Header(string folio, string tabla, string header, long rows) => throw NotYet.Exception("importing government data");

    public void M3Pedimento(GovernmentKey key, string tipoMovimiento, string? operation, string? clave, string? rfc, DateOnly? fechaPago,
        string fileName, long line) => throw NotYet.Exception("importing government data");

    public void M3Partida(GovernmentKey key, int partida, string? fraccion, string? nico, decimal? valueUsd, decimal? qtyUmc, string? umc,
        decimal? qtyUmt, string? umt, string? origin, string raw) => throw NotYet.Exception("importing government data");

    public void M3Record(GovernmentKey key, string register, string rowHash, string fileName, long line, string raw) =>
        throw NotYet.Exception("importing government data");

    public void Dispose()
    {
    }
}

/// <summary>Data Stage rows of a batch, written to the plain ds tables on PostgreSQL.</summary>
internal sealed class PostgresDataStageWriter(PostgresBatch batch) : IDataStageBlockWriter
{
    private readonly PostgresBatch batch = batch;

    public long Rows => 0;

    public long Stored => 0;

    public void Write(DataStageBlock block) => throw NotYet.Exception("importing Data Stage packages (batch " + batch.BatchId + ")");

    public void Complete() => throw NotYet.Exception("importing Data Stage packages");

    public void Dispose()
    {
    }
}

/// <summary>The reversal side of a batch, on PostgreSQL.</summary>
internal sealed class PostgresReversalWriter(PostgresBatch batch) : IReversalWriter
{
    private readonly PostgresBatch batch = batch;

    public string? LayoutOf(long id) => throw NotYet.Exception("reversals (batch " + batch.BatchId + ")");

    public ReversalTarget? Find(TableSpec table, long id, long line) => throw NotYet.Exception("reversals");

    public IReadOnlyList<ReversalTarget> RowsOf(TableSpec table, long id) => throw NotYet.Exception("reversals");

    public (long Batch, long Line)? ReversedBy(long id, long line) => throw NotYet.Exception("reversals");

    public HashSet<(string Client, string Part)> PartsInUse() => throw NotYet.Exception("reversals");

    public string PartOf(ReversalTarget target) => throw NotYet.Exception("reversals");

    public void Reverse(ReversalTarget target, string reason, long line) => throw NotYet.Exception("reversals");
}
