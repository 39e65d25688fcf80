using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>
/// Maps an engine result back to stored identities: pools with their lots' state and their allocations encoded in
/// monthly chunks (migration 0010), shortages, disposals and findings.
/// </summary>
internal sealed class DerivedData
{
    /// <summary>
    /// The pools in part order, packed on a background thread while the caller consumes them (the save), so packing and
    /// writing overlap and no more than a few hundred packed pools are held at once. Enumerate once.
    /// </summary>
    public required IEnumerable<StoredPool> Pools { get; init; }

    public required List<StoredShortage> Shortages { get; init; }

    public required List<StoredWasteDisposal> Disposals { get; init; }

    public required List<StoredFinding> Findings { get; init; }

    /// <summary>What work orders reserved, and the kits exits took from them (docs/cli.md "Work orders").</summary>
    public List<StoredReservation> Reservations { get; init; } = [];

    public List<StoredKitDraw> KitDraws { get; init; } = [];

    /// <summary>Per movement day: consumptions and allocations of that day's movements.</summary>
    public required Dictionary<int, (long Consumptions, long Allocations)> DayCounts { get; init; }

    public static DerivedData From(LedgerSnapshot snapshot, DischargeResult result)
    {
        var input = snapshot.Input;
        var poolLots = result.PoolLots;
        var movementDay = new int[input.Movements.Count];
        for (var m = 0; m < movementDay.Length; m++)
        {
            movementDay[m] = input.Movements[m].Date.DayNumber;
        }

        var indexInPool = new int[input.Lots.Count];
        foreach (var list in poolLots)
        {
            for (var k = 0; list is not null && k < list.Count; k++)
            {
                indexInPool[list[k]] = k;
            }
        }

        IEnumerable<StoredPool> Packed()
        {
            for (var p = 0; p < poolLots.Length; p++)
            {
                if (poolLots[p] is { } list)
                {
                    yield return Pool(snapshot, result, p, list, movementDay, indexInPool);
                }
            }
        }

        var (shortages, disposals, findings) = Records(snapshot, result);
        return new DerivedData
        {
            Pools = new Pipelined<StoredPool>(Packed(), capacity: 256),
            Shortages = shortages,
            Disposals = disposals,
            Findings = findings,
            DayCounts = CountByDay(snapshot, result),
            Reservations = ReservationsOf(snapshot, result),
            KitDraws = KitDrawsOf(snapshot, result),
        };
    }

    /// <summary>The result's reservations with stored identities (docs/cli.md "Work orders").</summary>
    public static List<StoredReservation> ReservationsOf(LedgerSnapshot snapshot, DischargeResult result)
    {
        var input = snapshot.Input;
        var list = new List<StoredReservation>(result.Reservations.Count);
        foreach (var r in result.Reservations)
        {
            var wo = input.Movements[r.WorkOrder];
            var lot = input.Lots[r.Lot];
            var part = input.Parts[lot.Part];
            list.Add(new StoredReservation(part.Client, snapshot.MovementIds[r.WorkOrder], r.Leaf, part.Part, lot.Document, lot.Partida, wo.Date,
                Micro.ToDecimal(r.Qty), Micro.ToDecimal(r.Waste)));
        }

        return list;
    }

    /// <summary>The result's kit draws with stored identities.</summary>
    public static List<StoredKitDraw> KitDrawsOf(LedgerSnapshot snapshot, DischargeResult result)
    {
        var input = snapshot.Input;
        var list = new List<StoredKitDraw>(result.KitDraws.Count);
        foreach (var d in result.KitDraws)
        {
            var m = input.Movements[d.Movement];
            var part = input.Parts[m.Part];
            list.Add(new StoredKitDraw(part.Client, snapshot.MovementIds[d.WorkOrder], snapshot.MovementIds[d.Movement], part.Part, m.Date,
                Micro.ToDecimal(d.Kits)));
        }

        return list;
    }

    /// <summary>Per movement day of a result: the consumptions and allocations of that day's movements.</summary>
    public static Dictionary<int, (long Consumptions, long Allocations)> CountByDay(LedgerSnapshot snapshot, DischargeResult result)
    {
        var movements = snapshot.Input.Movements;
        var allocations = new int[movements.Count];
        foreach (var a in result.AllocationsByPool)
        {
            allocations[a.Movement]++;
        }

        var days = new Dictionary<int, (long Consumptions, long Allocations)>();
        for (var m = 0; m < movements.Count; m++)
        {
            var consumptions = result.MovementConsumptions.Length > 0 ? result.MovementConsumptions[m] : 0;
            if (consumptions > 0 || allocations[m] > 0)
            {
                var day = movements[m].Date.DayNumber;
                var (c, n) = days.GetValueOrDefault(day);
                days[day] = (c + consumptions, n + allocations[m]);
            }
        }

        return days;
    }

    /// <summary>Shortages, disposals and findings of the result with stored identities.</summary>
    public static (List<StoredShortage>, List<StoredWasteDisposal>, List<StoredFinding>) Records(
        LedgerSnapshot snapshot, DischargeResult result)
    {
        var input = snapshot.Input;
        var lots = input.Lots;
        var shortages = new List<StoredShortage>(result.Shortages.Count);
        foreach (var s in result.Shortages)
        {
            var m = input.Movements[s.Movement];
            var part = input.Parts[s.Part];
            shortages.Add(new StoredShortage(part.Client, snapshot.MovementIds[s.Movement], part.Part, Kind(m), m.Document, m.Date,
                Micro.ToDecimal(s.Qty)));
        }

        var disposals = new List<StoredWasteDisposal>(result.WasteDisposals.Count);
        foreach (var d in result.WasteDisposals)
        {
            var m = input.Movements[d.Movement];
            var lot = lots[d.Lot];
            var part = input.Parts[lot.Part];
            disposals.Add(new StoredWasteDisposal(part.Client, snapshot.MovementIds[d.Movement], part.Part, lot.Document, lot.Partida,
                m.Date, Micro.ToDecimal(d.Qty)));
        }

        var findings = new List<StoredFinding>(result.Findings.Count);
        foreach (var f in result.Findings)
        {
            var m = input.Movements[f.Movement];
            var part = input.Parts[f.Part];
            var lot = f.Lot >= 0 ? lots[f.Lot] : (LotDef?)null;
            var (named, namedPartida) = lot is { } l
                ? (l.Document, (int?)l.Partida)
                : (m.SourceDocument ?? string.Empty, m.SourceDocument is null ? null : m.SourcePartida);
            findings.Add(new StoredFinding(part.Client, f.Code, snapshot.MovementIds[f.Movement], m.Document, m.Date, part.Part, named,
                namedPartida, Micro.ToDecimal(f.Qty), f.Detail));
        }

        return (shortages, disposals, findings);
    }

    /// <summary>One pool: its lots in FIFO order with their state, and its allocations in monthly chunks.</summary>
    private static StoredPool Pool(
        LedgerSnapshot snapshot, DischargeResult result, int p, IReadOnlyList<int> list, int[] movementDay, int[] indexInPool)
    {
        var input = snapshot.Input;
        var lots = input.Lots;
        var keys = new PoolLotKey[list.Count];
        var totals = new PoolLotTotals[list.Count];
        for (var k = 0; k < list.Count; k++)
        {
            var lot = list[k];
            var def = lots[lot];
            keys[k] = new PoolLotKey(def.Document, def.Partida);
            totals[k] = LotState(result, lot, def);
        }

        var allocations = result.PoolAllocations(p);
        var packed = new PackedAllocation[allocations.Length];
        for (var i = 0; i < allocations.Length; i++)
        {
            var a = allocations[i];
            packed[i] = new PackedAllocation(snapshot.MovementIds[a.Movement], movementDay[a.Movement], indexInPool[a.Lot], a.Qty, a.Waste);
        }

        var part = input.Parts[p];
        return new StoredPool { Client = part.Client, Part = part.Part, LotKeys = keys, LotTotals = totals, Chunks = Chunk(packed) };
    }

    /// <summary>A lot's stored state after a run: its totals from the result, entry day and flags from its definition.</summary>
    public static PoolLotTotals LotState(DischargeResult result, int lot, in LotDef def) =>
        new(result.LotEntered[lot], result.LotDischarged[lot], result.LotWaste[lot], result.LotWasteDisposed[lot], def.EntryDate.DayNumber,
            (def.FixedAsset ? PoolLotTotals.FixedAssetFlag : 0) | (def.NationalStock ? PoolLotTotals.NationalStockFlag : 0))
        {
            Opening = Micro.FromDecimal(def.DischargedBefore),
        };

    /// <summary>The lot a stored state describes (the inverse of <see cref="LotState"/>, for resuming).</summary>
    public static LotDef LotOf(int part, PoolLotKey key, in PoolLotTotals state) =>
        new(part, key.Pedimento, key.Partida, DateOnly.FromDayNumber(state.EntryDay), Micro.ToDecimal(state.Entered),
            (state.Flags & PoolLotTotals.FixedAssetFlag) != 0, (state.Flags & PoolLotTotals.NationalStockFlag) != 0,
            Micro.ToDecimal(state.Opening));

    /// <summary>Splits allocations in processing order (so by date) into monthly chunks.</summary>
    public static List<AllocationChunk> Chunk(ReadOnlySpan<PackedAllocation> packed)
    {
        var chunks = new List<AllocationChunk>();
        var buffer = new byte[AllocationCodec.MaxSize(Math.Min(packed.Length, 4096))];
        var start = 0;
        while (start < packed.Length)
        {
            var first = DateOnly.FromDayNumber(packed[start].Day);
            var period = (first.Year * 100) + first.Month;
            var next = new DateOnly(first.Year, first.Month, 1).AddMonths(1).DayNumber;
            var end = start + 1;
            while (end < packed.Length && packed[end].Day < next)
            {
                end++;
            }

            var slice = packed[start..end];
            if (buffer.Length < AllocationCodec.MaxSize(slice.Length))
            {
                buffer = new byte[AllocationCodec.MaxSize(slice.Length)];
            }

            var size = AllocationCodec.Encode(slice, buffer);
            chunks.Add(new AllocationChunk(period, slice.Length, buffer.AsSpan(0, size).ToArray()) { LastDay = slice[^1].Day });
            start = end;
        }

        return chunks;
    }

    private static string Kind(in MovementDef m) => m.Kind == MovementKind.Exit ? "exit" : "event"; // a work order is an events row
}
