using Traza.Domain.Discharge;
using Traza.Domain.Model;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>One work order as of a date (docs/cli.md "Work orders"), from the ledger and the stored discharge.</summary>
/// <param name="Event">Its events row.</param>
/// <param name="Id">Its movement id (batch, line).</param>
/// <param name="KitsLeft">Kits taken by exits and destruction/donation events dated on or before the as-of date.</param>
/// <param name="Reservations">What it reserved, each with the share still in kits at the as-of date.</param>
internal sealed record WorkOrderPosition(EventRecord Event, long Id, decimal KitsLeft, IReadOnlyList<(StoredReservation Reservation, decimal InKits)> Reservations)
{
    public decimal KitsInStock => Event.Qty - KitsLeft;
}

/// <summary>
/// Work orders at an as-of date D: each work order dated on or before D with the kits taken from it by movements dated on or
/// before D, and per reservation the share still in kits — reserved − round(reserved × kits taken / kits made) in micro-UMC, the
/// engine's own conversion (<see cref="DischargeResult.ConvertedShare"/>). Reads the stored run, which covers D (SPEC §6): a
/// reservation and a draw are both dated, so a run as of a later date gives the same figures for D.
/// </summary>
internal static class WorkOrders
{
    public static List<WorkOrderPosition> At(
        ITrazaStore store, DateOnly asOf, string? client, IReadOnlyList<StoredReservation>? reservations = null)
    {
        reservations ??= store.Derived.Reservations(client);
        var orders = store.LoadEvents(client, asOf)
            .Where(e => e.Date <= asOf && string.Equals(e.Type, EventType.WorkOrder.Name(), StringComparison.Ordinal))
            .ToList();
        if (orders.Count == 0)
        {
            return [];
        }

        var drawn = new Dictionary<long, decimal>();
        foreach (var d in store.Derived.KitDraws(client))
        {
            if (d.Date <= asOf)
            {
                drawn[d.WorkOrder] = drawn.GetValueOrDefault(d.WorkOrder) + d.Kits;
            }
        }

        var byOrder = reservations.GroupBy(r => r.WorkOrder).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<WorkOrderPosition>(orders.Count);
        foreach (var e in orders)
        {
            var id = PackedAllocation.MovementId(e.BatchId, e.Line);
            var left = drawn.GetValueOrDefault(id);
            var (kits, taken) = (Micro.FromDecimal(e.Qty), Micro.FromDecimal(left));
            var held = (byOrder.GetValueOrDefault(id) ?? [])
                .Select(r =>
                {
                    var qty = Micro.FromDecimal(r.Qty);
                    return (r, Micro.ToDecimal(qty - DischargeResult.ConvertedShare(qty, taken, kits)));
                })
                .ToList();
            result.Add(new WorkOrderPosition(e, id, left, held));
        }

        return result;
    }

    /// <summary>Per lot (client, part, pedimento, partida): UMC reserved by work orders whose kits have not left by D.</summary>
    public static Dictionary<(string Client, string Part, string Pedimento, int Partida), decimal> ReservedByLot(
        ITrazaStore store, DateOnly asOf, string? client)
    {
        var result = new Dictionary<(string, string, string, int), decimal>();
        var reservations = store.Derived.Reservations(client);
        if (reservations.Count == 0)
        {
            return result; // no work order in the stored run: one empty read
        }

        foreach (var order in At(store, asOf, client, reservations))
        {
            foreach (var (r, inKits) in order.Reservations)
            {
                if (inKits != 0)
                {
                    var key = (r.Client, r.Part, r.Pedimento, r.Partida);
                    result[key] = result.GetValueOrDefault(key) + inKits;
                }
            }
        }

        return result;
    }
}
