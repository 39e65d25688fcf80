using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Traza.App;
using Traza.App.Access;
using Traza.Formats.Reports;

namespace Traza.Api;

/// <summary><c>GET /health</c> without a key, and <c>GET /api/access-log</c> for admins (docs/api.md).</summary>
internal static class AccessEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health).WithName("Health").WithSummary("liveness: 200 and {\"status\":\"ok\"} while the server runs (no key, no store read)")
            .AllowAnonymous();
        app.MapGet("/api/access-log", AccessLog).WithName("AccessLog")
            .WithSummary("every request made with an authority key (traza keys log); query: last")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RequireAuthorization(ApiPolicies.AccessLog);
    }

    private static IResult Health() => TypedResults.Ok(new HealthResponse("ok"));

    private static IResult AccessLog(HttpContext http, RequestStore store)
    {
        var query = Query.Read(http.Request.Query, ["last", "format"], "the access log");
        int? last = null;
        if (query.GetValueOrDefault("last") is { } text)
        {
            last = int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw AppException.Usage($"option --last: a whole number of at least 1, found '{text}'");
        }

        if (!ReportFormats.TryParse(query.GetValueOrDefault("format") ?? "json", out var format))
        {
            throw AppException.Usage($"option --format: one of {string.Join(", ", ReportFormats.Names)}");
        }

        return ReportOutput.Result(http, AccessLogReport.Data(store.Store.Access.AccessLog(last)), format);
    }

    internal sealed record HealthResponse(string Status);
}
