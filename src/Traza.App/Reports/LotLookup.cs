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
    /// stored run against the batches when nothing changed), as <see cref="ReportService.Run"/> does for the report. A long-lived
    /// reader passes a <paramref name="cache"/> of the stored run's pools (<see cref="StoredRunCache"/>).
    /// </summary>
    public static (ReportRun Lots, ReportData Custody) Run(
        ITrazaStore store, DateOnly asOf, string? client, string pedimento, int? partida, StoredRunCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var notice = DischargeCoverage.Ensure(store, asOf);
        var lots = Read(store, asOf, client, pedimento, partida, cache);
        return (new ReportRun(new ReportData(BalancesReport.Columns, lots.Rows()), notice), Custody(store, asOf, lots, cache));
    }

    /// <summary>The <c>balances</c> rows of the pedimento (and partida) at <paramref name="asOf"/>, read from the stored run as it is.</summary>
    public static ReportData Balances(
        ITrazaStore store, DateOnly asOf, string? client, string pedimento, int? partida, StoredRunCache? cache = null) =>
        new(BalancesReport.Columns, Read(store, asOf, client, pedimento, partida, cache).Rows());

    private static LotBalances Read(ITrazaStore store, DateOnly asOf, string? client, string pedimento, int? partida, StoredRunCache? cache)
    {
        ArgumentNullException.ThrowIfNull(pedimento);
        var rectifications = LedgerRectifications.Read(store, asOf);

        // SPEC §3.8: rows of a rectification count under the original's number, so the rows of every related number are read
        // and those that count under this one kept.
        var numbers = rectifications.IsEmpty ? [pedimento] : rectifications.Related(pedimento);
        var entries = store.Scans.LotEntriesOf(client, numbers, asOf);
        var subset = new LotSubset(entries, rectifications, (t, r) =>
            (partida is null || t[r].Partida == partida) && t.Pedimento(r).SequenceEqual(System.Text.Encoding.UTF8.GetBytes(pedimento)));
        return LotBalances.Read(store, asOf, client, null, null, subset, cache);
    }

    /// <summary>
    /// Per lot: the stored allocations of movements dated on or before D that took from it (what <c>custody --pedimento</c>
    /// lists, one row each), how many distinct movements, their quantity and the first and last movement date. Each pool is
    /// read and its allocations decoded once (<see cref="LotCustody.Of"/>), or taken from <paramref name="cache"/> when D is on
    /// or after the stored run's as-of (then every stored allocation counts).
    /// </summary>
    private static ReportData Custody(ITrazaStore store, DateOnly asOf, LotBalances lots, StoredRunCache? cache)
    {
        var run = store.Derived.LatestRun();
        var runKey = cache is not null && run is not null && asOf >= run.AsOf ? StoredRunCache.KeyOf(run) : null;
        var day = runKey is null ? asOf.DayNumber : run!.AsOf.DayNumber;
        var pools = new Dictionary<(string, string), Dictionary<PoolLotKey, LotCustody>>();
        var read = new List<((string, string), Dictionary<PoolLotKey, LotCustody>)>();
        var rows = new List<object?[]>(lots.Count);
        for (var i = 0; i < lots.Count; i++)
        {
            var key = lots.KeyOf(i);
            var pool = (key.Client, key.Part);
            if (!pools.TryGetValue(pool, out var summary))
            {
                if (runKey is null || !cache!.TryGet(runKey, pool, out summary))
                {
                    summary = store.Derived.Pool(key.Client, key.Part) is { } stored ? LotCustody.Of(stored, day) : [];
                    read.Add((pool, summary));
                }

                pools[pool] = summary;
            }

            var c = summary.GetValueOrDefault(new PoolLotKey(key.Pedimento, key.Partida));
            rows.Add(
            [
                key.Pedimento, key.Partida, key.Part, key.Client, c.Allocations, c.Movements, Micro.ToDecimal(c.Qty),
                c.Allocations == 0 ? null : DateOnly.FromDayNumber(c.First), c.Allocations == 0 ? null : DateOnly.FromDayNumber(c.Last),
            ]);
        }

        // Kept only when no run was stored between the first read of the run and the pools' reads.
        if (runKey is not null && read.Count > 0 && store.Derived.LatestRun() is { } after && StoredRunCache.KeyOf(after) == runKey)
        {
            cache!.Put(runKey, read);
        }

        return new ReportData(SummaryColumns, rows);
    }
}
