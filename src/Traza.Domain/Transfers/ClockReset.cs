using Traza.Domain.Catalogs;
using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Domain.Transfers;

/// <summary>A virtual transfer out: a V1/V5 exit line of a (client, part) to a counterparty.</summary>
public sealed record TransferOut(string Client, string Part, PartKind Kind, string Clave, string Pedimento, int Partida, DateOnly Date,
    TransferCounterparty Counterparty);

/// <summary>A virtual transfer in: a V1 entry line (a lot) of a (client, part) from a sender (none when unknown).</summary>
public sealed record TransferIn(string Client, string Part, PartKind Kind, string Pedimento, int Partida, DateOnly Date, decimal Qty,
    TransferCounterparty Sender);

/// <summary>How sure a clock-reset finding is that the goods went back to the same party.</summary>
public enum ClockResetMatch
{
    /// <summary>The exit's counterparty and the entry's sender are the same key.</summary>
    SameCounterparty,

    /// <summary>One side does not name the other party: only the part and the window match.</summary>
    PartyUnknown,
}

/// <summary>One clock-reset finding (<see cref="ClockReset.Find"/>).</summary>
public sealed record ClockResetFinding(TransferOut Out, TransferIn Return, int Days, bool High, ClockResetMatch Match);

/// <summary>
/// The clock-reset risk of virtual transfers (issue 15): goods leave by V1/V5 to a counterparty and the same part comes back
/// by V1 from that counterparty within a window. The returned goods open a new lot whose term runs from the new entry date
/// (SPEC §3.4, §3.7), so a round trip that never moved the goods restarts the art. 108 clock — what the 2026 reform's data
/// matching (Ley Aduanera art. 59, regulatory.md §6.8) and the transferor's solidary liability (art. 53 fr. X) target.
/// </summary>
/// <remarks>
/// The law gives no window; the default <see cref="DefaultWindowDays"/> is the 6 months industry sources give V1-received
/// goods (regulatory.md §4.1, §4.3, U12) and is UNCERTAIN. Fixed-asset lots (machinery and tooling parts, whatever the
/// clave: SPEC §3.3) are <c>high</c>: tooling that never leaves is the reform's named target.
/// </remarks>
public static class ClockReset
{
    /// <summary>180 days (≈ 6 months, the V1-received term of industry sources; UNCERTAIN).</summary>
    public const int DefaultWindowDays = 180;

    /// <summary>
    /// Every (out, return) pair of the same client and part where the return is dated from the exit's date through
    /// <paramref name="windowDays"/> days after it, and the parties are the same or one is unknown; in the order of
    /// <paramref name="outs"/>, then of <paramref name="returns"/>.
    /// </summary>
    public static List<ClockResetFinding> Find(IEnumerable<TransferOut> outs, IEnumerable<TransferIn> returns, int windowDays)
    {
        ArgumentNullException.ThrowIfNull(outs);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        var byPool = new Dictionary<(string, string), List<TransferIn>>();
        foreach (var r in returns)
        {
            if (!byPool.TryGetValue((r.Client, r.Part), out var list))
            {
                byPool[(r.Client, r.Part)] = list = [];
            }

            list.Add(r);
        }

        var found = new List<ClockResetFinding>();
        foreach (var o in outs)
        {
            if (!byPool.TryGetValue((o.Client, o.Part), out var list))
            {
                continue;
            }

            foreach (var r in list)
            {
                var days = r.Date.DayNumber - o.Date.DayNumber;
                if (days < 0 || days > windowDays)
                {
                    continue;
                }

                ClockResetMatch match;
                if (o.Counterparty.Kind == CounterpartyKind.None || r.Sender.Kind == CounterpartyKind.None)
                {
                    match = ClockResetMatch.PartyUnknown;
                }
                else if (string.Equals(o.Counterparty.Key, r.Sender.Key, StringComparison.Ordinal))
                {
                    match = ClockResetMatch.SameCounterparty;
                }
                else
                {
                    continue;
                }

                found.Add(new ClockResetFinding(o, r, days, ClaveTable.IsFixedAssetLot("V1", r.Kind), match));
            }
        }

        return found;
    }
}
