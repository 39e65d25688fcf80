namespace Traza.Storage.Sqlite;

/// <summary>The storage seam (docs/architecture.md): what App reaches through <see cref="ILedgerBatch"/>.</summary>
public sealed partial class BatchWriter
{
    /// <summary>The page cache of a batch that writes hundreds of MB (a Data Stage package): 256 MB, until it ends.</summary>
    private const int GovernmentCacheKib = 262_144;

    /// <inheritdoc/>
    public void PrepareBulkLoad()
    {
        // Large packages: the written blocks stay in memory until the commit. Set after the batch opened, which set its own
        // (smaller, for ledger layouts) cache and restores the previous one when it ends.
        using var pragma = Command("PRAGMA cache_size = -" + GovernmentCacheKib.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pragma.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public IGovernmentWriter Government() => new GovernmentWriter(Connection, Transaction);

    /// <inheritdoc/>
    public IDataStageBlockWriter DataStageBlocks() => new DataStageBlockStore(Connection, Transaction);

    /// <inheritdoc/>
    public IReversalWriter Reversals() => new ReversalWriter(this);
}
