using System.Collections.Concurrent;
using Traza.Storage;

namespace Traza.App.Government;

/// <summary>
/// The writing half of <c>traza import datastage</c>: a second thread that runs every database step (packages,
/// headers, row blocks: merge, compression, SQLite) in the order the reader posts them, while the reader thread parses,
/// validates and encodes the next block (SPEC §8: the two cores work at once). A bounded queue keeps memory constant.
/// Only this thread touches the connection until <see cref="Complete"/> or <see cref="Abort"/> returns.
/// </summary>
internal sealed class DataStageWritePipeline : IDisposable
{
    private const int Capacity = 16;

    private readonly BlockingCollection<Action> work = new(Capacity);
    private readonly ConcurrentBag<DataStageBlock> free = [];
    private readonly CancellationTokenSource failed = new();
    private readonly Thread thread;
    private Exception? error;

    public DataStageWritePipeline(IDataStageBlockWriter store)
    {
        Store = store;
        thread = new Thread(Run) { IsBackground = true, Name = "traza datastage writer" };
        thread.Start();
    }

    public IDataStageBlockWriter Store { get; }

    /// <summary>A block for the next rows of <paramref name="table"/> of package <paramref name="folio"/>, reused when one is free.</summary>
    public DataStageBlock Rent(string table, string folio)
    {
        if (free.TryTake(out var block))
        {
            block.Start(table, folio);
            return block;
        }

        return new DataStageBlock(table, folio);
    }

    /// <summary>Queues a block to be merged and written; the block returns to the pool afterwards.</summary>
    public void Write(DataStageBlock block) => Post(() =>
    {
        Store.Write(block);
        free.Add(block);
    });

    /// <summary>Queues a database step; waits while the queue is full; rethrows the writer's failure.</summary>
    public void Post(Action step)
    {
        try
        {
            work.Add(step, failed.Token);
        }
        catch (OperationCanceledException)
        {
            Complete();
        }
    }

    /// <summary>Waits for every queued step; rethrows the writer's failure.</summary>
    public void Complete()
    {
        work.CompleteAdding();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Stops after the current step (the reader failed: the transaction will be rolled back).</summary>
    public void Abort()
    {
        failed.Cancel();
        work.CompleteAdding();
        thread.Join();
    }

    public void Dispose()
    {
        if (!work.IsAddingCompleted)
        {
            Abort();
        }

        work.Dispose();
        failed.Dispose();
    }

    private void Run()
    {
        try
        {
            foreach (var step in work.GetConsumingEnumerable())
            {
                if (failed.IsCancellationRequested)
                {
                    return;
                }

                step();
            }
        }
#pragma warning disable CA1031 // any failure of the writer is handed to the reader thread, which rethrows it
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e;
            failed.Cancel();
        }
    }
}
