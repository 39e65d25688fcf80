using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Assets;
using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report assets</c> (issue 15 item 4, docs/cli.md "report assets"): one row per fixed-asset lot (SPEC §3.3: entered
/// with AF, E2 or A6, or any lot of a machinery or tooling part) entered on or before D — where it is (site), whose it is
/// (owner: the client's foreign parent, on comodato, else the client, else the program), its art. 108-III deadline and status,
/// its balance, whether it is abroad for repair (BO out, <c>repair_in</c> back: <see cref="RepairTrips"/>) and its last
/// movement. Balances as every report reads them (the stored discharge at D, SPEC §6).
/// </summary>
public sealed class AssetsReport : IReport
{
    /// <summary>Ownership: <c>comodato</c> when the client's foreign parent owns it, <c>own</c> otherwise.</summary>
    public static readonly IReadOnlyList<string> Ownerships = ["own", "comodato"];

    /// <summary>What the last movement of a lot was: its entry, an exit line (a clave), or an event (a type).</summary>
    public static readonly IReadOnlyList<string> MovementKinds = ["entry", "exit", "event"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "pedimento", "partida", "part", ReportColumn.Enumerated("kind", PartKinds.Names), "client", "site", "owner", "entry_date", "deadline",
        ReportColumn.Enumerated("status", LotStates.Names), "balance", "out_for_repair", "repair_since", "days_abroad",
        ReportColumn.Enumerated("last_movement", [.. ReportValues.DischargingEvents, EventType.RepairIn.Name()]) with { Open = true },
        "last_movement_date",

        // After the columns issue 15 names: what the row also needs to be read alone.
        "clave", "description", "qty_entered", "umc", "balance_value_usd", "days_left", ReportColumn.Enumerated("ownership", Ownerships),
        ReportColumn.Enumerated("last_movement_kind", MovementKinds), "last_movement_document", "last_repair_return", "last_repair_days",
    ];

    public string Name => "assets";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public string Description => "fixed-asset lots (AF, E2, A6, machinery, tooling): site, owner, deadline, balance, out for repair, last movement";

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReportData(Columns, Rows(context.Store, context.AsOf, context.Client));
    }

    /// <summary>The rows, in the balances report's order (entry date, pedimento, partida, part, client).</summary>
    public static List<object?[]> Rows(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var (lots, match) = Repairs(store, asOf, client);
        if (lots.Count == 0)
        {
            return [];
        }

        var owners = Owners(store);
        var trips = match.Trips.ToLookup(t => t.Lot);
        var last = LastAllocations(store, asOf, client, lots);

        var rows = new List<object?[]>(lots.Count);
        for (var i = 0; i < lots.Count; i++)
        {
            var l = lots[i];
            var e = l.Entry;
            var (owner, ownership) = owners.GetValueOrDefault(e.Client, (e.Client, "own"));
            var abroad = trips[i].Where(t => t.Back is null).ToList();
            var back = trips[i].Where(t => t.Back is not null).OrderBy(t => t.Back).ThenBy(t => t.Out).LastOrDefault();
            DateOnly? since = abroad.Count > 0 ? abroad.Min(t => t.Out) : null;

            // The last movement: the entry, an allocation of an exit or event, a BO out or a repair_in back — the latest by
            // date; on one date exits before events (SPEC §3.5), then by document.
            var latest = (Date: e.Date, Rank: 0, Kind: "entry", What: e.Clave, Document: e.Pedimento);
            void Consider(DateOnly date, int rank, string kind, string what, string document)
            {
                var c = date.CompareTo(latest.Date);
                c = c != 0 ? c : rank.CompareTo(latest.Rank);
                c = c != 0 ? c : string.CompareOrdinal(document, latest.Document);
                if (c > 0)
                {
                    latest = (date, rank, kind, what, document);
                }
            }

            foreach (var a in last.GetValueOrDefault((e.Client, e.Pedimento, e.Partida, e.Part)) ?? [])
            {
                var isEvent = EventTypes.TryParse(a.Clave, out _);
                Consider(a.Date, isEvent ? 2 : 1, isEvent ? "event" : "exit", a.Clave, a.Document);
            }

            foreach (var t in trips[i])
            {
                Consider(t.Out, 1, "exit", "BO", t.OutDocument);
                if (t.Back is { } b)
                {
                    Consider(b, 2, "event", EventType.RepairIn.Name(), t.BackReference ?? string.Empty);
                }
            }

            rows.Add(
            [
                e.Pedimento, (long)e.Partida, e.Part, l.Kind.Name(), e.Client, string.IsNullOrEmpty(e.Site) ? null : e.Site, owner, e.Date,
                l.Deadline, l.Status.State.Name(), l.Balance, abroad.Sum(t => t.Qty), since, since is { } s ? (long)(asOf.DayNumber - s.DayNumber) : null,
                latest.What, latest.Date,
                e.Clave, l.Part.Description, e.Qty, l.Part.Umc, l.BalanceValueUsd, l.Status.DaysLeft is { } d ? (long)d : null, ownership,
                latest.Kind, latest.Document.Length == 0 ? null : latest.Document, back?.Back, back is null ? null : (long)back.DaysAbroad(asOf),
            ]);
        }

        return rows;
    }

    /// <summary>
    /// The fixed-asset lots (AF, E2, A6; balances at <paramref name="asOf"/>) in the balances report's order, and every BO exit
    /// and <c>repair_in</c> event dated on or before it matched to them (<see cref="RepairTrips.MatchAll"/>): the trips, the BO
    /// lines of parts with no fixed-asset lot entered by then, and the returns beyond what was out (<c>report program</c>).
    /// </summary>
    public static (List<LotView> Lots, RepairMatch Match) Repairs(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        var claves = new LedgerSnapshot.ClaveCache();
        var lots = LotLedger.Lots(store, asOf, client, include: (e, kind) =>
                ClaveRules.EntryLotOf(claves.Find(MovementFile.Entries, e.Clave, e.Date), e.Clave, kind) == EntryLot.FixedAsset)
            .ToList();
        var assetLots = lots.ConvertAll(l => new AssetLot(l.Entry.Client, l.Entry.Part, l.Entry.Pedimento, l.Entry.Partida, l.Entry.Date, l.Balance));
        var outs = new List<RepairOut>();
        foreach (var x in store.LoadExits(client, asOf))
        {
            if (claves.Find(MovementFile.Exits, x.Clave, x.Date)?.Effect == ClaveEffect.RepairOut)
            {
                outs.Add(new RepairOut(x.Client, x.Part, x.Date, x.Pedimento, x.Partida, x.Qty, x.SourcePedimento, x.SourcePartida));
            }
        }

        var ins = store.LoadEvents(client, asOf)
            .Where(e => EventTypes.TryParse(e.Type, out var t) && t == EventType.RepairIn)
            .Select(e => new RepairIn(e.Client, e.Part, e.Date, e.Reference, e.Qty));
        return (lots, RepairTrips.MatchAll(assetLots, outs, ins));
    }

    /// <summary>
    /// Who owns a client's fixed assets (SPEC C1; docs/cli.md "report assets"): its foreign parent when <c>clients add --parent</c>
    /// names one — in a shelter the client's machinery is on comodato from its parent — else the client itself; the program's
    /// own lots (client '') are the program's (its name).
    /// </summary>
    private static Dictionary<string, (string Owner, string Ownership)> Owners(ITrazaStore store)
    {
        var owners = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var c in store.LoadClients())
        {
            owners[c.Client] = string.IsNullOrWhiteSpace(c.Parent) ? (c.Client, "own") : (c.Parent, "comodato");
        }

        if (!owners.ContainsKey(string.Empty))
        {
            owners[string.Empty] = (store.GetProgram()?.Name ?? string.Empty, "own");
        }

        return owners;
    }

    /// <summary>
    /// The allocations to each fixed-asset lot dated on or before <paramref name="asOf"/> (custody from the lot's side: its
    /// pedimento), as (document, clave or event type, date) by (client, pedimento, partida, part).
    /// </summary>
    private static Dictionary<(string Client, string Pedimento, int Partida, string Part), List<(string Document, string Clave, DateOnly Date)>> LastAllocations(
        ITrazaStore store, DateOnly asOf, string? client, List<LotView> lots)
    {
        var wanted = lots.Select(l => (l.Entry.Client, l.Entry.Pedimento, l.Entry.Partida, l.Entry.Part)).ToHashSet();
        var result = new Dictionary<(string, string, int, string), List<(string, string, DateOnly)>>();
        foreach (var pedimento in lots.Select(l => l.Entry.Pedimento).Distinct(StringComparer.Ordinal))
        {
            foreach (var row in CustodyReport.Build(store, asOf, client, new CustodyFilter(Pedimento: pedimento)).Rows)
            {
                // custody: exit_document, exit_clave, exit_date, product, component, qty, qty_umt, entry_pedimento, entry_partida, …, client
                var key = ((string)row[11]!, (string)row[7]!, Convert.ToInt32(row[8], CultureInfo.InvariantCulture), (string)row[4]!);
                if (!wanted.Contains(key))
                {
                    continue;
                }

                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = [];
                }

                list.Add(((string)row[0]!, (string)row[1]!, (DateOnly)row[2]!));
            }
        }

        return result;
    }
}
