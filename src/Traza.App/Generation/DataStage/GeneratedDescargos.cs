using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;

namespace Traza.App.Generation.DataStage;

/// <summary>
/// The 512 rows (descargos) of a generated program's transfer exits: what their broker transmits, so that
/// <c>report reconcile</c> on the generated program compares descargos and finds none that differ. It runs the discharge
/// engine itself over the generated lots and exits (the same pure function <c>traza discharge</c> runs, SPEC §3.5) and sums
/// the transfers' allocations the way <c>report descargos</c> does: by (exit, original pedimento, fracción, UMT), each
/// allocation's UMT = its UMC × the lot's own qty_umt / qty rounded to 6 decimals (SPEC §3.5 "UMT"), the sum written with
/// 3 decimals as SAT's NUM(15,3) — within the 0.001 tolerance of <c>descargo_differs</c>.
/// </summary>
/// <remarks>
/// A V1 transfer's broker transmits a row per (original pedimento, fracción) with its quantity; a V5's only references
/// each original pedimento (no fracción, .000), the shape most real 512 rows take (issue 13). Lots of NAC stock discharge
/// no pedimento and give no row. Draws nothing from the generator's random sequence.
/// </remarks>
internal sealed class GeneratedDescargos(IReadOnlyList<PartDef> parts, IReadOnlyList<BomLine> bom, IReadOnlyList<(string Fraccion, string Umt)> units)
{
    private readonly List<LotDef> lots = [];
    private readonly List<(string Clave, decimal Ratio)> lotInfo = [];
    private readonly List<MovementDef> movements = [];
    private readonly List<(string Clave, bool References)?> transfers = [];

    /// <summary>True once an exit that transmits descargos was added.</summary>
    public bool Any { get; private set; }

    /// <summary>One entry line: its lot (NAC stock joins the pool and discharges no pedimento).</summary>
    public void Lot(int part, string document, int partida, string clave, DateOnly date, decimal qty, decimal qtyUmt)
    {
        var lot = ClaveRules.EntryLotOf(ClaveTable.Find(MovementFile.Entries, clave, date), clave, parts[part].Kind);
        lots.Add(new LotDef(part, document, partida, date, qty, lot == EntryLot.FixedAsset, lot == EntryLot.National));
        lotInfo.Add((clave, qty == 0 ? 1m : qtyUmt / qty));
    }

    /// <summary>
    /// One exit line; <paramref name="transmits"/> when its broker transmits descargos (a transfer), with only references to
    /// the original pedimentos when <paramref name="referencesOnly"/>.
    /// </summary>
    public void Exit(int part, string pedimento, int partida, string clave, DateOnly date, decimal qty, DateOnly? bomDate, bool transmits,
        bool referencesOnly)
    {
        movements.Add(new MovementDef
        {
            Kind = MovementKind.Exit,
            Date = date,
            Document = pedimento,
            Partida = partida,
            Sequence = movements.Count,
            Part = part,
            Qty = qty,
            Mode = ClaveRules.ExitModeOf(ClaveTable.Find(MovementFile.Exits, clave, date)),
            BomDate = bomDate,
        });
        transfers.Add(transmits ? (clave, referencesOnly) : null);
        Any |= transmits;
    }

    /// <summary>Discharges everything dated on or before <paramref name="asOf"/> and writes the transfers' 512 rows.</summary>
    public void Write(GeneratedPackage package, DateOnly asOf)
    {
        if (!Any)
        {
            return;
        }

        // Events are left out: waste disposals never touch lots, and the other generated events discharge nothing.
        var result = DischargeEngine.Run(new DischargeInput { Parts = parts, Bom = bom, Lots = lots, Movements = movements, AsOf = asOf });

        // One block per exit pedimento: the allocations of its partidas summed by original pedimento, fracción and UMT.
        var blocks = new Dictionary<(string Exit, string Original, string Fraccion, string Umt), (DateOnly ExitDate, string Clave, DateOnly Date, decimal Qty)>();
        foreach (var a in result.AllocationsByPool)
        {
            var lot = lots[a.Lot];
            if (transfers[a.Movement] is not { } transfer || lot.NationalStock)
            {
                continue;
            }

            var (fraccion, umt) = transfer.References ? (string.Empty, string.Empty) : units[lot.Part];
            var qtyUmt = transfer.References
                ? 0m
                : decimal.Round(Micro.ToDecimal(a.Qty) * lotInfo[a.Lot].Ratio, 6, MidpointRounding.AwayFromZero);
            var m = movements[a.Movement];
            var key = (m.Document, lot.Document, fraccion, umt);
            blocks[key] = blocks.TryGetValue(key, out var b)
                ? (b.ExitDate, b.Clave, lot.EntryDate < b.Date ? lot.EntryDate : b.Date, b.Qty + qtyUmt)
                : (m.Date, lotInfo[a.Lot].Clave, lot.EntryDate, qtyUmt);
        }

        var ordered = blocks.OrderBy(b => b.Key.Exit, StringComparer.Ordinal).ThenBy(b => b.Key.Original, StringComparer.Ordinal)
            .ThenBy(b => b.Key.Fraccion, StringComparer.Ordinal).ThenBy(b => b.Key.Umt, StringComparer.Ordinal);
        foreach (var ((exit, original, fraccion, umt), (exitDate, clave, date, qty)) in ordered)
        {
            package.Descargo(exit, exitDate, original, clave, date, fraccion, umt, qty);
        }
    }
}
