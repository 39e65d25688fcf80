using System.Globalization;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>What <c>traza audit verify --recompute</c> found.</summary>
public enum RecomputeStatus
{
    /// <summary>The stored derived data is exactly a full run's over the same ledger at the same as-of date.</summary>
    Same,

    /// <summary>It is not: something stored differs from the recomputation (an audit failure).</summary>
    Differs,

    /// <summary>Batches were imported after the stored run: it cannot be compared until the next discharge.</summary>
    Stale,

    /// <summary>No discharge is stored: nothing to compare.</summary>
    NoRun,
}

/// <summary>The outcome of <see cref="DerivedRecompute.Check"/>, with a line saying what was compared or what differs.</summary>
public sealed record RecomputeCheck(RecomputeStatus Status, string Message);

/// <summary>
/// The recomputation half of SPEC §7 ("covered by `audit verify` by recomputation or digest"): re-runs the whole discharge in
/// memory over the ledger the stored run saw, at its as-of date, and compares every pool (lots, lot states, allocations in
/// processing order), shortage, waste disposal, finding and the run's totals with what is stored. Unlike the digest it
/// catches derived data that is self-consistent but wrong (written by a faulty run, or altered before a later incremental run
/// resumed from it); it costs a full discharge without the save.
/// </summary>
public static class DerivedRecompute
{
    public static RecomputeCheck Check(ITrazaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var reading = store.BeginReadSnapshot();
        var discharge = store.Derived;
        var run = discharge.LatestRun();
        if (run is null)
        {
            return new RecomputeCheck(RecomputeStatus.NoRun, "derived data: none stored, nothing to recompute");
        }

        var batches = store.Batches();
        var last = batches.Count > 0 ? batches[^1].Id : 0;
        if (run.LastBatch != last)
        {
            return new RecomputeCheck(RecomputeStatus.Stale, string.Create(CultureInfo.InvariantCulture,
                $"derived data not recomputed: the stored discharge saw batches up to {run.LastBatch}, the ledger ends at batch " +
                $"{last}; run 'traza discharge' and audit again"));
        }

        var snapshot = LedgerSnapshot.Load(store, run.AsOf);
        var result = DischargeEngine.Run(snapshot.Input);
        var derived = DerivedData.From(snapshot, result);
        var why = Difference(discharge, run, derived);
        return why is null
            ? new RecomputeCheck(RecomputeStatus.Same, string.Create(CultureInfo.InvariantCulture,
                $"derived data matches a recomputation as of {run.AsOf:yyyy-MM-dd}: {run.Consumptions} consumptions, " +
                $"{run.Allocations} allocations"))
            : new RecomputeCheck(RecomputeStatus.Differs, "derived data altered: differs from a recomputation: " + why);
    }

    private static string? Difference(IDerivedStore discharge, DischargeRunRecord run, DerivedData derived)
    {
        var consumptions = derived.DayCounts.Values.Sum(d => d.Consumptions);
        var allocations = derived.DayCounts.Values.Sum(d => d.Allocations);
        if (run.Consumptions != consumptions || run.Allocations != allocations || run.Shortages != derived.Shortages.Count)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"run totals: stored {run.Consumptions} consumptions, {run.Allocations} allocations, {run.Shortages} shortages; " +
                $"recomputed {consumptions}, {allocations}, {derived.Shortages.Count}");
        }

        if (run.DayCounts.Count != derived.DayCounts.Count
            || run.DayCounts.Any(d => !derived.DayCounts.TryGetValue(d.Key, out var counts) || counts != d.Value))
        {
            return "run totals: the per-day counts differ";
        }

        var computed = derived.Pools.ToDictionary(p => (p.Client, p.Part));
        foreach (var stored in discharge.Pools())
        {
            if (!computed.Remove((stored.Client, stored.Part), out var pool))
            {
                return $"pool ({stored.Client}, {stored.Part}): stored, not in the recomputation";
            }

            if (!stored.LotKeys.SequenceEqual(pool.LotKeys))
            {
                return $"pool ({stored.Client}, {stored.Part}): its lots differ";
            }

            if (!stored.LotTotals.SequenceEqual(pool.LotTotals))
            {
                return $"pool ({stored.Client}, {stored.Part}): lot states differ";
            }

            if (!stored.DecodeAllocations().AsSpan().SequenceEqual(pool.DecodeAllocations()))
            {
                return $"pool ({stored.Client}, {stored.Part}): allocations differ";
            }
        }

        if (computed.Count > 0)
        {
            var (client, part) = computed.Keys.First();
            return $"pool ({client}, {part}): recomputed, not stored";
        }

        return Differ("shortages", discharge.Shortages(), derived.Shortages)
            ?? Differ("waste disposals", discharge.WasteDisposals(), derived.Disposals)
            ?? Differ("findings", discharge.Findings(), derived.Findings)
            ?? Differ("work-order reservations", discharge.Reservations(), derived.Reservations)
            ?? Differ("kit draws", discharge.KitDraws(), derived.KitDraws);
    }

    /// <summary>Compares two lists of records as multisets (stored order is storage order).</summary>
    private static string? Differ<T>(string what, IEnumerable<T> stored, IEnumerable<T> computed)
    {
        var a = stored.Select(r => r!.ToString()).Order(StringComparer.Ordinal).ToList();
        var b = computed.Select(r => r!.ToString()).Order(StringComparer.Ordinal).ToList();
        if (a.SequenceEqual(b, StringComparer.Ordinal))
        {
            return null;
        }

        var first = a.Except(b, StringComparer.Ordinal).FirstOrDefault();
        return first is null
            ? $"{what}: {b.Count} recomputed, {a.Count} stored"
            : $"{what}: stored {first}, not in the recomputation";
    }
}
