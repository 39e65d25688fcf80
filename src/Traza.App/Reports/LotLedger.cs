using Traza.App.Discharge;
using Traza.App.Programs;
using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>One pedimento lot as of a date: what entered, what the stored discharge took, its deadline and status.</summary>
public sealed record LotView(
    EntryRecord Entry,
    PartRecord Part,
    PartKind Kind,
    decimal Discharged,
    decimal Waste,
    DateOnly? Deadline,
    LotStatus Status)
{
    public decimal Balance => Entry.Qty - Discharged;

    /// <summary>The lot's own UMT per UMC (SPEC §3.5 "UMT"): the row's qty_umt, else qty × the part's factor.</summary>
    public decimal UmtRatio => LotMath.UmtRatio(Entry.Qty, Entry.QtyUmt, Part.UmtPerUmc);

    public decimal BalanceUmt => LotMath.BalanceUmt(Balance, Entry.Qty, Entry.QtyUmt, Part.UmtPerUmc);

    public decimal? BalanceValueUsd => LotMath.BalanceValueUsd(Balance, Entry.Qty, Entry.ValueUsd);
}

/// <summary>A lot's balance in UMT and in USD, one formula for <see cref="LotView"/> and the balances report.</summary>
internal static class LotMath
{
    /// <summary>The lot's own UMT per UMC (SPEC §3.5 "UMT"): the row's qty_umt, else qty × the part's factor.</summary>
    public static decimal UmtRatio(decimal qty, decimal? qtyUmt, decimal umtPerUmc) =>
        qty == 0 ? umtPerUmc : (qtyUmt ?? (qty * umtPerUmc)) / qty;

    public static decimal BalanceUmt(decimal balance, decimal qty, decimal? qtyUmt, decimal umtPerUmc) =>
        Math.Round(balance * UmtRatio(qty, qtyUmt, umtPerUmc), 6, MidpointRounding.AwayFromZero);

    public static decimal? BalanceValueUsd(decimal balance, decimal qty, decimal? valueUsd) => valueUsd is { } v && qty != 0
        ? Math.Round(balance * v / qty, 2, MidpointRounding.AwayFromZero)
        : null;
}

/// <summary>
/// Reads lots with their discharged quantities from the stored run as of a date (docs/architecture.md Decision 2:
/// allocations of movements dated after D are ignored, so no re-run is needed for an earlier D).
/// </summary>
public static class LotLedger
{
    /// <summary>A period (YYYYMM) after every allocation chunk: <see cref="IDerivedStore.PoolsOf"/> then reads lot totals alone.</summary>
    private const int NoChunks = 999999;

    /// <summary>
    /// Pedimento lots (not NAC stock, not national parts) entered on or before <paramref name="asOf"/>; deadlines with
    /// <paramref name="terms"/>, else the program's own rules and options (<see cref="ProgramTerms.For"/>, SPEC §3.7). With
    /// <paramref name="include"/>, only the lots it keeps (by entry and part kind), and only their pools are read (the
    /// fixed assets of <c>report assets</c> are a few pools among thousands).
    /// </summary>
    public static IReadOnlyList<LotView> Lots(
        ITrazaStore store, DateOnly asOf, string? client, TermOptions? terms = null, Func<EntryRecord, PartKind, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var program = store.GetProgram();
        terms ??= ProgramTerms.For(store, asOf); // SPEC §3.7: the program's imported rules and options over the defaults
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var claves = new LedgerSnapshot.ClaveCache();
        var rectifications = LedgerRectifications.Read(store, asOf); // SPEC §3.8
        var kept = new List<(EntryRecord Entry, PartRecord Part)>();
        foreach (var e in rectifications.AsLots(store.Scans.EntriesForLots(client, asOf)))
        {
            if (!parts.TryGetValue((e.Client, e.Part), out var p) || p.IsNational)
            {
                continue;
            }

            if (!ClaveRules.MakesPedimentoLot(claves.Find(MovementFile.Entries, e.Clave, e.Date)))
            {
                continue;
            }

            if (include is not null && !include(e, PartKinds.TryParse(p.Kind, out var k) ? k : PartKind.Material))
            {
                continue;
            }

            kept.Add((e, p));
        }

        var discharge = store.Derived;
        var run = discharge.LatestRun();
        var pools = run is null ? []
            : include is null ? discharge.Pools(client, withAllocations: asOf < run.AsOf).ToDictionary(p => (p.Client, p.Part))
            : discharge.PoolsOf(kept.Select(k => (k.Entry.Client, k.Entry.Part)).Distinct(), asOf < run.AsOf ? 0 : NoChunks)
                .ToDictionary(p => (p.Client, p.Part));
        var perPool = new Dictionary<(string, string), (long[] Discharged, long[] Waste, Dictionary<PoolLotKey, int> Index)>();

        var result = new List<LotView>();
        var deadlines = new Dictionary<(PartKind, string, string?, DateOnly), DateOnly?>();
        foreach (var (e, part) in kept)
        {

            decimal discharged = 0, waste = 0;
            if (pools.TryGetValue((e.Client, e.Part), out var pool))
            {
                if (!perPool.TryGetValue((e.Client, e.Part), out var totals))
                {
                    totals = AsOf(pool, asOf, run!.AsOf);
                    perPool[(e.Client, e.Part)] = totals;
                }

                if (totals.Index.TryGetValue(new PoolLotKey(e.Pedimento, e.Partida), out var i))
                {
                    discharged = Micro.ToDecimal(totals.Discharged[i]);
                    waste = Micro.ToDecimal(totals.Waste[i]);
                }
            }

            _ = PartKinds.TryParse(part.Kind, out var kind);
            if (!deadlines.TryGetValue((kind, e.Clave, part.Fraccion, e.Date), out var deadline))
            {
                Fraccion? fraccion = Fraccion.Parse(part.Fraccion) is { IsOk: true } f ? f.Value : null;
                deadline = TermCalculator.Deadline(kind, e.Clave, fraccion, e.Date, program?.ValidTo, terms).Date;
                deadlines[(kind, e.Clave, part.Fraccion, e.Date)] = deadline;
            }

            var status = LotStatus.At(e.Qty - discharged, deadline, asOf);
            result.Add(new LotView(e, part, kind, discharged, waste, deadline, status));
        }

        result.Sort((a, b) =>
        {
            var c = a.Entry.Date.CompareTo(b.Entry.Date);
            c = c != 0 ? c : string.CompareOrdinal(a.Entry.Pedimento, b.Entry.Pedimento);
            c = c != 0 ? c : a.Entry.Partida.CompareTo(b.Entry.Partida);
            c = c != 0 ? c : string.CompareOrdinal(a.Entry.Part, b.Entry.Part);
            return c != 0 ? c : string.CompareOrdinal(a.Entry.Client, b.Entry.Client);
        });
        return result;
    }

    private static (long[] Discharged, long[] Waste, Dictionary<PoolLotKey, int> Index) AsOf(
        StoredPool pool, DateOnly asOf, DateOnly runAsOf)
    {
        var n = pool.LotKeys.Count;
        var discharged = new long[n];
        var waste = new long[n];
        var index = new Dictionary<PoolLotKey, int>(n);
        for (var i = 0; i < n; i++)
        {
            index[pool.LotKeys[i]] = i;
        }

        if (asOf >= runAsOf)
        {
            for (var i = 0; i < n; i++)
            {
                discharged[i] = pool.LotTotals[i].Discharged;
                waste[i] = pool.LotTotals[i].Waste;
            }
        }
        else
        {
            var day = asOf.DayNumber;
            for (var i = 0; i < n; i++)
            {
                discharged[i] = pool.LotTotals[i].Opening; // SPEC §3.4: discharged before the records begin, whatever the as-of
            }

            var packed = pool.DecodeAllocations();
            for (var k = 0; k < packed.Length; k++)
            {
                var a = packed[k];
                if (a.Day <= day)
                {
                    discharged[a.Lot] += a.Qty;
                    waste[a.Lot] += a.Waste;
                }
            }
        }

        return (discharged, waste, index);
    }
}
