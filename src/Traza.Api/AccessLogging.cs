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
/// through <see cref="SetRows"/> before it answers. The record is written as the answer starts (its status is known then),
/// so no row reaches an authority unrecorded.
/// </summary>
internal static class AccessLogging
{
    private const string RowsKey = "traza:rows";

    public static void SetRows(HttpContext context, long rows) => context.Items[RowsKey] = rows;

    public static async Task Record(HttpContext context, RequestDelegate next)
    {
        var caller = ApiCaller.Of(context.User);
        var logged = caller is null || !ApiRoles.IsLogged(caller.Role);
        if (!logged)
        {
            // The record is written before the first byte of the answer leaves: a record that cannot be written (a ledger
            // locked past the timeout, a store gone) fails the request instead of letting the rows out unrecorded.
            context.Response.OnStarting(() =>
            {
                if (!logged)
                {
                    Log(context, caller!, context.Response.StatusCode);
                    logged = true;
                }

                return Task.CompletedTask;
            });
        }

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
                var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Traza.Api");
                var rows = Rows(context);
                ApiLog.Served(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, caller.KeyId, caller.Role, status, rows);
                if (!logged)
                {
                    // No answer started yet (a failure, or one without a body, which starts after this): recorded here, once.
                    logged = true;
                    Log(context, caller, status);
                }
            }
        }
    }

    private static long Rows(HttpContext context) => context.Items.TryGetValue(RowsKey, out var n) && n is long count ? count : 0;

    private static void Log(HttpContext context, ApiCaller caller, int status)
    {
        var settings = context.RequestServices.GetRequiredService<ApiSettings>();
        var store = context.RequestServices.GetRequiredService<RequestStore>().Store;
        store.Access.LogAccess(new AccessRecord(0, caller.KeyId, caller.Role, caller.Client, settings.Clock.GetUtcNow(),
            context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty,
            status, Rows(context)));
    }
}
