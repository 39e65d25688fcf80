using System.Globalization;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Traza.App.Discharge;
using Traza.App.Reports;
using Traza.Formats.Reports;
using Traza.Storage;
using static Traza.Cli.Tests.Reports.BalancesCsvPropertyTests;

namespace Traza.Cli.Tests.Reports;

/// <summary>
/// The point read of a lot (<see cref="LotLookup"/>) and a page of <c>balances</c> (<see cref="BalancesPage"/>) against their
/// plain twin, the full <c>balances</c> report (issue 16 item 6): over random ledgers (<see cref="BalancesCsvPropertyTests"/>'
/// generator, plus rectifications — SPEC §3.8 rows that count under another number and date), at dates on, before and
/// after the stored run, for every client filter, on both stores (Traza.Cli.Tests.Postgres), the lookup of every pedimento
/// (and partida) gives exactly the report's rows of it, and the pages, followed cursor by cursor, give the report's rows.
/// </summary>
public sealed class LotLookupPropertyTests
{
    public sealed record Case(GenLedger Ledger, (int Rectification, int Original)[] Rectifies, int Limit)
    {
        public override string ToString() => $"{Ledger}\n  rectifies {string.Join(", ", Rectifies)} limit {Limit}";
    }

    private static readonly Gen<Case> Cases =
        from ledger in Ledger
        from rectifies in Gen.Select(Gen.Int[0, 24], Gen.Int[0, 24]).Array[0, 4]
        from limit in Gen.OneOf(Gen.Int[1, 4], Gen.Int[5, 40])
        select new Case(ledger, rectifies, limit);

    [Fact]
    public void Lookup_and_pages_give_the_balances_reports_rows()
    {
        TestStore.RequireServer(); // a skip inside the sample would fail, wrapped
        var rows = 0;
        var discharged = 0;
        var rebased = 0;
        var allocated = 0;
        Cases.Sample(c =>
        {
            var l = c.Ledger;
            var target = TestStore.NewTarget(Directory.CreateTempSubdirectory("traza-lookup-").FullName, "ledger.db");
            try
            {
                using var store = TestStore.Open(target, new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero)));
                var rectifies = Import(store, c);
                if (l.Exits.Length > 0)
                {
                    _ = DischargeService.Run(store, l.AsOf);
                }

                var asOf = l.AsOf.AddDays(l.ReportDays);
                var full = BalancesReport.Build(store, asOf, l.Client).Rows.Select(Cells).ToList();
                rows += full.Count;
                discharged += full.Count(r => r[8] != "0");
                rebased += full.Count(r => rectifies.Contains(r[0]));

                // Each lookup and page without a cache, then with one as traza serve keeps it (StoredRunCache): filled, then read.
                var cache = new StoredRunCache();
                foreach (var pedimento in l.Entries.Select(e => e.Pedimento).Distinct())
                {
                    var lots = LotLookup.Balances(store, asOf, l.Client, pedimento, null).Rows.Select(Cells).ToList();
                    lots.ShouldBe(full.Where(r => r[0] == pedimento).ToList(), $"lookup of {pedimento}");
                    foreach (var pass in new[] { "cache filling", "cache read" })
                    {
                        LotLookup.Balances(store, asOf, l.Client, pedimento, null, cache).Rows.Select(Cells).ToList()
                            .ShouldBe(lots, $"lookup of {pedimento}, {pass}");
                    }

                    foreach (var partida in new[] { 1, 2 })
                    {
                        LotLookup.Balances(store, asOf, l.Client, pedimento, partida).Rows.Select(Cells).ToList()
                            .ShouldBe(full.Where(r => r[0] == pedimento && r[1] == Text(partida)).ToList(), $"lookup of {pedimento} partida {partida}");
                    }
                }

                var paged = new List<string[]>();
                string? after = null;
                for (var page = 0; ; page++)
                {
                    var (data, next) = BalancesPage.Page(store, asOf, l.Client, after, c.Limit);
                    var these = data.Rows.Select(Cells).ToList();
                    these.Count.ShouldBeLessThanOrEqualTo(c.Limit);
                    paged.AddRange(these);
                    if (next is null)
                    {
                        break;
                    }

                    these.Count.ShouldBe(c.Limit, "a page before the last is full");
                    page.ShouldBeLessThan(full.Count + 1);
                    after = next;
                }

                paged.ShouldBe(full, "the pages, in order, are the report");
                foreach (var pass in new[] { "cache filling", "cache read" })
                {
                    var pages = new List<string[]>();
                    string? cursor = null;
                    do
                    {
                        var (data, next) = BalancesPage.Page(store, asOf, l.Client, cursor, c.Limit, cache);
                        pages.AddRange(data.Rows.Select(Cells));
                        cursor = next;
                    }
                    while (cursor is not null);
                    pages.ShouldBe(full, $"the pages, {pass}");
                }

                allocated += CustodyMatches(store, asOf, l.Client, l.Entries.Select(e => e.Pedimento).Distinct());
            }
            finally
            {
                TestStore.Drop(target);
            }
        }, iter: 40, threads: 1, print: c => c.ToString());

        // The generator reaches lots partly discharged, rectified lots and allocations.
        rows.ShouldBeGreaterThan(40, $"discharged {discharged}");
        discharged.ShouldBeGreaterThan(3);
        rebased.ShouldBeGreaterThan(0);
        allocated.ShouldBeGreaterThan(0);
        cacheReads.ShouldBeGreaterThan(0);
    }

    private static int cacheReads;

    /// <summary>The custody summary of each lot counts and sums the <c>custody --pedimento</c> rows of that lot.</summary>
    private static int CustodyMatches(ITrazaStore store, DateOnly asOf, string? client, IEnumerable<string> pedimentos)
    {
        var allocations = 0;
        var cache = new StoredRunCache(); // as traza serve keeps one: filled by the first pass, read by the second
        var plain = new Dictionary<string, string[][]>();
        var cached = store.Derived.LatestRun() is { } run && asOf >= run.AsOf;
        foreach (var pass in new[] { "without a cache", "cache filling", "cache read" })
        {
            var misses = cache.Misses;
            foreach (var pedimento in pedimentos.Where(p => p.Length == 15 && p.All(char.IsAsciiDigit)))
            {
                var (_, summary) = LotLookup.Run(store, asOf, client, pedimento, null, pass == "without a cache" ? null : cache);
                var cells = summary.Rows.Select(Cells).ToArray();
                if (pass == "without a cache")
                {
                    plain[pedimento] = cells;
                }
                else
                {
                    cells.ShouldBe(plain[pedimento], $"summary of {pedimento}, {pass}");
                }

                var custody = CustodyReport.Build(store, asOf, client, new CustodyFilter(pedimento)).Rows.ToList();
                foreach (var s in summary.Rows)
                {
                    // exit_document(0), exit_clave(1), exit_date(2), product(3), component(4), qty(5), entry_pedimento(7),
                    // entry_partida(8), client(11)
                    var mine = custody.Where(r => Equals(r[7], s[0]) && Equals(r[8], s[1]) && Equals(r[4], s[2]) && Equals(r[11], s[3])).ToList();
                    ((long)s[4]!).ShouldBe(mine.Count, $"allocations of {pedimento}, {pass}");
                    ((decimal)s[6]!).ShouldBe(mine.Sum(r => (decimal)r[5]!), $"qty of {pedimento}, {pass}");
                    s[7].ShouldBe(mine.Count == 0 ? null : mine.Min(r => (DateOnly)r[2]!), $"first date of {pedimento}, {pass}");
                    s[8].ShouldBe(mine.Count == 0 ? null : mine.Max(r => (DateOnly)r[2]!), $"last date of {pedimento}, {pass}");
                    ((long)s[5]!).ShouldBeLessThanOrEqualTo(mine.Count);
                    ((long)s[5]!).ShouldBeGreaterThanOrEqualTo(mine.Select(r => (r[0], r[2])).Distinct().LongCount(), $"movements of {pedimento}, {pass}");
                    allocations += pass == "without a cache" ? mine.Count : 0;
                }
            }

            if (pass == "cache read" && cached)
            {
                cache.Misses.ShouldBe(misses, "every pool read from the cache");
                Interlocked.Increment(ref cacheReads);
            }
        }

        return allocations;
    }

    private static string[] Cells(object?[] row) => [.. row.Select(CellText.Format)];

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Imports the ledger; entry i rectifies entry j's pedimento for each pair (when both exist and differ). Returns the rectified numbers.</summary>
    private static HashSet<string> Import(ITrazaStore store, Case c)
    {
        var l = c.Ledger;
        var rectifies = new Dictionary<int, string>();
        foreach (var (i, j) in c.Rectifies)
        {
            if (i < l.Entries.Length && j < l.Entries.Length && l.Entries[i].Pedimento != l.Entries[j].Pedimento)
            {
                rectifies[i] = l.Entries[j].Pedimento;
            }
        }

        using (var batch = store.BeginBatch("parts", "parts.csv", "p"))
        {
            var line = 2;
            foreach (var p in l.Parts.DistinctBy(p => (p.Client, p.Part)))
            {
                if (p.Client.Length > 0)
                {
                    _ = batch.EnsureClient(p.Client, line);
                }

                _ = batch.AddPart(new PartRecord(p.Client, p.Part, "d", p.Kind, "72085101", "00", p.Umc, "KG", p.UmtPerUmc, "US",
                    p.National ? "national" : "imported"), line++);
            }

            _ = batch.Commit();
        }

        using (var batch = store.BeginBatch("entries", "entries.csv", "e"))
        {
            var line = 2;
            var keys = new HashSet<(string, string, int, string)>();
            for (var i = 0; i < l.Entries.Length; i++)
            {
                var e = l.Entries[i];
                var p = l.Parts[e.Part];
                if (keys.Add((p.Client, e.Pedimento, e.Partida, p.Part)))
                {
                    _ = batch.AddEntry(new EntryRecord(p.Client, e.Pedimento, e.Partida, p.Part, e.Clave, e.Date, e.Qty, e.QtyUmt, e.ValueUsd,
                        null, null, "US", null, null, rectifies.GetValueOrDefault(i), null), line++);
                }
            }

            _ = batch.Commit();
        }

        using (var batch = store.BeginBatch("exits", "exits.csv", "x"))
        {
            var line = 2;
            foreach (var x in l.Exits)
            {
                var p = l.Parts[x.Part];
                _ = batch.AddExit(new ExitRecord(p.Client, "260000000000" + line.ToString("D3", CultureInfo.InvariantCulture), 1, p.Part,
                    "H1", x.Date, x.Qty, null, null, "US", null, null, null, null, null, null), line++);
            }

            _ = batch.Commit();
        }

        return [.. rectifies.Values];
    }
}
