using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// The reversals by the row they took back (batch, line), for the listings' <c>reversed_by</c> and
/// <c>reversal_reason</c> columns (SPEC §4.1: the listings show reversed rows as reversed).
/// </summary>
internal sealed class ReversalIndex
{
    private readonly Dictionary<(long Batch, long Line), ReversalRecord> byTarget;

    private ReversalIndex(Dictionary<(long, long), ReversalRecord> byTarget) => this.byTarget = byTarget;

    public static ReversalIndex Of(ITrazaStore store, string? client) =>
        new(store.LoadReversals(client).ToDictionary(r => (r.TargetBatch, r.TargetLine)));

    /// <summary>The reversal batch and reason of a row, both null when it is in force.</summary>
    public object?[] Columns(LedgerRow row) =>
        byTarget.TryGetValue((row.BatchId, row.Line), out var r) ? [r.BatchId, r.Reason] : [null, null];
}
