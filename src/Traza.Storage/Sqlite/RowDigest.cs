using Traza.Storage.Ledger;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The batch digest of one table's rows, fed by an import's reading thread with each row it encodes, in append order,
/// so the writer's thread only binds and steps (<see cref="BatchWriter.DigestAhead"/>). Single-threaded: one feeder.
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
    public void Add(EncodedRow row, long line) => BatchWriter.StreamRow(Digest, Table, declarationOrder, batchId, row, line);

    public void Dispose() => Digest.Dispose();
}
