using System.Globalization;
using Traza.Storage;

namespace Traza.App.Reversals;

/// <summary>What <c>traza reverse</c> did: the reversal batch and how many rows of which batch it took back.</summary>
public sealed record ReverseResult(BatchRecord Batch, long TargetBatch, long Rows)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture, $"reversed {Rows} rows of batch {TargetBatch} as batch {Batch.Id}");
}

/// <summary>
/// <c>traza reverse --batch N --reason R</c> (SPEC §5): one reversal batch taking back every row in force of batch N
/// (SPEC §4.1 reversals), chained like any batch.
/// </summary>
public static class ReverseService
{
    public static ReverseResult Reverse(ITrazaStore store, long targetBatch, string reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.Trim().Length == 0)
        {
            throw AppException.Usage("--reason: a reason (required, not empty)");
        }

        var name = "reverse --batch " + targetBatch.ToString(CultureInfo.InvariantCulture);

        // The file SHA-256 of a batch without a file: of its command line and the current head, so it is unique in the chain.
        var head = store.Batches() is { Count: > 0 } batches ? batches[^1].ChainHash : string.Empty;
        var sha = Storage.Ledger.LedgerHashes.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(name + "\u001f" + reason + "\u001f" + head));
        using var batch = store.BeginBatch(ReversalsImport.LayoutName, name, sha);
        var reverser = new Reverser(batch, Periods.ClosedPeriods.Load(store), name, (_, _, expected) => AppException.Invalid($"{name}: {expected}"));
        reverser.ReverseBatch(targetBatch, reason.Trim());
        reverser.Finish();
        var record = batch.Commit();
        return new ReverseResult(record, targetBatch, reverser.Reversed);
    }
}
