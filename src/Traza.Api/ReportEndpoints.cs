using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Traza.App.Reports;
using Traza.Formats.Reports;

namespace Traza.Api;

/// <summary>
/// <c>GET /api/reports/{name}</c> (SPEC §6; docs/api.md): every report of <see cref="ReportCatalog.Default"/> with the CLI's
/// options as query parameters, run through <see cref="ReportService.Run"/> — the function <c>traza report</c> calls, so
/// the as-of rule (never stale) and the fields are the CLI's. A client's key reads its own client only.
/// </summary>
internal static class ReportEndpoints
{
    /// <summary>The common parameters: <c>as_of</c> (<c>--as-of</c>), <c>client</c>, <c>format</c>.</summary>
    private static readonly string[] Common = ["as_of", "client", "format"];

    /// <summary>The paging parameters of <c>balances</c> (API only): <c>limit</c> and the cursor <c>after</c>.</summary>
    private static readonly string[] Paging = ["limit", "after"];

    /// <summary>Rows per page when <c>after</c> is given without <c>limit</c>.</summary>
    internal const int DefaultLimit = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports", List).WithName("ListReports").WithSummary("the reports and their query parameters")
            .RequireAuthorization(ApiPolicies.Read);
        app.MapGet("/api/reports/{name}", Report).WithName("Report")
            .WithSummary("a report (SPEC §6) as JSON (default), CSV, XLSX or a text table; query: as_of, client, format and the report's own options; balances also pages: limit, after (cursor from Traza-Next-Cursor)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);
    }

    private static IResult List() => TypedResults.Ok(ReportCatalog.Default.All.Select(r => new ReportInfo(
        r.Name, r.Description, [.. Common, .. r.Options.Select(o => QueryName(o.Name)), .. r.Name == "balances" ? Paging : []])));

    private static IResult Report(string name, HttpContext http, RequestStore store, ApiSettings settings)
    {
        var report = ReportCatalog.Default.Find(name);
        if (report is null)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "unknown report",
                $"no report '{name}'; the reports are: {string.Join(", ", ReportCatalog.Default.All.Select(r => r.Name))}");
        }

        var caller = ApiCaller.Require(http.User);
        if (caller.IsClientKey && !report.FiltersByClient)
        {
            return Problems.Result(StatusCodes.Status403Forbidden, "forbidden",
                $"report {report.Name} lists the whole program: a key of client {caller.Client} may not read it");
        }

        var paged = report.Name == "balances";
        var query = Query.Read(http.Request.Query, [.. Common, .. report.Options.Select(o => o.Name), .. paged ? Paging : []], $"report {report.Name}");
        if (!ReportFormats.TryParse(query.GetValueOrDefault("format") ?? "json", out var format))
        {
            throw Traza.App.AppException.Usage($"option --format: one of {string.Join(", ", ReportFormats.Names)}");
        }

        var context = Context(store, settings, caller, query, report.Options.Select(o => o.Name));
        if (paged && (query.ContainsKey("limit") || query.ContainsKey("after")))
        {
            return Page(http, context, query, format);
        }

        var run = ReportService.Run(report, context);
        if (run.Notice is { } notice)
        {
            http.Response.Headers["Traza-Notice"] = Query.HeaderText(notice); // SPEC §6: a report that discharged first says so
        }

        return ReportOutput.Result(http, run.Data, format);
    }

    /// <summary>
    /// One page of <c>balances</c> (docs/api.md, "Paging balances"): <c>limit</c> rows (default
    /// <see cref="DefaultLimit"/>) after the cursor <c>after</c>, the body the report's format over those rows, the next page's
    /// cursor in <c>Traza-Next-Cursor</c> and a <c>Link: rel="next"</c> (neither on the last page).
    /// </summary>
    private static IResult Page(HttpContext http, ReportContext context, Dictionary<string, string?> query, ReportFormat format)
    {
        var limitText = query.GetValueOrDefault("limit");
        var limit = DefaultLimit;
        if (limitText is not null
            && !(int.TryParse(limitText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= BalancesPage.MaxLimit))
        {
            throw Traza.App.AppException.Usage($"query parameter 'limit': a whole number from 1 to {BalancesPage.MaxLimit}, found '{limitText}'");
        }

        var cache = http.RequestServices.GetRequiredService<StoredRunCache>();
        var (run, next) = BalancesPage.Run(context.Store, context.AsOf, context.Client, query.GetValueOrDefault("after"), limit, cache);
        if (run.Notice is { } notice)
        {
            http.Response.Headers["Traza-Notice"] = Query.HeaderText(notice);
        }

        if (next is not null)
        {
            http.Response.Headers["Traza-Next-Cursor"] = next;
            var rest = http.Request.Query.Where(q => q.Key != "after").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
            http.Response.Headers.Link = $"<{http.Request.Path}?{string.Join('&', [.. rest, "after=" + next])}>; rel=\"next\"";
        }

        return ReportOutput.Result(http, run.Data, format);
    }

    /// <summary>
    /// The report context of a request, as <c>traza report</c> builds it: <c>as_of</c> (default today), <c>client</c> —
    /// replaced by the key's client for a client's key, whatever was asked — and the report's options by their CLI names.
    /// </summary>
    internal static ReportContext Context(
        RequestStore store, ApiSettings settings, ApiCaller caller, IReadOnlyDictionary<string, string?> query, IEnumerable<string> options)
    {
        var asOf = ReportInputs.Date("--as-of", query.GetValueOrDefault("as_of")) ?? settings.Today;
        var client = caller.IsClientKey ? caller.Client : ReportInputs.Client(query.GetValueOrDefault("client"));
        var values = options.ToDictionary(o => o, o => query.GetValueOrDefault(o), StringComparer.Ordinal);
        return new ReportContext(store.Store, asOf, client, values, settings.Clock);
    }

    /// <summary>A CLI option's name as a query parameter: dashes become underscores (<c>--as-of</c> → <c>as_of</c>).</summary>
    internal static string QueryName(string option) => option.Replace('-', '_');

    internal sealed record ReportInfo(string Name, string Description, IReadOnlyList<string> Parameters);
}
