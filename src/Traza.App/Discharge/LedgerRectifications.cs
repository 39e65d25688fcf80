using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>
/// The ledger's rectifications of entries and of exits as of a date (SPEC §3.8, <see cref="RectificationMap"/>), and the
/// entry rows as lots see them: a replaced pedimento's rows drop out, a rectification's rows count under the original's
/// number and date. Every reader of lots — the discharge, balances, custody, descargos — goes through it.
/// </summary>
public sealed class LedgerRectifications
{
    private LedgerRectifications(RectificationMap entries, RectificationMap exits, List<RectificationScan> all)
    {
        Entries = entries;
        Exits = exits;
        All = all;
    }

    /// <summary>Rectifications of entries (lots).</summary>
    public RectificationMap Entries { get; }

    /// <summary>Rectifications of exits (movements).</summary>
    public RectificationMap Exits { get; }

    /// <summary>Every rectification row of both layouts, as read.</summary>
    public IReadOnlyList<RectificationScan> All { get; }

    /// <summary>True when neither layout holds a rectification.</summary>
    public bool IsEmpty => All.Count == 0;

    public static LedgerRectifications Read(ITrazaStore store, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = store.Scans.Rectifications(MovementTable.Entries);
        var exits = store.Scans.Rectifications(MovementTable.Exits);
        return new LedgerRectifications(Map(entries, asOf), Map(exits, asOf), [.. entries, .. exits]);
    }

    /// <summary>An entry row as its lot counts it (null when a rectification replaced it or is not yet in force).</summary>
    public EntryRecord? AsLot(EntryRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Entries.RoleOf(entry.Client, entry.Pedimento) switch
        {
            RectifiedRole.Skipped => null,
            RectifiedRole.Rebased => Rebase(entry),
            _ => entry,
        };
    }

    /// <summary>The entry rows of the ledger as lots count them (<see cref="AsLot"/>).</summary>
    public IEnumerable<EntryRecord> AsLots(IEnumerable<EntryRecord> entries) =>
        Entries.IsEmpty ? entries : entries.Select(AsLot).OfType<EntryRecord>();

    /// <summary>
    /// The entry row a lot key (client, pedimento, partida, part) stands for: the rectification in force rebased onto it, or
    /// the row itself; read through <paramref name="read"/> (a point read of a stored row by its key).
    /// </summary>
    public EntryRecord? LotEntry(
        (string Client, string Pedimento, int Partida, string Part) key, Func<string, EntryRecord?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (Entries.RectificationOf(key.Client, key.Pedimento) is { } rectification)
        {
            return read(rectification) is { } row ? Rebase(row) : null;
        }

        return read(key.Pedimento);
    }

    /// <summary>
    /// The numbers that answer for the same goods as <paramref name="pedimento"/> ("answers to both numbers", SPEC §3.8): itself
    /// and every pedimento linked to it by a chain of rectifications, of any client.
    /// </summary>
    public SortedSet<string> Related(string pedimento)
    {
        var numbers = new SortedSet<string>(StringComparer.Ordinal) { pedimento };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var r in All)
            {
                if (numbers.Contains(r.Pedimento) != numbers.Contains(r.Original))
                {
                    numbers.Add(r.Pedimento);
                    numbers.Add(r.Original);
                    grew = true;
                }
            }
        }

        return numbers;
    }

    private EntryRecord Rebase(EntryRecord entry)
    {
        var (root, date) = Entries.Root(entry.Client, entry.Pedimento);
        return entry with { Pedimento = root, Date = date };
    }

    private static RectificationMap Map(List<RectificationScan> rows, DateOnly asOf) =>
        rows.Count == 0
            ? RectificationMap.Empty
            : RectificationMap.Build(rows.Select(r => new RectificationDef(r.Client, r.Pedimento, r.Original, r.Date, r.OriginalDate)), asOf);
}
