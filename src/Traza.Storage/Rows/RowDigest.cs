using System.Globalization;
using Traza.Storage.Ledger;

namespace Traza.Storage;

/// <summary>
/// The batch digest of one table's rows, fed by an import's reading thread with each row it encodes, in append order,
/// so the writer's thread only binds and steps (<c>DigestAhead</c> of a store's batch). Single-threaded: one feeder.
/// </summary>
public sealed class RowDigest : IDisposable
{
    private readonly bool declarationOrder;
    private readonly long batchId;

    internal RowDigest(TableSpec table, bool declarationOrder, long batchId)
    {
        Table = table;
        this.declarationOrder = declarationOrder;
        this.batchId = batchId;
    }

    public TableSpec Table { get; }

    internal BatchDigest Digest { get; } = new();

    /// <summary>Adds a row the caller will append at <paramref name="line"/>.</summary>
    public void Add(EncodedRow row, long line) => StreamRow(Digest, Table, declarationOrder, batchId, row, line);

    public void Dispose() => Digest.Dispose();

    /// <summary>Adds one row's canonical text (Decision 1) to <paramref name="digest"/>, as the store will hold it.</summary>
    internal static void StreamRow(BatchDigest digest, TableSpec table, bool declarationOrder, long batchId, EncodedRow row, long line)
    {
        if (!declarationOrder)
        {
            digest.Invalidate();
            return;
        }

        if (!digest.BeginRow(table.Name, line))
        {
            return;
        }

        Span<byte> number = stackalloc byte[24];
        digest.Column("1"u8, first: true);
        for (var i = 0; i < row.Count; i++)
        {
            digest.Column(row.Utf8(i), first: false);
        }

        _ = batchId.TryFormat(number, out var written, default, CultureInfo.InvariantCulture);
        digest.Column(number[..written], first: false);
        if (!table.LineInKey)
        {
            _ = line.TryFormat(number, out written, default, CultureInfo.InvariantCulture);
            digest.Column(number[..written], first: false);
        }

        digest.EndRow();
    }
}
