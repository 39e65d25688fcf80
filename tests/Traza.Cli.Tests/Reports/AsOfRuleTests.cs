using Traza.App.Discharge;
using Traza.App.Reports;
using Traza.Storage;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// SPEC §6 (issue 11, item 1): a report reflects every movement dated on or before --as-of when it runs — when the stored
/// discharge does not cover that it discharges first and says so on stderr; it is never silently stale. Each report's
/// output is held against a fresh database that imported the same files and ran `traza discharge --as-of D` itself.
/// </summary>
public sealed class AsOfRuleTests
{
    private const string Later = "2025-10-31";

    private const string EntryHeader = "pedimento,partida,clave,date,part,qty,value_usd,client";

    /// <summary>
    /// Every report of the catalog, so a report added later is held to the rule without a new test — but the chain's own
    /// listings (batches, periods), which --as-of does not filter.
    /// </summary>
    public static TheoryData<string> Reports() => [.. ReportCatalog.Default.All.Where(r => !r.IgnoresAsOf).Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Reports))]
    public void Report_after_more_exits_equals_a_fresh_discharge_and_says_it_discharged_first(string name)
    {
        var reads = ReportCatalog.Default.Find(name)!.ReadsDischarge;
        var workOrders = name == "work-orders"; // a work order of June whose kits leave in August (docs/cli.md "Work orders")
        using var fresh = new CliHarness();
        Seed(fresh, workOrders);
        MoreExits(fresh, withCount: true);
        fresh.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);
        var expected = fresh.Run(["report", name, .. ReportArgs.Required(name), "--as-of", Later, "--format", "csv"]);
        expected.Stderr.ShouldBeEmpty();

        // The dataset exercises the report: its rows as of the earlier date differ.
        fresh.Run(["report", name, .. ReportArgs.Required(name), "--as-of", "2025-06-30", "--format", "csv"]).Stdout.ShouldNotBe(expected.Stdout, $"{name}: extend Seed");

        using var stale = new CliHarness();
        Seed(stale, workOrders);
        stale.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        MoreExits(stale, withCount: true);

        var first = stale.Run(["report", name, .. ReportArgs.Required(name), "--as-of", Later, "--format", "csv"]);
        first.Exit.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldBe(expected.Stdout);
        if (reads)
        {
            first.Stderr.ShouldStartWith(
                "discharged first: the stored discharge (as of 2025-06-30, batch 6) did not cover as-of 2025-10-31: " +
                "batch 7 (exits) was imported after it; discharged as of 2025-10-31 " +
                (workOrders ? "(in full): " : "(resumed from 2025-07-01): ")); // a ledger with work orders discharges in full
            StoredRun(stale).AsOf.ShouldBe(new DateOnly(2025, 10, 31));
        }
        else
        {
            first.Stderr.ShouldBeEmpty(); // reads the ledger alone: nothing to discharge, nothing stored
            StoredRun(stale).AsOf.ShouldBe(new DateOnly(2025, 6, 30));
        }

        // Stored now: the same report again reads it as it is.
        var again = stale.Run(["report", name, .. ReportArgs.Required(name), "--as-of", Later, "--format", "csv"]);
        (again.Stdout, again.Stderr).ShouldBe((expected.Stdout, string.Empty));
    }

    [Theory]
    [InlineData("custody", "--exit", "253430012000002")]
    [InlineData("custody", "--pedimento", "24 34 3001 1000001")]
    [InlineData("expiring", "--within", "30")]
    [InlineData("options", "--within", "30")]
    [InlineData("usmca", "--period", "2025-10")]
    public void Report_with_its_own_options_after_more_exits_equals_a_fresh_discharge(string name, string option, string value)
    {
        using var fresh = new CliHarness();
        Seed(fresh);
        MoreExits(fresh);
        fresh.Run("discharge", "--as-of", "2025-11-30").Exit.ShouldBe(0);
        var expected = fresh.Run(["report", name, .. ReportArgs.Required(name), option, value, "--as-of", "2025-11-30", "--format", "csv"]);
        expected.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeGreaterThan(1);

        using var stale = new CliHarness();
        Seed(stale);
        stale.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        MoreExits(stale);
        var r = stale.Run(["report", name, .. ReportArgs.Required(name), option, value, "--as-of", "2025-11-30", "--format", "csv"]);
        r.Stdout.ShouldBe(expected.Stdout);
        r.Stderr.ShouldStartWith("discharged first: the stored discharge (as of 2025-06-30, batch 6) did not cover as-of 2025-11-30: ");
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Report_before_any_discharge_discharges_first_unless_it_reads_the_ledger_alone(string name)
    {
        using var cli = new CliHarness();
        Seed(cli);
        MoreExits(cli);
        var r = cli.Run(["report", name, .. ReportArgs.Required(name), "--as-of", Later, "--format", "csv"]);
        r.Exit.ShouldBe(0, r.Stderr);

        using var fresh = new CliHarness();
        Seed(fresh);
        MoreExits(fresh);
        fresh.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);
        r.Stdout.ShouldBe(fresh.Run(["report", name, .. ReportArgs.Required(name), "--as-of", Later, "--format", "csv"]).Stdout);
        if (ReportCatalog.Default.Find(name)!.ReadsDischarge)
        {
            r.Stderr.ShouldStartWith(
                "discharged first: no stored discharge covered as-of 2025-10-31 (none yet); discharged as of 2025-10-31 (in full): ");
        }
        else
        {
            r.Stderr.ShouldBeEmpty();
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Report_on_an_empty_ledger_gives_the_header_only_and_discharges_nothing(string name)
    {
        using var cli = new CliHarness();
        cli.Run("init", "--rfc", "AAA010101AAA", "--name", "Empty", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        var r = cli.Run(["report", name, .. ReportArgs.Required(name), "--format", "csv"]);
        (r.Exit, r.Stderr).ShouldBe((0, string.Empty));
        r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
        using var store = TestStore.Open(cli.Db, cli.Clock);
        store.Derived.LatestRun().ShouldBeNull();
    }

    [Fact]
    public void Stored_run_as_of_a_later_date_covers_an_earlier_as_of_without_discharging()
    {
        using var cli = new CliHarness();
        Seed(cli);
        MoreExits(cli);
        cli.Run("discharge", "--as-of", "2025-12-31").Exit.ShouldBe(0);
        var batch = StoredRun(cli).LastBatch;

        using var fresh = new CliHarness();
        Seed(fresh);
        MoreExits(fresh);
        fresh.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);
        foreach (var report in ReportCatalog.Default.All)
        {
            var r = cli.Run(["report", report.Name, .. ReportArgs.Required(report.Name), "--as-of", Later, "--format", "csv"]);
            (r.Exit, r.Stderr).ShouldBe((0, string.Empty), report.Name);
            r.Stdout.ShouldBe(fresh.Run(["report", report.Name, .. ReportArgs.Required(report.Name), "--as-of", Later, "--format", "csv"]).Stdout, report.Name);
        }

        (StoredRun(cli).AsOf, StoredRun(cli).LastBatch).ShouldBe((new DateOnly(2025, 12, 31), batch)); // not moved back
    }

    [Fact]
    public void Stored_run_before_the_as_of_covers_it_when_no_exit_or_event_is_dated_in_between()
    {
        using var cli = new CliHarness();
        Seed(cli);
        MoreExits(cli);
        // A lot entered after the stored as-of: entries alone never discharge, so the stored run still covers 2025-12-31.
        cli.Import("entries", "late.csv", EntryHeader, "253430011000009,1,IN,2025-11-15,MAT-1,7,7,").Exit.ShouldBe(0);
        cli.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);

        using var fresh = new CliHarness();
        Seed(fresh);
        MoreExits(fresh);
        fresh.Import("entries", "late.csv", EntryHeader, "253430011000009,1,IN,2025-11-15,MAT-1,7,7,").Exit.ShouldBe(0);
        fresh.Run("discharge", "--as-of", "2025-12-31").Exit.ShouldBe(0);
        foreach (var report in ReportCatalog.Default.All)
        {
            var r = cli.Run(["report", report.Name, .. ReportArgs.Required(report.Name), "--as-of", "2025-12-31", "--format", "csv"]);
            (r.Exit, r.Stderr).ShouldBe((0, string.Empty), report.Name);
            r.Stdout.ShouldBe(fresh.Run(["report", report.Name, .. ReportArgs.Required(report.Name), "--as-of", "2025-12-31", "--format", "csv"]).Stdout, report.Name);
        }

        StoredRun(cli).AsOf.ShouldBe(new DateOnly(2025, 10, 31));
    }

    [Fact]
    public void Stored_run_before_the_as_of_with_exits_in_between_is_discharged_to_the_as_of()
    {
        using var cli = new CliHarness();
        Seed(cli);
        MoreExits(cli);
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0); // the later exits are stored but not discharged
        var r = cli.Run("report", "balances", "--as-of", Later, "--format", "csv");

        using var fresh = new CliHarness();
        Seed(fresh);
        MoreExits(fresh);
        fresh.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);
        r.Stdout.ShouldBe(fresh.Run("report", "balances", "--as-of", Later, "--format", "csv").Stdout);
        r.Stderr.ShouldStartWith("discharged first: the stored discharge (as of 2025-06-30, batch 7) did not cover as-of 2025-10-31: " +
            "exits or events are dated after 2025-06-30; discharged as of 2025-10-31 (resumed from 2025-07-01): ");
        StoredRun(cli).AsOf.ShouldBe(new DateOnly(2025, 10, 31));
    }

    [Fact]
    public void New_batch_under_a_later_stored_run_discharges_at_the_stored_date_not_the_earlier_as_of()
    {
        using var cli = new CliHarness();
        Seed(cli);
        cli.Run("discharge", "--as-of", "2025-12-31").Exit.ShouldBe(0);
        MoreExits(cli);
        var r = cli.Run("report", "shortages", "--as-of", Later, "--format", "csv");

        using var fresh = new CliHarness();
        Seed(fresh);
        MoreExits(fresh);
        fresh.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);
        r.Stdout.ShouldContain("253430012000002"); // the new exit's shortage
        r.Stdout.ShouldBe(fresh.Run("report", "shortages", "--as-of", Later, "--format", "csv").Stdout);
        r.Stderr.ShouldStartWith("discharged first: the stored discharge (as of 2025-12-31, batch 6) did not cover as-of 2025-10-31: " +
            "batch 7 (exits) was imported after it; discharged as of 2025-12-31 (resumed from ");
        (StoredRun(cli).AsOf, StoredRun(cli).LastBatch).ShouldBe((new DateOnly(2025, 12, 31), 7L));
    }

    [Fact]
    public void Batches_that_do_not_feed_the_discharge_leave_the_stored_run_covering()
    {
        using var cli = new CliHarness();
        Seed(cli);
        cli.Run("discharge", "--as-of", Later).Exit.ShouldBe(0);
        cli.Import("counts", "counts.csv", "date,part,qty", "2025-07-01,MAT-1,3").Exit.ShouldBe(0);
        cli.Import("tariffs", "tariffs.csv", "fraccion,nico,mfn_pct,valid_from", "72085101,00,5,2025-01-01").Exit.ShouldBe(0);
        var r = cli.Run("report", "balances", "--as-of", Later, "--format", "csv");
        (r.Exit, r.Stderr).ShouldBe((0, string.Empty));
        StoredRun(cli).LastBatch.ShouldBe(6L);
    }

    [Theory]
    [InlineData("parts", true)]
    [InlineData("bom", true)]
    [InlineData("entries", true)]
    [InlineData("exits", true)]
    [InlineData("events", true)]
    [InlineData("reversals", true)]
    [InlineData("a-layout-added-later", true)]
    [InlineData("program", false)]
    [InlineData("clients", false)]
    [InlineData("counts", false)]
    [InlineData("tariffs", false)]
    [InlineData("terms", false)]
    [InlineData("datastage", false)]
    [InlineData("m3", false)]
    public void Layout_feeds_the_discharge(string layout, bool feeds) => DischargeCoverage.FeedsDischarge(layout).ShouldBe(feeds);

    [Fact]
    public void Pedimentos_count_only_the_ledger_lines_dated_on_or_before_the_as_of()
    {
        using var cli = new CliHarness();
        cli.StandardParts();
        cli.Import("entries", "e.csv", EntryHeader,
            "253430011000005,1,IN,2025-03-01,MAT-1,10,10,",
            "253430011000005,2,IN,2025-05-01,MAT-2,10,20,").Exit.ShouldBe(0);
        cli.ReportCsv("pedimentos", "--as-of", "2025-02-28").ShouldBe(["pedimento,clave,operation,date,partidas,value_usd,sources"]);
        cli.ReportCsv("pedimentos", "--as-of", "2025-04-01")[1].ShouldBe("253430011000005,IN,import,2025-03-01,1,10,ledger");
        cli.ReportCsv("pedimentos", "--as-of", "2025-05-01")[1].ShouldBe("253430011000005,IN,import,2025-03-01,2,30,ledger");
    }

    /// <summary>
    /// Batches 1-6: init, parts, bom, entries, exits until June, events. FG-1 takes 2 MAT-1 (+10 % desperdicio) and 1 MAT-2.
    /// The MAT-1 lot of 2024-06-15 falls due 2025-12-15 (18 months): `expiring` at 2025-10-31 (200 − 22 − 88 = 90 left),
    /// not at 2025-06-30. The MAT-2 lot of 2025-09-15 comes after the August exit, which cannot use it.
    /// </summary>
    private static void Seed(CliHarness cli, bool workOrders = false)
    {
        cli.Run("init", "--rfc", "AAA010101AAA", "--name", "As-of", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct",
            "FG-1,MAT-1,2,0,10",
            "FG-1,MAT-2,1,0,0").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", EntryHeader,
            "243430011000001,1,IN,2024-06-15,MAT-1,200,400,",
            "253430011000002,1,IN,2025-02-01,MAT-1,50,100,",
            "253430011000003,1,IN,2025-01-10,MAT-2,30,60,",
            "253430011000004,1,IN,2025-03-01,MAT-9,20,40,acme",
            "253430011000006,1,IN,2025-09-15,MAT-2,5,10,",
            "253430011000008,1,AF,2025-03-05,MAT-9,1,40,acme").Exit.ShouldBe(0); // a fixed asset, for `assets`
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty,client",
            "253430012000001,1,RT,2025-03-10,FG-1,10,",
            "253430012000003,1,RT,2025-04-10,MAT-9,4,acme").Exit.ShouldBe(0);
        cli.Import("events", "events.csv",
        [
            "date,type,part,qty,reference,third_party",
            "2025-05-01,destruction,MAT-2,1,ACTA-1,",
            "2025-05-10,submanufacture_out,MAT-2,2,SM-1,TALLER", // for `submanufacture`: out, then due_soon
            .. workOrders ? ["2025-06-01,work_order,FG-1,5,WO-1,"] : Array.Empty<string>(), // `work-orders`: kits leave in August
        ]).Exit.ShouldBe(0);
    }

    /// <summary>
    /// Batch 7: exits after June — FG-1 × 40 needs 88 MAT-1 and 40 MAT-2 (30 − 10 − 1 = 19 left: 21 short); acme ships 5 MAT-9;
    /// 5 MAT-1 leave naming the MAT-2 lot of September, which cannot cover them (a <c>directed_source_short</c> for
    /// <c>reconcile</c>; FIFO takes them from the 2024 lot).
    /// </summary>
    /// <summary>Batch 7: exits from August on, one to the USA in October (and, when <paramref name="withCount"/>, batch 8: a count after them, for `counts`).</summary>
    private static void MoreExits(CliHarness cli, bool withCount = false)
    {
        cli.Import("exits", "more-exits.csv", "pedimento,partida,clave,date,part,qty,client,source_pedimento,source_partida,destination,case",
            "253430012000002,1,RT,2025-08-01,FG-1,40,,,,,",
            "253430012000004,1,RT,2025-09-01,MAT-9,5,acme,,,,",
            "253430012000005,1,RT,2025-09-15,MAT-1,5,,253430011000006,1,,",
            "253430012000006,1,V5,2025-09-20,MAT-1,1,,,,,", // a transfer out, for `transfers`
            "253430012000007,1,RT,2025-10-01,MAT-1,2,,,,USA,", // usmca: its default period is D's month
            "253430012000008,1,RT,2025-10-05,MAT-1,1,,,,USA,DE", // waste returned (of 10), for `waste-disposals`
            "253430012000009,1,BO,2025-08-15,MAT-9,1,acme,,,,").Exit.ShouldBe(0); // assets: the fixed asset out for repair
        if (withCount)
        {
            // Physical counts do not feed the discharge (the stored run still covers after them) but `report counts` reads it.
            cli.Import("counts", "more-counts.csv", "date,part,qty", "2025-10-15,MAT-1,50").Exit.ShouldBe(0);
        }
    }

    private static DischargeRunRecord StoredRun(CliHarness cli)
    {
        using var store = TestStore.Open(cli.Db, cli.Clock);
        return store.Derived.LatestRun().ShouldNotBeNull();
    }
}
