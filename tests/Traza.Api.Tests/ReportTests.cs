using System.Net;
using System.Text.Json;
using Traza.App.Reports;
using Traza.Cli.Tests;

namespace Traza.Api.Tests;

/// <summary>
/// Issue 16 items 1-2: <c>/api/reports/{name}</c> answers what <c>traza report NAME</c> prints on the same database, and a
/// client's key never sees another client's rows.
/// </summary>
public sealed class ReportTests(DemoApi demo) : IClassFixture<DemoApi>
{
    private const string AsOf = "2025-12-31";

    public static TheoryData<string> Reports => [.. ReportCatalog.Default.All.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task Every_report_as_json_and_csv_is_the_CLIs_output(string name)
    {
        using var client = demo.Api.Client(demo.Api.Key("admin"));
        foreach (var format in (string[])["json", "csv"])
        {
            var api = await client.GetAsync(new Uri($"/api/reports/{name}?as_of={AsOf}&format={format}{ReportArgs.Query(name)}", UriKind.Relative), TestContext.Current.CancellationToken);
            api.StatusCode.ShouldBe(HttpStatusCode.OK);
            var cli = demo.Api.Cli.Run(["report", name, .. ReportArgs.Required(name), "--as-of", AsOf, "--format", format]);
            cli.Exit.ShouldBe(0, cli.Stderr);
            (await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe(cli.Stdout);
        }
    }

    [Fact]
    public async Task Report_options_are_query_parameters_and_bad_ones_get_the_CLIs_message()
    {
        using var client = demo.Api.Client(demo.Api.Key("auditor"));
        var cancel = TestContext.Current.CancellationToken;
        var lot = demo.Api.Lot();
        var custody = await client.GetStringAsync(new Uri($"/api/reports/custody?as_of={AsOf}&pedimento={lot}&partida=1", UriKind.Relative), cancel);
        custody.ShouldBe(demo.Api.Cli.Run("report", "custody", "--as-of", AsOf, "--pedimento", lot, "--partida", "1", "--format", "json").Stdout);
        var expiring = await client.GetStringAsync(new Uri($"/api/reports/expiring?as_of={AsOf}&within=30&client=KITE", UriKind.Relative), cancel);
        expiring.ShouldBe(demo.Api.Cli.Run("report", "expiring", "--as-of", AsOf, "--within", "30", "--client", "KITE", "--format", "json").Stdout);

        foreach (var (query, args) in new (string, string[])[]
        {
            ("as_of=2025-13-01", ["--as-of", "2025-13-01"]),
            ("partida=zero", ["--partida", "zero"]),
        })
        {
            var api = await client.GetAsync(new Uri($"/api/reports/custody?{query}", UriKind.Relative), cancel);
            api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var cli = demo.Api.Cli.Run(["report", "custody", .. args]);
            cli.Exit.ShouldBe(2);
            Detail(await api.Content.ReadAsStringAsync(cancel)).ShouldBe(cli.Stderr.TrimEnd('\n'));
        }

        var unknown = await client.GetAsync(new Uri("/api/reports/custody?colour=red", UriKind.Relative), cancel);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Detail(await unknown.Content.ReadAsStringAsync(cancel)).ShouldStartWith("unknown query parameter 'colour'; report custody takes: as_of, client, format, pedimento");
        var missing = await client.GetAsync(new Uri("/api/reports/stock", UriKind.Relative), cancel);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Detail(await missing.Content.ReadAsStringAsync(cancel)).ShouldBe(
            "no report 'stock'; the reports are: " + string.Join(", ", ReportCatalog.Default.All.Select(r => r.Name)));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_client_key_never_sees_another_clients_rows(string name)
    {
        using var client = demo.Api.Client(demo.Api.Key("broker", "ACME"));
        var cancel = TestContext.Current.CancellationToken;
        var report = ReportCatalog.Default.Find(name)!;
        foreach (var asked in (string[])["KITE", "NORD", "", "ACME"])
        {
            var response = await client.GetAsync(new Uri($"/api/reports/{name}?as_of={AsOf}&client={asked}{ReportArgs.Query(name)}", UriKind.Relative), cancel);
            if (!report.FiltersByClient)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // program-wide listings (docs/api.md)
                continue;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await response.Content.ReadAsStringAsync(cancel);
            body.ShouldBe(demo.Api.Cli.Run(["report", name, .. ReportArgs.Required(name), "--as-of", AsOf, "--client", "ACME", "--format", "json"]).Stdout);
            foreach (var row in JsonDocument.Parse(body).RootElement.EnumerateArray())
            {
                if (row.TryGetProperty("client", out var c))
                {
                    c.GetString().ShouldBe("ACME", $"{name} asked for '{asked}'");
                }
            }
        }
    }

    [Fact]
    public async Task A_client_key_drills_down_into_its_own_lots_only()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var acme = demo.Api.Client(demo.Api.Key("auditor", "ACME"));
        using var all = demo.Api.Client(demo.Api.Key("auditor"));
        var kite = demo.Api.Lot("KITE");
        (await all.GetAsync(new Uri($"/api/lots/{kite}?as_of={AsOf}", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await acme.GetAsync(new Uri($"/api/lots/{kite}?as_of={AsOf}&client=KITE", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await acme.GetAsync(new Uri($"/api/pedimentos/{kite}?as_of={AsOf}&client=KITE", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await acme.GetStringAsync(new Uri($"/api/lots/{demo.Api.Lot("ACME")}?as_of={AsOf}", UriKind.Relative), cancel);
        var doc = JsonDocument.Parse(own).RootElement;
        doc.GetProperty("lots").GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var part in (string[])["lots", "custody_summary"])
        {
            foreach (var row in doc.GetProperty(part).EnumerateArray())
            {
                row.GetProperty("client").GetString().ShouldBe("ACME");
            }
        }
    }

    [Fact]
    public async Task The_drill_downs_are_the_reports_rows_of_that_pedimento()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = demo.Api.Client(demo.Api.Key("broker"));
        var lot = demo.Api.Lot();
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/lots/{lot}?as_of={AsOf}", UriKind.Relative), cancel)).RootElement;
        var balances = demo.Api.Cli.ReportCsv("balances", "--as-of", AsOf).Skip(1).Count(l => l.StartsWith(lot + ",", StringComparison.Ordinal));
        json.GetProperty("lots").GetArrayLength().ShouldBe(balances);
        json.GetProperty("custody_summary").GetArrayLength().ShouldBe(balances);
        json.TryGetProperty("custody", out _).ShouldBeFalse("custody rows only when asked");
        var custodyRows = demo.Api.Cli.ReportCsv("custody", "--as-of", AsOf, "--pedimento", lot).Length - 1;
        json.GetProperty("custody_summary").EnumerateArray().Sum(r => r.GetProperty("allocations").GetInt64()).ShouldBe(custodyRows);
        var withRows = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/lots/{lot}?as_of={AsOf}&custody=rows", UriKind.Relative), cancel)).RootElement;
        withRows.GetProperty("custody").GetArrayLength().ShouldBe(custodyRows);
        (await client.GetAsync(new Uri($"/api/lots/{lot}?custody=all", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The lots are the balances report's rows of that pedimento, field for field.
        var report = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/reports/balances?as_of={AsOf}", UriKind.Relative), cancel)).RootElement;
        json.GetProperty("lots").EnumerateArray().Select(r => r.GetRawText()).ShouldBe(
            report.EnumerateArray().Where(r => r.GetProperty("pedimento").GetString() == lot).Select(r => r.GetRawText()));
        var pedimento = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/pedimentos/{lot}?as_of={AsOf}", UriKind.Relative), cancel)).RootElement;
        pedimento.GetProperty("pedimento").GetArrayLength().ShouldBe(1);
        pedimento.GetProperty("partidas").GetArrayLength().ShouldBe(
            demo.Api.Cli.ReportCsv("entries", "--as-of", AsOf).Skip(1).Count(l => l.StartsWith(lot + ",", StringComparison.Ordinal)));
        (await client.GetAsync(new Uri("/api/lots/123", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync(new Uri("/api/lots/259999999999999", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Issue 16 item 6: <c>/api/reports/balances?limit=N&amp;after=CURSOR</c> pages by keyset; the pages, cursor after cursor,
    /// are the unpaged report (JSON and CSV), a client's key pages its own client, and bad paging parameters are 400.
    /// </summary>
    [Fact]
    public async Task Balances_pages_followed_by_cursor_are_the_whole_report()
    {
        var cancel = TestContext.Current.CancellationToken;
        foreach (var (key, query) in new[] { (demo.Api.Key("auditor"), ""), (demo.Api.Key("auditor", "ACME"), "&client=KITE") })
        {
            using var client = demo.Api.Client(key);
            var whole = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/reports/balances?as_of={AsOf}{query}", UriKind.Relative), cancel))
                .RootElement.EnumerateArray().Select(r => r.GetRawText()).ToList();
            whole.Count.ShouldBeGreaterThan(7);
            var paged = new List<string>();
            var csvLines = new List<string>();
            string? after = null;
            for (var pages = 0; pages <= whole.Count; pages++)
            {
                var uri = $"/api/reports/balances?as_of={AsOf}{query}&limit=7" + (after is null ? string.Empty : "&after=" + after);
                var response = await client.GetAsync(new Uri(uri, UriKind.Relative), cancel);
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                paged.AddRange(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement.EnumerateArray().Select(r => r.GetRawText()));
                var csv = await client.GetStringAsync(new Uri(uri + "&format=csv", UriKind.Relative), cancel);
                csvLines.AddRange(csv.TrimEnd('\n').Split('\n').Skip(csvLines.Count == 0 ? 0 : 1));
                after = response.Headers.TryGetValues("Traza-Next-Cursor", out var next) ? next.Single() : null;
                if (after is null)
                {
                    break;
                }

                response.Headers.GetValues("Link").Single().ShouldContain("after=" + after);
            }

            paged.ShouldBe(whole);
            if (query.Length > 0)
            {
                paged.ShouldAllBe(r => JsonDocument.Parse(r, default).RootElement.GetProperty("client").GetString() == "ACME", "a client's key pages its own client");
            }
            csvLines.Count.ShouldBe(whole.Count + 1);
        }

        using var auditor = demo.Api.Client(demo.Api.Key("auditor"));
        foreach (var bad in (string[])["limit=0", "limit=x", "limit=10001", "after=nonsense"])
        {
            var response = await auditor.GetAsync(new Uri($"/api/reports/balances?{bad}", UriKind.Relative), cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
        }

        (await auditor.GetAsync(new Uri("/api/reports/entries?limit=5", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    internal static string Detail(string problem) => JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString()!;
}
