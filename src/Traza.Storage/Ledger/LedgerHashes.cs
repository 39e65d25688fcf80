using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Traza.Storage.Ledger;

/// <summary>
/// The pure half of the hash chain (docs/architecture.md Decision 1), the same for every store: file and text hashes and
/// the chain link of a batch. Each store computes a batch's digest over its stored rows and verifies the chain with these.
/// </summary>
public static class LedgerHashes
{
    private const char Separator = '\u001f';

    /// <summary>The <c>prev_chain_hash</c> of the first batch.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Rows a reversal took back live in <c>T_reversed</c> beside their table <c>T</c> (migration 0025): digested with
    /// <c>T</c>'s rows of their batch, so reversing a row leaves its batch's digest as it was.
    /// </summary>
    public const string ReversedSuffix = "_reversed";

    /// <summary>SHA-256 of <paramref name="bytes"/> as lowercase hex.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>SHA-256 of a file's bytes as lowercase hex (the no-op check of SPEC §4.1).</summary>
    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The chain version of every batch written since migration 0026: the link covers operator and time.</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// The chain link of a version-2 batch (migration 0026 on): a version-1 link's fields, then who recorded the batch and
    /// when (the injected clock's time, as stored), behind a <c>v2</c> marker so no version-1 text can produce it.
    /// </summary>
    public static string ChainHash(
        string prevChainHash, long batchId, string layout, string fileSha256, string digest, string @operator, string recordedAt)
    {
        ArgumentNullException.ThrowIfNull(@operator);
        ArgumentNullException.ThrowIfNull(recordedAt);
        var text = string.Join(
            Separator,
            "v2",
            prevChainHash,
            batchId.ToString(CultureInfo.InvariantCulture),
            layout,
            fileSha256,
            digest,
            @operator,
            recordedAt);
        return Sha256Hex(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The chain link a stored batch should have, by its chain version.</summary>
    public static string ChainHash(string prevChainHash, BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (id, layout, sha, digest) = (batch.Id, batch.Layout, batch.FileSha256, batch.Digest);
        return batch.ChainVersion >= CurrentVersion
            ? ChainHash(prevChainHash, id, layout, sha, digest, batch.Operator ?? string.Empty, batch.ImportedAt)
            : ChainHash(prevChainHash, id, layout, sha, digest);
    }

    /// <summary>The chain link of a version-1 batch (stored before migration 0026: no operator, time not covered).</summary>
    public static string ChainHash(string prevChainHash, long batchId, string layout, string fileSha256, string digest)
    {
        var text = string.Join(
            Separator,
            prevChainHash,
            batchId.ToString(CultureInfo.InvariantCulture),
            layout,
            fileSha256,
            digest);
        return Sha256Hex(Encoding.UTF8.GetBytes(text));
    }
}
