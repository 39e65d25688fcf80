namespace Traza.Storage;

/// <summary>A stored row a reversal may take back: its table, client and movement date (null for catalogs).</summary>
public sealed record ReversalTarget(TableSpec Table, long Batch, long Line, string Client, DateOnly? Date)
{
    /// <summary>
    /// True for a dated version (a BOM row, a term rule): <see cref="Date"/> is then its valid_from, null when open.
    /// </summary>
    public bool IsVersion { get; init; }
}
