using Traza.Storage;

namespace Traza.Api;

/// <summary>
/// The store of one request, opened on first use and disposed with the request: an <see cref="ITrazaStore"/> is not
/// thread-safe (one command, one store), and a request is the API's command.
/// </summary>
internal sealed class RequestStore(ApiSettings settings) : IDisposable
{
    private ITrazaStore? store;

    public ITrazaStore Store => store ??= settings.Stores.For(settings.Target).Open(settings.Target, settings.Clock);

    public void Dispose() => store?.Dispose();
}
