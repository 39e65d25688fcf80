namespace Traza.Cli.Tests.Reports;

/// <summary>
/// Fixed assets and <c>report assets</c> (issue 15 item 4; SPEC §3.3, §3.7): site, owner, deadline, balance, BO out for repair and
/// <c>repair_in</c> back with the days abroad, F5, last movement. A shelter "Acme Albergue" valid to 2030-12-31; client ALFA's
/// foreign parent is "Alfa Corp" (its machinery is on comodato from it). Worked by hand:
/// <code>
/// Entries (P = 25 07 3420):
///   P6000001/1 AF 2025-01-15 ALFA MOLD-1  (tooling)   1 site PLANTA-1
///   P6000001/2 AF 2025-01-15 ALFA PRESS-1 (machinery) 2 site PLANTA-2
///   P6000002/1 E2 2025-02-01 ALFA COMP-1  (material)  3 site PLANTA-1   fixed asset by its clave
///   P6000003/1 IN 2025-02-01 ALFA RES-1   (material) 100                not a fixed asset: no row
///   P6000004/1 IN 2025-03-01 ''   FORK-1  (machinery) 1 site ALMACEN    fixed asset by its kind; the program's own
/// Exits and events:
///   P6100001 BO 2025-03-10 MOLD-1 1 · repair_in 2025-04-09 MOLD-1 1 RMA-1: 30 days abroad (21 days of March + 9)
///   P6100002 BO 2025-04-01 PRESS-1 1 · repair_in 2025-05-01 PRESS-1 1 RMA-2: 30 days abroad
///   P6100003 F5 2025-05-15 COMP-1 1 → COMP-1 balance 2
///   P6100004 BO 2025-06-01 FORK-1 1, not back: as of 2025-06-30, 29 days abroad
///   P6100005 BO 2025-06-20 MOLD-1 1, not back: as of 2025-06-30, 10 days abroad
/// Deadlines: AF/E2 claves and machinery/tooling kinds take the program's term, its valid-to 2030-12-31 (2010 days after
/// 2025-06-30). Owner: ALFA's lots "Alfa Corp" (comodato); the program's own FORK-1 "Acme Albergue" (own).
/// </code>
/// </summary>
public sealed class AssetsReportTests : IDisposable
{
    private readonly CliHarness cli = new(new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero));

    public AssetsReportTests()
    {
        cli.Run("init", "--rfc", "ALB180315XY9", "--name", "Acme Albergue", "--immex", "2018-0457", "--modality", "shelter", "--valid-to", "2030-12-31")
            .Exit.ShouldBe(0);
        cli.Run("clients", "add", "ALFA", "--name", "Alfa Mexico", "--parent", "Alfa Corp", "--since", "2024-01-01").Exit.ShouldBe(0);
        cli.Import("parts", "parts.csv", "part,description,kind,umc,client",
            "MOLD-1,Injection mold,tooling,6,ALFA", "PRESS-1,Press,machinery,6,ALFA", "COMP-1,Computer,material,6,ALFA", "RES-1,Resin,material,6,ALFA",
            "FORK-1,Forklift,machinery,6,").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty,value_usd,client,site",
            $"{P("6000001")},1,AF,2025-01-15,MOLD-1,1,20000,ALFA,PLANTA-1", $"{P("6000001")},2,AF,2025-01-15,PRESS-1,2,100000,ALFA,PLANTA-2",
            $"{P("6000002")},1,E2,2025-02-01,COMP-1,3,3000,ALFA,PLANTA-1", $"{P("6000003")},1,IN,2025-02-01,RES-1,100,500,ALFA,",
            $"{P("6000004")},1,IN,2025-03-01,FORK-1,1,15000,,ALMACEN").Exit.ShouldBe(0);
        var x = cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty,client",
            $"{P("6100001")},1,BO,2025-03-10,MOLD-1,1,ALFA", $"{P("6100002")},1,BO,2025-04-01,PRESS-1,1,ALFA",
            $"{P("6100003")},1,F5,2025-05-15,COMP-1,1,ALFA", $"{P("6100004")},1,BO,2025-06-01,FORK-1,1,",
            $"{P("6100005")},1,BO,2025-06-20,MOLD-1,1,ALFA");
        x.Exit.ShouldBe(0, x.Stderr);
        cli.Import("events", "events.csv", "date,type,part,qty,reference,client",
            "2025-04-09,repair_in,MOLD-1,1,RMA-1,ALFA", "2025-05-01,repair_in,PRESS-1,1,RMA-2,ALFA").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    private static string P(string n7) => "25073420" + n7;

    private List<Dictionary<string, string>> Assets(string asOf, params string[] extra)
    {
        var r = cli.Run(["report", "assets", "--format", "csv", "--as-of", asOf, .. extra]);
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout);
    }

    [Fact]
    public void Assets_lists_fixed_asset_lots_with_site_owner_deadline_repairs_and_last_movement()
    {
        var rows = Assets("2025-06-30");
        rows.Select(r => (r["pedimento"], r["partida"], r["part"], r["kind"], r["client"], r["site"], r["owner"], r["entry_date"], r["deadline"],
                r["status"], r["balance"]))
            .ShouldBe(
            [
                (P("6000001"), "1", "MOLD-1", "tooling", "ALFA", "PLANTA-1", "Alfa Corp", "2025-01-15", "2030-12-31", "open", "1"),
                (P("6000001"), "2", "PRESS-1", "machinery", "ALFA", "PLANTA-2", "Alfa Corp", "2025-01-15", "2030-12-31", "open", "2"),
                (P("6000002"), "1", "COMP-1", "material", "ALFA", "PLANTA-1", "Alfa Corp", "2025-02-01", "2030-12-31", "open", "2"),
                (P("6000004"), "1", "FORK-1", "machinery", "", "ALMACEN", "Acme Albergue", "2025-03-01", "2030-12-31", "open", "1"),
            ]);
        rows.Select(r => (r["out_for_repair"], r["repair_since"], r["days_abroad"], r["last_movement"], r["last_movement_date"],
                r["last_movement_kind"], r["last_movement_document"], r["last_repair_return"], r["last_repair_days"]))
            .ShouldBe(
            [
                ("1", "2025-06-20", "10", "BO", "2025-06-20", "exit", P("6100005"), "2025-04-09", "30"),
                ("0", "", "", "repair_in", "2025-05-01", "event", "RMA-2", "2025-05-01", "30"),
                ("0", "", "", "F5", "2025-05-15", "exit", P("6100003"), "", ""),
                ("1", "2025-06-01", "29", "BO", "2025-06-01", "exit", P("6100004"), "", ""),
            ]);
        rows.Select(r => (r["clave"], r["ownership"], r["days_left"], r["qty_entered"]))
            .ShouldBe([("AF", "comodato", "2010", "1"), ("AF", "comodato", "2010", "2"), ("E2", "comodato", "2010", "3"), ("IN", "own", "2010", "1")]);
    }

    [Fact]
    public void Assets_as_of_an_earlier_date_and_per_client()
    {
        // As of 2025-04-30: the mold is back (30 days), one press is out since 2025-04-01 (29 days), no F5 yet, the forklift
        // has only its entry.
        var rows = Assets("2025-04-30");
        rows.Select(r => (r["part"], r["balance"], r["out_for_repair"], r["repair_since"], r["days_abroad"], r["last_movement"], r["last_movement_kind"]))
            .ShouldBe(
            [
                ("MOLD-1", "1", "0", "", "", "repair_in", "event"), ("PRESS-1", "2", "1", "2025-04-01", "29", "BO", "exit"),
                ("COMP-1", "3", "0", "", "", "E2", "entry"), ("FORK-1", "1", "0", "", "", "IN", "entry"),
            ]);
        Assets("2025-06-30", "--client", "ALFA").Select(r => r["part"]).ShouldBe(["MOLD-1", "PRESS-1", "COMP-1"]);
    }

    [Fact]
    public void Bo_discharges_nothing_and_f5_closes_only_the_fixed_asset()
    {
        var balances = CsvText.Rows(cli.Run("report", "balances", "--format", "csv", "--as-of", "2025-06-30").Stdout);
        balances.Single(b => b["part"] == "MOLD-1")["balance"].ShouldBe("1");
        balances.Single(b => b["part"] == "FORK-1")["balance"].ShouldBe("1");
        balances.Single(b => b["part"] == "COMP-1")["balance"].ShouldBe("2");
        CsvText.Rows(cli.Run("report", "shortages", "--format", "csv", "--as-of", "2025-06-30").Stdout).ShouldBeEmpty();
    }
}
