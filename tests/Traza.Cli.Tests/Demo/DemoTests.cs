using System.Globalization;
using Traza.Cli.Tests.WorkedExamples;

namespace Traza.Cli.Tests.Demo;

public class DemoTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Demo_on_a_fresh_folder_builds_a_shelter_with_expiring_expired_and_short_lots()
    {
        using var cli = new TrazaRunner(Now);

        var (code, output, err) = cli.Run("demo");

        code.ShouldBe(0, err);
        output.ShouldContain("ACME");
        output.ShouldContain("NORD");
        output.ShouldContain("KITE");
        output.ShouldMatch(@"discharged \d+ consumptions into \d+ allocations in ");
        var balances = cli.Csv("report", "balances");
        balances.Select(r => r["client"]).Distinct().Order().ShouldBe(["ACME", "KITE", "NORD"]);
        balances.ShouldContain(r => r["status"] == "expiring");
        balances.ShouldContain(r => r["status"] == "expired");
        balances.ShouldContain(r => r["status"] == "open");
        balances.ShouldContain(r => r["status"] == "closed");
        cli.Csv("report", "shortages").ShouldNotBeEmpty();
        // Issue 14: the demo loads its own dated tables, so every lot at risk is valued — KITE's at the loaded DOF rate.
        var exposure = cli.Csv("report", "exposure");
        exposure.Count.ShouldBe(3 * balances.Count(r => r["status"] is "expiring" or "expired"));
        exposure.Select(r => r["scenario"]).Take(3).ShouldBe(["regularize", "authority", "missing"]);
        exposure.ShouldAllBe(r => r["customs_value_mxn"] != "" && r["igi"] != "" && r["recargos"] != "" && r["missing"] == "");
        exposure.Where(r => r["client"] == "KITE").ShouldAllBe(r => r["value_source"] == "dof_rate");
        exposure.ShouldContain(r => r["preference"] != "" && r["igi"] == "0");
        exposure.ShouldContain(r => r["igi"] != "0");
        output.ShouldContain("What the lots at risk would cost in MXN");
        // Issue 14 items 3 and 5: five options per expiring lot; the month before D's exports to the USA with their inputs' IGI.
        cli.Csv("report", "options").Count.ShouldBe(5 * cli.Csv("report", "expiring").Count);
        var usmca = cli.Csv("report", "usmca", "--period", "2026-10");
        usmca.ShouldNotBeEmpty();
        usmca.ShouldAllBe(r => r["destination"] == "USA");
        usmca.ShouldContain(r => r["originating"] == "no" && r["igi"] != "" && r["igi"] != "0");
        usmca.ShouldContain(r => r["originating"] == "yes");
        output.ShouldContain("T-MEC art. 2.5 (2026-10)");
        File.Exists(Path.Combine(TestStore.DemoFiles(cli.Db, cli.Dir), "entries.csv")).ShouldBeTrue();
    }

    /// <summary>
    /// Issue 16 item 7: the demo tells the story of a healthy program with a few things to act on, read from the reports
    /// themselves — a handful of shortages, each printed with its cause; lots in the alert bands and one past its
    /// deadline, with exposure; and a few differences from SAT's Data Stage of several kinds, each with advice.
    /// </summary>
    [Fact]
    public void Demo_tells_a_story_a_handful_of_shortages_lots_at_their_deadline_and_a_few_reconciliation_findings()
    {
        using var cli = new TrazaRunner(Now);

        var (code, output, err) = cli.Run("demo");

        code.ShouldBe(0, err);
        var shortages = cli.Csv("report", "shortages");
        shortages.Count.ShouldBeInRange(2, 6);
        foreach (var s in shortages)
        {
            output.ShouldContain($"{s["client"],-6}  {s["exit_document"],-15}  {s["exit_date"]}");
        }

        output.ShouldContain("dated before the first lot of");
        output.ShouldContain("more than the lots of");
        var balances = cli.Csv("report", "balances");
        balances.ShouldContain(r => r["alert_band"] == "30" || r["alert_band"] == "60" || r["alert_band"] == "90");
        balances.Count(r => r["alert_band"] == "expired").ShouldBeInRange(1, 2);
        balances.Count(r => r["alert_band"] != "" && r["alert_band"] != "expired").ShouldBeInRange(2, 8);
        var exposure = cli.Csv("report", "exposure");
        exposure.Where(r => r["scenario"] == "regularize")
            .Sum(r => Amount(r["igi"]) + Amount(r["iva"]) + Amount(r["recargos"]))
            .ShouldBeGreaterThan(0m);
        var findings = cli.Csv("report", "reconcile");
        findings.Count.ShouldBeInRange(3, 10);
        findings.Select(r => r["finding"]).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        findings.ShouldAllBe(r => r["advice"].Length > 20 && r["source"] == "datastage");
        findings.ShouldContain(r => r["finding"] == "qty_umt_differs" && r["advice"].Contains("umt_per_umc = 1"));
        foreach (var kind in findings.Select(r => r["finding"]).Distinct())
        {
            output.ShouldContain($"  {kind}");
        }

        output.ShouldContain("traza report reconcile");

        // Waste destroyed with its rule 4.3.5 notice on file; one shelter client near the end of its period, the others active.
        var disposals = cli.Csv("report", "waste-disposals");
        disposals.ShouldContain(r => r["disposal"] == "destruction");
        disposals.Where(r => r["disposal"] == "destruction").ShouldAllBe(r => r["notice"] == "given" && r["notice_date"].CompareTo(r["date"]) < 0);
        var clients = cli.Csv("report", "clients");
        clients.Count(r => r["status"] == "ending").ShouldBe(1);
        clients.Count(r => r["status"] == "active").ShouldBe(2);
        var ending = clients.Single(r => r["status"] == "ending");
        output.ShouldContain($"{ending["client"]}'s shelter period ends on {ending["shelter_end"]}, in {ending["days_left"]} days");

        // KITE kitted its last shipments on a work order: two kits left in stock, their components reserved, nothing short.
        var order = cli.Csv("report", "work-orders").ShouldHaveSingleItem();
        (order["client"], order["reference"], order["kits_in_stock"], order["qty_short"]).ShouldBe(("KITE", "WO-KITE-0001", "2", "0"));
        decimal.Parse(order["kits_made"], CultureInfo.InvariantCulture).ShouldBeGreaterThan(2m);
        Amount(order["qty_in_kits"]).ShouldBeGreaterThan(0m);
        output.ShouldContain("traza report work-orders");
    }

    private static decimal Amount(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;

    [Fact]
    public void Demo_run_twice_replaces_its_own_database()
    {
        using var cli = new TrazaRunner(Now);
        cli.Ok("demo");
        var first = cli.Csv("report", "balances");

        cli.Ok("demo");

        cli.Csv("report", "balances").Count.ShouldBe(first.Count);
    }

    [Fact]
    public void Demo_refuses_to_replace_a_database_it_did_not_create()
    {
        using var cli = new TrazaRunner(Now);
        cli.Ok("init", "--rfc", "ABC010101AB1", "--name", "Real program", "--immex", "123", "--modality", "industrial");
        TestStore.RequireSqlite();
        var before = File.ReadAllBytes(cli.Db);

        var (code, _, err) = cli.Run("demo");

        code.ShouldBe(4);
        err.ShouldContain("not created by traza demo");
        File.ReadAllBytes(cli.Db).ShouldBe(before);
    }
}
