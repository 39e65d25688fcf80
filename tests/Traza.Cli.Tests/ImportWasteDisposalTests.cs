using Microsoft.Data.Sqlite;

namespace Traza.Cli.Tests;

/// <summary>
/// SPEC §3.5 Events: a destruction or donation with waste = yes disposes of at most the waste balance of (client,
/// part) — the desperdicio share allocated to its lots by exits dated on or before it; more is invalid input (exit 3
/// naming the line, nothing written). Issue 2 item 7.
/// </summary>
public sealed class ImportWasteDisposalTests : IDisposable
{
    private const string Header = "date,type,part,qty,waste,reference,third_party,client,site";

    private readonly CliHarness cli = new();

    public ImportWasteDisposalTests()
    {
        cli.StandardParts();
        // One FG-1 needs 2 MAT-1 net, plus 10 % desperdicio: the exit of 10 FG-1 takes 22 MAT-1, 2 of them waste.
        cli.Import("bom", "bom.csv", "product,component,qty_per,merma_pct,desperdicio_pct,valid_from", "FG-1,MAT-1,2,0,10,2025-01-01").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv", "pedimento,partida,clave,date,part,qty", "254734565000123,1,IN,2025-02-01,MAT-1,100").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,RT,2025-04-01,FG-1,10").Exit.ShouldBe(0);
    }

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Waste_disposal_within_the_balance_imports()
    {
        var r = cli.Import("events", "ev.csv", Header,
            "2025-05-01,destruction,MAT-1,1.5,yes,ACTA-1,Reciclados SA,,",
            "2025-05-02,donation,MAT-1,0.5,yes,ACTA-2,Escuela,,");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("imported 2 events rows");
        EventRows().ShouldBe(2);
    }

    [Fact]
    public void Waste_disposal_beyond_the_balance_exits_3_naming_the_line_and_writes_nothing()
    {
        var r = cli.Import("events", "ev.csv", Header,
            "2025-05-01,adjustment,MAT-1,-1,,,,,",
            "2025-05-01,destruction,MAT-1,2.5,yes,ACTA-1,Reciclados SA,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file ev.csv, line 3, column qty: a waste disposal of at most the waste balance of part 'MAT-1' on 2025-05-01 (2,");
        r.Stderr.ShouldContain("found '2.5'");
        EventRows().ShouldBe(0);
    }

    [Fact]
    public void Waste_disposals_earlier_in_the_same_file_reduce_the_balance()
    {
        var r = cli.Import("events", "ev.csv", Header,
            "2025-05-01,destruction,MAT-1,1.5,yes,ACTA-1,,,",
            "2025-05-02,destruction,MAT-1,1,yes,ACTA-2,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file ev.csv, line 3, column qty: a waste disposal of at most the waste balance of part 'MAT-1' on 2025-05-02 (0.5,");
        EventRows().ShouldBe(0);
    }

    [Fact]
    public void Waste_disposals_of_an_earlier_file_reduce_the_balance()
    {
        cli.Import("events", "a.csv", Header, "2025-05-01,destruction,MAT-1,2,yes,ACTA-1,,,").Exit.ShouldBe(0);
        var r = cli.Import("events", "b.csv", Header, "2025-06-01,destruction,MAT-1,0.1,yes,ACTA-2,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file b.csv, line 2, column qty");
        EventRows().ShouldBe(1);
    }

    [Fact]
    public void Waste_disposal_before_any_exit_exits_3()
    {
        var r = cli.Import("events", "ev.csv", Header, "2025-03-31,destruction,MAT-1,0.5,yes,ACTA-1,,,");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("file ev.csv, line 2, column qty: a waste disposal of at most the waste balance of part 'MAT-1' on 2025-03-31 (0,");
        EventRows().ShouldBe(0);
    }

    [Fact]
    public void Material_destruction_without_waste_is_not_limited_by_the_waste_balance()
    {
        var r = cli.Import("events", "ev.csv", Header, "2025-03-31,destruction,MAT-1,5,no,ACTA-1,,,");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    [Fact]
    public void Waste_of_a_component_reached_through_a_subassembly_is_its_balance()
    {
        cli.Import("parts", "parts2.csv", "part,kind,umc", "SA-1,finished,6", "FG-2,finished,6").Exit.ShouldBe(0);
        // FG-2 -> SA-1 -> MAT-2 (2 per SA-1, 50 % desperdicio): 10 FG-2 take 30 MAT-2, 10 of them waste.
        cli.Import("bom", "bom2.csv", "product,component,qty_per,desperdicio_pct,valid_from",
            "FG-2,SA-1,1,0,2025-01-01", "SA-1,MAT-2,2,50,2025-01-01", "FG-2,MAT-1,1,0,2025-01-01").Exit.ShouldBe(0);
        cli.Import("entries", "entries2.csv", "pedimento,partida,clave,date,part,qty", "254734565000124,1,IN,2025-02-01,MAT-2,100").Exit.ShouldBe(0);
        cli.Import("exits", "exits2.csv", "pedimento,partida,clave,date,part,qty", "254734565000201,1,RT,2025-04-02,FG-2,10").Exit.ShouldBe(0);

        var refused = cli.Import("events", "ev.csv", Header, "2025-05-01,destruction,MAT-2,10.5,yes,ACTA-1,,,");
        refused.Exit.ShouldBe(3);
        refused.Stderr.ShouldContain("a waste disposal of at most the waste balance of part 'MAT-2' on 2025-05-01 (10,");
        var r = cli.Import("events", "ev2.csv", Header, "2025-05-01,destruction,MAT-2,10,yes,ACTA-1,,,", "2025-05-01,destruction,MAT-1,2,yes,ACTA-2,,,");
        r.Exit.ShouldBe(0, r.Stderr);
        EventRows().ShouldBe(2);
    }

    [Fact]
    public void A_clients_waste_balance_is_its_own_parts_of_the_same_number()
    {
        // acme's MAT-1 and FG-1 share the program's part numbers: one FG-1 takes 1 MAT-1 net plus 50 % desperdicio, so
        // acme's exit of 10 FG-1 takes 15 of its MAT-1, 5 of them waste (the program's MAT-1 holds 2).
        cli.Import("parts", "parts2.csv", "part,kind,umc,client", "MAT-1,material,6,acme", "FG-1,finished,6,acme").Exit.ShouldBe(0);
        cli.Import("bom", "bom2.csv", "product,component,qty_per,desperdicio_pct,valid_from,client", "FG-1,MAT-1,1,50,2025-01-01,acme")
            .Exit.ShouldBe(0);
        cli.Import("entries", "entries2.csv", "pedimento,partida,clave,date,part,qty,client",
            "254734565000124,1,IN,2025-02-01,MAT-1,100,acme").Exit.ShouldBe(0);
        cli.Import("exits", "exits2.csv", "pedimento,partida,clave,date,part,qty,client", "254734565000201,1,RT,2025-04-02,FG-1,10,acme")
            .Exit.ShouldBe(0);

        var refused = cli.Import("events", "ev.csv", Header,
            "2025-05-01,destruction,MAT-1,4,yes,ACTA-1,,acme,", "2025-05-01,destruction,MAT-1,2.5,yes,ACTA-2,,,");
        refused.Exit.ShouldBe(3);
        refused.Stderr.ShouldContain(
            "file ev.csv, line 3, column qty: a waste disposal of at most the waste balance of part 'MAT-1' on 2025-05-01 (2,");
        var beyond = cli.Import("events", "ev2.csv", Header, "2025-05-01,destruction,MAT-1,5.5,yes,ACTA-1,,acme,");
        beyond.Exit.ShouldBe(3);
        beyond.Stderr.ShouldContain("waste balance of part 'MAT-1' of client 'acme' on 2025-05-01 (5,");
        var r = cli.Import("events", "ev3.csv", Header,
            "2025-05-01,destruction,MAT-1,5,yes,ACTA-1,,acme,", "2025-05-01,destruction,MAT-1,2,yes,ACTA-2,,,");
        r.Exit.ShouldBe(0, r.Stderr);
        EventRows().ShouldBe(2);
    }

    private long EventRows()
    {
        TestStore.RequireSqlite();
        using var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=false");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM event";
        return (long)cmd.ExecuteScalar()!;
    }
}
