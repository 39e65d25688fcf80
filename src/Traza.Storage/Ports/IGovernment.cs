namespace Traza.Storage;

/// <summary>What government sources declared, as stored (SPEC §3.10).</summary>
public interface IGovernmentReader
{
    /// <summary>
    /// Every pedimento of the Data Stage 501 table (only <paramref name="pedimento"/>'s rows when given: a point read), with
    /// its 551 partidas' USD values.
    /// </summary>
    IReadOnlyList<GovernmentPedimento> DataStagePedimentos(string? pedimento = null);

    /// <summary>Every pedimento of the imported SAAI M3 files (only <paramref name="pedimento"/> when given), with its partidas' USD values.</summary>
    IReadOnlyList<GovernmentPedimento> M3Pedimentos(string? pedimento = null);

    /// <summary>
    /// The live rows of one Data Stage table (<see cref="GovernmentSchema.Tables"/>: "501", "551" …) with the named typed
    /// columns as text (dates <c>YYYY-MM-DD</c>, numbers in invariant digits), in no particular order.
    /// </summary>
    IReadOnlyList<GovernmentRow> DataStageRows(string table, IReadOnlyList<string> columns);

    /// <summary>
    /// <see cref="DataStageRows"/> column by column, in runs (their order is the rows' order), the <paramref name="numbers"/>
    /// columns as decimals (<see cref="DataStageRun.Number"/>): the same rows without an object per row. This plain form
    /// reads <see cref="DataStageRows"/>; SQLite decodes its blocks straight into runs (property test
    /// DataStageBlockPropertyTests, and DataStageRunTests against this form on both stores).
    /// </summary>
    IReadOnlyList<DataStageRun> DataStageRuns(string table, IReadOnlyList<string> texts, IReadOnlyList<string> numbers)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(numbers);
        return [DataStageRun.From(DataStageRows(table, [.. texts, .. numbers]), texts.Count, numbers.Count)];
    }

    /// <summary>
    /// The imported SAAI M3 rows of one register with a known 15-digit pedimento (<see cref="M3Sql.Query"/>): <c>500</c> the
    /// pedimento heads, <c>551</c> the partidas, others their records' <c>raw</c> text — for reconciliation, where a
    /// pedimento validated but not yet in Data Stage is compared like one from Data Stage (SPEC §4.2, issue 13 item 5).
    /// </summary>
    IReadOnlyList<GovernmentRow> M3Rows(string register, IReadOnlyList<string> columns);

    /// <summary>Every loaded Data Stage package with its Resumen period.</summary>
    IReadOnlyList<GovernmentPackage> DataStagePackages();
}

/// <summary>
/// Writes government rows inside a batch: imported files, Data Stage packages (Resumen) and member headers, and SAAI M3
/// rows. M3 pedimentos and partidas merge by natural key (a later file replaces the row), M3 records by content, so
/// re-imports are idempotent (SPEC §4.2).
/// </summary>
public interface IGovernmentWriter : IDisposable
{
    /// <summary>Rows written or merged so far.</summary>
    long Rows { get; }

    /// <summary>True when a file with this SHA-256 was imported before as <paramref name="kind"/> (datastage, m3).</summary>
    bool FileSeen(string kind, string sha256);

    void RecordFile(string kind, string sha256, string name, string importedAt);

    /// <summary>Upserts a package's Resumen.</summary>
    void Package(string folio, string rfcOPatente, DateOnly? fechaInicial, DateOnly? fechaFinal, DateOnly? fechaEjecucion,
        long? totalFracciones, long? totalContribuciones, string source, string raw);

    /// <summary>Upserts a member file's header line and row count.</summary>
    void Header(string folio, string tabla, string header, long rows);

    void M3Pedimento(GovernmentKey key, string tipoMovimiento, string? operation, string? clave, string? rfc, DateOnly? fechaPago,
        string fileName, long line);

    void M3Partida(GovernmentKey key, int partida, string? fraccion, string? nico, decimal? valueUsd, decimal? qtyUmc, string? umc,
        decimal? qtyUmt, string? umt, string? origin, string raw);

    void M3Record(GovernmentKey key, string register, string rowHash, string fileName, long line, string raw);
}

/// <summary>
/// Writes Data Stage table rows inside a batch, merged by natural key with what is stored (a later package replaces a
/// row), as blocks of <see cref="DataStageBlock"/>. Called from one writing thread.
/// </summary>
public interface IDataStageBlockWriter : IDisposable
{
    /// <summary>Rows offered so far.</summary>
    long Rows { get; }

    /// <summary>Rows stored (new or changed) so far.</summary>
    long Stored { get; }

    void Write(DataStageBlock block);

    /// <summary>Finishes the merge (rows of earlier blocks that later ones replaced are marked dead).</summary>
    void Complete();
}
