namespace Traza.Dashboard.Tests;

/// <summary>The representative flow on PostgreSQL: sign in, the status against the CLI's figures, the drill-down to custody.</summary>
[Collection("browser")]
public sealed class PostgresDashboardTests(PostgresDashboard server) : IClassFixture<PostgresDashboard>
{
    [Fact]
    public async Task On_postgresql_a_client_key_sees_its_status_and_drills_down_to_custody()
    {
        server.Ready();
        await using var context = await server.Context();
        var page = await context.NewPageAsync();
        await DashboardServer.SignIn(page, server.Key("auditor", "NORD"));
        (await Flows.StatusRows(page)).ShouldBe(Flows.ExpectedStatus(server, "NORD"));
        await Flows.DrillDown(page, server, "NORD");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("ACM-");
    }
}
