using Traza.App.Discharge;
using Traza.Domain.Discharge;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// The point read of a lot (issue 16 item 6; docs/api.md <c>GET /api/lots/{pedimento}</c>): the <c>balances</c> rows of one
/// pedimento (and partida) — the rows the full report holds for it at the same as-of, figure for figure, read through the
/// same code (<see cref="LotBalances"/> over that pedimento's entry rows, its pools' parts and stored totals) — and a
/// custody summary per lot from its pool's stored allocations. Costs a few indexed reads, not the whole report.
/// </summary>
public static class LotLookup
{
    /// <summary>The summary columns: one row per lot of <see cref="Balances"/>, in the same order.</summary>
    public static readonly IReadOnlyList<ReportColumn> SummaryColumns =
    [
        "pedimento", "partida", "part", "client", "allocations", "movements", "qty_allocated", "first_date", "last_date",
    ];

    /// <summary>
    /// The lots of <paramref name="pedimento"/> (of <paramref name="partida"/> when given) under SPEC §6's as-of rule: the
    /// stored discharge is made to cover <paramref name="asOf"/> first (<see cref="DischargeCoverage.Ensure"/>, a check of the
    /// stored run against the batches when nothing changed), as <see cref="ReportService.Run"/> does for the report.
    /// </summary>
    public static (ReportRun Lots, ReportData Custody) Run(
        ITrazaStore store, DateOnly asOf, string? client, string pedimento, int? partida)
    {
        ArgumentNullException.ThrowIfNull(store);
        var notice = DischargeCoverage.Ensure(store, asOf);
        var lots = Read(store, asOf, client, pedimento, partida);
        return (new ReportRun(new ReportData(BalancesReport.Columns, lots.Rows()), notice), Custody(store, asOf, lots));
    }

    /// <summary>The <c>balances</c> rows of the pedimento (and partida) at <paramref name="asOf"/>, read from the stored run as it is.</summary>
    public static ReportData Balances(ITrazaStore store, DateOnly asOf, string? client, string pedimento, int? partida) =>
        new(BalancesReport.Columns, Read(store, asOf, client, pedimento, partida).Rows());

    private static LotBalances Read(ITrazaStore store, DateOnly asOf, string? client, string pedimento, int? partida)
    {
        ArgumentNullException.ThrowIfNull(pedimento);
        var rectifications = LedgerRectifications.Read(store, asOf);

        // SPEC §3.8: rows of a rectification count under the original's number, so the rows of every related number are read
        // and those that count under this one kept.
        var numbers = rectifications.IsEmpty ? [pedimento] : rectifications.Related(pedimento);
        var entries = store.Scans.LotEntriesOf(client, numbers, asOf);
        var subset = new LotSubset(entries, rectifications, (t, r) =>
            (partida is null || t[r].Partida == partida) && t.Pedimento(r).SequenceEqual(System.Text.Encoding.UTF8.GetBytes(pedimento)));
        return LotBalances.Read(store, asOf, client, null, null, subset);
    }

    /// <summary>
    /// Per lot: the stored allocations of movements dated on or before D that took from it (what <c>custody --pedimento</c>
    /// lists, one row each), how many distinct movements, their quantity and the first and last movement date.
    /// </summary>
    private static ReportData Custody(ITrazaStore store, DateOnly asOf, LotBalances lots)
    {
        var rows = new List<object?[]>(lots.Count);
        var pools = new Dictionary<(string, string), StoredPool?>();
        var day = asOf.DayNumber;
        for (var i = 0; i < lots.Count; i++)
        {
            var key = lots.KeyOf(i);
            if (!pools.TryGetValue((key.Client, key.Part), out var pool))
            {
                pools[(key.Client, key.Part)] = pool = store.Derived.Pool(key.Client, key.Part);
            }

            var lot = -1;
            for (var k = 0; pool is not null && k < pool.LotKeys.Count; k++)
            {
                if (pool.LotKeys[k].Partida == key.Partida && string.Equals(pool.LotKeys[k].Pedimento, key.Pedimento, StringComparison.Ordinal))
                {
                    lot = pool.FirstLot + k;
                    break;
                }
            }

            long count = 0, qty = 0;
            int first = int.MaxValue, last = int.MinValue;
            var movements = new HashSet<long>();
            if (lot >= 0)
            {
                foreach (var a in pool!.DecodeAllocations())
                {
                    if (a.Lot == lot && a.Day <= day)
                    {
                        count++;
                        qty += a.Qty;
                        movements.Add(a.Movement);
                        first = Math.Min(first, a.Day);
                        last = Math.Max(last, a.Day);
                    }
                }
            }

            rows.Add(
            [
                key.Pedimento, key.Partida, key.Part, key.Client, count, (long)movements.Count, Micro.ToDecimal(qty),
                count == 0 ? null : DateOnly.FromDayNumber(first), count == 0 ? null : DateOnly.FromDayNumber(last),
            ]);
        }

        return new ReportData(SummaryColumns, rows);
    }
}
