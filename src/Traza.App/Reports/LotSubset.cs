using Traza.App.Discharge;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// Some lots of <c>balances</c> (<see cref="LotBalances"/>): entry rows a caller read as <see cref="ILedgerScans.LotEntries"/>
/// reads them, the rectifications as of the same date, and which rows to keep once rebased (SPEC §3.8).
/// </summary>
/// <param name="Entries">The entry rows, any order.</param>
/// <param name="Rectifications">The ledger's rectifications as of the report's date.</param>
/// <param name="Keep">Whether a row (as the lot counts it: rebased onto its original) belongs to the subset.</param>
internal sealed record LotSubset(LotEntryTable Entries, LedgerRectifications Rectifications, Func<LotEntryTable, int, bool> Keep)
{
    /// <summary>The distinct (client, part) keys of the rows.</summary>
    public List<(string Client, string Part)> PartKeys()
    {
        var keys = new HashSet<(string, string)>();
        var list = new List<(string, string)>();
        for (var r = 0; r < Entries.Count; r++)
        {
            ref readonly var e = ref Entries[r];
            if (keys.Add((e.Client, e.Part)))
            {
                list.Add((e.Client, e.Part));
            }
        }

        return list;
    }
}

/// <summary>A lot's place in <c>balances</c>' order: entry date, pedimento, partida, part, client (texts ordinal).</summary>
public readonly record struct BalanceKey(DateOnly Date, string Pedimento, int Partida, string Part, string Client);
