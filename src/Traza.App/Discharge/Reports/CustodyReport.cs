using Traza.Domain.Discharge;
using Traza.Formats.Reports;
using Traza.Storage.Sqlite;

namespace Traza.App.Discharge.Reports;

/// <summary>Filters of <c>report custody</c>: a lot (<c>--pedimento P [--partida N]</c>) or an exit (<c>--exit DOC</c>).</summary>
public sealed record CustodyFilter(string? Pedimento = null, int? Partida = null, string? Exit = null);

/// <summary>
/// SPEC §6 <c>custody</c>: which lots each exit consumed, both ways — one row per stored allocation of a movement dated
/// on or before D. For events, exit_document is the reference and exit_clave the event type.
/// </summary>
public static class CustodyReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "exit_document", "exit_clave", "exit_date", "product", "component", "qty", "qty_umt", "entry_pedimento", "entry_partida", "entry_date",
        "value_usd", "client",
    ];

    public static ReportData Build(SqliteLedgerStore store, DateOnly asOf, string? client, CustodyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        var pedimento = filter.Pedimento is null ? null : LedgerSnapshot.Normalize(filter.Pedimento);
        var exitDoc = filter.Exit is null ? null : LedgerSnapshot.Normalize(filter.Exit);
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var entries = store.LoadEntries(client, asOf).ToDictionary(e => (e.Client, e.Pedimento, e.Partida, e.Part));
        var movements = new Dictionary<long, (string Document, string Clave, DateOnly Date, string Product)>();
        foreach (var x in store.LoadExits(client, asOf))
        {
            movements[PackedAllocation.MovementId(x.BatchId, x.Line)] = (x.Pedimento, x.Clave, x.Date, x.Part);
        }

        foreach (var ev in store.LoadEvents(client, asOf))
        {
            movements[PackedAllocation.MovementId(ev.BatchId, ev.Line)] = (ev.Reference, ev.Type, ev.Date, ev.Part);
        }

        var rows = new List<(long Movement, int Seq, object?[] Row)>();
        var day = asOf.DayNumber;
        foreach (var pool in new DischargeStore(store.Connection).Pools(client))
        {
            var packed = pool.DecodeAllocations();
            for (var k = 0; k < packed.Length; k++)
            {
                var a = packed[k];
                if (a.Day > day || !movements.TryGetValue(a.Movement, out var m))
                {
                    continue;
                }

                var key = pool.LotKeys[a.Lot];
                if ((pedimento is not null && (key.Pedimento != pedimento || (filter.Partida is { } p && key.Partida != p)))
                    || (exitDoc is not null && m.Document != exitDoc))
                {
                    continue;
                }

                var qty = Micro.ToDecimal(a.Qty);
                entries.TryGetValue((pool.Client, key.Pedimento, key.Partida, pool.Part), out var entry);
                var factor = parts.TryGetValue((pool.Client, pool.Part), out var part) ? part.UmtPerUmc : 1m;
                var ratio = entry is null || entry.Qty == 0 ? factor : (entry.QtyUmt ?? (entry.Qty * factor)) / entry.Qty;
                decimal? value = entry?.ValueUsd is { } v && entry.Qty != 0 ? Math.Round(qty * v / entry.Qty, 2, MidpointRounding.AwayFromZero) : null;
                rows.Add((a.Movement, k, [
                    m.Document, m.Clave, m.Date, m.Product, pool.Part, qty, Math.Round(qty * ratio, 6, MidpointRounding.AwayFromZero), key.Pedimento,
                    key.Partida, entry?.Date, value, pool.Client,
                ]));
            }
        }

        rows.Sort((x, y) =>
        {
            var c = ((DateOnly)x.Row[2]!).CompareTo((DateOnly)y.Row[2]!);
            c = c != 0 ? c : string.CompareOrdinal((string)x.Row[0]!, (string)y.Row[0]!);
            c = c != 0 ? c : x.Movement.CompareTo(y.Movement);
            c = c != 0 ? c : string.CompareOrdinal((string)x.Row[4]!, (string)y.Row[4]!);
            return c != 0 ? c : x.Seq.CompareTo(y.Seq);
        });
        return new ReportData(Columns, rows.Select(r => r.Row));
    }
}
