namespace Traza.Domain.Submanufacture;

/// <summary>
/// A <c>submanufacture_out</c> (<see cref="Out"/> true) or <c>submanufacture_in</c> events row (SPEC §4.1, §3.5: it moves goods
/// to or from a registered third party without discharging). <paramref name="ThirdParty"/> is the row's <c>third_party</c>
/// ('' when none); <paramref name="Line"/> breaks ties between rows of one date and reference.
/// </summary>
public sealed record SubmanufactureMove(
    string Client, string Part, string ThirdParty, DateOnly Date, bool Out, string Reference, decimal Qty, long Line = 0);

/// <summary>Why a position is flagged: a return with nothing out, or a return bringing back more than was out.</summary>
public enum SubmanufactureNote
{
    None,

    /// <summary>A <c>submanufacture_in</c> found nothing of its (client, part, third party) out.</summary>
    ReturnWithoutOut,

    /// <summary>A <c>submanufacture_in</c> brought back more than was still out: the excess.</summary>
    MoreBackThanOut,
}

/// <summary>
/// One position of a (client, part, third party): a <c>submanufacture_out</c> with what came back of it (FIFO), or — with
/// <paramref name="Note"/> set and <paramref name="QtyOut"/> 0 — the part of a return that matched nothing out
/// (<paramref name="QtyBack"/> is that excess, dated <paramref name="OutDate"/> = the return's date).
/// </summary>
public sealed record SubmanufacturePosition(
    string Client, string Part, string ThirdParty, DateOnly OutDate, string OutReference, decimal QtyOut, decimal QtyBack,
    DateOnly? LastReturn, string? LastReturnReference, SubmanufactureNote Note)
{
    /// <summary>What is still at the third party: out − back, 0 for a flagged return.</summary>
    public decimal QtyStillOut => Note == SubmanufactureNote.None ? QtyOut - QtyBack : 0m;
}

/// <summary>
/// Matches submanufacture outs and returns FIFO per (client, part, third party) (issue 15 item 5; RGCE rule 4.3.6): the moves
/// are taken by date, on one date outs before returns (a same-day return can bring back that day's out), then reference, then
/// line; a return brings back the oldest quantity still out first; what it brings back beyond everything out is a flagged
/// position, never dropped. Pure: the caller gives the moves dated on or before the as-of date.
/// </summary>
public static class SubmanufacturePositions
{
    /// <summary>Months a good may stay at the submanufacturer (rule 4.3.6; regulatory.md §4.3).</summary>
    public const int TermMonths = 6;

    /// <summary>Months the term may be extended by (rule 4.3.6: 6 + 6).</summary>
    public const int ExtensionMonths = 6;

    /// <summary>The positions, ordered by client, part, third party, out date, reference.</summary>
    public static List<SubmanufacturePosition> Match(IEnumerable<SubmanufactureMove> moves)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var ordered = moves.Select((m, i) => (Move: m, Seq: i)).ToList();
        ordered.Sort((a, b) =>
        {
            var c = a.Move.Date.CompareTo(b.Move.Date);
            c = c != 0 ? c : b.Move.Out.CompareTo(a.Move.Out); // outs first
            c = c != 0 ? c : string.CompareOrdinal(a.Move.Reference, b.Move.Reference);
            c = c != 0 ? c : a.Move.Line.CompareTo(b.Move.Line);
            return c != 0 ? c : a.Seq.CompareTo(b.Seq);
        });

        var result = new List<SubmanufacturePosition>();
        var open = new Dictionary<(string, string, string), Queue<int>>(); // indexes into result, oldest first
        var seen = new HashSet<(string, string, string)>(); // keys that had an out
        foreach (var (m, _) in ordered)
        {
            var key = (m.Client, m.Part, m.ThirdParty);
            if (!open.TryGetValue(key, out var queue))
            {
                open[key] = queue = new Queue<int>();
            }

            if (m.Out)
            {
                seen.Add(key);
                queue.Enqueue(result.Count);
                result.Add(new SubmanufacturePosition(m.Client, m.Part, m.ThirdParty, m.Date, m.Reference, m.Qty, 0m, null, null,
                    SubmanufactureNote.None));
                continue;
            }

            var back = m.Qty;
            while (back > 0 && queue.Count > 0)
            {
                var i = queue.Peek();
                var p = result[i];
                var taken = Math.Min(back, p.QtyStillOut);
                result[i] = p with { QtyBack = p.QtyBack + taken, LastReturn = m.Date, LastReturnReference = m.Reference };
                back -= taken;
                if (result[i].QtyStillOut <= 0)
                {
                    queue.Dequeue();
                }
            }

            if (back > 0)
            {
                result.Add(new SubmanufacturePosition(m.Client, m.Part, m.ThirdParty, m.Date, m.Reference, 0m, back, m.Date, m.Reference,
                    seen.Contains(key) ? SubmanufactureNote.MoreBackThanOut : SubmanufactureNote.ReturnWithoutOut));
            }
        }

        // Stable: positions equal in all of these keep the order the moves gave them.
        return [.. result.OrderBy(p => p.Client, StringComparer.Ordinal).ThenBy(p => p.Part, StringComparer.Ordinal)
            .ThenBy(p => p.ThirdParty, StringComparer.Ordinal).ThenBy(p => p.OutDate).ThenBy(p => p.Note)
            .ThenBy(p => p.OutReference, StringComparer.Ordinal)];
    }
}
