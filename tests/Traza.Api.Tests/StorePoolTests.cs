using System.Net;
using System.Text;
using System.Text.Json;
using Traza.Cli.Tests;
using Traza.Storage;
using Traza.Storage.Postgres;
using Traza.Storage.Sqlite;

namespace Traza.Api.Tests;

/// <summary>
/// Issue 16 item 6: <c>traza serve</c> keeps opened stores between read requests (<see cref="StorePool"/>), and a request
/// still sees every import and discharge committed before it — through the same server, on the same kept store (the
/// reads before the change put a store in the pool, the reads after take it back), and with what it kept of the run before
/// (<see cref="Traza.App.Reports.StoredRunCache"/>) dropped.
/// </summary>
public sealed class StorePoolTests
{
    private const string AsOf = "2025-12-31";

    [Fact]
    public async Task A_request_after_an_import_or_a_discharge_sees_it_on_a_kept_store()
    {
        using var api = new ApiHarness(demo: true);
        var cancel = TestContext.Current.CancellationToken;
        using var client = api.Client(api.Key("admin"));
        var fresh = "254034205009999";
        var exit = "253039125009999";

        // Reads that leave a store in the pool: the new pedimento is not there yet; a page of balances; a lot.
        (await client.GetAsync(new Uri($"/api/lots/{fresh}?as_of={AsOf}", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await client.GetAsync(new Uri($"/api/reports/balances?as_of={AsOf}&limit=3", UriKind.Relative), cancel);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.Contains("Traza-Notice").ShouldBeFalse();
        (await client.GetAsync(new Uri($"/api/lots/{api.Lot()}?as_of={AsOf}", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Every lot of ACME looked up once: the server keeps their pools' totals and custody summaries (StoredRunCache)
        // under the stored run, which the exit below replaces.
        foreach (var acme in api.Cli.ReportCsv("balances", "--as-of", AsOf, "--client", "ACME").Skip(1).Select(l => l.Split(',')[0]).Distinct())
        {
            (await client.GetAsync(new Uri($"/api/lots/{acme}?as_of={AsOf}", UriKind.Relative), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // An import through the same server: the next lookup finds the new lot.
        await Import(client, "entries",
            "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,exchange_rate,origin,preference,invoice,rectifies,client,site",
            $"{fresh},1,IN,2025-12-30,KIT-M00005,7,7,221.49,4544.47,20.5175,DEU,,INV-9999-1,,KITE,", cancel);
        var lot = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/lots/{fresh}?as_of={AsOf}", UriKind.Relative), cancel)).RootElement;
        lot.GetProperty("lots").GetArrayLength().ShouldBe(1);
        lot.GetProperty("lots")[0].GetProperty("qty_entered").GetDecimal().ShouldBe(7m);

        // An exit through the same server: the next read discharges first (SPEC §6, never stale) and says so; the lot it
        // consumed, looked up next, is what the CLI reports on the same database.
        await Import(client, "exits",
            "pedimento,partida,clave,date,part,qty,qty_umt,value_usd,destination,counterparty,case,bom_date,source_pedimento,source_partida,rectifies,client",
            $"{exit},1,RT,2025-12-30,ACM-FG0001,2,2,171.0,USA,Customer of ACME,,,,,,ACME", cancel);
        var custody = await client.GetAsync(new Uri($"/api/reports/custody?as_of={AsOf}&exit={exit}&format=json", UriKind.Relative), cancel);
        custody.StatusCode.ShouldBe(HttpStatusCode.OK);
        custody.Headers.GetValues("Traza-Notice").Single().ShouldStartWith("discharged first");
        var taken = JsonDocument.Parse(await custody.Content.ReadAsStringAsync(cancel)).RootElement;
        taken.GetArrayLength().ShouldBeGreaterThan(0);
        foreach (var pedimento in taken.EnumerateArray().Select(r => r.GetProperty("entry_pedimento").GetString()!).Distinct())
        {
            var after = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/lots/{pedimento}?as_of={AsOf}", UriKind.Relative), cancel)).RootElement;
            var report = api.Cli.Run("report", "balances", "--as-of", AsOf, "--format", "json");
            report.Exit.ShouldBe(0, report.Stderr);
            report.Stderr.ShouldBeEmpty(); // the server's discharge is stored: the CLI needs none
            after.GetProperty("lots").EnumerateArray().Select(r => r.GetRawText()).ShouldBe(
                JsonDocument.Parse(report.Stdout).RootElement.EnumerateArray()
                    .Where(r => r.GetProperty("pedimento").GetString() == pedimento).Select(r => r.GetRawText()));
            var rows = api.Cli.ReportCsv("custody", "--as-of", AsOf, "--pedimento", pedimento);
            after.GetProperty("custody_summary").EnumerateArray().Sum(r => r.GetProperty("allocations").GetInt64()).ShouldBe(rows.Length - 1);
            rows.Count(r => r.Contains(exit, StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void A_store_given_back_with_a_snapshot_still_open_is_closed_and_never_lent_again()
    {
        using var cli = new CliHarness();
        cli.Run("demo").Exit.ShouldBe(0);
        var settings = new ApiSettings
        {
            Target = cli.Db,
            Stores = new StoreProviders([new PostgresStoreProvider(), new SqliteStoreProvider()]),
            Clock = cli.Clock,
        };
        using var pool = new StorePool(settings);
        var (store, opened) = pool.Rent();
        store.AtRest.ShouldBeTrue();
        pool.Return(store, opened);
        var (kept, keptOpened) = pool.Rent();
        kept.ShouldBeSameAs(store, "a store at rest is kept");

        // A request that ended inside a read snapshot (a scope never disposed): its store would pin that snapshot for the
        // next request — reads older than the ledger, and on SQLite writes that wait out the busy timeout.
        _ = kept.BeginReadSnapshot();
        kept.AtRest.ShouldBeFalse();
        pool.Return(kept, keptOpened);
        var (next, nextOpened) = pool.Rent();
        next.ShouldNotBeSameAs(store);
        next.AtRest.ShouldBeTrue();
        next.Batches().Count.ShouldBeGreaterThan(0);
        pool.Return(next, nextOpened);
    }

    private static async Task Import(HttpClient client, string layout, string header, string row, CancellationToken cancel)
    {
        using var content = new StringContent(header + "\n" + row + "\n", Encoding.UTF8, "text/csv");
        var response = await client.PostAsync(new Uri($"/api/imports/{layout}?file={layout}-late.csv", UriKind.Relative), content, cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancel));
    }
}
