using System.Collections.Concurrent;
using Traza.Storage;

namespace Traza.Api;

/// <summary>
/// Opened stores of <c>traza serve</c>'s one target, kept between read requests (issue 16 item 6; docs/api.md
/// "Stores between requests"): opening a store per request — a connection, the pragmas, the migrator's version check —
/// cost ~1.6–2 ms of CPU, as much as the lot lookup's reads. A store is lent to one request at a time (an
/// <see cref="ITrazaStore"/> is not thread-safe) and taken back only after a GET or HEAD that ended without a server error
/// (<see cref="RequestStore"/>); imports and failed requests dispose theirs. A kept store holds no data of its own between
/// requests: every read is a new statement or transaction on its connection (SQLite in autocommit, WAL; PostgreSQL
/// READ COMMITTED outside a snapshot), so a request sees every import and discharge committed before it began
/// (<c>StorePoolTests</c>, both stores). Stores older than <see cref="MaxAge"/> are closed rather than lent again, so
/// what a store reads once per open (PostgreSQL's table columns) never outlives a schema migration by long.
/// </summary>
public sealed class StorePool(ApiSettings settings) : IDisposable
{
    /// <summary>How long an opened store is lent again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentBag<(ITrazaStore Store, long Opened)> idle = [];
    private readonly int capacity = Math.Max(4, Environment.ProcessorCount * 4);
    private int count;
    private bool disposed;

    /// <summary>An idle store younger than <see cref="MaxAge"/>, else a newly opened one.</summary>
    public (ITrazaStore Store, long Opened) Rent()
    {
        while (idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref count);
            if (settings.Clock.GetElapsedTime(kept.Opened) < MaxAge)
            {
                return kept;
            }

            kept.Store.Dispose();
        }

        var opened = settings.Clock.GetTimestamp();
        return (settings.Stores.For(settings.Target).Open(settings.Target, settings.Clock), opened);
    }

    /// <summary>
    /// Takes a store back for later requests — or closes it when the pool is full or closed, the store too old, or not
    /// <see cref="ITrazaStore.AtRest"/> (a transaction or reader left open would pin its snapshot for the next request).
    /// </summary>
    public void Return(ITrazaStore store, long opened)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Volatile.Read(ref disposed) || !store.AtRest || settings.Clock.GetElapsedTime(opened) >= MaxAge)
        {
            store.Dispose();
            return;
        }

        if (Interlocked.Increment(ref count) > capacity)
        {
            Interlocked.Decrement(ref count);
            store.Dispose();
            return;
        }

        idle.Add((store, opened));
        if (Volatile.Read(ref disposed))
        {
            Dispose(); // closed while this one came back
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref disposed, true);
        while (idle.TryTake(out var kept))
        {
            kept.Store.Dispose();
        }
    }
}
