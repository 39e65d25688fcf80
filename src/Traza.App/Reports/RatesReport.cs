using System.Globalization;
using Traza.Domain.Discharge;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>rates</c> (docs/cli.md): merma and desperdicio rates by BOM version and by part over time, for the auditor who
/// challenges a high rate (regulatory.md §5.4 "Mermas and desperdicios"). Two levels, one row each:
/// <list type="bullet">
/// <item><c>version</c>: each BOM row in force from a date on or before D, with the previous version of the same
/// (product, component) and a <c>jump</c> flag when its merma or desperdicio rate rises by more than the threshold
/// (<c>--jump</c> percentage points, default 1) over it;</item>
/// <item><c>month</c>: per (client, part) and calendar month up to D, what exits and events of products dated in it
/// consumed of the part through their BOMs and the waste it generated (SPEC §3.5), with <c>waste_share_pct</c> = waste /
/// consumed × 100 flagged when it rises by more than the threshold over the part's previous month.</item>
/// </list>
/// <c>waste_share_pct</c> of a version row is the same share as its BOM row gives it, desperdicio / (100 + merma +
/// desperdicio) × 100, so both levels read on one scale.
/// </summary>
public static class RatesReport
{
    /// <summary>The default <c>--jump</c>: a rise of more than one percentage point over the previous version or month.</summary>
    public const decimal DefaultJump = 1m;

    /// <summary>The <c>level</c> column.</summary>
    public static readonly IReadOnlyList<string> Levels = ["version", "month"];

    /// <summary>The <c>jump</c> column's values (empty when no rate jumps).</summary>
    public static readonly IReadOnlyList<string> Jumps = ["merma", "desperdicio", "both", "waste_share"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        ReportColumn.Enumerated("level", Levels), "client", "part", "product", "valid_from", "valid_to", "merma_pct", "desperdicio_pct",
        "waste_share_pct", "previous_merma_pct", "previous_desperdicio_pct", "previous_waste_share_pct", "consumed", "waste",
        ReportColumn.Enumerated("jump", Jumps),
    ];

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client, decimal jump)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<(string Client, string Part, int Level, DateOnly? From, string Product, object?[] Row)>();
        AddVersions(store, asOf, client, jump, rows);
        AddMonths(store, asOf, client, jump, rows);
        rows.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Client, b.Client);
            c = c != 0 ? c : string.CompareOrdinal(a.Part, b.Part);
            c = c != 0 ? c : a.Level.CompareTo(b.Level);
            c = c != 0 ? c : Nullable.Compare(a.From, b.From);
            return c != 0 ? c : string.CompareOrdinal(a.Product, b.Product);
        });
        return new ReportData(Columns, rows.Select(r => r.Row).ToList());
    }

    /// <summary>desperdicio / (100 + merma + desperdicio) × 100, at 4 decimals: the waste share of one BOM row's need.</summary>
    public static decimal VersionShare(decimal mermaPct, decimal desperdicioPct) =>
        Math.Round(desperdicioPct * 100m / (100m + mermaPct + desperdicioPct), 4, MidpointRounding.AwayFromZero);

    private static void AddVersions(
        ITrazaStore store, DateOnly asOf, string? client, decimal jump,
        List<(string, string, int, DateOnly?, string, object?[])> rows)
    {
        var versions = store.LoadBom(client).Where(b => b.ValidFrom is null || b.ValidFrom <= asOf)
            .GroupBy(b => (b.Client, b.Product, b.Component));
        foreach (var group in versions)
        {
            BomRecord? previous = null;
            foreach (var v in group.OrderBy(b => b.ValidFrom))
            {
                var share = VersionShare(v.MermaPct, v.DesperdicioPct);
                string? flag = null;
                decimal? previousShare = null;
                if (previous is not null)
                {
                    previousShare = VersionShare(previous.MermaPct, previous.DesperdicioPct);
                    var merma = v.MermaPct - previous.MermaPct > jump;
                    var desperdicio = v.DesperdicioPct - previous.DesperdicioPct > jump;
                    flag = merma && desperdicio ? "both" : merma ? "merma" : desperdicio ? "desperdicio" : null;
                }

                rows.Add((v.Client, v.Component, 0, v.ValidFrom, v.Product,
                [
                    "version", v.Client, v.Component, v.Product, v.ValidFrom, v.ValidTo, v.MermaPct, v.DesperdicioPct, share,
                    previous?.MermaPct, previous?.DesperdicioPct, previousShare, null, null, flag,
                ]));
                previous = v;
            }
        }
    }

    private static void AddMonths(
        ITrazaStore store, DateOnly asOf, string? client, decimal jump,
        List<(string, string, int, DateOnly?, string, object?[])> rows)
    {
        var discharge = store.Derived;
        if (discharge.LatestRun() is null)
        {
            return;
        }

        // The part each movement moved: an allocation to another part's lot came through that part's BOM.
        var movedPart = new Dictionary<long, string>();
        foreach (var x in store.Scans.Exits())
        {
            movedPart[PackedAllocation.MovementId(x.BatchId, x.Line)] = x.Part;
        }

        foreach (var e in store.LoadEvents(client, asOf))
        {
            movedPart[PackedAllocation.MovementId(e.BatchId, e.Line)] = e.Part;
        }

        var day = asOf.DayNumber;
        foreach (var pool in discharge.Pools(client, withAllocations: true))
        {
            var months = new SortedDictionary<DateOnly, (long Consumed, long Waste)>();
            foreach (var a in pool.DecodeAllocations())
            {
                if (a.Day > day || (movedPart.TryGetValue(a.Movement, out var moved) && string.Equals(moved, pool.Part, StringComparison.Ordinal)))
                {
                    continue;
                }

                var date = DateOnly.FromDayNumber(a.Day);
                var month = new DateOnly(date.Year, date.Month, 1);
                var (consumed, waste) = months.GetValueOrDefault(month);
                months[month] = (checked(consumed + a.Qty), checked(waste + a.Waste));
            }

            decimal? previous = null;
            foreach (var (month, (consumed, waste)) in months)
            {
                if (consumed == 0)
                {
                    continue;
                }

                var share = Math.Round(Micro.ToDecimal(waste) * 100m / Micro.ToDecimal(consumed), 4, MidpointRounding.AwayFromZero);
                var flag = previous is { } p && share - p > jump ? "waste_share" : null;
                rows.Add((pool.Client, pool.Part, 1, month, string.Empty,
                [
                    "month", pool.Client, pool.Part, string.Empty, month, month.AddMonths(1).AddDays(-1), null, null, share, null, null, previous,
                    Micro.ToDecimal(consumed), Micro.ToDecimal(waste), flag,
                ]));
                previous = share;
            }
        }
    }

    /// <summary>The <c>--jump PP</c> option: percentage points, ≥ 0 (default <see cref="DefaultJump"/>).</summary>
    internal static decimal Jump(ReportContext context)
    {
        var text = context.Option("jump");
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultJump;
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var jump) || jump > 100m)
        {
            throw AppException.Usage($"option --jump: percentage points from 0 to 100, found '{text}'");
        }

        return jump;
    }
}

/// <summary><c>rates</c> (docs/cli.md).</summary>
public sealed class RatesCatalogReport : IReport
{
    public string Name => "rates";

    public string Description =>
        "merma and desperdicio rates by BOM version and by part and month, flagging a rise beyond --jump percentage points (default 1)";

    public IReadOnlyList<ReportColumn> Columns => RatesReport.Columns;

    public IReadOnlyList<ReportOption> Options =>
        [new("jump", "percentage points a rate may rise over the previous version or month before it is flagged (default 1)")];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RatesReport.Build(context.Store, context.AsOf, context.Client, RatesReport.Jump(context));
    }
}
