using System.Text;
using Microsoft.AspNetCore.Http;
using Traza.Formats.Reports;

namespace Traza.Api;

/// <summary>Writes report data as the CLI writes it (<see cref="ReportWriter"/>), counting the rows for the access log.</summary>
internal static class ReportOutput
{
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Json => "application/json; charset=utf-8",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "text/plain; charset=utf-8",
    };

    /// <summary>The report in <paramref name="format"/>, byte for byte what <c>traza report … --format</c> prints.</summary>
    public static IResult Result(HttpContext context, ReportData data, ReportFormat format)
    {
        var counter = new long[1];
        // The CSV fast path (CsvRows) writes the same cells as Rows (ReportData's contract) but cannot count them: it is
        // kept only when no one counts.
        var counted = data with { Rows = Count(data.Rows, counter), CsvRows = Counts(context) ? null : data.CsvRows };
        var buffer = new MemoryStream();
        ReportWriter.Write(counted, format, buffer);
        AccessLogging.SetRows(context, counter[0]);
        buffer.Position = 0;
        return TypedResults.Stream(buffer, ContentType(format));
    }

    /// <summary>Rows of several reports as one JSON object: each report's JSON array under its name (the drill-downs).</summary>
    public static IResult Json(HttpContext context, IReadOnlyList<(string Name, ReportData Data)> parts)
    {
        var counter = new long[1];
        var text = new StringBuilder("{");
        for (var i = 0; i < parts.Count; i++)
        {
            using var writer = new StringWriter();
            ReportWriter.WriteJson(parts[i].Data with { Rows = Count(parts[i].Data.Rows, counter), CsvRows = null }, writer);
            text.Append(i == 0 ? "\n\"" : ",\n\"").Append(parts[i].Name).Append("\": ").Append(writer.ToString().TrimEnd());
        }

        text.Append("\n}\n");
        AccessLogging.SetRows(context, counter[0]);
        return TypedResults.Text(text.ToString(), "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static bool Counts(HttpContext context) => ApiCaller.Of(context.User) is { Role: Traza.App.Access.ApiRoles.Authority };

    private static IEnumerable<object?[]> Count(IEnumerable<object?[]> rows, long[] counter)
    {
        foreach (var row in rows)
        {
            counter[0]++;
            yield return row;
        }
    }
}
