using System.Globalization;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Access;

/// <summary>The access log as report data: <c>traza keys log</c> (CSV) and <c>GET /api/access-log</c> (JSON) give the same fields.</summary>
public static class AccessLogReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns = ["id", "key_id", "role", "client", "at", "method", "path", "query", "status", "rows"];

    public static ReportData Data(IReadOnlyList<AccessRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new ReportData(Columns, records.Select(r => new object?[]
        {
            r.Id, r.KeyId, r.Role, r.Client, r.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            r.Method, r.Path, r.Query, (long)r.Status, r.Rows,
        }));
    }
}
