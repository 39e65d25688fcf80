namespace Traza.Cli.Tests;

/// <summary>
/// Opening balances (issue 11 item 4, SPEC §3.4 <c>discharged_before</c>): read and checked at import, stored apart and chained,
/// re-sent keys compared, and the lot starting discharged in full and incremental runs. The worked example is
/// <c>WorkedExamples/GoLiveExampleTests</c>.
/// </summary>
public sealed class OpeningBalanceTests : IDisposable
{
    private const string Header = "pedimento,partida,clave,date,part,qty,discharged_before";

    private readonly CliHarness cli = new(new DateTimeOffset(2025, 8, 1, 12, 0, 0, TimeSpan.Zero));

    public OpeningBalanceTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
    }

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData("-1", "a decimal number of at least 0, found '-1'")]
    [InlineData("10.5", "at most the row's qty (10), found '10.5'")]
    [InlineData("1.0000001", "at most 6 decimals, found '1.0000001'")]
    [InlineData("abc", "a decimal number of at least 0, found 'abc'")]
    public void Opening_invalid_discharged_before_exits_3_naming_file_line_and_column(string value, string expected)
    {
        var r = cli.Import("entries", "e.csv", Header,
            "244734564000001,1,IN,2024-03-01,MAT-1,20,5",
            $"244734564000002,1,IN,2024-03-01,MAT-1,10,{value}");
        r.Exit.ShouldBe(3, r.Stdout);
        r.Stderr.ShouldContain("file e.csv, line 3, column discharged_before");
        r.Stderr.ShouldContain(expected);
        cli.ReportCsv("entries").Length.ShouldBe(1); // nothing written
    }

    [Fact]
    public void Opening_listed_after_the_documented_entries_columns_empty_when_none_or_zero()
    {
        var r = cli.Import("entries", "e.csv", Header,
            "244734564000001,1,IN,2024-03-01,MAT-1,20,5.5",
            "244734564000002,1,IN,2024-03-01,MAT-1,10,",
            "244734564000003,1,IN,2024-03-01,MAT-1,10,0",
            "244734564000004,1,IN,2024-03-01,MAT-1,10,10.000");
        r.Exit.ShouldBe(0, r.Stderr);
        var rows = cli.ReportCsv("entries");
        rows[0].ShouldEndWith(",batch,line,discharged_before,reversed_by,reversal_reason");
        rows.Skip(1).Select(l => l.Split(',')[^3]).ShouldBe(["5.5", "", "", "10"]);
        Scalar("SELECT count(*) FROM entry_opening").ShouldBe(2L); // rows only for the lots that have one
    }

    [Fact]
    public void Opening_rows_of_one_key_in_one_file_are_summed_like_qty()
    {
        var r = cli.Import("entries", "e.csv", Header,
            "244734564000001,1,IN,2024-03-01,MAT-1,20,",
            "244734564000009,1,IN,2024-03-01,MAT-1,7,2",
            "24 47 3456 4000001,1,IN,2024-03-01,MAT-1,10,4",
            "244734564000001,1,IN,2024-03-01,MAT-1,5,1.25",
            "244734564000009,1,IN,2024-03-01,MAT-1,3,3");
        r.Exit.ShouldBe(0, r.Stderr);
        var rows = cli.ReportCsv("entries");
        rows.Skip(1).Select(l => (l.Split(',')[0], l.Split(',')[6], l.Split(',')[^3]))
            .ShouldBe([("244734564000001", "35", "5.25"), ("244734564000009", "10", "5")]);
        Scalar("SELECT line FROM entry_opening WHERE pedimento = '244734564000001'").ShouldBe(2L); // the lot's line
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Theory]
    [InlineData("", "5")] // none stored, one sent
    [InlineData("5", "")] // one stored, none sent
    [InlineData("5", "4")]
    public void Opening_key_sent_again_with_other_discharged_before_exits_4(string first, string again)
    {
        cli.Import("entries", "a.csv", Header, $"244734564000001,1,IN,2024-03-01,MAT-1,20,{first}").Exit.ShouldBe(0);
        var r = cli.Import("entries", "b.csv", Header,
            "244734564000002,1,IN,2024-03-01,MAT-1,1,",
            $"244734564000001,1,IN,2024-03-01,MAT-1,20,{again}");
        r.Exit.ShouldBe(4, r.Stdout + r.Stderr);
        r.Stderr.ShouldContain("file b.csv, line 3");
        r.Stderr.ShouldContain("file a.csv, line 2");
        cli.ReportCsv("entries").Length.ShouldBe(2); // nothing written
    }

    [Fact]
    public void Opening_key_sent_again_with_the_same_discharged_before_is_skipped_also_when_summed()
    {
        cli.Import("entries", "a.csv", Header, "244734564000001,1,IN,2024-03-01,MAT-1,20,5").Exit.ShouldBe(0);
        var r = cli.Import("entries", "b.csv", Header,
            "244734564000001,1,IN,2024-03-01,MAT-1,15,5.000",
            "244734564000001,1,IN,2024-03-01,MAT-1,5,0");
        r.Exit.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("1 already present");
        Scalar("SELECT count(*) FROM entry_opening").ShouldBe(1L);
    }

    [Fact]
    public void Opening_row_edited_in_the_file_audit_verify_exits_5()
    {
        cli.Import("entries", "a.csv", Header, "244734564000001,1,IN,2024-03-01,MAT-1,20,5").Exit.ShouldBe(0);
        cli.Run("audit", "verify").Exit.ShouldBe(0);
        Execute("UPDATE entry_opening SET discharged_before = '4'");
        var r = cli.Run("audit", "verify");
        r.Exit.ShouldBe(5);
        r.Stderr.ShouldContain("(a.csv): stored rows differ");
    }

    [Fact]
    public void Opening_lot_starts_discharged_keeps_its_fifo_place_and_is_never_allocated()
    {
        // Lot …001 (2024-03-01): 20 entered, 15 discharged before → 5 left; lot …002 (2024-04-01) fully discharged before;
        // lot …003 (2024-05-01) untouched. An exit of 12 on 2025-07-10 takes 5 from …001 (its FIFO place is first), skips …002,
        // takes 7 from …003.
        cli.Import("entries", "e.csv", Header,
            "244734564000001,1,IN,2024-03-01,MAT-1,20,15",
            "244734564000002,1,IN,2024-04-01,MAT-1,8,8",
            "244734564000003,1,IN,2024-05-01,MAT-1,30,").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,RT,2025-07-10,MAT-1,12").Exit.ShouldBe(0);
        var run = cli.Run("discharge", "--as-of", "2025-07-31");
        run.Exit.ShouldBe(0, run.Stderr);
        run.Stdout.TrimEnd().Split('\n')[^1].ShouldStartWith("discharged 1 consumptions into 2 allocations in ");

        Balances("2025-07-31").ShouldBe([("244734564000001", "20", "20", "0"), ("244734564000002", "8", "8", "0"),
            ("244734564000003", "30", "7", "23")]);
        // Before the exit the opening alone counts (the stored run's allocations restricted to D, plus the opening).
        Balances("2025-07-01").ShouldBe([("244734564000001", "20", "15", "5"), ("244734564000002", "8", "8", "0"),
            ("244734564000003", "30", "0", "30")]);
        cli.ReportCsv("custody", "--pedimento", "244734564000002", "--as-of", "2025-07-31").Length.ShouldBe(1); // header only
        var custody = cli.ReportCsv("custody", "--exit", "254734565000200", "--as-of", "2025-07-31");
        custody.Skip(1).Select(l => l.Split(',')[5]).Order().ShouldBe(["5", "7"]);
    }

    [Fact]
    public void Opening_lots_entered_after_a_stored_run_start_discharged_in_the_incremental_run_as_in_a_full_one()
    {
        cli.Import("entries", "e1.csv", Header, "244734564000001,1,IN,2024-03-01,MAT-1,20,15").Exit.ShouldBe(0);
        cli.Import("exits", "x1.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,RT,2025-07-10,MAT-1,3").Exit.ShouldBe(0);
        cli.Run("discharge", "--as-of", "2025-07-31").Exit.ShouldBe(0);

        // A back-dated opening lot (before the stored lot in FIFO order) and a new one after it, then a new exit of 10.
        cli.Import("entries", "e2.csv", Header,
            "244734564000000,1,IN,2024-02-01,MAT-1,9,6",
            "244734564000005,1,IN,2024-06-01,MAT-1,50,44").Exit.ShouldBe(0);
        cli.Import("exits", "x2.csv", "pedimento,partida,clave,date,part,qty", "254734565000201,1,RT,2025-07-20,MAT-1,10").Exit.ShouldBe(0);
        var incremental = cli.Run("discharge", "--as-of", "2025-07-31");
        incremental.Exit.ShouldBe(0, incremental.Stderr);
        incremental.Stdout.ShouldContain("resumed from");
        var afterIncremental = Balances("2025-07-31");

        cli.Run("discharge", "--as-of", "2025-07-31", "--full").Exit.ShouldBe(0);
        Balances("2025-07-31").ShouldBe(afterIncremental);
        // …000 (2024-02-01): 3 left → exit 1 (3) takes it first; …001: 5 left → exit 2 takes 5; …005: 6 left → exit 2 takes 5.
        afterIncremental.ShouldBe([("244734564000000", "9", "9", "0"), ("244734564000001", "20", "20", "0"),
            ("244734564000005", "50", "49", "1")]);
    }

    private List<(string Pedimento, string Entered, string Discharged, string Balance)> Balances(string asOf)
    {
        var rows = cli.ReportCsv("balances", "--as-of", asOf);
        var header = rows[0].Split(',').ToList();
        return [.. rows.Skip(1).Select(l => l.Split(',')).Select(c => (c[header.IndexOf("pedimento")], c[header.IndexOf("qty_entered")],
            c[header.IndexOf("qty_discharged")], c[header.IndexOf("balance")]))];
    }

    private object? Scalar(string sql)
    {
        TestStore.RequireSqlite();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.Db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        TestStore.RequireSqlite();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.Db};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery().ShouldBe(1);
    }
}
