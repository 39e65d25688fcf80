using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>Appends an import holds back until a chunk is full (<see cref="ImportContext.SettleAppends"/> settles them all).</summary>
internal interface IPendingAppends
{
    void Flush();
}

/// <summary>
/// An import's appends to one table in chunks (SPEC §8 import throughput, issue 12): rows wait here until
/// <see cref="ChunkRows"/> are pending, go to the batch in one chunked append, and each row is then settled in file order with
/// the answer the one-row append would have given, so the importer reports the same first error as when it appended row by
/// row (SPEC §4.1). Flush before anything reads what was appended (a stored row, the ledger) and before raising an error at a
/// later line — <see cref="ImportContext.Invalid"/> does so.
/// </summary>
/// <typeparam name="T">What the importer needs to settle a row (its record, its line).</typeparam>
internal sealed class AppendQueue<T> : IPendingAppends
{
    /// <summary>Rows per chunk: enough that a round trip and the staging statements cost little per row.</summary>
    public const int ChunkRows = 4096;

    private readonly ILedgerBatch batch;
    private readonly TableSpec table;
    private readonly Action<T, InsertResult> settle;
    private readonly StagedRow[] rows;
    private readonly T[] items;
    private readonly List<AppendMiss> misses = [];
    private int count;
    private bool flushing;

    public AppendQueue(ILedgerBatch batch, TableSpec table, Action<T, InsertResult> settle, int chunkRows = ChunkRows)
    {
        this.batch = batch;
        this.table = table;
        this.settle = settle;
        rows = new StagedRow[chunkRows];
        items = new T[chunkRows];
    }

    /// <summary>Queues a row; a full chunk is appended and settled at once.</summary>
    public void Add(EncodedRow row, long line, T item)
    {
        rows[count] = new StagedRow(row, line);
        items[count++] = item;
        if (count == rows.Length)
        {
            Flush();
        }
    }

    /// <summary>
    /// Appends the pending rows and settles each in file order; does nothing while a flush of this queue is settling (an
    /// error raised by a settled row is the first one in file order).
    /// </summary>
    public void Flush()
    {
        if (flushing || count == 0)
        {
            return;
        }

        flushing = true;
        var n = count;
        count = 0;
        try
        {
            misses.Clear();
            batch.Append(table, rows.AsSpan(0, n), misses);
            var m = 0;
            for (var i = 0; i < n; i++)
            {
                var result = m < misses.Count && misses[m].Index == i
                    ? misses[m++].Existing
                    : new InsertResult(InsertOutcome.Inserted, batch.BatchId, rows[i].Line);
                settle(items[i], result);
            }
        }
        finally
        {
            Array.Clear(rows, 0, n);
            Array.Clear(items, 0, n);
            flushing = false;
        }
    }
}
