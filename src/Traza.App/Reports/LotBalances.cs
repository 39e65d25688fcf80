using System.Text;
using Traza.App.Discharge;
using Traza.App.Programs;
using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Domain.Values;
using Traza.Formats.Reports;
using Traza.Storage;


namespace Traza.App.Reports;

/// <summary>One lot of <see cref="LotBalances"/>: its row in the entry table, its part, its clave and its deadline (day number).</summary>
internal readonly record struct BalanceLot(int Entry, int Part, int Clave, int Deadline)
{
    public const int NoDeadline = int.MinValue;
}

/// <summary>
/// The lots of the <c>balances</c> report (SPEC §6) with the semantics of <see cref="LotLedger.Lots"/>, built for a million
/// lots (SPEC §8: balances over 1 M lots to CSV ≤ 5 s): entries read as UTF-8 in place (<see cref="ILedgerScans.LotEntries"/>),
/// no record or string per lot, one part lookup per row, clave rule and deadline cached by (part terms, clave, date), the
/// stored run's lot totals read without their allocations when the as-of is on or after the run's and matched to the entry
/// rows grouped by part, text fields encoded once. Sorted by entry date, pedimento, partida, part and client (ordinal), as
/// <see cref="LotLedger.Lots"/>.
/// </summary>
internal sealed class LotBalances
{
    private const long NotStored = long.MinValue;

    private readonly LotEntryTable entries;
    private readonly PartRecord[] parts;
    private readonly string[] claves;
    private readonly long[] taken;
    private readonly BalanceLot[] lots;
    private readonly int count;
    private readonly DateOnly asOf;

    /// <summary>Per entry row: UMC reserved by work orders whose kits have not left by D (docs/cli.md "Work orders"); null: none.</summary>
    private readonly decimal[]? reserved;

    private LotBalances(
        LotEntryTable entries, PartRecord[] parts, string[] claves, long[] taken, BalanceLot[] lots, int count, DateOnly asOf,
        decimal[]? reserved)
    {
        this.reserved = reserved;
        this.entries = entries;
        this.parts = parts;
        this.claves = claves;
        this.taken = taken;
        this.lots = lots;
        this.count = count;
        this.asOf = asOf;
    }

    /// <summary>
    /// Pedimento lots (not NAC stock, not national parts) entered on or before <paramref name="asOf"/>, of one client when
    /// given, that <paramref name="include"/> keeps (all when null); deadlines with <paramref name="terms"/>, else the
    /// program's (<see cref="ProgramTerms.For"/>).
    /// </summary>
    public static LotBalances Read(
        ITrazaStore store, DateOnly asOf, string? client, TermOptions? terms, Func<LotStatus, bool>? include) =>
        Read(store, asOf, client, terms, include, null);

    /// <summary>
    /// As <see cref="Read(ITrazaStore, DateOnly, string?, TermOptions?, Func{LotStatus, bool}?)"/>, over the rows of
    /// <paramref name="subset"/> only when given (a lot lookup, a page): its entry rows, read by the caller as
    /// <see cref="ILedgerScans.LotEntries"/> reads them, that <see cref="LotSubset.Keep"/> keeps once rebased; the parts and
    /// the stored totals of their pools alone are read. Every figure is the full report's for the same lot — one code path.
    /// </summary>
    internal static LotBalances Read(
        ITrazaStore store, DateOnly asOf, string? client, TermOptions? terms, Func<LotStatus, bool>? include, LotSubset? subset,
        StoredRunCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var program = store.GetProgram();
        terms ??= ProgramTerms.For(store, asOf); // SPEC §3.7: the program's imported rules and options over the defaults
        var parts = subset is null ? store.LoadParts(client).ToArray() : [.. store.Scans.PartsAt(subset.PartKeys())];
        var byClient = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var profiles = new Dictionary<(PartKind, string?), int>();
        var partProfile = new int[parts.Length];
        var partKind = new PartKind[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            (byClient.TryGetValue(parts[i].Client, out var mine)
                ? mine
                : byClient[parts[i].Client] = new(StringComparer.Ordinal))[parts[i].Part] = i;
            _ = PartKinds.TryParse(parts[i].Kind, out partKind[i]);
            if (!profiles.TryGetValue((partKind[i], parts[i].Fraccion), out partProfile[i]))
            {
                profiles[(partKind[i], parts[i].Fraccion)] = partProfile[i] = profiles.Count;
            }
        }

        var entries = subset?.Entries ?? store.Scans.LotEntries(client, asOf);
        var rectifications = (subset?.Rectifications ?? LedgerRectifications.Read(store, asOf)).Entries;
        var partOf = new int[entries.Count];
        string? lastClient = null;
        Dictionary<string, int>? clientParts = null;
        for (var r = 0; r < entries.Count; r++)
        {
            ref readonly var e = ref entries[r];
            if (!ReferenceEquals(e.Client, lastClient))
            {
                lastClient = e.Client;
                clientParts = byClient.GetValueOrDefault(e.Client);
            }

            partOf[r] = clientParts is not null && clientParts.TryGetValue(e.Part, out var p) && !parts[p].IsNational ? p : -1;
            if (!rectifications.IsEmpty && partOf[r] >= 0)
            {
                // SPEC §3.8: a replaced pedimento's rows are no lot; a rectification's rows are the lot under the original's
                // number and entry date.
                var pedimento = entries.PedimentoText(r);
                switch (rectifications.RoleOf(e.Client, pedimento))
                {
                    case RectifiedRole.Skipped:
                        partOf[r] = -1;
                        break;
                    case RectifiedRole.Rebased:
                        var (root, date) = rectifications.Root(e.Client, pedimento);
                        entries.Rebase(r, root, date);
                        break;
                }
            }

            if (subset is not null && partOf[r] >= 0 && !subset.Keep(entries, r))
            {
                partOf[r] = -1;
            }
        }

        var pools = subset is null ? null : PoolsOf(entries, partOf, parts);
        var taken = StoredTotals(store, asOf, client, byClient, new EntriesByPart(entries, partOf, parts.Length), pools, cache);

        var claveIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var termCache = new Dictionary<long, (bool Skip, DateOnly? Deadline)>();
        var lots = new BalanceLot[entries.Count];
        var count = 0;
        for (var r = 0; r < entries.Count; r++)
        {
            var p = partOf[r];
            if (p < 0)
            {
                continue;
            }

            ref readonly var e = ref entries[r];
            if (!claveIds.TryGetValue(e.Clave, out var clave))
            {
                claveIds[e.Clave] = clave = claveIds.Count;
            }

            var key = ((long)partProfile[p] << 40) | ((long)clave << 24) | (long)e.Date.DayNumber;
            if (!termCache.TryGetValue(key, out var term))
            {
                term = Term(parts[p], partKind[p], e.Clave, e.Date, program?.ValidTo, terms);
                termCache[key] = term;
            }

            if (term.Skip)
            {
                continue;
            }

            if (include is null || include(LotStatus.At(e.Qty - Discharged(taken[r]), term.Deadline, asOf)))
            {
                lots[count++] = new BalanceLot(r, p, clave, term.Deadline is { } d ? d.DayNumber : BalanceLot.NoDeadline);
            }
        }

        MergeSort(lots, count, new ReportOrder(entries));

        return new LotBalances(entries, parts, [.. claveIds.OrderBy(c => c.Value).Select(c => c.Key)], taken, lots, count, asOf,
            Reserved(store, asOf, client, entries, partOf));
    }

    /// <summary>How many lots (rows) there are.</summary>
    public int Count => count;

    /// <summary>The lots from <paramref name="start"/> on, at most <paramref name="take"/> of them, in the same order.</summary>
    public LotBalances Slice(int start, int take)
    {
        var from = Math.Clamp(start, 0, count);
        var n = Math.Clamp(take, 0, count - from);
        return new LotBalances(entries, parts, claves, taken, lots[from..(from + n)], n, asOf, reserved);
    }

    /// <summary>The first lot that comes after <paramref name="key"/> in the report's order (<see cref="Count"/> when none).</summary>
    public int FirstAfter(BalanceKey key)
    {
        var order = new ReportOrder(entries);
        for (var i = 0; i < count; i++)
        {
            if (order.Compare(lots[i], key) > 0)
            {
                return i;
            }
        }

        return count;
    }

    /// <summary>The report's sort key of lot <paramref name="i"/> (a page's cursor).</summary>
    public BalanceKey KeyOf(int i)
    {
        ref readonly var e = ref entries[lots[i].Entry];
        return new BalanceKey(e.Date, entries.PedimentoText(lots[i].Entry), e.Partida, e.Part, e.Client);
    }

    /// <summary>The rows of the balances columns (<see cref="BalancesReport.Columns"/>) as typed cells.</summary>
    public IEnumerable<object?[]> Rows()
    {
        for (var i = 0; i < count; i++)
        {
            var l = lots[i];
            var e = entries[l.Entry];
            var part = parts[l.Part];
            var discharged = Discharged(taken[l.Entry]);
            var balance = e.Qty - discharged;
            DateOnly? deadline = l.Deadline == BalanceLot.NoDeadline ? null : DateOnly.FromDayNumber(l.Deadline);
            var status = LotStatus.At(balance, deadline, asOf);
            yield return
            [
                entries.PedimentoText(l.Entry), e.Partida, e.Clave, e.Date, e.Part, part.Kind, e.Client, e.Qty, discharged, balance,
                part.Umc, LotMath.BalanceUmt(balance, e.Qty, e.QtyUmt, part.UmtPerUmc), LotMath.BalanceValueUsd(balance, e.Qty, e.ValueUsd),
                deadline, status.DaysLeft, status.State.Name(), status.AlertBandName, reserved?[l.Entry] ?? 0m,
            ];
        }
    }

    /// <summary>The same rows as <see cref="Rows"/>, written straight to CSV.</summary>
    public void WriteCsv(CsvRowWriter csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var partFields = new (byte[] Part, byte[] Kind, byte[] Client, byte[] Umc)?[parts.Length];
        var claveFields = claves.Select(CsvRowWriter.Field).ToArray();
        var stateFields = Enum.GetValues<LotState>().Select(s => CsvRowWriter.Field(s.Name())).ToArray();
        var bandFields = LotStatus.AlertBandNames.Select(CsvRowWriter.Field).ToArray();
        for (var i = 0; i < count; i++)
        {
            var l = lots[i];
            ref readonly var e = ref entries[l.Entry];
            var part = parts[l.Part];
            var fields = partFields[l.Part] ??= (CsvRowWriter.Field(part.Part), CsvRowWriter.Field(part.Kind),
                CsvRowWriter.Field(part.Client), CsvRowWriter.Field(part.Umc));
            var discharged = Discharged(taken[l.Entry]);
            var balance = e.Qty - discharged;
            DateOnly? deadline = l.Deadline == BalanceLot.NoDeadline ? null : DateOnly.FromDayNumber(l.Deadline);
            var status = LotStatus.At(balance, deadline, asOf);
            csv.Text(entries.Pedimento(l.Entry));
            csv.Number(e.Partida);
            csv.Encoded(claveFields[l.Clave]);
            csv.Date(e.Date);
            csv.Encoded(fields.Part);
            csv.Encoded(fields.Kind);
            csv.Encoded(fields.Client);
            csv.Number(e.Qty);
            csv.Number(discharged);
            csv.Number(balance);
            csv.Encoded(fields.Umc);
            csv.Number(LotMath.BalanceUmt(balance, e.Qty, e.QtyUmt, part.UmtPerUmc));
            csv.Number(LotMath.BalanceValueUsd(balance, e.Qty, e.ValueUsd));
            csv.Date(deadline);
            csv.Number(status.DaysLeft);
            csv.Encoded(stateFields[(int)status.State]);
            csv.Encoded(bandFields[status.AlertBandIndex]);
            csv.Number(reserved?[l.Entry] ?? 0m);
            csv.EndRow();
        }
    }

    /// <summary>Per entry row, what work orders still hold of the lot at D; null when no work order holds anything.</summary>
    private static decimal[]? Reserved(ITrazaStore store, DateOnly asOf, string? client, LotEntryTable entries, int[] partOf)
    {
        var byLot = WorkOrders.ReservedByLot(store, asOf, client);
        if (byLot.Count == 0)
        {
            return null;
        }

        var result = new decimal[entries.Count];
        for (var r = 0; r < entries.Count; r++)
        {
            if (partOf[r] >= 0)
            {
                ref readonly var e = ref entries[r];
                result[r] = byLot.GetValueOrDefault((e.Client, e.Part, entries.PedimentoText(r), e.Partida));
            }
        }

        return result;
    }

    /// <summary>What the stored run took from a lot, 0 when it holds no such lot (as <see cref="LotLedger.Lots"/>).</summary>
    private static decimal Discharged(long micro) => micro == NotStored ? 0m : Micro.ToDecimal(micro);

    /// <summary>
    /// Sorts by merging the runs already in order: entries are read in key order (client, pedimento, partida, part), which
    /// follows the report's order but for a few lots, so this is a pass or a few instead of n log n comparisons.
    /// </summary>
    private static void MergeSort(BalanceLot[] lots, int count, ReportOrder order)
    {
        var runs = new List<int> { 0 };
        for (var i = 1; i < count; i++)
        {
            if (order.Compare(lots[i - 1], lots[i]) > 0)
            {
                runs.Add(i);
            }
        }

        runs.Add(count);
        if (runs.Count <= 2)
        {
            return;
        }

        var from = lots;
        var to = new BalanceLot[count];
        while (runs.Count > 2)
        {
            var merged = new List<int> { 0 };
            for (var k = 0; k + 1 < runs.Count; k += 2)
            {
                int lo = runs[k], mid = runs[k + 1], hi = k + 2 < runs.Count ? runs[k + 2] : mid;
                int a = lo, b = mid, at = lo;
                while (a < mid && b < hi)
                {
                    to[at++] = order.Compare(from[a], from[b]) <= 0 ? from[a++] : from[b++];
                }

                Array.Copy(from, a, to, at, mid - a);
                at += mid - a;
                Array.Copy(from, b, to, at, hi - b);
                merged.Add(hi);
            }

            runs = merged;
            (from, to) = (to, from);
        }

        if (!ReferenceEquals(from, lots))
        {
            Array.Copy(from, lots, count);
        }
    }

    /// <summary>Whether an entry of this clave and date is no pedimento lot (unknown clave, NAC stock); else its deadline.</summary>
    private static (bool Skip, DateOnly? Deadline) Term(
        PartRecord part, PartKind kind, string clave, DateOnly date, DateOnly? validTo, TermOptions? terms)
    {
        if (!ClaveRules.MakesPedimentoLot(ClaveTable.Find(MovementFile.Entries, clave, date)))
        {
            return (true, null);
        }

        Fraccion? fraccion = Fraccion.Parse(part.Fraccion) is { IsOk: true } f ? f.Value : null;
        return (false, TermCalculator.Deadline(kind, clave, fraccion, date, validTo, terms).Date);
    }

    /// <summary>
    /// Micro-UMC the stored run discharged from each entry row's lot as of <paramref name="asOf"/> (<see cref="NotStored"/>
    /// when it holds no such lot): the lot totals alone when the as-of is on or after the run's (no allocation read), else the
    /// lot's opening discharge and the allocations dated on or before it (docs/architecture.md Decision 2).
    /// </summary>
    private static long[] StoredTotals(ITrazaStore store, DateOnly asOf, string? client,
        Dictionary<string, Dictionary<string, int>> byClient, EntriesByPart lots, List<(string Client, string Part)>? only,
        StoredRunCache? cache)
    {
        var taken = new long[lots.Entries.Count];
        Array.Fill(taken, NotStored);
        var discharge = store.Derived;
        var run = discharge.LatestRun();
        if (run is null)
        {
            return taken;
        }

        if (asOf >= run.AsOf)
        {
            string? lastClient = null, lastPart = null;
            var pool = -1;
            LotTotalsVisitor visit = (c, p, pedimento, partida, in totals) =>
            {
                if (!ReferenceEquals(c, lastClient) || !ReferenceEquals(p, lastPart))
                {
                    (lastClient, lastPart) = (c, p);
                    pool = byClient.GetValueOrDefault(c)?.GetValueOrDefault(p, -1) ?? -1;
                }

                if (pool >= 0 && lots.Find(pool, pedimento, partida) is >= 0 and var row)
                {
                    taken[row] = totals.Discharged;
                }
            };
            if (only is null)
            {
                discharge.ScanLotTotals(client, visit);
            }
            else if (cache is null)
            {
                if (only.Count > 0)
                {
                    discharge.ScanLotTotalsOf(only, visit);
                }
            }
            else
            {
                // A long-lived reader's pools from memory (StoredRunCache), the others read and kept when the run did not change.
                var runKey = StoredRunCache.KeyOf(run);
                var missing = new List<(string Client, string Part)>();
                foreach (var key in only)
                {
                    if (!cache.TryGetTotals(runKey, key, out var kept))
                    {
                        missing.Add(key);
                    }
                    else if (byClient.GetValueOrDefault(key.Client)?.GetValueOrDefault(key.Part, -1) is >= 0 and var part)
                    {
                        // What visiting the kept pool's lots would set — for each of this part's rows that a visit of its key
                        // finds — by the row's key instead of visiting every lot of the pool.
                        foreach (var row in lots.RowsOf(part))
                        {
                            var pedimento = lots.Entries.Pedimento(row);
                            var partida = lots.Entries[row].Partida;
                            if (lots.Find(part, pedimento, partida) == row && kept.TryGet(lots.Entries.PedimentoText(row), partida, out var totals))
                            {
                                taken[row] = totals.Discharged;
                            }
                        }
                    }
                }

                if (missing.Count > 0)
                {
                    var read = new Dictionary<(string, string), PoolTotals>();
                    foreach (var key in missing)
                    {
                        read[key] = new PoolTotals();
                    }

                    discharge.ScanLotTotalsOf(missing, (c, p, pedimento, partida, in totals) =>
                    {
                        visit(c, p, pedimento, partida, in totals);
                        if (read.TryGetValue((c, p), out var lotsOf))
                        {
                            lotsOf.Add(pedimento, partida, in totals);
                        }
                    });
                    if (discharge.LatestRun() is { } after && StoredRunCache.KeyOf(after) == runKey)
                    {
                        cache.PutTotals(runKey, read.Select(r => (r.Key, r.Value)));
                    }
                }
            }

            return taken;
        }

        var day = asOf.DayNumber;
        Span<byte> utf8 = stackalloc byte[256];
        IEnumerable<StoredPool> stored = only is null ? discharge.Pools(client, withAllocations: true) : only.Count == 0 ? [] : discharge.PoolsOf(only);
        foreach (var pool in stored)
        {
            if (byClient.GetValueOrDefault(pool.Client)?.GetValueOrDefault(pool.Part, -1) is not (>= 0 and var p))
            {
                continue;
            }

            var sums = new long[pool.LotKeys.Count];
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = pool.LotTotals[i].Opening; // SPEC §3.4: discharged before the records begin, whatever the as-of
            }

            foreach (var a in pool.DecodeAllocations())
            {
                if (a.Day <= day)
                {
                    sums[a.Lot] += a.Qty;
                }
            }

            for (var i = 0; i < sums.Length; i++)
            {
                var pedimento = pool.LotKeys[i].Pedimento;
                var bytes = Encoding.UTF8.GetMaxByteCount(pedimento.Length) <= utf8.Length
                    ? utf8[..Encoding.UTF8.GetBytes(pedimento, utf8)]
                    : Encoding.UTF8.GetBytes(pedimento);
                if (lots.Find(p, bytes, pool.LotKeys[i].Partida) is >= 0 and var row)
                {
                    taken[row] = sums[i];
                }
            }
        }

        return taken;
    }

    /// <summary>The distinct (client, part) pools of the rows kept (<paramref name="partOf"/> ≥ 0).</summary>
    private static List<(string Client, string Part)> PoolsOf(LotEntryTable entries, int[] partOf, PartRecord[] parts)
    {
        var seen = new HashSet<int>();
        var pools = new List<(string, string)>();
        for (var r = 0; r < entries.Count; r++)
        {
            if (partOf[r] >= 0 && seen.Add(partOf[r]))
            {
                pools.Add((parts[partOf[r]].Client, parts[partOf[r]].Part));
            }
        }

        return pools;
    }

    /// <summary>The report's order over the lots' entry rows: date, pedimento, partida, part, client (strings ordinal).</summary>
    private readonly struct ReportOrder(LotEntryTable entries) : IComparer<BalanceLot>
    {
        /// <summary>A lot against a page's cursor, in the same order.</summary>
        public int Compare(BalanceLot a, BalanceKey key)
        {
            ref readonly var x = ref entries[a.Entry];
            var c = x.Date.CompareTo(key.Date);
            c = c != 0 ? c : string.CompareOrdinal(entries.PedimentoText(a.Entry), key.Pedimento);
            c = c != 0 ? c : x.Partida.CompareTo(key.Partida);
            c = c != 0 ? c : string.CompareOrdinal(x.Part, key.Part);
            return c != 0 ? c : string.CompareOrdinal(x.Client, key.Client);
        }

        public int Compare(BalanceLot a, BalanceLot b)
        {
            ref readonly var x = ref entries[a.Entry];
            ref readonly var y = ref entries[b.Entry];
            var c = x.Date.CompareTo(y.Date);
            c = c != 0 ? c : Utf8Ordinal(entries.Pedimento(a.Entry), entries.Pedimento(b.Entry));
            c = c != 0 ? c : x.Partida.CompareTo(y.Partida);
            c = c != 0 ? c : string.CompareOrdinal(x.Part, y.Part);
            return c != 0 ? c : string.CompareOrdinal(x.Client, y.Client);
        }

        /// <summary>
        /// <see cref="string.CompareOrdinal(string, string)"/> of the decoded texts: ASCII bytes order as UTF-16 code units
        /// do, so the bytes decide when the first difference (or the end of the shorter) is ASCII; else the strings do.
        /// </summary>
        private static int Utf8Ordinal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            var n = a.CommonPrefixLength(b);
            if (n == a.Length || n == b.Length)
            {
                if (n == 0 || a[n - 1] < 0x80)
                {
                    return a.Length.CompareTo(b.Length);
                }
            }
            else if (a[n] < 0x80 && b[n] < 0x80 && (n == 0 || a[n - 1] < 0x80))
            {
                return a[n].CompareTo(b[n]);
            }

            return string.CompareOrdinal(Encoding.UTF8.GetString(a), Encoding.UTF8.GetString(b));
        }
    }
}
