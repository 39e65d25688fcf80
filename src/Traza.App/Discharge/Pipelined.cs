using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Traza.App.Discharge;

/// <summary>
/// Runs a sequence on a background thread, at most <c>capacity</c> items ahead of the consumer, so producing (packing
/// pools) and consuming (writing them to SQLite) use both cores. An exception thrown by the producer is rethrown to the
/// consumer; a consumer that stops early stops the producer. Enumerate once.
/// </summary>
internal sealed class Pipelined<T>(IEnumerable<T> source, int capacity) : IEnumerable<T>
{
    private int enumerated;

    public IEnumerator<T> GetEnumerator()
    {
        if (Interlocked.Exchange(ref enumerated, 1) != 0)
        {
            throw new InvalidOperationException("a pipelined sequence can be enumerated once");
        }

        return Consume();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<T> Consume()
    {
        using var queue = new BlockingCollection<T>(capacity);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var producer = new Thread(() =>
        {
            try
            {
                foreach (var item in source)
                {
                    queue.Add(item, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the consumer stopped early
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "traza pipeline",
        };
        producer.Start();
        try
        {
            foreach (var item in queue.GetConsumingEnumerable())
            {
                yield return item;
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }

        failure?.Throw();
    }
}
