using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Traza.App;
using Traza.App.Reports;
using Traza.Formats.Reports;

namespace Traza.Api.Dashboard;

/// <summary>One table on a dashboard page: the report whose labels it takes, its columns and its rows (read once, kept).</summary>
public sealed record DashboardTable(string Title, string Report, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public ReportData Data => new(Columns, Rows);

    public int Index(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        return -1;
    }

    public static DashboardTable Of(string title, string report, ReportData data) => new(title, report, data.Columns, data.Rows.ToList());
}

/// <summary>What a page shows: its tables in order, and the line a report that discharged first gives (SPEC §6), if any.</summary>
public sealed record DashboardView(IReadOnlyList<DashboardTable> Tables, string? Notice);

/// <summary>
/// The data of every dashboard page, built from the reports through <see cref="ReportService.Run"/> — the function
/// <c>traza report</c> and <c>/api/reports</c> call, so the as-of rule (never stale), the fields and the client rule are
/// theirs — and what <c>/dashboard/download/{view}</c> writes, so a download is the table on screen. A client's key reads
/// its own client only, whatever the query asks.
/// </summary>
public static class DashboardViews
{
    public static readonly IReadOnlyList<string> Names = ["status", "shortages", "reconcile", "exposure", "pedimentos", "pedimento", "lot", "exit"];

    private static readonly ReportColumn[] StatusColumns =
        ["client", "open", "expiring", "expired", "closed", "shortages", "usd_at_risk"];

    private static readonly ReportColumn[] TimelineColumns = ["month", "expired", "expiring", "open"];

    /// <summary>The page's parameters as the query (and route) give them: as_of, client, pedimento, partida, exit.</summary>
    public sealed record Inputs(DateOnly AsOf, string? Client, string? Pedimento, string? Partida, string? Exit)
    {
        /// <summary>The query string that rebuilds the same view (for downloads, links and the language switch).</summary>
        public string Query(string? asOfDefault = null)
        {
            var parts = new List<string>();
            var asOf = AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (asOf != asOfDefault)
            {
                parts.Add("as_of=" + asOf);
            }

            Add(parts, "client", Client);
            Add(parts, "pedimento", Pedimento);
            Add(parts, "partida", Partida);
            Add(parts, "exit", Exit);
            return parts.Count == 0 ? string.Empty : "?" + string.Join("&", parts);
        }

        private static void Add(List<string> parts, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    /// <summary>Reads the inputs of a request; a bad date is the CLI's usage error (shown on the page).</summary>
    internal static Inputs Read(HttpContext http, string? pedimento = null, string? exit = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        var settings = http.RequestServices.GetRequiredService<ApiSettings>();
        var caller = ApiCaller.Require(http.User);
        string? Text(string name) => query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var asOf = ReportInputs.Date("--as-of", Text("as_of")) ?? settings.Today;
        var client = caller.IsClientKey ? caller.Client : ReportInputs.Client(Text("client"));
        return new Inputs(asOf, client, Number(pedimento ?? Text("pedimento")), Text("partida"), Number(exit ?? Text("exit")));
    }

    internal static DashboardView Build(HttpContext http, string view, Inputs inputs)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(inputs);
        var runner = new Runner(http, inputs);
        var tables = view switch
        {
            "status" => Status(runner),
            "shortages" => [DashboardTable.Of("shortages.title", "shortages", runner.Run("shortages"))],
            "reconcile" => Reconcile(runner),
            "exposure" => Exposure(runner),
            "pedimentos" => [DashboardTable.Of("pedimentos.title", "pedimentos", runner.Run("pedimentos"))],
            "pedimento" => Pedimento(runner, Require(inputs.Pedimento, "pedimento")),
            "lot" => Lot(runner, Require(inputs.Pedimento, "pedimento"), inputs.Partida),
            "exit" => [DashboardTable.Of("exit.title", "custody", runner.Run("custody", ("exit", Require(inputs.Exit, "exit"))))],
            _ => throw AppException.Usage($"no dashboard view '{view}'; the views are: {string.Join(", ", Names)}"),
        };
        return new DashboardView(tables, runner.Notice);
    }

    private static DashboardTable[] Status(Runner runner)
    {
        var balances = runner.Run("balances");
        var lots = DashboardTable.Of("nearest.title", "balances", balances);
        var shortages = DashboardTable.Of("shortages.title", "shortages", runner.Run("shortages"));
        int client = lots.Index("client"), status = lots.Index("status"), value = lots.Index("balance_value_usd"),
            deadline = lots.Index("deadline"), daysLeft = lots.Index("days_left");
        int shortClient = shortages.Index("client"), document = shortages.Index("exit_document"), part = shortages.Index("part");

        var clients = runner.Clients(lots.Rows.Select(r => Text(r[client])));
        var rows = clients.Select(c =>
        {
            var mine = lots.Rows.Where(r => Text(r[client]) == c).ToList();
            long Count(string s) => mine.LongCount(r => Text(r[status]) == s);
            var atRisk = mine.Where(r => Text(r[status]) is "expiring" or "expired").Sum(r => r[value] as decimal? ?? 0m);
            var missing = shortages.Rows.Where(r => Text(r[shortClient]) == c).Select(r => (Text(r[document]), Text(r[part]))).Distinct().LongCount();
            return new object?[] { c, Count("open"), Count("expiring"), Count("expired"), Count("closed"), missing, atRisk };
        }).ToList();

        var months = lots.Rows.Where(r => Text(r[status]) is "open" or "expiring" or "expired" && r[deadline] is DateOnly)
            .GroupBy(r => ((DateOnly)r[deadline]!).ToString("yyyy-MM", CultureInfo.InvariantCulture), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new object?[]
            {
                g.Key, g.LongCount(r => Text(r[status]) == "expired"), g.LongCount(r => Text(r[status]) == "expiring"),
                g.LongCount(r => Text(r[status]) == "open"),
            }).ToList();
        months = Continuous(months);

        var atRiskLots = lots.Rows.Where(r => Text(r[status]) is "expiring" or "expired")
            .OrderBy(r => Days(r[daysLeft]))
            .ThenBy(r => Text(r[0]), StringComparer.Ordinal).ToList();
        return
        [
            new("status.title", "dashboard-status", StatusColumns, rows),
            new("timeline.title", "dashboard-timeline", TimelineColumns, months),
            lots with { Rows = atRiskLots },
        ];
    }

    /// <summary>The months between the first and the last with no lot, as zero rows, so the chart's axis is time; not over three years.</summary>
    private static List<object?[]> Continuous(List<object?[]> months)
    {
        if (months.Count < 2)
        {
            return months;
        }

        static DateOnly Month(object? cell) => DateOnly.ParseExact((string)cell! + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var first = Month(months[0][0]);
        var last = Month(months[^1][0]);
        var span = ((last.Year - first.Year) * 12) + last.Month - first.Month;
        if (span > 36)
        {
            return months;
        }

        var byMonth = months.ToDictionary(m => (string)m[0]!, StringComparer.Ordinal);
        return [.. Enumerable.Range(0, span + 1)
            .Select(i => first.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .Select(m => byMonth.TryGetValue(m, out var row) ? row : [m, 0L, 0L, 0L])];
    }

    private static DashboardTable[] Reconcile(Runner runner)
    {
        var data = runner.Run("reconcile");
        var rows = DashboardTable.Of("reconcile.title", "reconcile", data);
        return data.Summary is { } summary ? [DashboardTable.Of("reconcile.summary", "reconcile", summary), rows] : [rows];
    }

    private static DashboardTable[] Exposure(Runner runner)
    {
        var data = runner.Run("exposure");
        return [DashboardTable.Of("exposure.title", "exposure", data.Summary ?? new ReportData(ExposureReport.SummaryColumns, []))];
    }

    /// <summary>The pedimento as every source declared it, its partidas and its movements: the listings' point reads (<c>--pedimento</c>).</summary>
    private static DashboardTable[] Pedimento(Runner runner, string pedimento) =>
    [
        DashboardTable.Of("pedimento.title", "pedimentos", runner.Run("pedimentos", ("pedimento", pedimento))),
        DashboardTable.Of("pedimento.partidas", "entries", runner.Run("entries", ("pedimento", pedimento))),
        DashboardTable.Of("pedimento.movements", "exits", runner.Run("exits", ("pedimento", pedimento))),
    ];

    private static DashboardTable[] Lot(Runner runner, string pedimento, string? partida)
    {
        var lots = DashboardTable.Of("lot.balance", "balances", runner.Lots(pedimento, partida));
        var custody = DashboardTable.Of("custody.title", "custody", runner.Run("custody", ("pedimento", pedimento), ("partida", partida)));
        return [lots, custody];
    }

    private static string Require(string? value, string name) =>
        value ?? throw AppException.Usage($"{name}: 15 digits (YY AA PPPP NNNNNNN)");

    /// <summary>A pedimento as the reports write it: 15 digits, spaces dropped; anything else is the API's usage error.</summary>
    private static string? Number(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        return digits.Length == 15 && digits.All(char.IsAsciiDigit)
            ? digits
            : throw AppException.Usage($"pedimento: 15 digits (YY AA PPPP NNNNNNN), found '{text}'");
    }

    public static string Text(object? cell) => CellText.Format(cell);

    private static long Days(object? cell) => cell switch
    {
        long l => l,
        int i => i,
        decimal d => (long)d,
        _ => long.MaxValue,
    };

    /// <summary>Runs reports for one request, with the request's store, as-of date and client (the key's, for a client's key).</summary>
    private sealed class Runner(HttpContext http, Inputs inputs)
    {
        private readonly RequestStore store = http.RequestServices.GetRequiredService<RequestStore>();
        private readonly ApiSettings settings = http.RequestServices.GetRequiredService<ApiSettings>();

        public string? Notice { get; private set; }

        public ReportData Run(string name, params (string Name, string? Value)[] options)
        {
            var report = ReportCatalog.Default.Find(name) ?? throw new InvalidOperationException($"report {name} is not registered");
            var values = options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
            var run = ReportService.Run(report, new ReportContext(store.Store, inputs.AsOf, inputs.Client, values, settings.Clock));
            Notice ??= run.Notice;
            return run.Data;
        }

        /// <summary>
        /// The <c>balances</c> rows of one pedimento (and partida) through the point read the API's lot lookup uses
        /// (<see cref="LotLookup"/>: the report's own figures and as-of rule, a few indexed reads instead of every lot).
        /// </summary>
        public ReportData Lots(string pedimento, string? partida)
        {
            int? number = partida is null ? null
                : int.TryParse(partida, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw AppException.Usage($"partida: a whole number from 1, found '{partida}'");
            var (lots, _) = LotLookup.Run(store.Store, inputs.AsOf, inputs.Client, pedimento, number,
                http.RequestServices.GetRequiredService<StoredRunCache>());
            Notice ??= lots.Notice;
            return lots.Data;
        }

        /// <summary>
        /// The clients a status table lists: the one asked (a client's key: its own), else every registered client and any
        /// other a lot names (a program without clients: '').
        /// </summary>
        public IReadOnlyList<string> Clients(IEnumerable<string> seen) =>
            inputs.Client is { } one
                ? [one]
                : [.. store.Store.LoadClients().Select(c => c.Client).Concat(seen).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
