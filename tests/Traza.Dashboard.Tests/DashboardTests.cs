using System.Net;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Traza.Dashboard.Tests;

/// <summary>
/// Issue 16 item 5: the dashboard in Chromium over the demo program on SQLite — sign-in, the status a user sees against
/// the CLI's figures, the language switch, the drill-down to custody, a download read back, and a client's key that
/// never shows another client's lot.
/// </summary>
// One browser at a time (one collection): two Chromiums and two demo builds at once only slow a small machine.
[Collection("browser")]
public sealed class DashboardTests(SqliteDashboard server) : IClassFixture<SqliteDashboard>
{
    [Fact]
    public async Task Without_a_session_every_page_goes_to_sign_in_and_a_bad_key_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.Address) };
        var cancel = TestContext.Current.CancellationToken;
        foreach (var path in (string[])["/dashboard", "/dashboard/pedimentos/253034205000001", "/dashboard/download/status?format=csv"])
        {
            var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/dashboard/sign-in?return=");
        }

        (await http.GetAsync(new Uri("/api/reports/balances", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await using var context = await server.Context();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/shortages");
        page.Url.ShouldContain("/dashboard/sign-in");
        await page.FillAsync("input[name=Key]", "trz_not-a-key");
        await page.ClickAsync("button[type=submit]");
        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldBe("La llave no existe o fue revocada.");
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name == "traza_session");

        var key = server.Key("auditor");
        await DashboardServer.SignIn(page, key, "/dashboard/shortages");
        page.Url.ShouldContain("/dashboard/shortages");
        var session = (await context.CookiesAsync()).Single(c => c.Name == "traza_session");
        session.HttpOnly.ShouldBeTrue();
        session.SameSite.ShouldBe(SameSiteAttribute.Strict);
        session.Value.ShouldNotContain(key["trz_".Length..]);

        await page.ClickAsync("header form button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/sign-in**");
        await page.GotoAsync("/dashboard");
        page.Url.ShouldContain("/dashboard/sign-in");

        // Revoking a key ends its sessions at once: the cookie is checked against the stored key on every request.
        var revoked = server.Key("broker");
        await DashboardServer.SignIn(page, revoked, "/dashboard/reconcile");
        var id = server.Cli("keys", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(',')[0];
        server.Cli("keys", "revoke", id);
        await page.GotoAsync("/dashboard/reconcile");
        page.Url.ShouldContain("/dashboard/sign-in");
    }

    [Fact]
    public async Task Status_shows_the_clis_figures_and_the_language_switch_relabels_every_page()
    {
        await using var context = await server.Context(locale: "en-US");
        var page = await context.NewPageAsync();
        await DashboardServer.SignIn(page, server.Key("admin"));

        // Accept-Language en-US: English, with the labels of labels.csv.
        (await page.Locator("section[data-report=dashboard-status] thead").InnerTextAsync()).ShouldContain("Client");
        (await page.Locator("section[data-report=dashboard-status] th[data-field=open]").InnerTextAsync()).ShouldBe("Open");
        (await Flows.StatusRows(page)).ShouldBe(Flows.ExpectedStatus(server));
        var atRisk = page.Locator("section[data-report=balances] td[data-value=expired]").First;
        (await atRisk.InnerTextAsync()).ShouldBe("Expired");

        // The timeline draws every lot not closed that has a deadline (machinery has none while the program lasts), once.
        var balances = server.Csv("balances", "--as-of", Flows.AsOf);
        var header = balances[0].Split(',');
        int statusAt = Array.IndexOf(header, "status"), deadlineAt = Array.IndexOf(header, "deadline");
        var expected = balances.Skip(1).Select(l => l.Split(',')).Count(f => f[statusAt] != "closed" && f[deadlineAt].Length > 0);
        var counts = await page.Locator("[data-chart=timeline] rect").EvaluateAllAsync<int[]>("rs => rs.map(r => +r.dataset.count)");
        counts.Sum().ShouldBe(expected);

        await page.ClickAsync("header a[data-lang=es]");
        await page.Locator("h1:text-is('Estado')").WaitForAsync(); // back on the same page, now in Spanish
        (await page.Locator("section[data-report=dashboard-status] th[data-field=open]").InnerTextAsync()).ShouldBe("Vigentes");
        (await page.Locator("section[data-report=balances] td[data-value=expired]").First.InnerTextAsync()).ShouldBe("Vencido");

        // The choice is kept (a cookie) over the browser's English.
        await page.ClickAsync("header nav a[href^='/dashboard/shortages']");
        await page.WaitForURLAsync("**/dashboard/shortages**");
        (await page.Locator("section[data-report=shortages] th[data-field=qty_missing]").InnerTextAsync()).ShouldBe("Cantidad faltante");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("es");
    }

    [Fact]
    public async Task Drill_down_goes_from_a_pedimento_through_its_partidas_and_movements_to_custody_and_an_authority_is_logged()
    {
        await using var context = await server.Context();
        var page = await context.NewPageAsync();
        await DashboardServer.SignIn(page, server.Key("authority"));
        await Flows.DrillDown(page, server, "KITE");

        // An authority key's pages are in the access log (Annex 24 apartado C), as its API requests are.
        var log = server.Cli("keys", "log");
        log.ShouldContain(",GET,/dashboard/lots/");
        log.ShouldContain(",GET,/dashboard/exits/");
    }

    [Fact]
    public async Task Downloads_are_the_table_on_screen_csv_as_the_cli_prints_it_xlsx_labeled()
    {
        await using var context = await server.Context();
        var page = await context.NewPageAsync();
        await DashboardServer.SignIn(page, server.Key("operator"), "/dashboard/shortages");
        var rows = await page.Locator("section[data-report=shortages] tbody tr").CountAsync();

        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("section[data-report=shortages] a[data-download=csv]"));
        var text = await File.ReadAllTextAsync(await csv.PathAsync(), TestContext.Current.CancellationToken);
        text.ShouldBe(server.Cli("report", "shortages", "--as-of", Flows.AsOf, "--format", "csv"));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        rows.ShouldBe(Math.Min(lines - 1, 100)); // the screen shows 100 rows a page; the download is the whole table

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("section[data-report=shortages] a[data-download=xlsx]"));
        xlsx.SuggestedFilename.ShouldEndWith(".xlsx");
        var sheet = MiniExcel.Query(await xlsx.PathAsync(), useHeaderRow: true, sheetName: "Reporte", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        sheet.Count.ShouldBe(lines - 1);
        sheet[0].Keys.ShouldContain("Cantidad faltante");
        sheet[0].Keys.ShouldContain("Cliente");
    }

    [Fact]
    public async Task A_clients_key_never_shows_another_clients_lot_on_any_page()
    {
        var acme = Flows.ConsumedLot(server, "ACME");
        await using var context = await server.Context();
        var page = await context.NewPageAsync();
        await DashboardServer.SignIn(page, server.Key("auditor", "NORD"));

        (await Flows.StatusRows(page)).ShouldBe(Flows.ExpectedStatus(server, "NORD"));
        (await page.Locator("select[name=client]").CountAsync()).ShouldBe(0);
        foreach (var path in (string[])[
            "/dashboard?client=ACME", "/dashboard/shortages?client=ACME", "/dashboard/exposure", "/dashboard/reconcile",
            $"/dashboard/pedimentos/{acme.Entry}", $"/dashboard/lots/{acme.Entry}?partida={acme.Partida}", $"/dashboard/exits/{acme.Exit}?client=ACME",
            "/dashboard/pedimentos?client=KITE"])
        {
            await page.GotoAsync(path);
            var body = await page.Locator("main").InnerTextAsync();
            body.ShouldNotContain("ACM-", Case.Sensitive, path); // ACME's part numbers
            body.ShouldNotContain("KIT-", Case.Sensitive, path);
            body.ShouldNotContain("ACME", Case.Sensitive, path);
            body.ShouldNotContain("KITE", Case.Sensitive, path);
            (await page.Locator("tbody a").AllInnerTextsAsync()).ShouldNotContain(acme.Entry, path);
        }

        // The download of a list asked for another client holds the key's client's rows: those the CLI lists for NORD.
        var response = await page.APIRequest.GetAsync($"/dashboard/download/pedimentos?client=ACME&as_of={Flows.AsOf}&format=csv");
        response.Status.ShouldBe(200);
        (await response.TextAsync()).ShouldBe(server.Cli("report", "pedimentos", "--as-of", Flows.AsOf, "--client", "NORD", "--format", "csv"));
    }
}
