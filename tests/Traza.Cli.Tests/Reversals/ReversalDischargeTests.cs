using CsCheck;
using Traza.Cli.Tests.WorkedExamples;
using static Traza.Cli.Tests.Discharge.IncrementalDischargeTests;

namespace Traza.Cli.Tests.Reversals;

/// <summary>
/// Issue 11 item 3: reversals honoured by the discharge, incremental included — a discharge after a reversal ends where a
/// full run ends, and where a ledger that never had the reversed rows ends. Generated `small` ledgers (batches: 1 init,
/// 2 parts, 3 bom, 4 entries, 5 exits, 6 events).
/// </summary>
public sealed class ReversalDischargeTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Reports = ["balances", "shortages", "custody"];

    [Fact]
    public void Reversed_exits_and_events_resume_from_the_earliest_reversed_date_and_equal_a_full_run()
    {
        TestStore.RequireServer(); // a skip inside the sample would fail, wrapped
        Gen.Int[1, 10_000].Sample(
            seed =>
            {
                using var t = new TrazaRunner(Now);
                var gen = Generate(t, 3);
                Import(t, gen, gen.Entries, gen.Exits);
                t.Ok("discharge", "--as-of", "2025-12-31");
                var random = new Random(seed);
                var exits = Pick(gen.Exits.Count, random, 0.02);
                var events = File.ReadAllLines(Path.Combine(gen.Dir, "events.csv")).Length - 1;
                var reversals = Reversals(5, exits).Concat(Reversals(6, Pick(events, random, 0.5))).ToList();
                var earliest = exits.Select(i => Date(gen.Exits[i], 3)).Min();
                ImportReversals(t, reversals);

                var (_, output, _) = t.Run("discharge", "--as-of", "2025-12-31");
                output.ShouldContain($"resumed from {earliest:yyyy-MM-dd}");
                SameAsFullRun(t, "2025-12-31");
            },
            iter: 3);
    }

    [Fact]
    public void Reversed_exits_and_events_leave_the_reports_of_a_ledger_that_never_had_them()
    {
        TestStore.RequireServer(); // a skip inside the sample would fail, wrapped
        Gen.Int[1, 10_000].Sample(
            seed =>
            {
                using var t = new TrazaRunner(Now);
                var gen = Generate(t, 4);
                Import(t, gen, gen.Entries, gen.Exits);
                t.Ok("discharge", "--as-of", "2025-12-31");
                var random = new Random(seed);

                // Exits after the waste destructions (2025-12-26), so the ledger without them still has the waste it disposes of.
                var late = Enumerable.Range(0, gen.Exits.Count).Where(i => Date(gen.Exits[i], 3) > new DateOnly(2025, 12, 26)).ToList();
                var exits = late.Where(_ => random.NextDouble() < 0.3).ToHashSet();
                var eventRows = File.ReadAllLines(Path.Combine(gen.Dir, "events.csv"));
                var events = Pick(eventRows.Length - 1, random, 0.5);
                ImportReversals(t, [.. Reversals(5, exits), .. Reversals(6, events)]);
                t.Ok("discharge", "--as-of", "2025-12-31");

                using var never = new TrazaRunner(Now);
                Import(never, gen, gen.Entries, [.. gen.Exits.Where((_, i) => !exits.Contains(i))], skipEvents: true);
                var keptEvents = Path.Combine(never.Dir, "events-kept.csv");
                File.WriteAllLines(keptEvents, [eventRows[0], .. eventRows.Skip(1).Where((_, i) => !events.Contains(i))]);
                never.Ok("import", "events", keptEvents);
                never.Ok("discharge", "--as-of", "2025-12-31");
                SameReports(t, never);
            },
            iter: 2);
    }

    [Fact]
    public void Reversed_entries_run_in_full_and_leave_the_reports_of_a_ledger_that_never_had_them()
    {
        using var t = new TrazaRunner(Now);
        var gen = Generate(t, 5);
        Import(t, gen, gen.Entries, gen.Exits);
        t.Ok("discharge", "--as-of", "2025-12-31");
        var random = new Random(5);

        // Entries of the last weeks (the last is dated 2025-12-01): the waste destructions of December keep their waste.
        var entries = Enumerable.Range(0, gen.Entries.Count)
            .Where(i => Date(gen.Entries[i], 3) > new DateOnly(2025, 11, 15) && random.NextDouble() < 0.2).ToHashSet();
        entries.ShouldNotBeEmpty();
        ImportReversals(t, [.. Reversals(4, entries)]);
        var (_, output, _) = t.Run("discharge", "--as-of", "2025-12-31");
        output.ShouldNotContain("resumed");

        using var never = new TrazaRunner(Now);
        Import(never, gen, [.. gen.Entries.Where((_, i) => !entries.Contains(i))], gen.Exits);
        never.Ok("discharge", "--as-of", "2025-12-31");
        SameReports(t, never);
    }

    [Fact]
    public void Reversing_the_whole_exits_batch_then_discharging_incrementally_equals_a_full_run_without_allocations()
    {
        using var t = new TrazaRunner(Now);
        var gen = Generate(t, 6);
        Import(t, gen, gen.Entries, gen.Exits);
        t.Ok("discharge", "--as-of", "2025-12-31");
        t.Ok("reverse", "--batch", "5", "--reason", "wrong exits file");
        t.Ok("discharge", "--as-of", "2025-12-31");
        SameAsFullRun(t, "2025-12-31");
        t.Csv("report", "custody", "--as-of", "2025-12-31").ShouldAllBe(r => r["exit_clave"] != "RT", "no exit left");
        t.Csv("report", "shortages", "--as-of", "2025-12-31").ShouldAllBe(r => r["exit_document"].StartsWith("ACTA", StringComparison.Ordinal));
    }

    private static void SameReports(TrazaRunner t, TrazaRunner never)
    {
        foreach (var report in Reports)
        {
            var got = t.Csv("report", report, "--as-of", "2025-12-31").Select(r => string.Join('|', r.Values)).ToList();
            var want = never.Csv("report", report, "--as-of", "2025-12-31").Select(r => string.Join('|', r.Values)).ToList();
            got.ShouldBe(want, report);
        }
    }

    /// <summary>Row indexes (0-based, after the header) picked with probability <paramref name="p"/>; at least one.</summary>
    private static HashSet<int> Pick(int count, Random random, double p)
    {
        var picked = Enumerable.Range(0, count).Where(_ => random.NextDouble() < p).ToHashSet();
        if (picked.Count == 0)
        {
            picked.Add(random.Next(count));
        }

        return picked;
    }

    /// <summary>Reversals rows of batch <paramref name="batch"/>: row i of its file is line i + 2 (the header is line 1).</summary>
    private static IEnumerable<string> Reversals(int batch, IEnumerable<int> rows) =>
        rows.Order().Select(i => $"{batch},{i + 2},test reversal");

    private static void ImportReversals(TrazaRunner t, List<string> rows)
    {
        var path = Path.Combine(t.Dir, "reversals.csv");
        File.WriteAllLines(path, ["batch,line,reason", .. rows]);
        t.Ok("import", "reversals", path);
    }
}
