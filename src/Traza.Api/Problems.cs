using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Traza.App;
using Traza.Domain.Common;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.Api;

/// <summary>
/// Errors as RFC 9457 problem details, mapped from the CLI's exit codes (docs/api.md "Status codes"): usage (2) and invalid
/// input (3) → 400 with the CLI's message as <c>detail</c>; conflict (4) → 409; a locked ledger → 409; a body over the limit
/// → 413; a target that cannot be used → 503.
/// </summary>
internal static class Problems
{
    public static IResult Result(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>The middleware: runs the rest of the pipeline and answers a known failure with its problem.</summary>
    public static async Task Map(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (Classify(context, e) is { } problem && !context.Response.HasStarted)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Traza.Api");
            ApiLog.Refused(logger, context.Request.Method, context.Request.Path.Value ?? string.Empty, problem.Status, problem.Detail);
            context.Response.Clear();
            await Write(context, problem.Status, problem.Title, problem.Detail).ConfigureAwait(false);
        }
    }

    private static (int Status, string Title, string Detail)? Classify(HttpContext context, Exception e)
    {
        var stores = context.RequestServices.GetRequiredService<ApiSettings>().Stores;
        return e switch
        {
            AppException { Error.Code: ErrorCodes.Conflict } a => (StatusCodes.Status409Conflict, "conflict", a.Message),
            AppException a => (StatusCodes.Status400BadRequest, "invalid input", a.Message),
            DischargeRangeException d => (StatusCodes.Status400BadRequest, "invalid input", $"the discharge is refused, nothing written: {d.Message}"),
            BadHttpRequestException b => (b.StatusCode, b.StatusCode == StatusCodes.Status413PayloadTooLarge ? "payload too large" : "bad request", b.Message),
            DbException d when stores.Classify(d) is StoreFailure.Busy =>
                (StatusCodes.Status409Conflict, "conflict", $"the ledger is locked by another process: {d.Message}"),
            DbException d when stores.Classify(d) is StoreFailure.NotAStore or StoreFailure.Unreachable =>
                (StatusCodes.Status503ServiceUnavailable, "store unavailable", $"the --db target cannot be used: {d.Message}"),
            NotATrazaStoreException or NewerSchemaException =>
                (StatusCodes.Status503ServiceUnavailable, "store unavailable", $"the --db target cannot be used: {e.Message}"),
            _ => null,
        };
    }
}
