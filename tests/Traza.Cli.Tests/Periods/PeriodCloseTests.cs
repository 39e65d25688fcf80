using Microsoft.Data.Sqlite;

namespace Traza.Cli.Tests.Periods;

/// <summary>
/// Issue 11 item 5: <c>traza close --period YYYY-MM</c> / <c>traza reopen --period YYYY-MM --reason R</c> (SPEC §5). The
/// clock is 2025-12-31; the ledger holds entries in January–March 2025 and an exit in April.
/// </summary>
public sealed class PeriodCloseTests : IDisposable
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty,value_usd";
    private const string ExitsHeader = "pedimento,partida,clave,date,part,qty";

    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private static void Init(CliHarness harness) => harness.Run(
        "init", "--rfc", "AIN180315DM0", "--name", "Demo", "--immex", "X-1", "--modality", "industrial").Exit.ShouldBe(0);

    private void Seed()
    {
        Init(cli);
        cli.StandardParts();
        cli.Import("entries", "e.csv", EntriesHeader,
            "254734565000123,1,IN,2025-01-05,MAT-1,10,100",
            "254734565000124,1,IN,2025-03-05,MAT-1,4,40",
            "254734565000125,1,IN,2025-02-05,MAT-2,6,6").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", ExitsHeader, "254734565000200,1,H1,2025-03-20,MAT-1,8").Exit.ShouldBe(0);
    }

    private CliResult Close(string period) => cli.Run("close", "--period", period);

    private int Batches() => cli.ReportCsv("batches").Length - 1;

    [Fact]
    public void Close_then_a_movement_dated_in_the_closed_period_is_a_conflict_naming_file_line_and_period()
    {
        Seed();
        var close = Close("2025-03");
        close.Exit.ShouldBe(0, close.Stderr);
        close.Stdout.ShouldContain("closed 2025-03 as batch");
        var before = cli.ReportCsv("entries");

        var entries = cli.Import("entries", "late.csv", EntriesHeader,
            "254734565000300,1,IN,2025-04-02,MAT-1,1,1",
            "254734565000301,1,IN,2025-03-31,MAT-1,1,1");
        entries.Exit.ShouldBe(4, entries.Stderr);
        entries.Stderr.ShouldContain("file late.csv, line 3, column date");
        entries.Stderr.ShouldContain("closed period 2025-03");
        cli.ReportCsv("entries").ShouldBe(before); // nothing written, not even line 2

        var exits = cli.Import("exits", "lx.csv", ExitsHeader, "254734565000201,1,H1,2025-01-31,MAT-1,1");
        exits.Exit.ShouldBe(4);
        exits.Stderr.ShouldContain("file lx.csv, line 2, column date");
        exits.Stderr.ShouldContain("closed period 2025-01");

        var events = cli.Import("events", "v.csv", "date,type,part,qty", "2025-02-10,destruction,MAT-2,1");
        events.Exit.ShouldBe(4);
        events.Stderr.ShouldContain("file v.csv, line 2");

        var counts = cli.Import("counts", "c.csv", "date,part,qty", "2025-03-31,MAT-1,6");
        counts.Exit.ShouldBe(4);
        counts.Stderr.ShouldContain("file c.csv, line 2");

        cli.Import("counts", "c2.csv", "date,part,qty", "2025-04-01,MAT-1,6").Exit.ShouldBe(0);
        cli.Import("exits", "ok.csv", ExitsHeader, "254734565000202,1,H1,2025-04-01,MAT-1,1").Exit.ShouldBe(0);
    }

    [Fact]
    public void Rows_already_stored_with_the_same_content_pass_so_a_cumulative_file_can_repeat_closed_months()
    {
        Seed();
        Close("2025-03").Exit.ShouldBe(0);
        var r = cli.Import("exits", "cumulative.csv", ExitsHeader,
            "254734565000200,1,H1,2025-03-20,MAT-1,8",
            "254734565000201,1,H1,2025-04-10,MAT-1,1");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("imported 1 exits rows");

        // The same key with other content is still the usual conflict.
        cli.Import("exits", "changed.csv", ExitsHeader, "254734565000200,1,H1,2025-03-20,MAT-1,9").Exit.ShouldBe(4);
    }

    [Fact]
    public void A_bom_version_or_term_rule_in_force_in_a_closed_period_is_a_conflict()
    {
        Seed();
        Close("2025-03").Exit.ShouldBe(0);
        var open = cli.Import("bom", "b1.csv", "product,component,qty_per", "FG-1,MAT-1,2");
        open.Exit.ShouldBe(4, open.Stderr);
        open.Stderr.ShouldContain("file b1.csv, line 2, column valid_from");
        open.Stderr.ShouldContain("closed period 2025-03");
        cli.Import("bom", "b2.csv", "product,component,qty_per,valid_from", "FG-1,MAT-1,2,2025-03-31").Exit.ShouldBe(4);
        cli.Import("bom", "b3.csv", "product,component,qty_per,valid_from", "FG-1,MAT-1,2,2025-04-01").Exit.ShouldBe(0);

        var terms = cli.Import("terms", "t1.csv", "kind,months,valid_from", "material,12,2025-01-01");
        terms.Exit.ShouldBe(4, terms.Stderr);
        terms.Stderr.ShouldContain("file t1.csv, line 2, column valid_from");
        cli.Import("terms", "t2.csv", "kind,months,valid_from", "material,12,2025-04-01").Exit.ShouldBe(0);

        // Catalogs that only value or date lots at report time stay open: rates, tariffs, partners, inpc, surcharges; and parts.
        cli.Import("rates", "r.csv", "date,mxn_per_usd", "2025-02-03,20.5").Exit.ShouldBe(0);
        cli.Import("parts", "p.csv", "part,kind,umc", "MAT-5,material,6").Exit.ShouldBe(0);
    }

    [Fact]
    public void Closing_a_month_closes_every_earlier_one_and_reopening_one_reopens_every_later_one()
    {
        Seed();
        var close = Close("2025-03");
        close.Stderr.ShouldContain("closing 2025-03 also closes every earlier month");
        cli.Import("entries", "jan.csv", EntriesHeader, "254734565000400,1,IN,2025-01-20,MAT-1,1,1").Exit.ShouldBe(4);

        var june = Close("2025-06");
        june.Exit.ShouldBe(0);
        june.Stderr.ShouldContain("closing 2025-06 also closes 2025-04 through 2025-05");

        var reopen = cli.Run("reopen", "--period", "2025-02", "--reason", "late pedimento from the broker");
        reopen.Exit.ShouldBe(0, reopen.Stderr);
        reopen.Stdout.ShouldContain("reopened 2025-02 as batch");
        reopen.Stdout.ShouldContain("closed through 2025-01");
        reopen.Stderr.ShouldContain("also reopens every later month through 2025-06");
        cli.Import("entries", "jan.csv", EntriesHeader, "254734565000400,1,IN,2025-01-20,MAT-1,1,1").Exit.ShouldBe(4);
        cli.Import("entries", "feb.csv", EntriesHeader, "254734565000401,1,IN,2025-02-20,MAT-1,1,1").Exit.ShouldBe(0);
        cli.Import("entries", "may.csv", EntriesHeader, "254734565000402,1,IN,2025-05-20,MAT-1,1,1").Exit.ShouldBe(0);
    }

    [Fact]
    public void Closing_a_closed_period_is_a_no_op_and_reopening_an_open_one_is_a_conflict()
    {
        Seed();
        Close("2025-03").Exit.ShouldBe(0);
        var batches = Batches();

        var again = Close("2025-02");
        again.Exit.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldContain("period 2025-02 is already closed (closed through 2025-03); nothing to do");
        Batches().ShouldBe(batches);

        var reopen = cli.Run("reopen", "--period", "2025-04", "--reason", "typo");
        reopen.Exit.ShouldBe(4);
        reopen.Stderr.ShouldContain("period 2025-04 is not closed (closed through 2025-03)");
        Batches().ShouldBe(batches);
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-1")]
    [InlineData("1999-12")]
    [InlineData("2025-03-01")]
    [InlineData("")]
    public void A_period_that_is_not_a_month_is_a_usage_error(string period)
    {
        Seed();
        var batches = Batches();
        Close(period).Exit.ShouldBe(2);
        cli.Run("reopen", "--period", period, "--reason", "x").Exit.ShouldBe(2);
        Batches().ShouldBe(batches);
    }

    [Fact]
    public void Reopen_needs_a_reason_and_close_needs_an_ended_month()
    {
        Seed();
        Close("2025-03").Exit.ShouldBe(0);
        cli.Run("reopen", "--period", "2025-03").Exit.ShouldBe(2);
        cli.Run("reopen", "--period", "2025-03", "--reason", "  ").Exit.ShouldBe(2);
        cli.Run("close").Exit.ShouldBe(2);

        var current = Close("2025-12"); // the clock's today is 2025-12-31
        current.Exit.ShouldBe(4);
        current.Stderr.ShouldContain("period 2025-12 has not ended");
        Close("2025-11").Exit.ShouldBe(0);
    }

    [Fact]
    public void Close_and_reopen_are_batches_of_the_chain_and_a_changed_close_breaks_it()
    {
        Seed();
        Close("2025-03").Exit.ShouldBe(0);
        cli.Run("reopen", "--period", "2025-03", "--reason", "late pedimento").Exit.ShouldBe(0);
        var rows = cli.ReportCsv("batches");
        cli.Run("report", "batches", "--format", "csv").Stderr.ShouldBeEmpty(); // the chain's listings never discharge first
        cli.Run("report", "periods", "--format", "csv").Stderr.ShouldBeEmpty();
        rows[^2].ShouldContain(",close,close 2025-03,1,");
        rows[^1].ShouldContain(",reopen,reopen 2025-03,1,");
        var audit = cli.Run("audit", "verify");
        audit.Exit.ShouldBe(0, audit.Stderr);
        audit.Stdout.ShouldContain("last batch 6: reopen reopen 2025-03");
        var periods = cli.ReportCsv("periods");
        periods[0].ShouldBe("batch,action,period,reason,closed_through,operator,recorded_at");
        periods[1].ShouldStartWith("5,close,2025-03,,2025-03,");
        periods[2].ShouldStartWith("6,reopen,2025-03,late pedimento,2025-02,"); // earlier months stay closed
        periods[2].ShouldEndWith(",2025-12-31T12:00:00.0000000+00:00");

        Execute("UPDATE period_close SET period = '2025-02' WHERE action = 'reopen'");
        var broken = cli.Run("audit", "verify");
        broken.Exit.ShouldBe(5);
        broken.Stderr.ShouldContain("batch 6 (reopen 2025-03)");
    }

    [Fact]
    public void Closing_a_period_with_shortages_says_so_on_stderr()
    {
        Seed();
        cli.Import("exits", "x2.csv", ExitsHeader, "254734565000210,1,H1,2025-03-25,MAT-1,9").Exit.ShouldBe(0); // 14 in, 17 out
        var close = Close("2025-03");
        close.Exit.ShouldBe(0);
        close.Stderr.ShouldContain("warning: 2025-03 closes with 1 shortage(s) in movements dated on or before 2025-03-31");

        using var other = new CliHarness();
        Init(other);
        other.StandardParts();
        other.Import("entries", "e.csv", EntriesHeader, "254734565000123,1,IN,2025-01-05,MAT-1,10,100").Exit.ShouldBe(0);
        other.Import("exits", "x.csv", ExitsHeader, "254734565000200,1,H1,2025-04-20,MAT-1,11").Exit.ShouldBe(0); // short, but in April
        other.Run("discharge").Exit.ShouldBe(0); // a stored run that covers March
        other.Run("close", "--period", "2025-03").Stderr.ShouldNotContain("shortage");
        other.Run("close", "--period", "2025-04").Stderr.ShouldContain("warning: 2025-04 closes with 1 shortage(s)");
    }

    [Fact]
    public void A_closed_periods_balances_and_allocations_stay_reproducible()
    {
        Seed();
        cli.Run("discharge").Exit.ShouldBe(0);
        var balances = cli.ReportCsv("balances", "--as-of", "2025-03-31");
        var custody = cli.ReportCsv("custody", "--as-of", "2025-03-31");
        var shortages = cli.ReportCsv("shortages", "--as-of", "2025-03-31");
        custody.Length.ShouldBeGreaterThan(1);
        Close("2025-03").Exit.ShouldBe(0);

        // Later-dated movements are taken; ones that would rewrite March (an earlier lot, a March exit) are refused.
        cli.Import("entries", "apr.csv", EntriesHeader, "254734565000500,1,IN,2025-04-03,MAT-1,50,50").Exit.ShouldBe(0);
        cli.Import("exits", "apr-x.csv", ExitsHeader, "254734565000600,1,H1,2025-04-10,MAT-1,20").Exit.ShouldBe(0);
        cli.Import("entries", "back.csv", EntriesHeader, "254734565000501,1,IN,2025-01-02,MAT-1,50,50").Exit.ShouldBe(4);
        cli.Import("exits", "back-x.csv", ExitsHeader, "254734565000601,1,H1,2025-03-30,MAT-2,2").Exit.ShouldBe(4);
        cli.Run("discharge").Exit.ShouldBe(0);

        cli.ReportCsv("balances", "--as-of", "2025-03-31").ShouldBe(balances);
        cli.ReportCsv("custody", "--as-of", "2025-03-31").ShouldBe(custody);
        cli.ReportCsv("shortages", "--as-of", "2025-03-31").ShouldBe(shortages);
        cli.ReportCsv("balances", "--as-of", "2025-04-30").ShouldNotBe(balances); // April did change
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    private void Execute(string sql)
    {
        TestStore.RequireSqlite();
        using var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
