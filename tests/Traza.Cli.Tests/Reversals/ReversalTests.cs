using Microsoft.Data.Sqlite;

namespace Traza.Cli.Tests.Reversals;

/// <summary>
/// Issue 11 item 3: SPEC §4.1 reversals and <c>traza reverse --batch N --reason R</c>, through the real CLI on real files.
/// Batches of <see cref="Seed"/>: 1 init, 2 parts, 3 bom, 4 entries, 5 exits.
/// </summary>
public sealed class ReversalTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>MAT-1 entered twice (100 and 50), FG-1 = 2 MAT-1 with 10 % desperdicio; exits of 30 and 40 FG-1 (need 66 + 88).</summary>
    private void Seed()
    {
        cli.Run("init", "--rfc", "AAA010101AA1", "--name", "Prueba", "--immex", "1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
        cli.Import("bom", "bom.csv", "product,component,qty_per,desperdicio_pct", "FG-1,MAT-1,2,10").Exit.ShouldBe(0);
        cli.Import("entries", "entries.csv",
            "pedimento,partida,clave,date,part,qty,value_usd",
            "25 47 3420 5000001,1,IN,2025-01-10,MAT-1,100,1000",
            "25 47 3420 5000002,1,IN,2025-02-10,MAT-1,50,500").Exit.ShouldBe(0);
        cli.Import("exits", "exits.csv",
            "pedimento,partida,clave,date,part,qty",
            "25 47 3420 6000001,1,RT,2025-03-01,FG-1,30",
            "25 47 3420 6000001,2,RT,2025-03-02,FG-1,40").Exit.ShouldBe(0);
    }

    private void Discharge(params string[] extra)
    {
        var r = cli.Run(["discharge", "--as-of", "2025-12-31", .. extra]);
        r.Exit.ShouldBe(0, r.Stderr);
    }

    private string[] Report(string name) => cli.ReportCsv(name, "--as-of", "2025-12-31");

    private long Batches()
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM import_batch";
        return (long)cmd.ExecuteScalar()!;
    }

    private SqliteConnection Open()
    {
        TestStore.RequireSqlite();
        var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
        connection.Open();
        return connection;
    }

    private void Sql(string sql, int rows)
    {
        using var connection = Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery().ShouldBe(rows);
    }

    [Fact]
    public void Reversing_an_entry_takes_its_opening_balance_with_it_and_the_corrected_lot_opens_with_its_own()
    {
        cli.Run("init", "--rfc", "AAA010101AA1", "--name", "Prueba", "--immex", "1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
        cli.Import("entries", "opening.csv",
            "pedimento,partida,clave,date,part,qty,discharged_before",
            "24 47 3420 4000001,1,IN,2024-06-10,MAT-1,100,60").Exit.ShouldBe(0); // batch 3
        Report("balances")[1].ShouldContain(",100,60,40,");

        cli.Run("reverse", "--batch", "3", "--reason", "opening keyed wrong").Exit.ShouldBe(0);
        cli.Import("entries", "opening-fixed.csv",
            "pedimento,partida,clave,date,part,qty,discharged_before",
            "24 47 3420 4000001,1,IN,2024-06-10,MAT-1,100,25").Exit.ShouldBe(0); // same key, another opening: no conflict

        var balances = Report("balances");
        balances.Length.ShouldBe(2);
        balances[1].ShouldContain(",100,25,75,");
        var entries = cli.Run("report", "entries", "--as-of", "2025-12-31", "--format", "csv").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        entries.Length.ShouldBe(3);
        entries[1].ShouldEndWith(",3,2,60,4,opening keyed wrong", Case.Sensitive, "the reversed lot, with the opening it had");
        entries[2].ShouldEndWith(",5,2,25,,", Case.Sensitive);
        cli.Run("audit", "verify").Exit.ShouldBe(0);

        Sql("UPDATE entry_opening_reversed SET discharged_before = '61'", 1);
        cli.Run("audit", "verify").Exit.ShouldBe(5, "the reversed opening stays chained in batch 3");
    }

    [Fact]
    public void A_reversal_of_a_row_dated_in_a_closed_period_is_a_conflict_until_the_period_is_reopened()
    {
        Seed(); // exits of 2025-03-01 and 2025-03-02 in batch 5
        cli.Run("close", "--period", "2025-03").Exit.ShouldBe(0); // batch 6
        var batches = Batches();

        var whole = cli.Run("reverse", "--batch", "5", "--reason", "wrong exits file");
        whole.Exit.ShouldBe(4, whole.Stderr);
        whole.Stderr.ShouldContain("closed period 2025-03");
        var file = cli.Import("reversals", "rev.csv", "batch,line,reason", "5,3,wrong line");
        file.Exit.ShouldBe(4, file.Stderr);
        file.Stderr.ShouldContain("file rev.csv, line 2, column line:");
        Batches().ShouldBe(batches, "nothing written");

        var bom = cli.Run("reverse", "--batch", "3", "--reason", "wrong BOM"); // a version in force from the beginning
        bom.Exit.ShouldBe(4, bom.Stderr);
        bom.Stderr.ShouldContain("reaches closed period 2025-03");
        Batches().ShouldBe(batches, "nothing written");

        cli.Run("reopen", "--period", "2025-03", "--reason", "take back the exits").Exit.ShouldBe(0);
        cli.Run("reverse", "--batch", "5", "--reason", "wrong exits file").Exit.ShouldBe(0);
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Reversing_the_exits_batch_restores_full_balances_and_clears_the_shortages()
    {
        Seed();
        Discharge();
        Report("shortages").Length.ShouldBe(2, "154 needed, 150 entered: 4 short");
        Report("pedimentos").ShouldContain(l => l.StartsWith("254734206000001,"));
        Report("balances").ShouldAllBe(l => l.StartsWith("pedimento") || l.EndsWith(",closed,,0")); // then alert_band empty, reserved 0 (docs/cli.md);

        var r = cli.Run("reverse", "--batch", "5", "--reason", "wrong exits file");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("reversed 2 rows of batch 5 as batch 6");
        Discharge();

        Report("shortages").Length.ShouldBe(1, "header only");
        var balances = Report("balances");
        balances.Length.ShouldBe(3);
        balances[1].ShouldContain(",100,0,100,");
        balances[2].ShouldContain(",50,0,50,");
        Report("custody").Length.ShouldBe(1, "no allocation left");
        Report("pedimentos").ShouldNotContain(l => l.StartsWith("254734206000001,"), "a reversed exit declares no pedimento");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void A_reversals_file_takes_back_one_line_and_the_listing_shows_it_reversed()
    {
        Seed();
        Discharge();
        var r = cli.Import("reversals", "reversals.csv", "batch,line,reason", "5,3,second exit line was a test");
        r.Exit.ShouldBe(0, r.Stderr);
        Discharge();

        // Only the first exit line (30 FG-1 = 66 MAT-1) counts now.
        Report("shortages").Length.ShouldBe(1);
        var balances = Report("balances");
        balances[1].ShouldContain(",100,66,34,");
        balances[2].ShouldContain(",50,0,50,");

        var exits = Report("exits");
        exits[0].ShouldEndWith(",batch,line,reversed_by,reversal_reason");
        exits.Length.ShouldBe(3, "the reversed line is still listed");
        exits[1].ShouldEndWith(",5,2,,");
        exits[2].ShouldEndWith(",5,3,6,second exit line was a test");
    }

    [Fact]
    public void Reversing_a_row_twice_is_invalid_input_and_writes_nothing()
    {
        Seed();
        cli.Import("reversals", "r1.csv", "batch,line,reason", "5,3,test").Exit.ShouldBe(0);
        var batches = Batches();

        var again = cli.Import("reversals", "r2.csv", "batch,line,reason", "5,2,fine", "5,3,twice");
        again.Exit.ShouldBe(3);
        again.Stderr.ShouldContain("file r2.csv, line 3, column line:");
        again.Stderr.ShouldContain("reversed by batch 6");

        var sameFile = cli.Import("reversals", "r3.csv", "batch,line,reason", "5,2,once", "5,2,twice");
        sameFile.Exit.ShouldBe(3);
        sameFile.Stderr.ShouldContain("line 2 of this file");

        cli.Run("reverse", "--batch", "5", "--reason", "x").Exit.ShouldBe(0, "line 2 is still in force");
        var whole = cli.Run("reverse", "--batch", "5", "--reason", "x");
        whole.Exit.ShouldBe(3);
        whole.Stderr.ShouldContain("reverse --batch 5:");
        Batches().ShouldBe(batches + 1);
        Report("exits").Skip(1).ShouldAllBe(l => !l.EndsWith(",,"), "both lines reversed");
    }

    [Fact]
    public void A_row_or_batch_that_does_not_exist_is_invalid_input()
    {
        Seed();
        var batches = Batches();
        var noLine = cli.Import("reversals", "r.csv", "batch,line,reason", "5,9,no such line");
        noLine.Exit.ShouldBe(3);
        noLine.Stderr.ShouldContain("file r.csv, line 2, column line: the line of a stored row of batch 5");
        noLine.Stderr.ShouldContain("found no row at line 9");

        var noBatch = cli.Import("reversals", "r.csv", "batch,line,reason", "99,2,no such batch");
        noBatch.Exit.ShouldBe(3);
        noBatch.Stderr.ShouldContain("column batch: an earlier import batch, found no batch 99");

        cli.Run("reverse", "--batch", "99", "--reason", "x").Exit.ShouldBe(3);
        cli.Run("reverse", "--batch", "5", "--reason", " ").Exit.ShouldBe(2);
        var program = cli.Run("reverse", "--batch", "1", "--reason", "x");
        program.Exit.ShouldBe(3);
        program.Stderr.ShouldContain("'program' batch, which cannot be reversed");
        cli.Import("reversals", "bad.csv", "batch,line,reason", "5,x,not a line").Exit.ShouldBe(3);
        cli.Import("reversals", "bad2.csv", "batch,line,reason", "5,2,").Exit.ShouldBe(3);
        Batches().ShouldBe(batches, "nothing written");
    }

    [Fact]
    public void A_reversal_cannot_be_reversed()
    {
        Seed();
        cli.Run("reverse", "--batch", "5", "--reason", "x").Exit.ShouldBe(0);
        var r = cli.Run("reverse", "--batch", "6", "--reason", "undo");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("a reversal is final");
    }

    [Fact]
    public void Audit_verify_passes_after_a_reversal_and_fails_when_a_reversed_row_or_a_reversal_is_edited()
    {
        Seed();
        cli.Import("reversals", "r.csv", "batch,line,reason", "5,3,test").Exit.ShouldBe(0);
        cli.Run("audit", "verify").Exit.ShouldBe(0);

        Sql("UPDATE exit_reversed SET qty = '41'", 1);
        var edited = cli.Run("audit", "verify");
        edited.Exit.ShouldBe(5);
        edited.Stderr.ShouldContain("batch 5");
        Sql("UPDATE exit_reversed SET qty = '40'", 1);
        cli.Run("audit", "verify").Exit.ShouldBe(0);

        Sql("UPDATE reversal SET reason = 'something else'", 1);
        var reason = cli.Run("audit", "verify");
        reason.Exit.ShouldBe(5);
        reason.Stderr.ShouldContain("batch 6");
        Sql("UPDATE reversal SET reason = 'test'", 1);

        // Putting the row back in force (undoing the reversal behind the ledger's back) breaks the reversal's batch.
        Sql("DELETE FROM reversal", 1);
        cli.Run("audit", "verify").Exit.ShouldBe(5);
    }

    [Fact]
    public void A_wrong_entries_file_is_reversed_and_its_corrected_rows_imported_under_the_same_keys()
    {
        Seed();
        cli.Import("entries", "wrong.csv",
            "pedimento,partida,clave,date,part,qty,value_usd",
            "25 47 3420 5000003,1,IN,2025-01-05,MAT-2,999999999999,10").Exit.ShouldBe(0);
        Discharge();
        cli.Run("reverse", "--batch", "6", "--reason", "qty typed with the value").Exit.ShouldBe(0);
        var corrected = cli.Import("entries", "corrected.csv",
            "pedimento,partida,clave,date,part,qty,value_usd",
            "25 47 3420 5000003,1,IN,2025-01-05,MAT-2,9,10");
        corrected.Exit.ShouldBe(0, corrected.Stderr);
        Discharge();

        var balances = Report("balances");
        balances.Count(l => l.Contains(",MAT-2,")).ShouldBe(1);
        balances.Single(l => l.Contains(",MAT-2,")).ShouldContain(",9,0,9,");
        var entries = Report("entries").Where(l => l.Contains(",MAT-2,")).ToList();
        entries.Count.ShouldBe(2);
        entries.ShouldContain(l => l.Contains(",999999999999,") && l.EndsWith(",7,qty typed with the value"));
        entries.ShouldContain(l => l.Contains(",9,") && l.EndsWith(",8,2,,,"));
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void A_key_in_force_still_conflicts_after_another_row_was_reversed()
    {
        Seed();
        cli.Import("reversals", "r.csv", "batch,line,reason", "5,3,test").Exit.ShouldBe(0);
        var r = cli.Import("exits", "other.csv", "pedimento,partida,clave,date,part,qty", "25 47 3420 6000001,1,RT,2025-03-01,FG-1,31");
        r.Exit.ShouldBe(4);
    }

    [Fact]
    public void A_wholly_reversed_file_may_be_imported_again()
    {
        Seed();
        cli.Run("reverse", "--batch", "5", "--reason", "by mistake").Exit.ShouldBe(0);
        var again = cli.Run("import", "exits", cli.Path_("exits.csv"));
        again.Exit.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldContain("imported 2 exits rows as batch 7");
        cli.Run("import", "exits", cli.Path_("exits.csv")).Stdout.ShouldContain("already imported as batch 7");
    }

    [Fact]
    public void A_part_named_by_rows_in_force_cannot_be_reversed_until_they_are()
    {
        Seed();
        var r = cli.Import("reversals", "r.csv", "batch,line,reason", "2,2,wrong part");
        r.Exit.ShouldBe(3);
        r.Stderr.ShouldContain("part 'MAT-1'");
        r.Stderr.ShouldContain("reverse those first");

        // NAT-1 (line 5 of the parts file) is named by nothing.
        cli.Import("reversals", "r2.csv", "batch,line,reason", "2,5,never used").Exit.ShouldBe(0);
        cli.Import("entries", "nat.csv", "pedimento,partida,clave,date,part,qty", "25 47 3420 5000009,1,IN,2025-01-05,NAT-1,1").Exit.ShouldBe(3);
    }

    [Fact]
    public void Catalog_rows_may_be_reversed()
    {
        Seed();
        cli.Import("rates", "rates.csv", "date,mxn_per_usd", "2025-01-10,20.5", "2025-01-11,20.6").Exit.ShouldBe(0);
        cli.Import("reversals", "r.csv", "batch,line,reason", "6,2,typo").Exit.ShouldBe(0);
        cli.Import("rates", "rates2.csv", "date,mxn_per_usd", "2025-01-10,19.5").Exit.ShouldBe(0, "the reversed date is free again");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }
}
