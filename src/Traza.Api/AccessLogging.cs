using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Traza.App.Access;
using Traza.Storage;

namespace Traza.Api;

/// <summary>
/// Records every request made with an authority key — key id, role, client, time, method, path, query, status and the
/// rows returned — in <c>api_access</c> (Annex 24 apartado C; SPEC §9; docs/api.md "Access log"), refusals included.
/// Runs after authentication and around authorization and the endpoint; the endpoint says how many rows it returned
/// through <see cref="SetRows"/>.
/// </summary>
internal static class AccessLogging
{
    private const string RowsKey = "traza:rows";

    public static void SetRows(HttpContext context, long rows) => context.Items[RowsKey] = rows;

    public static async Task Record(HttpContext context, RequestDelegate next)
    {
        var caller = ApiCaller.Of(context.User);
        var failed = true;
        try
        {
            await next(context).ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            if (caller is not null)
            {
                var rows = context.Items.TryGetValue(RowsKey, out var n) && n is long count ? count : 0;
                var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Traza.Api");
                ApiLog.Served(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, caller.KeyId, caller.Role, status, rows);
                if (ApiRoles.IsLogged(caller.Role))
                {
                    var settings = context.RequestServices.GetRequiredService<ApiSettings>();
                    var store = context.RequestServices.GetRequiredService<RequestStore>().Store;
                    store.Access.LogAccess(new AccessRecord(0, caller.KeyId, caller.Role, caller.Client, settings.Clock.GetUtcNow(),
                        context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty,
                        status, rows));
                }
            }
        }
    }
}
