using Microsoft.Playwright;

namespace Traza.Dashboard.Tests;

/// <summary>What a user does on the dashboard, shared by the SQLite tests and the PostgreSQL flow.</summary>
internal static class Flows
{
    public const string AsOf = "2025-12-31";

    /// <summary>The status table as shown, a line a client: <c>CLIENT open expiring expired closed</c> (lot counts).</summary>
    public static async Task<string[]> StatusRows(IPage page)
    {
        var rows = new List<string>();
        foreach (var row in await page.Locator("section[data-report=dashboard-status] tbody tr").AllAsync())
        {
            rows.Add(string.Join(' ', (await row.Locator("td").AllInnerTextsAsync()).Take(5)));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>Open, expiring, expired and closed lots per client, counted from the CLI's balances on the same database.</summary>
    public static string[] ExpectedStatus(DashboardServer server, string? client = null)
    {
        var lines = client is null ? server.Csv("balances", "--as-of", AsOf) : server.Csv("balances", "--as-of", AsOf, "--client", client);
        var header = lines[0].Split(',');
        int clientAt = Array.IndexOf(header, "client"), statusAt = Array.IndexOf(header, "status");
        return lines.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[clientAt], StringComparer.Ordinal)
            .Select(g => string.Join(' ', new[] { "open", "expiring", "expired", "closed" }
                .Select(s => g.Count(f => f[statusAt] == s).ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend(g.Key)))
            .Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// An entry lot that an exit consumed, of <paramref name="client"/>: (entry pedimento, partida, exit document), from the
    /// CLI's custody report.
    /// </summary>
    public static (string Entry, string Partida, string Exit) ConsumedLot(DashboardServer server, string client)
    {
        var lines = server.Csv("custody", "--as-of", AsOf, "--client", client);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        return (row[Array.IndexOf(header, "entry_pedimento")], row[Array.IndexOf(header, "entry_partida")], row[Array.IndexOf(header, "exit_document")]);
    }

    /// <summary>
    /// Pedimentos search → pedimento → its partida's custody link → the lot's custody shows the exit → the exit's pedimento →
    /// its movement's custody link → the exit's custody shows the entry lot again.
    /// </summary>
    public static async Task DrillDown(IPage page, DashboardServer server, string client)
    {
        var (entry, partida, exit) = ConsumedLot(server, client);
        await page.GotoAsync($"/dashboard/pedimentos?as_of={AsOf}");
        await page.FillAsync("input[name=pedimento]", entry);
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync($"**/dashboard/pedimentos/{entry}?**");
        (await page.Locator("section[data-report=entries] tbody tr").CountAsync()).ShouldBeGreaterThan(0);

        var partidaRow = page.Locator("section[data-report=entries] tbody tr").Filter(new() { Has = page.Locator($"td:nth-child(2):text-is('{partida}')") });
        await partidaRow.Locator("a[data-link=custody]").ClickAsync();
        await page.WaitForURLAsync($"**/dashboard/lots/{entry}?**partida={partida}**");
        var custody = page.Locator("section[data-report=custody] tbody");
        (await custody.InnerTextAsync()).ShouldContain(exit);

        await custody.Locator($"a:text-is('{exit}')").First.ClickAsync();
        await page.WaitForURLAsync($"**/dashboard/pedimentos/{exit}?**");
        await page.Locator("section[data-report=exits] a[data-link=custody]").First.ClickAsync();
        await page.WaitForURLAsync($"**/dashboard/exits/{exit}?**");
        (await page.Locator("section[data-report=custody] tbody").InnerTextAsync()).ShouldContain(entry);
    }
}
