using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// SPEC §6 <c>waste</c> (columns in docs/cli.md): one row per source lot that has generated waste by D — the desperdicio
/// share of what exits and destruction/donation events of products dated on or before D allocated to it (SPEC §3.5
/// "Waste") —, what waste disposals dated on or before D took from it, and the balance, valued at the lot's USD value
/// per unit and due on the lot's own deadline (its status reads like <c>balances</c>).
/// </summary>
public static class WasteReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "clave", "entry_date", "part", "client", "generated", "disposed", "balance", "umc", "qty_umt_balance", "umt",
        "balance_value_usd", "deadline", "days_left", ReportColumn.Enumerated("status", LotStates.Names),
    ];

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var disposed = new Dictionary<(string, string, string, int), decimal>();
        var pools = WastePools(store, client);
        foreach (var d in store.Derived.WasteDisposals(client))
        {
            if (d.Date <= asOf)
            {
                var key = (d.Client, d.Part, d.Pedimento, d.Partida);
                disposed[key] = disposed.GetValueOrDefault(key) + d.Qty;
            }
        }

        var rows = new List<object?[]>();
        foreach (var lot in pools.Count == 0 ? [] : LotLedger.Lots(store, asOf, client, include: (e, _) => pools.Contains((e.Client, e.Part))))
        {
            var taken = disposed.GetValueOrDefault((lot.Entry.Client, lot.Entry.Part, lot.Entry.Pedimento, lot.Entry.Partida));
            if (lot.Waste == 0 && taken == 0)
            {
                continue;
            }

            var balance = lot.Waste - taken;
            var status = LotStatus.At(balance, lot.Deadline, asOf);
            rows.Add(
            [
                lot.Entry.Pedimento, lot.Entry.Partida, lot.Entry.Clave, lot.Entry.Date, lot.Entry.Part, lot.Entry.Client, lot.Waste, taken, balance,
                lot.Part.Umc, LotMath.BalanceUmt(balance, lot.Entry.Qty, lot.Entry.QtyUmt, lot.Part.UmtPerUmc), lot.Part.Umt,
                LotMath.BalanceValueUsd(balance, lot.Entry.Qty, lot.Entry.ValueUsd), lot.Deadline, status.DaysLeft, status.State.Name(),
            ]);
        }

        return new ReportData(Columns, rows);
    }

    /// <summary>The (client, part) pools with waste recorded on some lot in the stored run (waste only grows with the as-of).</summary>
    internal static HashSet<(string Client, string Part)> WastePools(ITrazaStore store, string? client)
    {
        var pools = new HashSet<(string, string)>();
        if (store.Derived.LatestRun() is null)
        {
            return pools;
        }

        foreach (var pool in store.Derived.Pools(client, withAllocations: false))
        {
            foreach (var lot in pool.LotTotals)
            {
                if (lot.Waste != 0)
                {
                    pools.Add((pool.Client, pool.Part));
                    break;
                }
            }
        }

        return pools;
    }
}

/// <summary>
/// <c>waste-disposals</c> (docs/cli.md): every waste disposal dated on or before D, one row per (disposal, source lot) it took
/// from — destruction (with its acta and the RGCE rule 4.3.5 notice date), donation, return (RT/H1 with case DE) or change
/// of regime (F4/A3 with case DE) —, valued at the source lot's USD value per unit.
/// </summary>
public static class WasteDisposalsReport
{
    /// <summary>The <c>notice</c> column: a destruction's rule 4.3.5 notice date given in its reference, or missing.</summary>
    public static readonly IReadOnlyList<string> NoticeValues = ["given", "missing"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "date", ReportColumn.Enumerated("disposal", WasteDisposals.Names), "document", "clave", "part", "client", "qty", "umc", "pedimento",
        "partida", "entry_date", "value_usd", "notice_date", ReportColumn.Enumerated("notice", NoticeValues), "third_party", "batch", "line",
    ];

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var disposals = store.Derived.WasteDisposals(client).Where(d => d.Date <= asOf).ToList();
        if (disposals.Count == 0)
        {
            return new ReportData(Columns, []);
        }

        var events = store.LoadEvents(client, asOf).ToDictionary(e => PackedAllocation.MovementId(e.BatchId, e.Line));
        var exits = disposals.Any(d => !events.ContainsKey(d.Movement))
            ? store.LoadExits(client, asOf).ToDictionary(x => PackedAllocation.MovementId(x.BatchId, x.Line))
            : [];
        var disposalPools = disposals.Select(d => (d.Client, d.Part)).ToHashSet();
        var lots = LotLedger.Lots(store, asOf, client, include: (e, _) => disposalPools.Contains((e.Client, e.Part)))
            .ToDictionary(l => (l.Entry.Client, l.Entry.Part, l.Entry.Pedimento, l.Entry.Partida));
        var rows = new List<object?[]>(disposals.Count);
        foreach (var d in disposals
                     .OrderBy(d => d.Date).ThenBy(d => d.Movement).ThenBy(d => d.Client, StringComparer.Ordinal)
                     .ThenBy(d => d.Pedimento, StringComparer.Ordinal).ThenBy(d => d.Partida))
        {
            lots.TryGetValue((d.Client, d.Part, d.Pedimento, d.Partida), out var lot);
            WasteDisposalKind kind;
            string document, clave = string.Empty;
            string? thirdParty, notice = null;
            DateOnly? noticeDate = null;
            if (events.TryGetValue(d.Movement, out var ev))
            {
                kind = string.Equals(ev.Type, EventType.Donation.Name(), StringComparison.Ordinal)
                    ? WasteDisposalKind.Donation
                    : WasteDisposalKind.Destruction;
                (document, noticeDate) = WasteDisposals.SplitReference(ev.Reference, out _);
                thirdParty = ev.ThirdParty;
                if (kind == WasteDisposalKind.Destruction)
                {
                    notice = noticeDate is null ? "missing" : "given";
                }
            }
            else if (exits.TryGetValue(d.Movement, out var x))
            {
                kind = WasteDisposals.OfExitClave(x.Clave);
                (document, clave, thirdParty) = (x.Pedimento, x.Clave, x.Counterparty);
            }
            else
            {
                continue; // a movement reversed after the stored run: ReportService re-discharges before this runs
            }

            rows.Add(
            [
                d.Date, kind.Name(), document, clave, d.Part, d.Client, d.Qty, lot?.Part.Umc, d.Pedimento, d.Partida, lot?.Entry.Date,
                lot is null ? null : LotMath.BalanceValueUsd(d.Qty, lot.Entry.Qty, lot.Entry.ValueUsd), noticeDate, notice, thirdParty,
                d.Movement >> 32, d.Movement & 0xFFFF_FFFF,
            ]);
        }

        return new ReportData(Columns, rows);
    }
}

/// <summary>SPEC §6 <c>waste</c>.</summary>
public sealed class WasteCatalogReport : IReport
{
    public string Name => "waste";

    public string Description => "waste (desperdicio) balances per source lot: generated, disposed, balance, value and the lot's deadline";

    public IReadOnlyList<ReportColumn> Columns => WasteReport.Columns;

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WasteReport.Build(context.Store, context.AsOf, context.Client);
    }
}

/// <summary><c>waste-disposals</c> (docs/cli.md).</summary>
public sealed class WasteDisposalsCatalogReport : IReport
{
    public string Name => "waste-disposals";

    public string Description =>
        "waste disposals per source lot: destruction (acta, rule 4.3.5 notice), donation, return and change of regime (exits with case DE)";

    public IReadOnlyList<ReportColumn> Columns => WasteDisposalsReport.Columns;

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WasteDisposalsReport.Build(context.Store, context.AsOf, context.Client);
    }
}
