namespace Traza.Domain.Discharge;

/// <summary>
/// One pedimento of the ledger whose rows name, in their <c>rectifies</c> column, a previous pedimento of the same client and
/// layout (SPEC §3.8).
/// </summary>
/// <param name="Client">The client both pedimentos belong to ('' for the program's own rows).</param>
/// <param name="Pedimento">The rectification (15 digits).</param>
/// <param name="Original">The pedimento it rectifies (15 digits).</param>
/// <param name="Date">The rectification's date (the earliest of its rows).</param>
/// <param name="OriginalDate">The date of the original's rows in the same layout (the earliest); null when the ledger lacks them.</param>
public readonly record struct RectificationDef(string Client, string Pedimento, string Original, DateOnly Date, DateOnly? OriginalDate);

/// <summary>How one ledger row of entries or exits takes part in a run, once rectifications are applied (<see cref="RectificationMap"/>).</summary>
public enum RectifiedRole : byte
{
    /// <summary>The row is neither rectified nor a rectification: it counts as it is.</summary>
    AsIs,

    /// <summary>
    /// A rectification in force dated on or before the as-of date: the row counts under the original's number and date
    /// (<see cref="RectificationMap.Root"/>) with its own clave, quantities and values.
    /// </summary>
    Rebased,

    /// <summary>
    /// The row no longer counts: a later rectification in force replaces its pedimento, or it is a rectification dated after
    /// the as-of date (not yet declared at D).
    /// </summary>
    Skipped,
}

/// <summary>
/// Rectifications as the ledger takes them (SPEC §3.8; regulatory brief: clave R1 "re-bases the balance on the rectified
/// data", 701 links the original): a rectification dated on or before the as-of date replaces every row of the pedimento it
/// rectifies; its own rows then count under the original's number, at the original's date — so a lot keeps its entry date
/// and FIFO position and an exit its place in the discharge order — with the rectification's clave (its term and discharge
/// rules), quantities and values. The discharge re-runs from the original date (a full run). Chains follow to the first
/// pedimento the ledger holds; of two rectifications of one pedimento the later (date, then number) wins. A rectification
/// whose original the ledger lacks counts as itself. Pure: built from the rectification rows alone.
/// </summary>
public sealed class RectificationMap
{
    /// <summary>A map with no rectification: every row counts as it is.</summary>
    public static readonly RectificationMap Empty = new([], []);

    private readonly Dictionary<(string Client, string Pedimento), (string Pedimento, DateOnly Date)> rebased;
    private readonly HashSet<(string Client, string Pedimento)> skipped;
    private readonly Dictionary<(string Client, string Root), string> byRoot = [];

    private RectificationMap(
        Dictionary<(string Client, string Pedimento), (string Pedimento, DateOnly Date)> rebased,
        HashSet<(string Client, string Pedimento)> skipped)
    {
        this.rebased = rebased;
        this.skipped = skipped;
        foreach (var ((client, pedimento), to) in rebased)
        {
            byRoot[(client, to.Pedimento)] = pedimento;
        }
    }

    /// <summary>True when every row counts as it is (the common case: callers skip the lookups).</summary>
    public bool IsEmpty => rebased.Count == 0 && skipped.Count == 0;

    /// <summary>The map of one layout's rectifications as of <paramref name="asOf"/>.</summary>
    public static RectificationMap Build(IEnumerable<RectificationDef> rectifications, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rectifications);
        var all = rectifications.ToList();
        if (all.Count == 0)
        {
            return Empty;
        }

        var skipped = new HashSet<(string, string)>();
        var inForce = new Dictionary<(string Client, string Pedimento), RectificationDef>();
        foreach (var r in all)
        {
            if (r.Date > asOf)
            {
                skipped.Add((r.Client, r.Pedimento)); // not yet declared at D
            }
            else
            {
                inForce[(r.Client, r.Pedimento)] = r;
            }
        }

        // Of several rectifications of one original, the latest (date, then number) is the one in force; the others are
        // replaced by it like the original.
        foreach (var group in inForce.Values.GroupBy(r => (r.Client, r.Original)))
        {
            foreach (var earlier in group.OrderBy(r => r.Date).ThenBy(r => r.Pedimento, StringComparer.Ordinal).SkipLast(1))
            {
                skipped.Add((earlier.Client, earlier.Pedimento));
            }
        }

        var rebased = new Dictionary<(string, string), (string, DateOnly)>();
        var replaced = new HashSet<(string, string)>();
        foreach (var r in inForce.Values)
        {
            if (skipped.Contains((r.Client, r.Pedimento)) || RootOf(r, inForce, replaced) is not { } root)
            {
                continue;
            }

            rebased[(r.Client, r.Pedimento)] = root;
        }

        skipped.UnionWith(replaced);

        // One number per lot or exit: should two rectifications reach one root (a rectification of a superseded one), the
        // later (date, then number) counts and the other is replaced.
        foreach (var group in rebased.GroupBy(r => (r.Key.Item1, r.Value.Item1)).Where(g => g.Count() > 1))
        {
            foreach (var earlier in group.Select(g => inForce[g.Key])
                .OrderBy(r => r.Date).ThenBy(r => r.Pedimento, StringComparer.Ordinal).SkipLast(1))
            {
                skipped.Add((earlier.Client, earlier.Pedimento));
            }
        }

        // An original the ledger lacks is no row; an intermediate rectification of a chain is replaced by the next one, so only
        // the last of a chain counts, under the first number.
        foreach (var key in rebased.Keys.Where(skipped.Contains).ToList())
        {
            rebased.Remove(key);
        }

        return new RectificationMap(rebased, skipped);
    }

    /// <summary>How rows of <paramref name="pedimento"/> of <paramref name="client"/> count.</summary>
    public RectifiedRole RoleOf(string client, string pedimento)
    {
        if (IsEmpty)
        {
            return RectifiedRole.AsIs;
        }

        if (skipped.Contains((client, pedimento)))
        {
            return RectifiedRole.Skipped;
        }

        return rebased.ContainsKey((client, pedimento)) ? RectifiedRole.Rebased : RectifiedRole.AsIs;
    }

    /// <summary>The number and date a rebased pedimento's rows count under (the first pedimento of its chain the ledger holds).</summary>
    public (string Pedimento, DateOnly Date) Root(string client, string pedimento) => rebased[(client, pedimento)];

    /// <summary>
    /// The rectification in force whose rows count under <paramref name="root"/> (a lot's or an exit's key), or null when the
    /// rows of that number count as they are.
    /// </summary>
    public string? RectificationOf(string client, string root) =>
        byRoot.TryGetValue((client, root), out var pedimento) ? pedimento : null;

    /// <summary>
    /// Every number that answers for the same rows as <paramref name="pedimento"/> ("answers to both numbers", SPEC §3.8): itself,
    /// its root when it is a rectification in force, and the rectifications rebased onto it.
    /// </summary>
    public IReadOnlySet<string> NumbersOf(string client, string pedimento)
    {
        var root = rebased.TryGetValue((client, pedimento), out var r) ? r.Pedimento : pedimento;
        var numbers = new SortedSet<string>(StringComparer.Ordinal) { pedimento, root };
        foreach (var ((c, p), to) in rebased)
        {
            if (string.Equals(c, client, StringComparison.Ordinal) && string.Equals(to.Pedimento, root, StringComparison.Ordinal))
            {
                numbers.Add(p);
            }
        }

        return numbers;
    }

    /// <summary>
    /// The root of a rectification in force: follow originals the ledger holds (through rectifications in force) to the first
    /// one; null when its original is not held (it counts as itself) or the chain loops (invalid input kept as it is).
    /// </summary>
    private static (string Pedimento, DateOnly Date)? RootOf(
        RectificationDef r,
        Dictionary<(string Client, string Pedimento), RectificationDef> inForce,
        HashSet<(string Client, string Pedimento)> replaced)
    {
        if (r.OriginalDate is null && !inForce.ContainsKey((r.Client, r.Original)))
        {
            return null;
        }

        var chain = new List<string> { r.Original };
        var seen = new HashSet<string>(StringComparer.Ordinal) { r.Pedimento };
        var at = r;
        while (inForce.TryGetValue((r.Client, at.Original), out var previous))
        {
            if (!seen.Add(previous.Pedimento))
            {
                return null;
            }

            at = previous;
            chain.Add(at.Original);
        }

        // Every pedimento the chain passes through is replaced: the rectifications in between and the root's own rows.
        (string Pedimento, DateOnly Date) root = at.OriginalDate is { } date ? (at.Original, date) : (at.Pedimento, at.Date);
        foreach (var number in chain)
        {
            replaced.Add((r.Client, number));
        }

        replaced.Add((r.Client, root.Pedimento));
        return root;
    }
}
