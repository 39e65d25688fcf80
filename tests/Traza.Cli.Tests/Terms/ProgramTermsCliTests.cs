using System.Globalization;
using Traza.App.Reports;

namespace Traza.Cli.Tests.Terms;

/// <summary>
/// Issue 14 items 1 and 3: deadlines from the program's imported <c>terms</c> rows over the shipped defaults, the program's
/// term options (<c>init</c>, <c>program set</c>), and the <c>alert_band</c> column. Every deadline below is worked by hand
/// in its comment; SQLite here, PostgreSQL through Traza.Cli.Tests.Postgres.
/// </summary>
public sealed class ProgramTermsCliTests : IDisposable
{
    private const string EntriesHeader = "pedimento,partida,clave,date,part,qty";

    private readonly CliHarness cli = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Imported_material_six_month_rule_changes_the_deadline()
    {
        Init();
        cli.StandardParts();
        Entries("25 16 1234 5000001,1,IN,2025-01-10,MAT-1,10");
        // Default art. 108-I: 2025-01-10 + 18 months = 2026-07-10.
        Lot("2025-03-01", "251612345000001" + "1").ShouldBe(("2026-07-10", "496", "open", ""));

        Terms("kind,clave,fraccion,months,valid_from,note", "material,,,6,2000-01-01,materials six months");
        // 2025-01-10 + 6 months = 2025-07-10; 2025-03-01 → 2025-07-10 is 31 + 30 + 31 + 30 + 9 = 131 days.
        Lot("2025-03-01", "251612345000001" + "1").ShouldBe(("2025-07-10", "131", "open", ""));
        Lot("2025-07-11", "251612345000001" + "1").ShouldBe(("2025-07-10", "-1", "expired", "expired"));
    }

    [Fact]
    public void Fraccion_rule_beats_clave_rule_beats_kind_rule()
    {
        Init();
        cli.StandardParts();
        Terms("kind,clave,fraccion,months,valid_from",
            "material,,,6,2000-01-01",
            ",IN,,12,2000-01-01",
            ",,72085101,3,2000-01-01");
        Entries(
            "25 16 1234 5000001,1,IN,2025-01-10,MAT-1,10", // MAT-1 is fracción 72085101: 3 months → 2025-04-10
            "25 16 1234 5000002,1,IN,2025-01-10,MAT-2,10", // MAT-2 (39011001) under IN: the clave rule, 12 months → 2026-01-10
            "25 16 1234 5000003,1,V1,2025-01-10,MAT-2,10"); // MAT-2 under V1 (no clave rule): the kind rule, 6 months → 2025-07-10
        var rows = Balances("2025-02-01");
        rows["251612345000001" + "1"]["deadline"].ShouldBe("2025-04-10");
        rows["251612345000002" + "1"]["deadline"].ShouldBe("2026-01-10");
        rows["251612345000003" + "1"]["deadline"].ShouldBe("2025-07-10");
    }

    [Fact]
    public void Rule_applies_by_the_lots_entry_date_and_switches_on_its_effective_date()
    {
        Init();
        cli.StandardParts();
        Terms("kind,clave,fraccion,months,valid_from,valid_to",
            "material,,,12,2025-01-01,2025-01-31",
            "material,,,6,2025-02-01,");
        Entries(
            "24 16 1234 4000001,1,IN,2024-12-31,MAT-1,10", // before both rules: default 18 months → 2026-06-30
            "25 16 1234 5000001,1,IN,2025-01-31,MAT-1,10", // last day of the 12-month rule → 2026-01-31
            "25 16 1234 5000002,1,IN,2025-02-01,MAT-1,10"); // the 6-month rule's first day → 2025-08-01
        var rows = Balances("2025-03-01");
        rows["241612344000001" + "1"]["deadline"].ShouldBe("2026-06-30");
        rows["251612345000001" + "1"]["deadline"].ShouldBe("2026-01-31");
        rows["251612345000002" + "1"]["deadline"].ShouldBe("2025-08-01");
    }

    [Fact]
    public void Month_end_reading_is_a_program_option_and_its_change_is_chained()
    {
        Init();
        cli.StandardParts();
        Entries("25 16 1234 5000001,1,IN,2025-08-31,MAT-1,10");
        // 2025-08-31 + 18 months: no 31 February 2027 → the last day, 2027-02-28 (SPEC §3.7) …
        Lot("2025-09-01", "251612345000001" + "1").Deadline.ShouldBe("2027-02-28");

        var set = cli.Run("program", "set", "--month-end", "first_business_day");
        set.Exit.ShouldBe(0, set.Stderr);
        set.Stdout.ShouldContain("month_end=first_business_day");
        // … or, CFF art. 12, the first business day of the next month: Monday 2027-03-01.
        Lot("2025-09-01", "251612345000001" + "1").Deadline.ShouldBe("2027-03-01");

        var again = cli.Run("program", "set", "--month-end", "FIRST_BUSINESS_DAY");
        again.Exit.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldContain("unchanged; nothing written");

        var show = cli.Run("program", "show");
        show.Exit.ShouldBe(0, show.Stderr);
        show.Stdout.ShouldContain("month_end: first_business_day");
        show.Stdout.Split('\n').Count(l => l.StartsWith("change: batch", StringComparison.Ordinal)).ShouldBe(1);
        cli.Run("audit", "verify").Exit.ShouldBe(0);

        cli.Run("program", "set", "--month-end", "last_day").Exit.ShouldBe(0);
        Lot("2025-09-01", "251612345000001" + "1").Deadline.ShouldBe("2027-02-28");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Each_optional_set_applies_only_while_switched_on()
    {
        var init = cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial",
            "--valid-to", "2035-12-31", "--term-sets", "v1_6_months,oea_36_months");
        init.Exit.ShouldBe(0, init.Stderr);
        cli.StandardParts();
        cli.Import("parts", "tools.csv", "part,kind,umc", "TOOL-1,tooling,6").Exit.ShouldBe(0);
        Entries(
            "25 16 1234 5000001,1,V1,2025-01-10,MAT-1,10", // V1
            "25 16 1234 5000002,1,IN,2025-01-10,MAT-1,10", // material under IN
            "26 16 1234 6000003,1,IN,2026-03-01,TOOL-1,1"); // tooling under IN, entered in 2026
        const string v1 = "251612345000001" + "1", inLot = "251612345000002" + "1", tool = "261612346000003" + "1";

        // v1_6_months and oea_36_months: V1 2025-01-10 + 6 = 2025-07-10; IN material + 36 = 2028-01-10; tooling: the program.
        Deadlines("2026-03-01", v1, inLot, tool).ShouldBe(["2025-07-10", "2028-01-10", "2035-12-31"]);

        // industry_5_10_years alone: V1 and IN back to 18 months (2026-07-10); tooling from 2026 60 months → 2031-03-01.
        cli.Run("program", "set", "--term-sets", "industry_5_10_years").Exit.ShouldBe(0);
        Deadlines("2026-03-01", v1, inLot, tool).ShouldBe(["2026-07-10", "2026-07-10", "2031-03-01"]);

        // none: the defaults.
        cli.Run("program", "set", "--term-sets", "none").Exit.ShouldBe(0);
        Deadlines("2026-03-01", v1, inLot, tool).ShouldBe(["2026-07-10", "2026-07-10", "2035-12-31"]);
        cli.Run("program", "show").Stdout.ShouldContain("term_sets: none");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Cancellation_makes_later_deadlines_cancellation_plus_window_from_its_date_on()
    {
        Init();
        cli.StandardParts();
        cli.Import("parts", "tools.csv", "part,kind,umc", "TOOL-1,tooling,6").Exit.ShouldBe(0);
        Entries(
            "25 16 1234 5000001,1,AF,2025-06-01,TOOL-1,1", // AF: the program's valid-to, 2030-12-31
            "25 16 1234 5000002,1,IN,2025-06-01,MAT-1,10", // 18 months → 2026-12-01
            "24 16 1234 4000003,1,IN,2024-10-01,MAT-1,10"); // 18 months → 2026-04-01
        const string af = "251612345000001" + "1", mat = "251612345000002" + "1", early = "241612344000003" + "1";

        var set = cli.Run("program", "set", "--cancelled-on", "2026-03-15");
        set.Exit.ShouldBe(0, set.Stderr);
        // 60 days (art. 108 reformed, the default): 2026-03-15 + 60 = 2026-05-14, for the AF lot and the later material lot;
        // the lot due 2026-04-01 keeps its own deadline. As of 2026-04-01: 43 days left, band 60.
        Deadlines("2026-04-01", af, mat, early).ShouldBe(["2026-05-14", "2026-05-14", "2026-04-01"]);
        Lot("2026-04-01", af).ShouldBe(("2026-05-14", "43", "expiring", "60"));
        // As of the day before the cancellation the program still stood.
        Deadlines("2026-03-14", af, mat, early).ShouldBe(["2030-12-31", "2026-12-01", "2026-04-01"]);

        // 180 days (RGCE rule 4.3.8): 2026-03-15 + 180 = 2026-09-11.
        cli.Run("program", "set", "--cancellation-window-days", "180").Exit.ShouldBe(0);
        Deadlines("2026-04-01", af, mat, early).ShouldBe(["2026-09-11", "2026-09-11", "2026-04-01"]);

        cli.Run("program", "set", "--cancelled-on", "none").Exit.ShouldBe(0);
        Deadlines("2026-04-01", af, mat, early).ShouldBe(["2030-12-31", "2026-12-01", "2026-04-01"]);
        cli.Run("program", "show").Stdout.ShouldContain("cancellation_window_days: 180");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Reversed_terms_row_counts_nowhere()
    {
        Init();
        cli.StandardParts();
        Entries("25 16 1234 5000001,1,IN,2025-01-10,MAT-1,10");
        Terms("kind,clave,fraccion,months,valid_from", "material,,,6,2000-01-01");
        Lot("2025-03-01", "251612345000001" + "1").Deadline.ShouldBe("2025-07-10");

        var batch = CsvText.Rows(cli.Run("report", "batches", "--format", "csv").Stdout).Last(b => b["layout"] == "terms")["batch"];
        cli.Import("reversals", "rev.csv", "batch,line,reason", $"{batch},2,wrong term").Exit.ShouldBe(0);
        Lot("2025-03-01", "251612345000001" + "1").Deadline.ShouldBe("2026-07-10");
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    [Fact]
    public void Alert_band_follows_the_90_60_30_day_boundaries_in_balances_and_expiring()
    {
        Init();
        cli.StandardParts();
        Entries(
            "25 16 1234 5000001,1,IN,2025-01-10,MAT-1,10", // deadline 2026-07-10
            "25 16 1234 5000002,1,IN,2025-01-10,MAT-2,10"); // deadline 2026-07-10, closed below
        cli.Import("exits", "x.csv", "pedimento,partida,clave,date,part,qty", "25 16 1234 5100001,1,RT,2025-02-01,MAT-2,10").Exit.ShouldBe(0);
        var deadline = new DateOnly(2026, 7, 10);
        foreach (var (daysLeft, band, status) in new[]
        {
            (91, "", "open"), (90, "90", "expiring"), (61, "90", "expiring"), (60, "60", "expiring"), (31, "60", "expiring"),
            (30, "30", "expiring"), (0, "30", "expiring"), (-1, "expired", "expired"),
        })
        {
            var asOf = deadline.AddDays(-daysLeft).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Lot(asOf, "251612345000001" + "1").ShouldBe(("2026-07-10", daysLeft.ToString(CultureInfo.InvariantCulture), status, band), asOf);
            Lot(asOf, "251612345000002" + "1").Band.ShouldBe(string.Empty, "closed");
            var expiring = cli.Run("report", "expiring", "--as-of", asOf, "--format", "csv");
            expiring.Exit.ShouldBe(0, expiring.Stderr);
            expiring.Stdout.Split('\n')[0].TrimEnd().ShouldEndWith(",deadline,days_left,status,alert_band,reserved"); // docs/cli.md: reserved (work orders) after alert_band
            CsvText.Rows(expiring.Stdout).Select(r => r["alert_band"]).ShouldBe(daysLeft > 90 ? [] : [band], asOf);
        }
    }

    [Fact]
    public void Lot_ledger_takes_the_same_program_deadlines_as_balances()
    {
        Init();
        cli.StandardParts();
        cli.Run("program", "set", "--term-sets", "oea_36_months", "--cancelled-on", "2027-01-01", "--cancellation-window-days", "180")
            .Exit.ShouldBe(0);
        Terms("kind,clave,fraccion,months,valid_from", ",,72085101,3,2000-01-01");
        Entries("25 16 1234 5000001,1,IN,2025-01-10,MAT-1,10", "25 16 1234 5000002,1,IN,2025-01-10,MAT-2,10");
        var balances = Balances("2027-02-01");
        using var store = TestStore.Open(cli.Db, cli.Clock);
        var lots = LotLedger.Lots(store, new DateOnly(2027, 2, 1), null);
        // MAT-1: fracción rule 3 months → 2025-04-10; MAT-2: OEA 36 months → 2028-01-10, capped at 2027-01-01 + 180 = 2027-06-30.
        lots.Select(l => (l.Entry.Pedimento, l.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .ShouldBe([("251612345000001", "2025-04-10"), ("251612345000002", "2027-06-30")]);
        lots.Select(l => balances[l.Entry.Pedimento + l.Entry.Partida.ToString(CultureInfo.InvariantCulture)]["deadline"])
            .ShouldBe(["2025-04-10", "2027-06-30"]);
    }

    [Fact]
    public void Program_options_are_validated_and_need_a_program()
    {
        cli.Run("program", "set", "--term-sets", "oea_36_months").Exit.ShouldBe(2);
        cli.Run("program", "show").Exit.ShouldBe(2);
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial", "--term-sets", "oea").Exit.ShouldBe(2);
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial", "--month-end", "end").Exit.ShouldBe(2);
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial",
            "--cancellation-window-days", "-5").Exit.ShouldBe(2);
        var init = cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial",
            "--valid-from", "2020-01-01", "--month-end", "first_business_day", "--business-day-shift", "yes", "--cancellation-window-days", "180");
        init.Exit.ShouldBe(0, init.Stderr);
        var show = cli.Run("program", "show").Stdout;
        show.ShouldContain("month_end: first_business_day");
        show.ShouldContain("business_day_shift: yes");
        show.ShouldContain("cancellation_window_days: 180");
        show.ShouldContain("change: batch 1 (init");
        cli.Run("program", "set").Exit.ShouldBe(2);
        cli.Run("program", "set", "--business-day-shift", "maybe").Exit.ShouldBe(2);
        cli.Run("program", "set", "--cancelled-on", "2019-12-31").Exit.ShouldBe(2);
        cli.Run("program", "set", "--cancelled-on", "31/12/2026").Exit.ShouldBe(2);
        cli.Run("audit", "verify").Exit.ShouldBe(0);
    }

    private void Init(string validTo = "2030-12-31") =>
        cli.Run("init", "--rfc", "ABC010101AB1", "--name", "A", "--immex", "1", "--modality", "industrial", "--valid-to", validTo)
            .Exit.ShouldBe(0);

    private void Entries(params string[] rows)
    {
        var r = cli.Import("entries", "entries-" + Guid.NewGuid().ToString("N") + ".csv", [EntriesHeader, .. rows]);
        r.Exit.ShouldBe(0, r.Stderr);
    }

    private void Terms(params string[] lines)
    {
        var r = cli.Import("terms", "terms-" + Guid.NewGuid().ToString("N") + ".csv", lines);
        r.Exit.ShouldBe(0, r.Stderr);
    }

    /// <summary>The balances rows as of a date, by pedimento + partida.</summary>
    private Dictionary<string, Dictionary<string, string>> Balances(string asOf)
    {
        var r = cli.Run("report", "balances", "--as-of", asOf, "--format", "csv");
        r.Exit.ShouldBe(0, r.Stderr);
        return CsvText.Rows(r.Stdout).ToDictionary(row => row["pedimento"] + row["partida"]);
    }

    private (string Deadline, string DaysLeft, string Status, string Band) Lot(string asOf, string lot)
    {
        var row = Balances(asOf)[lot];
        return (row["deadline"], row["days_left"], row["status"], row["alert_band"]);
    }

    private string[] Deadlines(string asOf, params string[] lots)
    {
        var rows = Balances(asOf);
        return [.. lots.Select(l => rows[l]["deadline"])];
    }
}
