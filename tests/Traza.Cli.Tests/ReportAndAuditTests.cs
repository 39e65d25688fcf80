using System.Text.Json;

namespace Traza.Cli.Tests;

public sealed class ReportAndAuditTests : IDisposable
{
    private const string Header = "pedimento,partida,clave,date,part,qty,value_usd,exchange_rate,client";

    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private void Seed()
    {
        cli.StandardParts();
        cli.Import("entries", "e.csv", Header,
            "254734565000123,1,IN,2025-01-05,MAT-1,10,100.50,20,",
            "254734565000124,1,IN,2025-03-05,MAT-2,4,8,,",
            "254734565000125,1,IN,2025-02-05,MAT-9,1,1,,acme").Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "254734565000200,1,H1,2025-04-01,MAT-1,1.5").Exit.ShouldBe(0);
    }

    [Fact]
    public void Report_empty_ledger_prints_header_only()
    {
        cli.ReportCsv("entries").ShouldBe(["pedimento,partida,clave,date,part,client,qty,umc,qty_umt,umt,value_usd,customs_value_mxn,exchange_rate," +
            "origin,preference,invoice,rectifies,site,batch,line,discharged_before,reversed_by,reversal_reason"]);
        var json = cli.Run("report", "exits", "--format", "json");
        json.Exit.ShouldBe(0);
        JsonDocument.Parse(json.Stdout).RootElement.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Report_entries_csv_orders_by_client_and_date_and_computes_customs_value()
    {
        Seed();
        var rows = cli.ReportCsv("entries");
        rows.Length.ShouldBe(4);
        rows[1].ShouldStartWith("254734565000123,1,IN,2025-01-05,MAT-1,,10,6,10,6,100.5,2010,20,");
        rows[2].ShouldStartWith("254734565000124,");
        rows[3].ShouldStartWith("254734565000125,1,IN,2025-02-05,MAT-9,acme,");
    }

    [Fact]
    public void Report_as_of_counts_only_movements_dated_on_or_before()
    {
        Seed();
        cli.ReportCsv("entries", "--as-of", "2025-02-28").Length.ShouldBe(3);
        cli.ReportCsv("exits", "--as-of", "2025-03-31").Length.ShouldBe(1);
        cli.ReportCsv("exits", "--as-of", "2025-04-01").Length.ShouldBe(2);
    }

    [Fact]
    public void Report_default_as_of_is_today_from_the_clock()
    {
        using var early = new CliHarness(new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero));
        early.StandardParts();
        early.Import("entries", "e.csv", Header, "254734565000123,1,IN,2025-01-05,MAT-1,10,,,", "254734565000124,1,IN,2025-03-05,MAT-1,1,,,")
            .Exit.ShouldBe(0);
        early.ReportCsv("entries").Length.ShouldBe(2);
        early.Clock.Advance(TimeSpan.FromDays(60));
        early.ReportCsv("entries").Length.ShouldBe(3);
    }

    [Fact]
    public void Report_client_filter_limits_rows()
    {
        Seed();
        var rows = cli.ReportCsv("entries", "--client", "acme");
        rows.Length.ShouldBe(2);
        rows[1].ShouldContain(",acme,");
    }

    [Fact]
    public void Report_entries_json_has_numbers_and_dates()
    {
        Seed();
        var r = cli.Run("report", "entries", "--format", "json", "--client", "");
        r.Exit.ShouldBe(0, r.Stderr);
        var array = JsonDocument.Parse(r.Stdout).RootElement;
        array.GetArrayLength().ShouldBe(2);
        var first = array[0];
        first.GetProperty("pedimento").GetString().ShouldBe("254734565000123");
        first.GetProperty("partida").GetInt32().ShouldBe(1);
        first.GetProperty("qty").ValueKind.ShouldBe(JsonValueKind.Number);
        first.GetProperty("value_usd").GetDecimal().ShouldBe(100.5m);
        first.GetProperty("date").GetString().ShouldBe("2025-01-05");
        first.GetProperty("client").GetString().ShouldBe(string.Empty);
        first.GetProperty("site").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Report_exits_json_lists_exit_lines()
    {
        Seed();
        var r = cli.Run("report", "exits", "--format", "json");
        r.Exit.ShouldBe(0, r.Stderr);
        var first = JsonDocument.Parse(r.Stdout).RootElement[0];
        first.GetProperty("qty").GetDecimal().ShouldBe(1.5m);
        first.GetProperty("clave").GetString().ShouldBe("H1");
    }

    [Fact]
    public void Report_out_file_and_xlsx()
    {
        Seed();
        var csv = cli.Path_("entries.out.csv");
        cli.Run("report", "entries", "--format", "csv", "--out", csv).Exit.ShouldBe(0);
        File.ReadAllLines(csv).Length.ShouldBe(4);
        var xlsx = cli.Path_("entries.xlsx");
        cli.Run("report", "entries", "--format", "xlsx", "--out", xlsx).Exit.ShouldBe(0);
        new FileInfo(xlsx).Length.ShouldBeGreaterThan(0);
        cli.Run("report", "entries", "--format", "xlsx").Exit.ShouldBe(2);
    }

    [Fact]
    public void Report_table_shows_rows()
    {
        Seed();
        var r = cli.Run("report", "entries");
        r.Exit.ShouldBe(0);
        r.Stdout.ShouldContain("254734565000123");
    }

    [Fact]
    public void Report_bad_options_exit_2()
    {
        cli.Run("report", "entries", "--format", "pdf").Exit.ShouldBe(2);
        cli.Run("report", "entries", "--as-of", "yesterday").Exit.ShouldBe(2);
        cli.Run("report", "nosuch").Exit.ShouldBe(2);
    }

    [Fact]
    public void Audit_verify_intact_ledger_exits_0()
    {
        Seed();
        var r = cli.Run("audit", "verify");
        r.Exit.ShouldBe(0, r.Stderr);
    }

    [Fact]
    public void Audit_verify_changed_qty_exits_5()
    {
        Seed();
        TestStore.RequireSqlite();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.Db};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE entry SET qty = '11' WHERE part = 'MAT-1'";
            cmd.ExecuteNonQuery().ShouldBe(1);
        }

        var r = cli.Run("audit", "verify");
        r.Exit.ShouldBe(5);
        r.Stderr.ShouldContain("batch 2");
    }
}
