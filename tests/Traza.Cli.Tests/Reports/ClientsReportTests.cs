namespace Traza.Cli.Tests.Reports;

/// <summary>
/// Shelter clients and <c>report clients</c> (issue 15 item 6; docs/cli.md "report clients"): name, foreign parent, start date,
/// the shelter-period end (the shipped rule: 48 months, LISR art. 183, unverified; or <c>--shelter-months</c>), days left,
/// status, and each client's open/expiring/expired lots and shortages. A shelter "Acme Albergue"; as of 2025-06-30. By hand:
/// <code>
/// Clients (clients add --since; DELTA only named by an imported row, no start):
///   ALFA "Alfa Mexico" parent "Alfa Corp" since 2021-07-15 → end 2025-07-15, 15 days left  → ending (≤ 90)
///   BETA "Beta MX"     parent "Beta GmbH" since 2021-03-31 → end 2025-03-31, −91 days     → over
///   GAMA (no name, no parent)             since 2024-01-10 → end 2028-01-10, 924 days left → active
///     (2025-06-30 → 2027-06-30 is 730 days; July–December 2027 184; + 10)
///   DELTA: no start date → no end, days left or status
/// Lots (IN materials: 18 months) and exits (RT, PEPS):
///   ALFA P(23)7000001/1 2023-12-01 RES-A   8, deadline 2025-06-01; RT 2025-05-01 RES-A 5 takes 5 of it → 3 left, expired
///   ALFA P(24)7000001/1 2024-01-10 RES-A  10, deadline 2025-07-10 (10 days)                                  → expiring
///   ALFA P(25)7000002/1 2025-01-15 RES-A 100, deadline 2026-07-15                                            → open
///   ALFA RT 2025-06-01 RES-Z 4: no lot → 1 shortage
///   BETA P(25)7000003/1 2025-03-01 RES-B 20; RT 2025-04-01 RES-B 20 → closed (not counted)
///   GAMA RT 2025-06-10 GZ-1 2 and GZ-2 3 (one document, two parts) → 2 shortages
///   DELTA P(25)7000004/1 2025-06-01 RES-D 1 → open
/// balance_value_usd (the balances' balance_value_usd summed): ALFA 3 × 10 + 100 + 1000 = 1130, BETA 0, GAMA 0 (no lot), DELTA 10.
/// --shelter-months 60: ALFA's end 2026-07-15, 380 days left, active.
/// </code>
/// </summary>
public sealed class ClientsReportTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero));

    public ClientsReportTests()
    {
        cli.Run("init", "--rfc", "ALB180315XY9", "--name", "Acme Albergue", "--immex", "2018-0457", "--modality", "shelter", "--valid-to", "2030-12-31")
            .Exit.ShouldBe(0);
        cli.Run("clients", "add", "ALFA", "--name", "Alfa Mexico", "--parent", "Alfa Corp", "--since", "2021-07-15").Exit.ShouldBe(0);
        cli.Run("clients", "add", "BETA", "--name", "Beta MX", "--parent", "Beta GmbH", "--since", "2021-03-31").Exit.ShouldBe(0);
        cli.Run("clients", "add", "GAMA", "--since", "2024-01-10").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc,client",
            "RES-A,Resin A,material,1,ALFA", "RES-Z,Resin Z,material,1,ALFA", "RES-B,Resin B,material,1,BETA",
            "GZ-1,Screw,material,6,GAMA", "GZ-2,Nut,material,6,GAMA", "RES-D,Resin D,material,1,DELTA").Exit.ShouldBe(0);
        var e = cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd,client",
            $"{P(23, "7000001")},1,IN,2023-12-01,RES-A,8,80,ALFA", $"{P(24, "7000001")},1,IN,2024-01-10,RES-A,10,100,ALFA",
            $"{P(25, "7000002")},1,IN,2025-01-15,RES-A,100,1000,ALFA", $"{P(25, "7000003")},1,IN,2025-03-01,RES-B,20,200,BETA",
            $"{P(25, "7000004")},1,IN,2025-06-01,RES-D,1,10,DELTA");
        e.Exit.ShouldBe(0, e.Stderr);
        var x = cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty,client",
            $"{P(25, "7100001")},1,RT,2025-05-01,RES-A,5,ALFA", $"{P(25, "7100002")},1,RT,2025-06-01,RES-Z,4,ALFA",
            $"{P(25, "7100003")},1,RT,2025-04-01,RES-B,20,BETA",
            $"{P(25, "7100004")},1,RT,2025-06-10,GZ-1,2,GAMA", $"{P(25, "7100004")},2,RT,2025-06-10,GZ-2,3,GAMA");
        x.Exit.ShouldBe(0, x.Stderr);
    }

    public void Dispose() => cli.Dispose();

    private static string P(int yy, string n7) => $"{yy}073420" + n7;

    private List<Dictionary<string, string>> Report(string name, params string[] extra)
    {
        var r = cli.Run(["report", name, "--format", "csv", "--as-of", "2025-06-30", .. extra]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    private static (string, string, string, string, string, string, string, string, string, string, string) Row(Dictionary<string, string> r) =>
        (r["client"], r["client_name"], r["parent"], r["start_date"], r["shelter_end"], r["days_left"], r["status"],
            r["open_lots"], r["expiring_lots"], r["expired_lots"], r["shortages"]);

    [Fact]
    public void Clients_lists_each_clients_shelter_period_and_its_lots_and_shortages()
    {
        var rows = Report("clients");
        rows.Select(Row).ShouldBe(
        [
            ("ALFA", "Alfa Mexico", "Alfa Corp", "2021-07-15", "2025-07-15", "15", "ending", "1", "1", "1", "1"),
            ("BETA", "Beta MX", "Beta GmbH", "2021-03-31", "2025-03-31", "-91", "over", "0", "0", "0", "0"),
            ("DELTA", "", "", "", "", "", "", "1", "0", "0", "0"),
            ("GAMA", "", "", "2024-01-10", "2028-01-10", "924", "active", "0", "0", "0", "2"),
        ]);
        rows.Select(r => (r["period_months"], r["period_source"], r["balance_value_usd"])).ShouldBe(
        [
            ("48", "LISR art. 183 (4 years, unverified)", "1130"), ("48", "LISR art. 183 (4 years, unverified)", "0"), ("", "", "10"),
            ("48", "LISR art. 183 (4 years, unverified)", "0"),
        ]);
    }

    [Fact]
    public void The_counts_are_those_of_the_balances_and_shortages_reports()
    {
        var balances = Report("balances");
        var shortages = Report("shortages");
        foreach (var r in Report("clients"))
        {
            foreach (var state in (string[])["open", "expiring", "expired"])
            {
                r[state + "_lots"].ShouldBe(balances.Count(b => b["client"] == r["client"] && b["status"] == state).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            decimal.Parse(r["balance_value_usd"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(balances.Where(b => b["client"] == r["client"])
                .Sum(b => b["balance_value_usd"].Length == 0 ? 0m : decimal.Parse(b["balance_value_usd"], System.Globalization.CultureInfo.InvariantCulture)));
            r["shortages"].ShouldBe(shortages.Count(s => s["client"] == r["client"]).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Shelter_months_replaces_the_shipped_rule_and_client_keeps_one_row()
    {
        var rows = Report("clients", "--shelter-months", "60", "--client", "ALFA");
        rows.Select(r => (r["client"], r["shelter_end"], r["days_left"], r["status"], r["period_months"], r["period_source"]))
            .ShouldBe([("ALFA", "2026-07-15", "380", "active", "60", "--shelter-months")]);

        var bad = cli.Run("report", "clients", "--shelter-months", "0");
        bad.Exit.ShouldBe(2, bad.Stderr);
        bad.Stderr.ShouldContain("--shelter-months");
    }
}
