using Traza.App.Discharge;
using Traza.Domain.Model;
using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// The 512 lines of waste returned or changed of regime by an exit pedimento (an exits row with <c>case</c> = DE; docs/cli.md
/// "Waste"): the disposal takes no allocation — it disposes the waste balance of its source lots — yet its pedimento names
/// those lots' original pedimentos like any other descargo, so a broker's 512 block for it is compared with these lines
/// (<c>report descargos</c>, <c>descargo_differs</c>). Each disposal's UMC in UMT as custody rounds an allocation, by the
/// lot's entry as lots see it (SPEC §3.8); NAC stock and lots without an entry give none. Shared by the plain descargos and
/// their fast twin (<see cref="ExitDescargos"/>), so both add the same lines.
/// </summary>
internal static class WasteDescargos
{
    /// <summary>
    /// Adds to <paramref name="sums"/> (by exit, original pedimento, fracción and UMT) the waste disposed of by exit pedimentos
    /// dated on or before <paramref name="asOf"/> — of <paramref name="exits"/> only (their documents) when given.
    /// </summary>
    public static void AddTo(
        IDictionary<(string Exit, string Pedimento, string Fraccion, string Umt), (string Clave, DateOnly Date, decimal Qty)> sums,
        ITrazaStore store, DateOnly asOf, string? client, IReadOnlySet<string>? exits, LedgerRectifications rectifications)
    {
        var disposals = store.Derived.WasteDisposals(client).Where(d => d.Date <= asOf).ToList();
        if (disposals.Count == 0)
        {
            return;
        }

        var movements = store.Scans.MovementsAt([.. disposals.Select(d => PackedAllocation.SplitMovement(d.Movement)).Distinct()]);
        var picked = new List<(StoredWasteDisposal Disposal, string Exit)>();
        var keys = new HashSet<(string Client, string Pedimento, int Partida, string Part)>();
        foreach (var d in disposals)
        {
            // Exits only (an event's clave is its type; its document is an acta, not a pedimento).
            if (!movements.TryGetValue(PackedAllocation.SplitMovement(d.Movement), out var m) || EventTypes.TryParse(m.Clave, out _)
                || !IsPedimento(m.Document) || !IsPedimento(d.Pedimento) || (exits is not null && !exits.Contains(m.Document)))
            {
                continue;
            }

            picked.Add((d, m.Document));
            keys.Add((d.Client, rectifications.Entries.RectificationOf(d.Client, d.Pedimento) ?? d.Pedimento, d.Partida, d.Part));
        }

        if (picked.Count == 0)
        {
            return;
        }

        var entries = new Dictionary<(string, string, int, string), EntryRecord>();
        foreach (var row in store.Scans.EntriesAt(keys))
        {
            if (rectifications.AsLot(row) is { } lot)
            {
                entries[(lot.Client, lot.Pedimento, lot.Partida, lot.Part)] = lot;
            }
        }

        var parts = store.Scans.PartsAt([.. picked.Select(p => (p.Disposal.Client, p.Disposal.Part)).Distinct()])
            .ToDictionary(p => (p.Client, p.Part));
        foreach (var (d, exit) in picked)
        {
            if (!entries.TryGetValue((d.Client, d.Pedimento, d.Partida, d.Part), out var entry) || entry.Clave == "NAC")
            {
                continue;
            }

            var part = parts.GetValueOrDefault((d.Client, d.Part));
            var factor = part?.UmtPerUmc ?? 1m;
            var ratio = entry.Qty == 0 ? factor : (entry.QtyUmt ?? (entry.Qty * factor)) / entry.Qty;
            var qtyUmt = Math.Round(d.Qty * ratio, 6, MidpointRounding.AwayFromZero);
            var group = (exit, d.Pedimento, part?.Fraccion ?? string.Empty, part?.Umt ?? string.Empty);
            sums[group] = sums.TryGetValue(group, out var sum)
                ? (sum.Clave, entry.Date < sum.Date ? entry.Date : sum.Date, sum.Qty + qtyUmt)
                : (entry.Clave, entry.Date, qtyUmt);
        }
    }

    private static bool IsPedimento(string document) => document.Length == 15 && PedimentoNumber.IsPedimento(document);
}
