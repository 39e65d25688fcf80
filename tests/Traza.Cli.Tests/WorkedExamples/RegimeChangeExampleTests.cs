namespace Traza.Cli.Tests.WorkedExamples;

/// <summary>
/// Changes of regime F4, F5, A3 and the A1 case V return (issue 15 item 2; SPEC §3.3, §3.5): what each closes and what it leaves
/// open, every figure by hand. Program valid to 2029-12-31. Parts: MAT-1, MAT-2, MAT-3 material; BOX-1 packaging; FG-1 finished;
/// PRESS-1 machinery. BOM of FG-1: MAT-1 qty_per 2 with desperdicio 10 %; MAT-2 qty_per 1 with merma 5 %.
/// <code>
/// Entries, all 2025-01-10, pedimento 25 07 3420 5000001 (IN) and …5000002 (AF):
///   …01/1 MAT-1 300   …01/2 MAT-2 200   …01/3 BOX-1 500   …01/4 MAT-3 50   …02/1 PRESS-1 1 (AF, fixed asset)
/// Exits:
///   X1 …5100001 F4 2025-03-01 FG-1 100  → explodes: MAT-1 100 × 2 × 1.10 = 220 (of which 100 × 2 × 0.10 = 20 desperdicio),
///                                          MAT-2 100 × 1 × 1.05 = 105. MAT-1 80 left, MAT-2 95 left; MAT-1 keeps 20 of waste.
///   X2 …5100002 F4 2025-03-01 PRESS-1 1 → F4 never takes a fixed-asset lot: 1 short, the press stays open.
///   X3 …5100003 A1 2025-03-15 BOX-1 200, case V → 200 of …01/3: 300 left.
///   X4 …5100004 F5 2025-04-01 PRESS-1 1 → closes the AF lot (balance 0).
///   X5 …5100005 F5 2025-04-01 MAT-3 10  → F5 takes fixed-asset lots only: 10 short, MAT-3's lot untouched (50).
///   X6 …5100006 A3 2025-05-01 MAT-3 60  → any lot of MAT-3 itself: 50 of …01/4 (closed), 10 short.
///   X7 …5100007 A3 2025-05-01 FG-1 5    → a product explodes whatever the clave (SPEC §3.5): MAT-1 5 × 2 × 1.10 = 11 (1 of it
///                                          desperdicio), MAT-2 5 × 1.05 = 5.25. MAT-1 69 left (21 of waste), MAT-2 89.75 left.
/// Consumptions: X1 2 + X2..X6 1 each + X7 2 = 9. Allocations: X1 2, X3 1, X4 1, X6 1, X7 2 = 7.
/// </code>
/// </summary>
public sealed class RegimeChangeExampleTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero));

    public RegimeChangeExampleTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial", "--valid-to", "2029-12-31")
            .Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc",
            "MAT-1,Steel,material,6", "MAT-2,Resin,material,6", "MAT-3,Copper,material,6", "BOX-1,Box,packaging,6", "FG-1,Bracket,finished,6",
            "PRESS-1,Press,machinery,6").Exit.ShouldBe(0);
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct",
            "FG-1,MAT-1,2,0,10", "FG-1,MAT-2,1,5,0").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd",
            $"{P("5000001")},1,IN,2025-01-10,MAT-1,300,3000", $"{P("5000001")},2,IN,2025-01-10,MAT-2,200,400",
            $"{P("5000001")},3,IN,2025-01-10,BOX-1,500,250", $"{P("5000001")},4,IN,2025-01-10,MAT-3,50,500",
            $"{P("5000002")},1,AF,2025-01-10,PRESS-1,1,90000").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string P(string n7) => "25073420" + n7;

    private void Exits()
    {
        var r = cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty,case",
            $"{P("5100001")},1,F4,2025-03-01,FG-1,100,", $"{P("5100002")},1,F4,2025-03-01,PRESS-1,1,",
            $"{P("5100003")},1,A1,2025-03-15,BOX-1,200,V", $"{P("5100004")},1,F5,2025-04-01,PRESS-1,1,",
            $"{P("5100005")},1,F5,2025-04-01,MAT-3,10,", $"{P("5100006")},1,A3,2025-05-01,MAT-3,60,",
            $"{P("5100007")},1,A3,2025-05-01,FG-1,5,");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    private List<Dictionary<string, string>> Csv(params string[] args)
    {
        var r = cli.Run([.. args, "--format", "csv", "--as-of", "2025-06-30"]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void Regime_changes_close_what_their_clave_allows_and_leave_the_rest_open()
    {
        Exits();
        var run = cli.Run("discharge", "--as-of", "2025-06-30");
        run.Exit.ShouldBe(0, run.Stderr);
        run.Stdout.TrimEnd().Split('\n')[^1].ShouldStartWith("discharged 9 consumptions into 7 allocations in ");

        var balances = Csv("report", "balances");
        string Balance(string n7, string partida) => balances.Single(b => b["pedimento"] == P(n7) && b["partida"] == partida)["balance"];
        string Status(string n7, string partida) => balances.Single(b => b["pedimento"] == P(n7) && b["partida"] == partida)["status"];
        (Balance("5000001", "1"), Balance("5000001", "2"), Balance("5000001", "3"), Balance("5000001", "4"), Balance("5000002", "1"))
            .ShouldBe(("69", "89.75", "300", "0", "0"));
        (Status("5000001", "4"), Status("5000002", "1")).ShouldBe(("closed", "closed"));
        balances.Single(b => b["pedimento"] == P("5000002"))["deadline"].ShouldBe("2029-12-31"); // fixed asset: the program's term

        Csv("report", "shortages").Select(s => (s["exit_document"], s["part"], s["qty_missing"]))
            .ShouldBe(
            [
                (P("5100002"), "PRESS-1", "1"), (P("5100005"), "MAT-3", "10"), (P("5100006"), "MAT-3", "10"),
            ],
            ignoreOrder: true);

        // F4 of the product: custody shows what it took through the BOM.
        Csv("report", "custody", "--exit", P("5100001")).Select(c => (c["exit_clave"], c["product"], c["component"], c["qty"], c["entry_partida"]))
            .ShouldBe([("F4", "FG-1", "MAT-1", "220", "1"), ("F4", "FG-1", "MAT-2", "105", "2")], ignoreOrder: true);
        // F5 and A3 of a part without a BOM take the part itself; A3 of the product goes through its BOM like F4.
        Csv("report", "custody", "--exit", P("5100007")).Select(c => (c["exit_clave"], c["component"], c["qty"]))
            .ShouldBe([("A3", "MAT-1", "11"), ("A3", "MAT-2", "5.25")], ignoreOrder: true);
        Csv("report", "custody", "--exit", P("5100004")).Select(c => (c["component"], c["entry_pedimento"], c["qty"]))
            .ShouldBe([("PRESS-1", P("5000002"), "1")]);
        Csv("report", "custody", "--exit", P("5100006")).Select(c => (c["component"], c["entry_partida"], c["qty"]))
            .ShouldBe([("MAT-3", "4", "50")]);
        Csv("report", "custody", "--exit", P("5100003")).Select(c => (c["exit_clave"], c["component"], c["qty"]))
            .ShouldBe([("A1", "BOX-1", "200")]);
    }

    [Fact]
    public void F4_of_a_product_leaves_its_desperdicio_as_waste_to_dispose_of()
    {
        Exits();
        // X1 and X7 left 20 + 1 of waste on MAT-1's lot: destroying 21.000001 is refused, 21 is accepted (SPEC §3.5 waste balance).
        var over = cli.Import("events", "waste-over.csv", "date,type,part,qty,waste,reference", "2025-06-01,destruction,MAT-1,21.000001,yes,ACTA-1");
        over.Exit.ShouldBe(3, over.Stderr);
        over.Stderr.ShouldContain("waste");
        cli.Import("events", "waste.csv", "date,type,part,qty,waste,reference", "2025-06-01,destruction,MAT-1,21,yes,ACTA-1").Exit.ShouldBe(0);
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        // Disposing of the waste never touches the lot: MAT-1 still holds 69.
        Csv("report", "balances").Single(b => b["pedimento"] == P("5000001") && b["partida"] == "1")["balance"].ShouldBe("69");
    }

    [Fact]
    public void A1_without_case_V_is_refused_and_closes_nothing()
    {
        var r = cli.Import("exits", "a1.csv", "pedimento,partida,clave,date,part,qty,case", $"{P("5100008")},1,A1,2025-03-15,BOX-1,200,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("column case");
        r.Stderr.ShouldContain("case V with clave A1");
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        Csv("report", "balances").Single(b => b["pedimento"] == P("5000001") && b["partida"] == "3")["balance"].ShouldBe("500");
        Csv("report", "exits").ShouldBeEmpty();
    }
}
