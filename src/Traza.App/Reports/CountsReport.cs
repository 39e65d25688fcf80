using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// SPEC §3.6 <c>counts</c>: each physical count against the book at its date, per (client, part, site) — the book balance of
/// a site is the balance of the pedimento lots whose entry names that site (an empty site is the lots without one). The
/// difference (counted − book) is reported with its value, never booked (an adjustment or a regularization is the user's
/// decision: SPEC §3.5 <c>adjustment</c>). Counts of national parts are left out: they have no pedimento lots (SPEC §3.4).
/// </summary>
public static class CountsReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "date", "part", "site", "client", "counted", "book", "difference", "umc", "difference_value_usd", "lots",
        ReportColumn.Enumerated("result", ReportValues.CountResults),
    ];

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var counts = store.LoadCounts(client, asOf);
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var rows = new List<object?[]>();
        foreach (var day in counts.GroupBy(c => c.Date).OrderBy(g => g.Key))
        {
            // The book at the count's date: lots entered on or before it, with what the stored run took up to it.
            var lots = LotLedger.Lots(store, day.Key, client);
            var book = lots.GroupBy(l => (l.Entry.Client, l.Entry.Part, Site: l.Entry.Site ?? string.Empty))
                .ToDictionary(g => g.Key, g => g.ToList());
            var byPart = lots.GroupBy(l => (l.Entry.Client, l.Entry.Part)).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var count in day.OrderBy(c => c.Part, StringComparer.Ordinal).ThenBy(c => c.Site, StringComparer.Ordinal)
                .ThenBy(c => c.Client, StringComparer.Ordinal))
            {
                if (!parts.TryGetValue((count.Client, count.Part), out var part) || part.IsNational)
                {
                    continue;
                }

                var site = book.GetValueOrDefault((count.Client, count.Part, count.Site)) ?? [];
                var open = site.Where(l => l.Balance != 0).ToList();
                var balance = open.Sum(l => l.Balance);
                var difference = count.Qty - balance;
                rows.Add(
                [
                    count.Date, count.Part, count.Site, count.Client, count.Qty, balance, difference, part.Umc,
                    DifferenceValue(difference, open, byPart.GetValueOrDefault((count.Client, count.Part)) ?? []), open.Count,
                    difference > 0 ? "surplus" : difference < 0 ? "shortfall" : "matches",
                ]);
            }
        }

        return new ReportData(Columns, rows);
    }

    /// <summary>
    /// The difference valued at the site's book value per unit (balance_value_usd over balance of its open lots with a value);
    /// with no open lot there, at the part's average entered value per unit over all its lots; empty when no lot has a value.
    /// </summary>
    private static decimal? DifferenceValue(decimal difference, List<LotView> site, List<LotView> part)
    {
        if (difference == 0)
        {
            return 0m;
        }

        var valued = site.Where(l => l.BalanceValueUsd is not null).ToList();
        var (value, qty) = valued.Count > 0
            ? (valued.Sum(l => l.BalanceValueUsd!.Value), valued.Sum(l => l.Balance))
            : (part.Where(l => l.Entry.ValueUsd is not null).Sum(l => l.Entry.ValueUsd!.Value),
                part.Where(l => l.Entry.ValueUsd is not null).Sum(l => l.Entry.Qty));
        return qty == 0 ? null : Math.Round(difference * value / qty, 2, MidpointRounding.AwayFromZero);
    }
}

/// <summary>SPEC §6 <c>counts</c>.</summary>
public sealed class CountsCatalogReport : IReport
{
    public string Name => "counts";

    public string Description => "physical counts against the book per (client, part, site) at each count date, with the value of each difference";

    public IReadOnlyList<ReportColumn> Columns => CountsReport.Columns;

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CountsReport.Build(context.Store, context.AsOf, context.Client);
    }
}
