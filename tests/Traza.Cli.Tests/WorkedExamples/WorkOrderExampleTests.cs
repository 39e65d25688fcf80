namespace Traza.Cli.Tests.WorkedExamples;

/// <summary>
/// 3PL work orders (issue 15 item 7; docs/cli.md "Work orders"): kits made at the work order's date with the BOM in force then,
/// components reserved FIFO as of that date and discharged only as the kits leave, every figure by hand. Program valid to
/// 2029-12-31. Parts: MAT-1 material, LBL-1 packaging (a label), KIT-1 finished (the kit). BOM of KIT-1: version 1 from
/// 2025-01-01 to 2025-03-31, MAT-1 qty_per 2 with desperdicio 10 % and LBL-1 qty_per 1; version 2 from 2025-04-01, MAT-1
/// qty_per 3 and LBL-1 qty_per 1.
/// <code>
/// Entries: …5000001/1 MAT-1 300 (USD 3,000) and …5000001/2 LBL-1 200 (USD 100) on 2025-01-10; …5000002/1 MAT-1 500 (USD 6,000)
///          on 2025-02-20. Deadlines (18 months): 2026-07-10 and 2026-08-20.
/// WO-1 2025-03-10 KIT-1 100 → BOM v1: MAT-1 100 × 2 × 1.10 = 220 (20 desperdicio) reserved from …01/1 (80 left to reach);
///                              LBL-1 100 from …01/2.
/// WO-2 2025-04-05 KIT-1 50  → BOM v2 (its own date): MAT-1 150 = …01/1 80 + …02/1 70 (FIFO as of 04-05); LBL-1 50 from …01/2.
/// X1 …5100001 RT 2025-04-05 KIT-1 60 → after WO-2 (a work order goes before the exits of its date) but takes WO-1's kits
///                              first (FIFO by work order): 60/100 of WO-1 → MAT-1 132 of …01/1 (12 waste), LBL-1 60 of …01/2.
///                              An explosion at the exit would have used BOM v2: MAT-1 180.
/// X2 …5100002 RT 2025-04-20 MAT-1 100 → …01/1 is wholly reserved: FIFO takes …02/1 (100).
/// X3 …5100003 RT 2025-05-15 KIT-1 100 → WO-1's last 40 kits: MAT-1 88 of …01/1 (8 waste), LBL-1 40; WO-2's 50: MAT-1 80 of
///                              …01/1 and 70 of …02/1, LBL-1 50; the 10 kits beyond stock explode at the exit (v2): MAT-1 30
///                              of …02/1, LBL-1 10 of …01/2.
/// WO-3 2025-06-01 KIT-1 200 → MAT-1 600: …02/1 has 300 within reach (500 − 70 − 100 − 30): 300 reserved, 300 short;
///                              LBL-1 200: …01/2 has 40 (200 − 100 − 50 − 10): 40 reserved, 160 short. Its kits never leave.
/// As of 2025-06-30: …01/1 balance 0 (closed, 20 of waste); …01/2 balance 40, all reserved; …02/1 balance 300, all reserved.
/// Consumptions: X1 2, X2 1, X3 2 (one per leaf part) = 5. Allocations: X1 2, X2 1, X3 2 + 3 + 2 = 10.
/// </code>
/// </summary>
public sealed class WorkOrderExampleTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero));

    public WorkOrderExampleTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme 3PL", "--immex", "2019-1", "--modality", "industrial", "--valid-to", "2029-12-31")
            .Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc",
            "MAT-1,Steel,material,6", "LBL-1,Label,packaging,6", "KIT-1,Kit,finished,6").Exit.ShouldBe(0);
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct,valid_from,valid_to",
            "KIT-1,MAT-1,2,0,10,2025-01-01,2025-03-31", "KIT-1,LBL-1,1,0,0,2025-01-01,2025-03-31",
            "KIT-1,MAT-1,3,0,0,2025-04-01,", "KIT-1,LBL-1,1,0,0,2025-04-01,").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            $"{P("5000001")},1,IN,2025-01-10,MAT-1,300,3000", $"{P("5000001")},2,IN,2025-01-10,LBL-1,200,100",
            $"{P("5000002")},1,IN,2025-02-20,MAT-1,500,6000").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string P(string n7) => "25073420" + n7;

    private void Movements()
    {
        var wo = cli.Import("events", "work-orders.csv", "date,type,part,qty,reference",
            "2025-03-10,work_order,KIT-1,100,WO-1", "2025-04-05,work_order,KIT-1,50,WO-2", "2025-06-01,work_order,KIT-1,200,WO-3");
        wo.Exit.ShouldBe(0, wo.Stderr);
        var x = cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty",
            $"{P("5100001")},1,RT,2025-04-05,KIT-1,60", $"{P("5100002")},1,RT,2025-04-20,MAT-1,100", $"{P("5100003")},1,RT,2025-05-15,KIT-1,100");
        x.Exit.ShouldBe(0, x.Stderr);
    }

    private List<Dictionary<string, string>> Csv(string asOf, params string[] args)
    {
        var r = cli.Run([.. args, "--format", "csv", "--as-of", asOf]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    private (string Balance, string Reserved, string Status) Lot(List<Dictionary<string, string>> balances, string n7, string partida)
    {
        var row = balances.Single(b => b["pedimento"] == P(n7) && b["partida"] == partida);
        return (row["balance"], row["reserved"], row["status"]);
    }

    [Fact]
    public void Kits_consume_components_at_the_work_orders_date_and_discharge_them_as_they_leave()
    {
        Movements();
        var run = cli.Run("discharge", "--as-of", "2025-06-30");
        run.Exit.ShouldBe(0, run.Stderr);
        run.Stdout.TrimEnd().Split('\n')[^1].ShouldStartWith("discharged 5 consumptions into 10 allocations in ");

        var balances = Csv("2025-06-30", "report", "balances");
        Lot(balances, "5000001", "1").ShouldBe(("0", "0", "closed"));
        Lot(balances, "5000001", "2").ShouldBe(("40", "40", "open"));
        Lot(balances, "5000002", "1").ShouldBe(("300", "300", "open"));
        Csv("2025-06-30", "report", "waste").ShouldHaveSingleItem()["generated"].ShouldBe("20");

        // X1: WO-1's BOM (version 1, its date), not version 2 in force on the exit's date.
        Csv("2025-06-30", "report", "custody", "--exit", P("5100001")).Select(c => (c["product"], c["component"], c["qty"], c["entry_pedimento"], c["entry_partida"]))
            .ShouldBe([("KIT-1", "MAT-1", "132", P("5000001"), "1"), ("KIT-1", "LBL-1", "60", P("5000001"), "2")], ignoreOrder: true);
        Csv("2025-06-30", "report", "custody", "--exit", P("5100002")).Select(c => (c["component"], c["qty"], c["entry_pedimento"]))
            .ShouldBe([("MAT-1", "100", P("5000002"))]);
        Csv("2025-06-30", "report", "custody", "--exit", P("5100003"))
            .GroupBy(c => (c["component"], c["entry_pedimento"], c["entry_partida"]), c => decimal.Parse(c["qty"], System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum()))
            .ShouldBe(
            [
                ("MAT-1", P("5000001"), "1", 168m), ("MAT-1", P("5000002"), "1", 100m), ("LBL-1", P("5000001"), "2", 100m),
            ],
            ignoreOrder: true);

        // The shortage is the work order's, once, under its reference and date.
        Csv("2025-06-30", "report", "shortages").Select(s => (s["exit_document"], s["exit_date"], s["part"], s["qty_missing"]))
            .ShouldBe([("WO-3", "2025-06-01", "MAT-1", "300"), ("WO-3", "2025-06-01", "LBL-1", "160")], ignoreOrder: true);

        var orders = Csv("2025-06-30", "report", "work-orders");
        orders.Select(o => (o["reference"], o["date"], o["part"], o["kits_made"], o["kits_left"], o["kits_in_stock"], o["bom_date"], o["status"]))
            .ShouldBe(
            [
                ("WO-1", "2025-03-10", "KIT-1", "100", "100", "0", "2025-03-10", "shipped"),
                ("WO-2", "2025-04-05", "KIT-1", "50", "50", "0", "2025-04-05", "shipped"),
                ("WO-3", "2025-06-01", "KIT-1", "200", "0", "200", "2025-06-01", "open"),
            ]);
        orders.Select(o => (o["component_lines"], o["qty_reserved"], o["qty_converted"], o["qty_in_kits"], o["qty_short"], o["earliest_deadline"], o["value_usd_in_kits"]))
            .ShouldBe(
            [
                ("2", "320", "320", "0", "0", "", ""),
                ("3", "200", "200", "0", "0", "", ""),
                ("2", "340", "0", "340", "460", "2026-07-10", "3620"),
            ]);

        var audit = cli.Run("audit", "verify", "--recompute");
        audit.Exit.ShouldBe(0, audit.Stderr);
        audit.Stdout.ShouldContain("derived data matches a recomputation");
    }

    /// <summary>
    /// As of 2025-04-30 the reserved components are still in the country: the lots keep them in their balance (and so in terms
    /// and exposure) until the kits leave; WO-1 is partly shipped.
    /// </summary>
    [Fact]
    public void Until_the_kits_leave_their_components_stay_in_the_lots_balance()
    {
        Movements();
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        var balances = Csv("2025-04-30", "report", "balances");
        Lot(balances, "5000001", "1").ShouldBe(("168", "168", "open"));
        Lot(balances, "5000001", "2").ShouldBe(("140", "90", "open"));
        Lot(balances, "5000002", "1").ShouldBe(("400", "70", "open"));

        Csv("2025-04-30", "report", "work-orders")
            .Select(o => (o["reference"], o["kits_left"], o["kits_in_stock"], o["qty_converted"], o["qty_in_kits"], o["earliest_deadline"], o["value_usd_in_kits"], o["status"]))
            .ShouldBe(
            [
                ("WO-1", "60", "40", "192", "128", "2026-07-10", "900", "partly_shipped"),
                ("WO-2", "0", "50", "0", "200", "2026-07-10", "1665", "open"),
            ]);
    }

    /// <summary>
    /// docs/cli.md "discharge": a run resumes when every work order dated before the resume date has shipped all its kits
    /// before it (nothing reserved, no kit in stock on its eve); work orders from that date on run again. Each step equals a
    /// full run, reservations and kit draws included (audit --recompute).
    /// </summary>
    [Fact]
    public void Discharge_resumes_once_every_earlier_work_order_has_shipped()
    {
        cli.Import("events", "work-orders.csv", "date,type,part,qty,reference", "2025-03-10,work_order,KIT-1,100,WO-1",
            "2025-04-05,work_order,KIT-1,50,WO-2").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty",
            $"{P("5100001")},1,RT,2025-04-05,KIT-1,60", $"{P("5100002")},1,RT,2025-04-20,MAT-1,100", $"{P("5100003")},1,RT,2025-05-15,KIT-1,100")
            .Exit.ShouldBe(0);
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);

        // WO-1 and WO-2 shipped everything by 05-15.
        cli.Import("exits", "x4.csv", "pedimento,partida,clave,date,part,qty", $"{P("5100004")},1,RT,2025-06-20,MAT-1,10").Exit.ShouldBe(0);
        SameAsFull(resumedFrom: "2025-06-20");

        // A new work order and a kit exit after it: they run again from the work order's date.
        cli.Import("events", "wo-4.csv", "date,type,part,qty,reference", "2025-06-22,work_order,KIT-1,20,WO-4").Exit.ShouldBe(0);
        cli.Import("exits", "x5.csv", "pedimento,partida,clave,date,part,qty", $"{P("5100005")},1,RT,2025-06-25,KIT-1,15").Exit.ShouldBe(0);
        SameAsFull(resumedFrom: "2025-06-22");
        Csv("2025-06-30", "report", "work-orders").Single(o => o["reference"] == "WO-4")
            .ShouldSatisfyAllConditions(o => o["kits_left"].ShouldBe("15"), o => o["qty_in_kits"].ShouldBe("20"), o => o["status"].ShouldBe("partly_shipped"));

        // WO-4 still has 5 kits in stock: a later change needs a full run.
        cli.Import("exits", "x6.csv", "pedimento,partida,clave,date,part,qty", $"{P("5100006")},1,RT,2025-06-28,MAT-1,5").Exit.ShouldBe(0);
        SameAsFull(resumedFrom: null);
    }

    private void SameAsFull(string? resumedFrom)
    {
        var run = cli.Run("discharge", "--as-of", "2025-06-30");
        run.Exit.ShouldBe(0, run.Stderr);
        if (resumedFrom is null)
        {
            run.Stdout.ShouldNotContain("resumed");
        }
        else
        {
            run.Stdout.ShouldContain($"resumed from {resumedFrom}");
        }

        var audit = cli.Run("audit", "verify", "--recompute");
        audit.Exit.ShouldBe(0, audit.Stdout + audit.Stderr);
        audit.Stdout.ShouldContain("derived data matches a recomputation");
        string[] names = ["balances", "work-orders", "shortages", "waste", "custody"];
        var before = names.ToDictionary(n => n, n => cli.Run("report", n, "--format", "csv", "--as-of", "2025-06-30").Stdout);
        cli.Run("discharge", "--as-of", "2025-06-30", "--full").Exit.ShouldBe(0);
        foreach (var n in names)
        {
            cli.Run("report", n, "--format", "csv", "--as-of", "2025-06-30").Stdout.ShouldBe(before[n], n);
        }
    }

    [Fact]
    public void A_ledger_with_work_orders_discharges_in_full_and_equals_a_full_run()
    {
        Movements();
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        cli.Import("exits", "more.csv", "pedimento,partida,clave,date,part,qty", $"{P("5100004")},1,RT,2025-06-20,KIT-1,50").Exit.ShouldBe(0);
        var run = cli.Run("discharge", "--as-of", "2025-06-30");
        run.Exit.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldNotContain("resumed");
        var reports = new[] { "balances", "work-orders", "shortages", "waste" }.ToDictionary(r => r, r => cli.Run("report", r, "--format", "csv", "--as-of", "2025-06-30").Stdout);
        cli.Run("discharge", "--as-of", "2025-06-30", "--full").Exit.ShouldBe(0);
        foreach (var (name, text) in reports)
        {
            cli.Run("report", name, "--format", "csv", "--as-of", "2025-06-30").Stdout.ShouldBe(text, name);
        }

        // 50 of WO-3's 200 kits left on 06-20: a quarter of its reservations became descargos of that exit.
        Csv("2025-06-30", "report", "work-orders").Single(o => o["reference"] == "WO-3")
            .ShouldSatisfyAllConditions(
                o => o["kits_left"].ShouldBe("50"), o => o["qty_converted"].ShouldBe("85"), o => o["qty_in_kits"].ShouldBe("255"),
                o => o["status"].ShouldBe("partly_shipped"));
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    /// <summary>
    /// Reversing the work orders leaves a ledger without any: the next run resumes from their earliest date, drops the stored
    /// reservations and kit draws, and equals a full run — the kits' exits now explode at their own dates.
    /// </summary>
    [Fact]
    public void Reversing_the_work_orders_resumes_and_the_kits_explode_at_their_exits()
    {
        Movements();
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        var batch = Csv("2025-06-30", "report", "batches").Single(b => b["layout"] == "events")["batch"];
        cli.Run("reverse", "--batch", batch, "--reason", "entered twice").Exit.ShouldBe(0);
        var run = cli.Run("discharge", "--as-of", "2025-06-30");
        run.Exit.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("resumed from 2025-03-10");
        Csv("2025-06-30", "report", "work-orders").ShouldBeEmpty();
        var audit = cli.Run("audit", "verify", "--recompute");
        audit.Exit.ShouldBe(0, audit.Stdout + audit.Stderr);
        var balances = cli.Run("report", "balances", "--format", "csv", "--as-of", "2025-06-30").Stdout;
        cli.Run("discharge", "--as-of", "2025-06-30", "--full").Exit.ShouldBe(0);
        cli.Run("report", "balances", "--format", "csv", "--as-of", "2025-06-30").Stdout.ShouldBe(balances);

        // X1 (04-05, v2): MAT-1 180 of …01/1, LBL-1 60; X2 100 more of …01/1 (20 left); X3 (v2): MAT-1 300 = 20 + 280 of …02/1.
        var after = CsvText.Rows(balances);
        Lot(after, "5000001", "1").ShouldBe(("0", "0", "closed"));
        Lot(after, "5000002", "1").ShouldBe(("220", "0", "open"));
        Lot(after, "5000001", "2").ShouldBe(("40", "0", "open"));
    }

    [Theory]
    [InlineData("2025-03-10,work_order,KIT-1,10,", "column reference")] // a work order needs its number
    [InlineData("2024-12-31,work_order,KIT-1,10,WO-9", "column date")] // no BOM version of the kit in force on its date
    [InlineData("2025-03-10,work_order,MAT-1,10,WO-9", "column date")] // a part without a BOM is no kit
    [InlineData("2025-03-10,work_order,KIT-1,10,WO-1", "column reference")] // WO-1 exists already
    [InlineData("2025-03-10,work_order,KIT-1,0,WO-9", "column qty")]
    [InlineData("2025-03-10,work_order,KIT-1,10,WO-9,yes", "column waste")]
    public void Work_orders_that_cannot_be_made_are_refused(string row, string where)
    {
        cli.Import("events", "first.csv", "date,type,part,qty,reference", "2025-03-10,work_order,KIT-1,100,WO-1").Exit.ShouldBe(0);
        var r = cli.Import("events", "bad.csv", "date,type,part,qty,reference,waste", row);
        r.Exit.ShouldBe(3, r.Stderr);
        r.Stderr.ShouldContain(where);
    }
}
