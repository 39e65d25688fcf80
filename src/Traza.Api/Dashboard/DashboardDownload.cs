using Microsoft.AspNetCore.Http;
using Traza.App;
using Traza.App.Reports;
using Traza.Formats.Reports;

namespace Traza.Api.Dashboard;

/// <summary>
/// <c>GET /dashboard/download/{view}?table=N&amp;format=csv|xlsx&amp;…</c>: table N of a page as on screen, written by the
/// report writer the CLI uses — CSV with the English field names and values (SPEC §6), XLSX with the labels of the page's
/// language. The page's query (as_of, client, pedimento, partida, exit) rebuilds the same table.
/// </summary>
internal static class DashboardDownload
{
    public static IResult Get(HttpContext http, string view, string? format, string? table)
    {
        ArgumentNullException.ThrowIfNull(http);
        var inputs = DashboardViews.Read(http);
        var built = DashboardViews.Build(http, view, inputs);
        // The number is read here, not bound by the framework, so a bad one gets this message rather than an empty 400.
        var index = 0;
        if (table is not null
            && !(int.TryParse(table.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index)
                && index < built.Tables.Count))
        {
            throw AppException.Usage($"table: 0 to {built.Tables.Count - 1}, found '{table}'");
        }

        var chosen = built.Tables[index];
        var kind = (format ?? "csv").Trim().ToLowerInvariant() switch
        {
            "csv" => ReportFormat.Csv,
            "xlsx" => ReportFormat.Xlsx,
            _ => throw AppException.Usage($"format: csv or xlsx, found '{format}'"),
        };
        var data = kind == ReportFormat.Xlsx ? Labels.For(DashboardLanguage.Of(http)).Apply(chosen.Report, chosen.Data) : chosen.Data;
        var buffer = new MemoryStream();
        ReportWriter.Write(data, kind, buffer);
        AccessLogging.SetRows(http, chosen.Rows.Count);
        buffer.Position = 0;
        var name = $"traza-{view}-{index + 1}-{inputs.AsOf:yyyy-MM-dd}.{(kind == ReportFormat.Xlsx ? "xlsx" : "csv")}";
        return TypedResults.File(buffer, ReportOutput.ContentType(kind), name);
    }
}
