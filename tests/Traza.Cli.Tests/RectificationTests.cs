namespace Traza.Cli.Tests;

/// <summary>
/// Rectifications taken by the ledger (issue 13 item 3, SPEC §3.8): a pedimento whose rows name in <c>rectifies</c> a previous
/// one replaces it from the rectification date on; the lot keeps the original entry date and FIFO position, answers to both
/// numbers, takes the rectified clave and quantities, and discharges re-run from the original date — incremental runs
/// included. Worked by hand:
/// <code>
/// A  255034565000001 p1 IN 2025-01-10 MAT-1 100      X1 255034565000200 RT 2025-03-01 MAT-1 30
/// B  255034565000002 p1 IN 2025-02-01 MAT-1 50       X2 255034565000201 RT 2025-05-01 MAT-1 70
/// R  255034565000003 p1 IN 2025-04-15 MAT-1 80, rectifies A
/// as of 2025-03-31 (R not yet declared): A 100 − 30 = 70, B 50.
/// as of 2025-06-30: lot A is R's 80 at A's date and FIFO place: X1 30 + X2 50 → closed; X2's other 20 from B → 30 left.
/// Without R taken: A 100 − 100, B 50, and a third lot R 80 untouched — 130 in the country instead of 30.
/// </code>
/// </summary>
public sealed class RectificationTests : IDisposable
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty,value_usd,rectifies";
    private const string ExitsHeader = "pedimento,partida,clave,date,part,qty,rectifies";
    private const string A = "255034565000001";
    private const string B = "255034565000002";
    private const string R = "255034565000003";

    private readonly CliHarness cli = new(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public RectificationTests()
    {
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        cli.StandardParts();
    }

    public void Dispose() => cli.Dispose();

    private void ImportWorkedExample(bool rectificationInOwnFile = false)
    {
        string[] entries = [$"{A},1,IN,2025-01-10,MAT-1,100,1000,", $"{B},1,IN,2025-02-01,MAT-1,50,600,"];
        var rectification = $"{R},1,IN,2025-04-15,MAT-1,80,960,{A}";
        cli.Import("entries", "e.csv", [EntriesHeader, .. entries, .. rectificationInOwnFile ? Array.Empty<string>() : [rectification]])
            .Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty",
            "255034565000200,1,RT,2025-03-01,MAT-1,30", "255034565000201,1,RT,2025-05-01,MAT-1,70").Exit.ShouldBe(0);
        if (rectificationInOwnFile)
        {
            cli.Import("entries", "r.csv", EntriesHeader, rectification).Exit.ShouldBe(0);
        }
    }

    /// <summary>pedimento, clave, entry_date, qty_entered, qty_discharged, balance, balance_value_usd of each balances row.</summary>
    private string[] Balances(string asOf) =>
        [.. cli.ReportCsv("balances", "--as-of", asOf).Skip(1).Select(l => l.Split(','))
            .Select(c => string.Join(' ', c[0], c[2], c[3], c[7], c[8], c[9], c[12]))];

    [Fact]
    public void Rectified_lot_keeps_entry_date_and_fifo_place_with_the_rectified_quantity()
    {
        ImportWorkedExample();
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);

        Balances("2025-06-30").ShouldBe([$"{A} IN 2025-01-10 80 80 0 0", $"{B} IN 2025-02-01 50 20 30 360"]);
    }

    [Fact]
    public void Rectification_dated_after_the_as_of_does_not_count_yet()
    {
        ImportWorkedExample();
        cli.Run("discharge", "--as-of", "2025-03-31").Exit.ShouldBe(0);

        Balances("2025-03-31").ShouldBe([$"{A} IN 2025-01-10 100 30 70 700", $"{B} IN 2025-02-01 50 0 50 600"]);
    }

    [Fact]
    public void Rectified_lot_answers_to_both_numbers_in_custody()
    {
        ImportWorkedExample();
        cli.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);

        foreach (var number in new[] { A, R })
        {
            var rows = cli.ReportCsv("custody", "--as-of", "2025-06-30", "--pedimento", number).Skip(1).Select(l => l.Split(',')).ToList();
            rows.Select(c => (c[0], c[5], c[7], c[9], c[10])).ShouldBe(
                [("255034565000200", "30", A, "2025-01-10", "360"), ("255034565000201", "50", A, "2025-01-10", "600")],
                $"custody --pedimento {number}");
        }
    }

    [Fact]
    public void Runs_stored_before_across_and_after_a_rectification_equal_one_full_run()
    {
        // Here: the whole ledger at once, one full run as of 2025-07-31.
        ImportWorkedExample();
        cli.Import("exits", "x3.csv", ExitsHeader,
            "255034565000202,1,RT,2025-07-05,MAT-1,5,", "255034565000401,1,RT,2025-07-10,MAT-1,25,255034565000202",
            "255034565000203,1,RT,2025-07-08,MAT-1,1,").Exit.ShouldBe(0);
        cli.Run("discharge", "--full", "--as-of", "2025-07-31").Exit.ShouldBe(0);
        var full = Balances("2025-07-31");
        full.ShouldBe([$"{A} IN 2025-01-10 80 80 0 0", $"{B} IN 2025-02-01 50 46 4 48"]);

        // There: the same ledger built in steps, a run stored between them — before the rectification is imported, before
        // its date, across it, then resumed days later with it (and an exit rectification) in force.
        using var other = new CliHarness(new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero));
        other.Run("init", "--rfc", "ABC010101AB1", "--name", "Acme", "--immex", "2019-1", "--modality", "industrial").Exit.ShouldBe(0);
        other.StandardParts();
        other.Import("entries", "e.csv", EntriesHeader, $"{A},1,IN,2025-01-10,MAT-1,100,1000,", $"{B},1,IN,2025-02-01,MAT-1,50,600,")
            .Exit.ShouldBe(0);
        other.Import("exits", "x.csv", ExitsHeader, "255034565000200,1,RT,2025-03-01,MAT-1,30,").Exit.ShouldBe(0);
        other.Run("discharge", "--as-of", "2025-03-31").Exit.ShouldBe(0);
        other.Import("entries", "r.csv", EntriesHeader, $"{R},1,IN,2025-04-15,MAT-1,80,960,{A}").Exit.ShouldBe(0);
        other.Run("discharge", "--as-of", "2025-04-10").Exit.ShouldBe(0);
        other.Import("exits", "x2.csv", ExitsHeader, "255034565000201,1,RT,2025-05-01,MAT-1,70,").Exit.ShouldBe(0);
        other.Run("discharge", "--as-of", "2025-06-30").Exit.ShouldBe(0);
        other.Import("exits", "x3.csv", ExitsHeader, "255034565000202,1,RT,2025-07-05,MAT-1,5,").Exit.ShouldBe(0);
        other.Run("discharge", "--as-of", "2025-07-06").Exit.ShouldBe(0);
        other.Import("exits", "x4.csv", ExitsHeader, "255034565000401,1,RT,2025-07-10,MAT-1,25,255034565000202").Exit.ShouldBe(0);
        other.Run("discharge", "--as-of", "2025-07-20").Exit.ShouldBe(0);

        // Resumed from 2025-07-08 with the rectified exit (dated 2025-07-10, run in its original's place on 2025-07-05) in
        // force: it is already in the stored state and must not run twice.
        other.Import("exits", "x5.csv", ExitsHeader, "255034565000203,1,RT,2025-07-08,MAT-1,1,").Exit.ShouldBe(0);
        var resumed = other.Run("discharge", "--as-of", "2025-07-31");
        resumed.Exit.ShouldBe(0);
        (resumed.Stdout + resumed.Stderr).ShouldContain("resumed from 2025-07-08");
        other.ReportCsv("balances", "--as-of", "2025-07-31").Skip(1).Select(l => l.Split(','))
            .Select(c => string.Join(' ', c[0], c[2], c[3], c[7], c[8], c[9], c[12])).ShouldBe(full);
        other.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Rectified_clave_gives_the_lot_its_term()
    {
        // IN: 18 months from the original entry date (2026-07-10); rectified to AF (fixed asset, art. 108-III): the program's
        // term, empty without a valid-to.
        cli.Import("entries", "e.csv", EntriesHeader, $"{A},1,IN,2025-01-10,MAT-1,100,1000,").Exit.ShouldBe(0);
        cli.ReportCsv("balances", "--as-of", "2025-06-30")[1].Split(',')[13].ShouldBe("2026-07-10");
        cli.Import("entries", "r.csv", EntriesHeader, $"{R},1,AF,2025-04-15,MAT-1,100,1000,{A}").Exit.ShouldBe(0);
        var row = cli.ReportCsv("balances", "--as-of", "2025-06-30")[1].Split(',');
        (row[0], row[2], row[3], row[13]).ShouldBe((A, "AF", "2025-01-10", ""));
    }

    [Fact]
    public void Rectified_exit_runs_in_the_original_place_with_the_rectified_quantity()
    {
        // X2 (70 on 2025-05-01) rectified on 2025-05-20 to 60: A 100 − 30 − 60 → 10 left, B untouched.
        cli.Import("entries", "e.csv", EntriesHeader, $"{A},1,IN,2025-01-10,MAT-1,100,1000,", $"{B},1,IN,2025-02-01,MAT-1,50,600,")
            .Exit.ShouldBe(0);
        cli.Import("exits", "x.csv", ExitsHeader,
            "255034565000200,1,RT,2025-03-01,MAT-1,30,", "255034565000201,1,RT,2025-05-01,MAT-1,70,").Exit.ShouldBe(0);
        cli.Run("discharge", "--as-of", "2025-05-10").Exit.ShouldBe(0);
        Balances("2025-05-10").ShouldBe([$"{A} IN 2025-01-10 100 100 0 0", $"{B} IN 2025-02-01 50 0 50 600"]);

        cli.Import("exits", "x2.csv", ExitsHeader, $"255034565000301,1,RT,2025-05-20,MAT-1,60,255034565000201").Exit.ShouldBe(0);
        Balances("2025-06-30").ShouldBe([$"{A} IN 2025-01-10 100 90 10 100", $"{B} IN 2025-02-01 50 0 50 600"]);
        var custody = cli.ReportCsv("custody", "--as-of", "2025-06-30", "--exit", "255034565000201").Skip(1).ToList();
        custody.Select(l => l.Split(',')[5]).ShouldBe(["60"]); // the exit answers to the original's number too
    }

    [Fact]
    public void Chain_of_rectifications_counts_the_last_under_the_first_number()
    {
        cli.Import("entries", "e.csv", EntriesHeader,
            $"{A},1,IN,2025-01-10,MAT-1,100,1000,",
            $"{R},1,IN,2025-04-15,MAT-1,80,960,{A}",
            $"255034565000004,1,IN,2025-04-20,MAT-1,90,990,{R}").Exit.ShouldBe(0);
        Balances("2025-04-16").ShouldBe([$"{A} IN 2025-01-10 80 0 80 960"]);
        Balances("2025-06-30").ShouldBe([$"{A} IN 2025-01-10 90 0 90 990"]);
    }
}
