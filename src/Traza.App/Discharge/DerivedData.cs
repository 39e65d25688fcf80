using Traza.Domain.Discharge;
using Traza.Storage.Sqlite;

namespace Traza.App.Discharge;

/// <summary>Maps an engine result back to stored identities: pools with packed allocations, shortages, findings.</summary>
internal sealed class DerivedData
{
    public required List<StoredPool> Pools { get; init; }

    public required List<StoredShortage> Shortages { get; init; }

    public required List<StoredWasteDisposal> Disposals { get; init; }

    public required List<StoredFinding> Findings { get; init; }

    public static DerivedData From(LedgerSnapshot snapshot, DischargeResult result)
    {
        var input = snapshot.Input;
        var lots = input.Lots;

        // Each pool's lots in FIFO order (as the engine sorted them), and each lot's index within its pool.
        var poolLots = result.PoolLots;
        var indexInPool = new int[lots.Count];
        foreach (var list in poolLots)
        {
            if (list is null)
            {
                continue;
            }

            for (var k = 0; k < list.Count; k++)
            {
                indexInPool[list[k]] = k;
            }
        }

        var buffers = new byte[input.Parts.Count][];
        for (var p = 0; p < buffers.Length; p++)
        {
            var allocations = result.PoolAllocations(p);
            if (allocations.IsEmpty)
            {
                buffers[p] = [];
                continue;
            }

            var buffer = buffers[p] = new byte[allocations.Length * PackedAllocation.Size];
            for (var i = 0; i < allocations.Length; i++)
            {
                var a = allocations[i];
                new PackedAllocation(snapshot.MovementIds[a.Movement], input.Movements[a.Movement].Date.DayNumber, indexInPool[a.Lot], a.Qty, a.Waste)
                    .Write(buffer.AsSpan(i * PackedAllocation.Size, PackedAllocation.Size));
            }
        }

        var pools = new List<StoredPool>();
        for (var p = 0; p < poolLots.Length; p++)
        {
            if (poolLots[p] is not { } list)
            {
                continue;
            }

            var keys = new PoolLotKey[list.Count];
            var totals = new PoolLotTotals[list.Count];
            for (var k = 0; k < list.Count; k++)
            {
                var lot = list[k];
                keys[k] = new PoolLotKey(lots[lot].Document, lots[lot].Partida);
                totals[k] = new PoolLotTotals(result.LotEntered[lot], result.LotDischarged[lot], result.LotWaste[lot], result.LotWasteDisposed[lot]);
            }

            var part = input.Parts[p];
            pools.Add(new StoredPool { Client = part.Client, Part = part.Part, LotKeys = keys, LotTotals = totals, Allocations = buffers[p] });
        }

        var shortages = new List<StoredShortage>(result.Shortages.Count);
        foreach (var s in result.Shortages)
        {
            var m = input.Movements[s.Movement];
            var part = input.Parts[s.Part];
            shortages.Add(new StoredShortage(part.Client, snapshot.MovementIds[s.Movement], part.Part, Kind(m), m.Document, m.Date, Micro.ToDecimal(s.Qty)));
        }

        var disposals = new List<StoredWasteDisposal>(result.WasteDisposals.Count);
        foreach (var d in result.WasteDisposals)
        {
            var m = input.Movements[d.Movement];
            var lot = lots[d.Lot];
            var part = input.Parts[lot.Part];
            disposals.Add(new StoredWasteDisposal(part.Client, snapshot.MovementIds[d.Movement], part.Part, lot.Document, lot.Partida, m.Date,
                Micro.ToDecimal(d.Qty)));
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
            findings.Add(new StoredFinding(part.Client, f.Code, snapshot.MovementIds[f.Movement], m.Document, m.Date, part.Part, named, namedPartida,
                Micro.ToDecimal(f.Qty), f.Detail));
        }

        return new DerivedData { Pools = pools, Shortages = shortages, Disposals = disposals, Findings = findings };
    }

    private static string Kind(in MovementDef m) => m.Kind == MovementKind.Exit ? "exit" : "event";
}
