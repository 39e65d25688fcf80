namespace Traza.Domain.Assets;

/// <summary>A fixed-asset lot as the repair matching sees it: its (client, part) pool, key, entry date and balance at the as-of date.</summary>
public sealed record AssetLot(string Client, string Part, string Pedimento, int Partida, DateOnly EntryDate, decimal Balance);

/// <summary>
/// A <c>BO</c> exit line (SPEC §3.3: a fixed asset goes out for repair, no discharge); <paramref name="SourcePedimento"/> and
/// <paramref name="SourcePartida"/> name the lot when the file gives them.
/// </summary>
public sealed record RepairOut(
    string Client, string Part, DateOnly Date, string Document, int Partida, decimal Qty, string? SourcePedimento, int? SourcePartida);

/// <summary>A <c>repair_in</c> events row: the asset is back from repair abroad.</summary>
public sealed record RepairIn(string Client, string Part, DateOnly Date, string Reference, decimal Qty);

/// <summary>
/// One quantity of a lot that went out for repair on <paramref name="Out"/> and came back on <paramref name="Back"/> (null:
/// still abroad at the as-of date). <paramref name="Lot"/> indexes the lots given to <see cref="RepairTrips.Match"/>.
/// </summary>
public sealed record RepairTrip(int Lot, DateOnly Out, string OutDocument, decimal Qty, DateOnly? Back, string? BackReference)
{
    /// <summary>Days abroad: to the return, or to <paramref name="asOf"/> while still out.</summary>
    public int DaysAbroad(DateOnly asOf) => (Back ?? asOf).DayNumber - Out.DayNumber;
}

/// <summary>
/// What <see cref="RepairTrips.MatchAll"/> found: the trips, the BO lines no fixed-asset lot of their (client, part) entered on
/// or before them could take (<paramref name="Unplaced"/>), and the <c>repair_in</c> quantities that came back with nothing of
/// theirs out for repair (<paramref name="Unexpected"/>: the event and the quantity beyond what was out).
/// </summary>
public sealed record RepairMatch(List<RepairTrip> Trips, List<RepairOut> Unplaced, List<(RepairIn In, decimal Qty)> Unexpected);

/// <summary>
/// Matches fixed assets out for repair (BO exits) with their returns (<c>repair_in</c> events) per (client, part), the way the
/// discharge orders movements (SPEC §3.5: by date, exits before events, then document): each BO goes to the lot it names
/// (<c>source_pedimento</c>/<c>source_partida</c>), else to the first lot in FIFO order entered on or before it that still holds
/// more than is already out, else to the first lot entered on or before it; a lot with none is not a fixed asset of the
/// ledger and the BO is left unmatched. A return brings back the oldest quantities still out first; what it brings back
/// beyond what is out matches nothing. <see cref="MatchAll"/> returns both strays (<c>report program</c>'s <c>repair_trips</c>). Neither moves a balance (SPEC §3.3: BO does not discharge).
/// </summary>
public static class RepairTrips
{
    /// <summary>
    /// The trips of <paramref name="lots"/> (each (client, part)'s lots in FIFO order: entry date, pedimento, partida) from
    /// <paramref name="outs"/> and <paramref name="ins"/> dated on or before the as-of date, in no particular order.
    /// </summary>
    public static List<RepairTrip> Match(IReadOnlyList<AssetLot> lots, IEnumerable<RepairOut> outs, IEnumerable<RepairIn> ins) =>
        MatchAll(lots, outs, ins).Trips;

    /// <summary>
    /// <see cref="Match"/>, and what it leaves aside: a BO no lot can take (the part has no fixed-asset lot entered by then — a
    /// machine left the country that the ledger does not hold as a fixed asset) and a return beyond what was out.
    /// </summary>
    public static RepairMatch MatchAll(IReadOnlyList<AssetLot> lots, IEnumerable<RepairOut> outs, IEnumerable<RepairIn> ins)
    {
        ArgumentNullException.ThrowIfNull(lots);
        ArgumentNullException.ThrowIfNull(outs);
        ArgumentNullException.ThrowIfNull(ins);
        var pools = new Dictionary<(string, string), List<int>>();
        for (var i = 0; i < lots.Count; i++)
        {
            var key = (lots[i].Client, lots[i].Part);
            if (!pools.TryGetValue(key, out var list))
            {
                pools[key] = list = [];
            }

            list.Add(i);
        }

        var moves = new List<(string Client, string Part, DateOnly Date, int Kind, string Document, int Partida, int Seq, RepairOut? Out, RepairIn? In)>();
        var seq = 0;
        foreach (var o in outs)
        {
            moves.Add((o.Client, o.Part, o.Date, 0, o.Document, o.Partida, seq++, o, null));
        }

        foreach (var r in ins)
        {
            moves.Add((r.Client, r.Part, r.Date, 1, r.Reference, 0, seq++, null, r));
        }

        moves.Sort((a, b) =>
        {
            var c = a.Date.CompareTo(b.Date);
            c = c != 0 ? c : a.Kind.CompareTo(b.Kind);
            c = c != 0 ? c : string.CompareOrdinal(a.Document, b.Document);
            c = c != 0 ? c : a.Partida.CompareTo(b.Partida);
            return c != 0 ? c : a.Seq.CompareTo(b.Seq);
        });

        var result = new List<RepairTrip>();
        var unplaced = new List<RepairOut>();
        var unexpected = new List<(RepairIn, decimal)>();
        var abroad = new Dictionary<(string, string), List<RepairTrip>>(); // per pool, oldest first
        var outQty = new decimal[lots.Count];
        foreach (var m in moves)
        {
            var key = (m.Client, m.Part);
            if (!abroad.TryGetValue(key, out var open))
            {
                abroad[key] = open = [];
            }

            if (m.Out is { } o)
            {
                var lot = LotOf(lots, pools.GetValueOrDefault(key), o, outQty);
                if (lot >= 0)
                {
                    outQty[lot] += o.Qty;
                    open.Add(new RepairTrip(lot, o.Date, o.Document, o.Qty, null, null));
                }
                else
                {
                    unplaced.Add(o);
                }

                continue;
            }

            var back = m.In!.Qty;
            while (back > 0 && open.Count > 0)
            {
                var trip = open[0];
                var taken = Math.Min(back, trip.Qty);
                result.Add(trip with { Qty = taken, Back = m.Date, BackReference = m.In.Reference });
                outQty[trip.Lot] -= taken;
                back -= taken;
                if (taken == trip.Qty)
                {
                    open.RemoveAt(0);
                }
                else
                {
                    open[0] = trip with { Qty = trip.Qty - taken };
                }
            }

            if (back > 0)
            {
                unexpected.Add((m.In, back));
            }
        }

        foreach (var open in abroad.Values)
        {
            result.AddRange(open);
        }

        return new RepairMatch(result, unplaced, unexpected);
    }

    private static int LotOf(IReadOnlyList<AssetLot> lots, List<int>? pool, RepairOut o, decimal[] outQty)
    {
        if (pool is null)
        {
            return -1;
        }

        if (o.SourcePedimento is { } named)
        {
            foreach (var i in pool)
            {
                if (string.Equals(lots[i].Pedimento, named, StringComparison.Ordinal) && (o.SourcePartida is null || o.SourcePartida == lots[i].Partida)
                    && lots[i].EntryDate <= o.Date)
                {
                    return i;
                }
            }
        }

        var first = -1;
        foreach (var i in pool)
        {
            if (lots[i].EntryDate > o.Date)
            {
                continue;
            }

            first = first < 0 ? i : first;
            if (lots[i].Balance - outQty[i] > 0)
            {
                return i;
            }
        }

        return first;
    }
}
