using Microsoft.Data.Sqlite;
using Traza.App;
using Traza.App.Programs;

namespace Traza.Cli.Tests.Periods;

/// <summary>
/// Issue 11 item 7: every batch records the operator (<c>--user</c>, else <c>TRAZA_USER</c>, else the OS user) and the
/// time from the injected clock; <c>report batches</c> and <c>audit verify</c> show them, and the chain covers them.
/// </summary>
public sealed class OperatorTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    private static Dictionary<string, string>[] Rows(string[] csv)
    {
        var header = csv[0].Split(',');
        return [.. csv.Skip(1).Select(line => header.Zip(line.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v))];
    }

    [Fact]
    public void Every_batch_records_the_user_option_and_the_clock_time()
    {
        cli.Run("init", "--rfc", "AIN180315DM0", "--name", "Demo", "--immex", "X-1", "--modality", "industrial", "--user", "ana.lopez")
            .Exit.ShouldBe(0);
        cli.Clock.Advance(TimeSpan.FromMinutes(90));
        cli.Run("import", "parts", cli.Write("p.csv", "part,kind,umc", "MAT-1,material,6"), "--user", "Beto Ruiz").Exit.ShouldBe(0);
        cli.Clock.Advance(TimeSpan.FromDays(1));
        cli.Run("clients", "add", "acme", "--user", "carla").Exit.ShouldBe(0);

        var rows = Rows(cli.ReportCsv("batches"));
        rows.Select(r => r["operator"]).ShouldBe(["ana.lopez", "Beto Ruiz", "carla"]);
        rows.Select(r => r["recorded_at"]).ShouldBe(
            ["2025-12-31T12:00:00.0000000+00:00", "2025-12-31T13:30:00.0000000+00:00", "2026-01-01T13:30:00.0000000+00:00"]);
        rows.Select(r => r["layout"]).ShouldBe(["program", "parts", "clients"]);
        rows.Select(r => r["batch"]).ShouldBe(["1", "2", "3"]);
        rows[1]["file_name"].ShouldBe("p.csv");
        rows[1]["rows"].ShouldBe("1");
        rows[2]["chain_version"].ShouldBe("2");
        rows[2]["chain_hash"].Length.ShouldBe(64);

        var audit = cli.Run("audit", "verify");
        audit.Exit.ShouldBe(0, audit.Stderr);
        var lines = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("ledger intact: 3 batches verified");
        lines[1].ShouldBe("last batch 3: clients clients add, recorded by carla at 2026-01-01T13:30:00.0000000+00:00");
    }

    [Fact]
    public void Without_user_option_the_batch_names_the_os_user_unless_traza_user_is_set()
    {
        // TRAZA_USER is read through Operators.Resolve (unit-tested below) so no test changes the process environment.
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Operators.EnvironmentVariable)))
        {
            return;
        }

        cli.Import("parts", "p.csv", "part,kind,umc", "MAT-1,material,6").Exit.ShouldBe(0);
        Rows(cli.ReportCsv("batches"))[0]["operator"].ShouldBe(Traza.Storage.Sqlite.SqliteLedgerStore.OsUser());
    }

    [Fact]
    public void Operator_resolution_prefers_the_option_then_traza_user_then_the_os_user()
    {
        Operators.Resolve("ana", "beto", "root").ShouldBe("ana");
        Operators.Resolve(" ana ", null, "root").ShouldBe("ana");
        Operators.Resolve(null, "beto", "root").ShouldBe("beto");
        Operators.Resolve(null, "  ", "root").ShouldBe("root");
        Operators.Resolve(null, null, "root").ShouldBe("root");
        Should.Throw<AppException>(() => Operators.Resolve("", "beto", "root")).Error.Code.ShouldBe(AppErrorCodes.Usage);
        Should.Throw<AppException>(() => Operators.Resolve(null, "a\u001fb", "root")).Error.Code.ShouldBe(AppErrorCodes.Usage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\tb")]
    public void An_empty_or_control_user_is_a_usage_error_and_writes_nothing(string user)
    {
        var r = cli.Run("import", "parts", cli.Write("p.csv", "part,kind,umc", "MAT-1,material,6"), "--user", user);
        r.Exit.ShouldBe(2);
        r.Stderr.ShouldContain("--user");
        cli.ReportCsv("batches").Length.ShouldBe(1);
        cli.Run("gen", "--scale", "small", "--out", cli.Path_("gen"), "--user", user).Exit.ShouldBe(2);
        cli.Run("import", "parts", cli.Path_("p.csv"), "--user").Exit.ShouldBe(2);
    }

    [Theory]
    [InlineData("UPDATE import_batch SET operator = 'mallory' WHERE id = 2")]
    [InlineData("UPDATE import_batch SET imported_at = '2025-01-01T00:00:00.0000000+00:00' WHERE id = 2")]
    [InlineData("UPDATE import_batch SET chain_version = 1 WHERE id = 2")]
    [InlineData("UPDATE import_batch SET operator = NULL WHERE id = 2")]
    public void A_changed_operator_or_time_breaks_the_chain(string tamper)
    {
        cli.Import("parts", "p.csv", "part,kind,umc", "MAT-1,material,6").Exit.ShouldBe(0);
        cli.Import("parts", "q.csv", "part,kind,umc", "MAT-2,material,6").Exit.ShouldBe(0);
        cli.Import("parts", "r.csv", "part,kind,umc", "MAT-3,material,6").Exit.ShouldBe(0);
        cli.Run("audit", "verify").Exit.ShouldBe(0);
        TestStore.RequireSqlite();
        using (var connection = new SqliteConnection($"Data Source={cli.Db};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = tamper;
            cmd.ExecuteNonQuery().ShouldBe(1);
        }

        var r = cli.Run("audit", "verify");
        r.Exit.ShouldBe(5);
        r.Stderr.ShouldContain("batch 2 (q.csv)");
    }
}
