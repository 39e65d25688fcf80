using System.Globalization;
using Traza.Cli.Tests.WorkedExamples;
using static Traza.Cli.Tests.Discharge.IncrementalDischargeTests;

namespace Traza.Cli.Tests.Discharge;

/// <summary>
/// docs/cli.md "discharge" and "Work orders": on a generated program with work orders, a run resumes when every work order
/// dated before the resume date shipped all its kits before it, and ends where a full run ends — pools, shortages, findings,
/// reservations and kit draws (<c>audit verify --recompute</c>), balances.
/// </summary>
public sealed class WorkOrderIncrementalTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(31, "2025-07-01")]
    [InlineData(32, "2025-10-01")]
    public void Exits_and_work_orders_after_shipped_work_orders_resume_and_end_where_a_full_run_ends(int seed, string cut)
    {
        using var t = new TrazaRunner(Now);
        var gen = Generate(t, seed);
        var from = DateOnly.Parse(cut, CultureInfo.InvariantCulture);
        var (before, after) = Split(gen.Exits, row => Date(row, 3) < from);
        Import(t, gen, gen.Entries, before);

        // Early work orders: a thousandth of a kit on the date of each product's first exit, which takes it that very day.
        // Late ones: half of each product's first exit on or after the cut, on its date.
        var products = File.ReadAllLines(Path.Combine(gen.Dir, "bom.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (Client: f[7], Product: f[0])).ToHashSet();
        string[] early = [.. FirstExits(before, products).Select((x, i) => $"{x.Date},work_order,{x.Part},0.001,E-{i},{x.Client}")];
        string[] late = [.. FirstExits(after, products).Select((x, i) => $"{x.Date},work_order,{x.Part},{x.Qty / 2},L-{i},{x.Client}")];
        early.Length.ShouldBeGreaterThan(0);
        late.Length.ShouldBeGreaterThan(0);
        WriteAndImport(t, "early.csv", "date,type,part,qty,reference,client", [.. early], "events");
        t.Ok("discharge", "--as-of", "2025-12-31");

        WriteAndImport(t, "late.csv", "date,type,part,qty,reference,client", [.. late], "events");
        WriteAndImport(t, "exits-2.csv", gen.ExitsHeader, after, "exits");
        var (_, output, _) = t.Run("discharge", "--as-of", "2025-12-31");
        output.ShouldContain("resumed from " + cut[..7]); // the earliest late work order or exit, in the cut's month
        SameAsFullRun(t, "2025-12-31");
        t.Csv("report", "work-orders", "--as-of", "2025-12-31").Count.ShouldBe(early.Length + late.Length);
    }

    /// <summary>Per (client, product with a BOM): its first exit of <paramref name="rows"/> with no production date.</summary>
    private static IEnumerable<(string Client, string Part, string Date, decimal Qty)> FirstExits(
        List<string> rows, HashSet<(string Client, string Product)> products) =>
        rows.Select(r => r.Split(','))
            .Where(f => f[11].Length == 0 && products.Contains((f[15], f[4])))
            .GroupBy(f => (f[15], f[4]))
            .Select(g => g.OrderBy(f => f[3], StringComparer.Ordinal).First())
            .Select(f => (f[15], f[4], f[3], decimal.Parse(f[5], CultureInfo.InvariantCulture)));
}
