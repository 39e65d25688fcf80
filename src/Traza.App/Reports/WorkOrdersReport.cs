using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report work-orders</c> (issue 15 item 7, docs/cli.md "Work orders"): one row per 3PL work order dated on or before D —
/// the kits it made, how many have left by D (exits and destruction/donation events of the kit part dated on or before D) and
/// how many are still in stock, the BOM date (the work order's own date), what it reserved of its components, how much of that
/// became descargos as the kits left and how much is still in the kits, what it was short of, the earliest deadline and the USD
/// value of the entry lots still in the kits, and its status.
/// </summary>
public sealed class WorkOrdersReport : IReport
{
    public static readonly IReadOnlyList<string> Statuses = ["open", "partly_shipped", "shipped"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "client", "reference", "date", "part", "kits_made", "kits_left", "kits_in_stock", "bom_date", "component_lines", "qty_reserved",
        "qty_converted", "qty_in_kits", "qty_short", "earliest_deadline", "value_usd_in_kits", ReportColumn.Enumerated("status", Statuses),
    ];

    public string Name => "work-orders";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public string Description => "3PL work orders: kits made, left and in stock, components reserved, converted into descargos and still in kits";

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReportData(Columns, Rows(context.Store, context.AsOf, context.Client));
    }

    /// <summary>The rows, by client, date and reference.</summary>
    public static List<object?[]> Rows(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var orders = WorkOrders.At(store, asOf, client);
        var rows = new List<object?[]>(orders.Count);
        if (orders.Count == 0)
        {
            return rows;
        }

        var pools = orders.SelectMany(o => o.Reservations).Select(r => (r.Reservation.Client, r.Reservation.Part)).ToHashSet();
        var lots = pools.Count == 0
            ? []
            : LotLedger.Lots(store, asOf, client, include: (e, _) => pools.Contains((e.Client, e.Part)))
                .ToDictionary(l => (l.Entry.Client, l.Entry.Part, l.Entry.Pedimento, l.Entry.Partida));
        var short_ = new Dictionary<long, decimal>();
        foreach (var s in store.Derived.Shortages(client))
        {
            short_[s.Movement] = short_.GetValueOrDefault(s.Movement) + s.Qty;
        }

        foreach (var o in orders.OrderBy(o => o.Event.Client, StringComparer.Ordinal).ThenBy(o => o.Event.Date)
                     .ThenBy(o => o.Event.Reference, StringComparer.Ordinal))
        {
            var e = o.Event;
            var reserved = o.Reservations.Sum(r => r.Reservation.Qty);
            var inKits = o.Reservations.Sum(r => r.InKits);
            DateOnly? earliest = null;
            decimal? value = null;
            foreach (var (r, held) in o.Reservations)
            {
                if (held == 0 || !lots.TryGetValue((r.Client, r.Part, r.Pedimento, r.Partida), out var lot))
                {
                    continue;
                }

                if (lot.Deadline is { } d && (earliest is null || d < earliest))
                {
                    earliest = d;
                }

                if (LotMath.BalanceValueUsd(held, lot.Entry.Qty, lot.Entry.ValueUsd) is { } v)
                {
                    value = (value ?? 0m) + v;
                }
            }

            var status = o.KitsLeft == 0 ? Statuses[0] : o.KitsInStock > 0 ? Statuses[1] : Statuses[2];
            rows.Add(
            [
                e.Client, e.Reference, e.Date, e.Part, e.Qty, o.KitsLeft, o.KitsInStock, e.Date, o.Reservations.Count, reserved,
                reserved - inKits, inKits, short_.GetValueOrDefault(o.Id), earliest, value, status,
            ]);
        }

        return rows;
    }
}
