using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Traza.App;
using Traza.App.Reports;
using Traza.Formats.Reports;

namespace Traza.Api;

/// <summary>
/// Drill-downs (issue 16 items 1 and 6; docs/api.md): <c>GET /api/lots/{pedimento}</c> — the lots of an entry pedimento (its
/// <c>balances</c> rows, by the point read <see cref="LotLookup"/>), a custody summary per lot, and on request its custody rows
/// (the <c>custody --pedimento</c> rows); <c>GET /api/pedimentos/{pedimento}</c> —
/// its <c>pedimentos</c> row, its partidas as entered (<c>entries</c> rows) and its exit movements (<c>exits</c> rows).
/// Each part is the named report's rows (same as-of rule, same client rule) where the pedimento column is this pedimento.
/// 404 when the pedimento has nothing.
/// </summary>
internal static class DrillDownEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/lots/{pedimento}", Lot).WithName("Lot")
            .WithSummary("an entry pedimento's lots (its balances rows, by a point read) and a custody summary per lot; query: as_of, client, partida, custody=summary|rows")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);
        app.MapGet("/api/pedimentos/{pedimento}", Pedimento).WithName("Pedimento")
            .WithSummary("a pedimento (pedimentos row), its partidas (entries rows) and its exit movements (exits rows); query: as_of, client")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);
    }

    private static IResult Lot(string pedimento, HttpContext http, RequestStore store, ApiSettings settings, StoredRunCache cache)
    {
        var number = Number(pedimento);
        var caller = ApiCaller.Require(http.User);
        var query = Query.Read(http.Request.Query, ["as_of", "client", "partida", "custody"], "a lot");
        int? partida = null;
        if (query.GetValueOrDefault("partida") is { } text)
        {
            // The CLI's check and message (custody --partida).
            partida = int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p >= 1
                ? p
                : throw AppException.Usage($"option --partida: a whole number of at least 1, found '{text}'");
            query["partida"] = partida.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var rows = query.GetValueOrDefault("custody") switch
        {
            null or "summary" => false,
            "rows" => true,
            var other => throw AppException.Usage($"query parameter 'custody': summary (default) or rows, found '{other}'"),
        };

        // The point read (LotLookup): the balances rows of this pedimento, figure for figure the full report's, under the same
        // as-of rule, and a custody summary per lot; the custody rows themselves only when asked (the custody report's cost).
        var context = ReportEndpoints.Context(store, settings, caller, query, []);
        var (lots, summary) = LotLookup.Run(context.Store, context.AsOf, context.Client, number, partida, cache);
        if (lots.Notice is { } notice)
        {
            http.Response.Headers["Traza-Notice"] = Query.HeaderText(notice); // SPEC §6: a read that discharged first says so
        }

        var found = lots.Data.Rows.ToList();
        var data = lots.Data with { Rows = found };
        if (found.Count == 0)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "not found", $"no lot of pedimento {number} entered on or before the as-of date");
        }

        if (!rows)
        {
            return ReportOutput.Json(http, [("lots", data), ("custody_summary", summary)]);
        }

        var custody = Run("custody", store, settings, caller, query, new() { ["pedimento"] = number, ["partida"] = query.GetValueOrDefault("partida") });
        return ReportOutput.Json(http, [("lots", data), ("custody_summary", summary), ("custody", custody)]);
    }

    private static IResult Pedimento(string pedimento, HttpContext http, RequestStore store, ApiSettings settings)
    {
        var number = Number(pedimento);
        var caller = ApiCaller.Require(http.User);
        var query = Query.Read(http.Request.Query, ["as_of", "client"], "a pedimento");
        var declared = Rows(Run("pedimentos", store, settings, caller, query, []), "pedimento", number, null);
        var entries = Rows(Run("entries", store, settings, caller, query, []), "pedimento", number, null);
        var exits = Rows(Run("exits", store, settings, caller, query, []), "pedimento", number, null);
        if (declared.Rows.Count + entries.Rows.Count + exits.Rows.Count == 0)
        {
            return Problems.Result(StatusCodes.Status404NotFound, "not found", $"no pedimento {number} on or before the as-of date");
        }

        return ReportOutput.Json(http, [("pedimento", declared.Data), ("partidas", entries.Data), ("movements", exits.Data)]);
    }

    /// <summary>A pedimento as the reports write it: the 15 digits without spaces (SPEC §6); spaces in the path are allowed.</summary>
    private static string Number(string text)
    {
        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length == 15 && digits.All(char.IsAsciiDigit)
            ? digits
            : throw AppException.Usage($"pedimento: 15 digits (YY AA PPPP NNNNNNN), found '{text}'");
    }

    private static ReportData Run(
        string name, RequestStore store, ApiSettings settings, ApiCaller caller, Dictionary<string, string?> query, Dictionary<string, string?> options)
    {
        var report = ReportCatalog.Default.Find(name) ?? throw new InvalidOperationException($"report {name} is not registered");
        var context = ReportEndpoints.Context(store, settings, caller, query, []) with { Options = options };
        return ReportService.Run(report, context).Data;
    }

    private static (ReportData Data, List<object?[]> Rows) Rows(ReportData data, string column, string pedimento, string? partida)
    {
        var at = Index(data, column);
        var partidaAt = partida is null ? -1 : Index(data, "partida");
        var rows = data.Rows.Where(r => CellText.Format(r[at]) == pedimento
            && (partidaAt < 0 || CellText.Format(r[partidaAt]) == partida)).ToList();
        return (new ReportData(data.Columns, rows), rows);
    }

    private static int Index(ReportData data, string column)
    {
        for (var i = 0; i < data.Columns.Count; i++)
        {
            if (data.Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no column {column}");
    }
}
