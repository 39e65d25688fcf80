using Traza.Storage;

namespace Traza.Api;

/// <summary>
/// The store of one request, taken from the <see cref="StorePool"/> on first use and given back (or closed) with the request:
/// an <see cref="ITrazaStore"/> is not thread-safe (one command, one store), and a request is the API's command. Only a
/// store marked <see cref="Reusable"/> — set by <see cref="TrazaApi"/>'s middleware after a GET or HEAD that ended below
/// 500 — goes back to the pool; any other is closed.
/// </summary>
internal sealed class RequestStore(StorePool pool) : IDisposable
{
    private (ITrazaStore Store, long Opened)? lent;

    public ITrazaStore Store => (lent ??= pool.Rent()).Store;

    /// <summary>Whether the store may serve later requests.</summary>
    public bool Reusable { get; set; }

    public void Dispose()
    {
        if (lent is not { } l)
        {
            return;
        }

        lent = null;
        if (Reusable)
        {
            pool.Return(l.Store, l.Opened);
        }
        else
        {
            l.Store.Dispose();
        }
    }
}
