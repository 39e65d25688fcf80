namespace Traza.Cli.Tests.WorkedExamples;

/// <summary>
/// samples/golive (issue 11 item 4): a program that goes live in Traza on 2025-07-01 with lots entered in 2024, loaded with
/// their <c>discharged_before</c> (SPEC §3.4). Every figure checked here is derived by hand in the sample's README.md.
/// </summary>
public class GoLiveExampleTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly string Dir = Path.Combine(TrazaRunner.Samples(), "golive");

    /// <summary>README "Balances as of 2025-08-15": pedimento/partida → the balances columns the README derives.</summary>
    private static readonly (string Lot, string Part, string Entered, string Discharged, string Balance, string UmtBalance, string Usd,
        string Deadline, string DaysLeft, string Status)[] August15 =
    [
        ("242434204000101/1", "CLIP-B", "300", "280", "20", "0.05", "4", "2025-07-15", "-31", "expired"),
        ("242434204000101/2", "RES-A", "1000", "1000", "0", "0", "0", "2025-07-15", "-31", "closed"),
        ("242434204000188/1", "RES-A", "800", "800", "0", "0", "0", "2025-09-01", "17", "closed"),
        ("242434204000188/2", "CLIP-B", "1000", "400", "600", "1.5", "120", "2025-09-01", "17", "expiring"),
        ("242434204000342/1", "RES-A", "600", "60", "540", "540", "1134", "2026-05-05", "263", "open"),
        ("252434205000077/1", "CLIP-B", "1000", "0", "1000", "2", "210", "2027-01-20", "523", "open"),
    ];

    [Fact]
    public void GoLive_example_opening_lots_discharge_fifo_after_go_live_and_expire_on_their_2024_terms()
    {
        using var cli = Load();
        var (code, output, _) = cli.Run("discharge", "--as-of", "2025-08-15");
        code.ShouldBe(0);
        // Exit …901 explodes to RES-A and CLIP-B (2 consumptions, one lot each); exit …902 is RES-A itself (1 consumption, 2 lots).
        output.TrimEnd().Split('\n')[^1].ShouldStartWith("discharged 3 consumptions into 4 allocations in ");

        Rows(cli.Csv("report", "balances", "--as-of", "2025-08-15")).ShouldBe(August15);

        // What a go-live user must see first: the expired 2024 lot with 20 clips left and the one due in 17 days.
        cli.Csv("report", "expiring", "--as-of", "2025-08-15").Select(r => (r["pedimento"] + "/" + r["partida"], r["status"]))
            .ShouldBe([("242434204000101/1", "expired"), ("242434204000188/2", "expiring")]);

        cli.Csv("report", "shortages", "--as-of", "2025-08-15").ShouldBeEmpty();

        // Custody: the allocations only — 10 kg and 40 clips for …901, 290 + 60 kg for …902; nothing for a lot's opening.
        cli.Csv("report", "custody", "--exit", "252434205000901", "--as-of", "2025-08-15")
            .Select(r => (r["component"], r["entry_pedimento"], r["entry_partida"], r["qty"], r["qty_umt"], r["value_usd"]))
            .ShouldBe([("CLIP-B", "242434204000101", "1", "40", "0.1", "8"), ("RES-A", "242434204000188", "1", "10", "10", "20")],
                ignoreOrder: true);
        cli.Csv("report", "custody", "--exit", "252434205000902", "--as-of", "2025-08-15")
            .Select(r => (r["entry_pedimento"], r["entry_partida"], r["qty"], r["value_usd"]))
            .ShouldBe([("242434204000188", "1", "290", "580"), ("242434204000342", "1", "60", "126")], ignoreOrder: true);
        cli.Csv("report", "custody", "--pedimento", "242434204000101", "--partida", "2", "--as-of", "2025-08-15").ShouldBeEmpty();

        // The entries listing keeps what the opening file said.
        cli.Csv("report", "entries", "--as-of", "2025-08-15").Select(r => (r["pedimento"] + "/" + r["partida"], r["discharged_before"]))
            .ShouldBe([("242434204000101/1", "240"), ("242434204000101/2", "1000"), ("242434204000188/1", "500"),
                ("242434204000188/2", "400"), ("242434204000342/1", ""), ("252434205000077/1", "")]);
    }

    [Fact]
    public void GoLive_example_balances_as_of_july_31_count_the_opening_and_the_first_exit_only()
    {
        using var cli = Load();
        cli.Ok("discharge", "--as-of", "2025-08-15");

        // README "Balances as of 2025-07-31": an as-of before the stored run's, answered from its allocations up to that day
        // plus each lot's opening discharge.
        Rows(cli.Csv("report", "balances", "--as-of", "2025-07-31")).ShouldBe(
        [
            ("242434204000101/1", "CLIP-B", "300", "280", "20", "0.05", "4", "2025-07-15", "-16", "expired"),
            ("242434204000101/2", "RES-A", "1000", "1000", "0", "0", "0", "2025-07-15", "-16", "closed"),
            ("242434204000188/1", "RES-A", "800", "510", "290", "290", "580", "2025-09-01", "32", "expiring"),
            ("242434204000188/2", "CLIP-B", "1000", "400", "600", "1.5", "120", "2025-09-01", "32", "expiring"),
            ("242434204000342/1", "RES-A", "600", "0", "600", "600", "1260", "2026-05-05", "278", "open"),
            ("252434205000077/1", "CLIP-B", "1000", "0", "1000", "2", "210", "2027-01-20", "538", "open"),
        ]);
    }

    [Fact]
    public void GoLive_example_daily_runs_after_go_live_give_the_same_balances_as_one_run()
    {
        // The README's order of work: the opening inventory and the first exit, a run on 2025-07-31; then the July entry and the
        // August exit, and an incremental run on 2025-08-15.
        using var cli = new TrazaRunner(Now);
        Init(cli);
        cli.Ok("import", "entries", Path.Combine(Dir, "opening.csv"));
        cli.Ok("import", "exits", Write(cli, "exits-july.csv", 0, 1));
        cli.Ok("discharge", "--as-of", "2025-07-31");
        cli.Ok("import", "entries", Path.Combine(Dir, "entries.csv"));
        cli.Ok("import", "exits", Write(cli, "exits-august.csv", 1, 1));
        var (code, output, _) = cli.Run("discharge", "--as-of", "2025-08-15");
        code.ShouldBe(0);
        output.ShouldContain("resumed from");

        Rows(cli.Csv("report", "balances", "--as-of", "2025-08-15")).ShouldBe(August15);
        cli.Ok("audit", "verify");
    }

    private static TrazaRunner Load()
    {
        var cli = new TrazaRunner(Now);
        Init(cli);
        foreach (var file in new[] { "opening", "entries", "exits" })
        {
            cli.Ok("import", file == "exits" ? "exits" : "entries", Path.Combine(Dir, file + ".csv"));
        }

        return cli;
    }

    private static void Init(TrazaRunner cli)
    {
        cli.Ok("init", "--rfc", "TAP070312QW4", "--name", "Tapas y Cierres de Ejemplo", "--immex", "2007-0311", "--modality", "industrial");
        cli.Ok("import", "parts", Path.Combine(Dir, "parts.csv"));
        cli.Ok("import", "bom", Path.Combine(Dir, "bom.csv"));
    }

    /// <summary>Some data rows of the sample's exits.csv, with its header, as a file of their own.</summary>
    private static string Write(TrazaRunner cli, string name, int skip, int take)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, "exits.csv"));
        var path = Path.Combine(cli.Dir, name);
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1 + skip).Take(take)]);
        return path;
    }

    private static List<(string, string, string, string, string, string, string, string, string, string)> Rows(
        List<Dictionary<string, string>> balances) =>
        [.. balances.Select(r => (r["pedimento"] + "/" + r["partida"], r["part"], r["qty_entered"], r["qty_discharged"], r["balance"],
            r["qty_umt_balance"], r["balance_value_usd"], r["deadline"], r["days_left"], r["status"]))];
}
