using CsCheck;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>
/// The properties prove little if the generator never reaches the cases they are about: 400 ledgers must reach each of them
/// (each case below appears in 10–60 % of ledgers, so missing one in 400 means the generator broke).
/// </summary>
public class GeneratorCoverageTests
{
    private static readonly (string Case, Func<GenLedger, DischargeResult, bool> Holds)[] Cases =
    [
        ("several clients", (l, _) => l.Parts.Select(p => p.Client).Distinct().Count() > 1),
        ("dated BOM versions", (l, _) => l.Bom.Any(b => b.ValidTo is not null)),
        ("a 3-level BOM", (l, _) => l.Bom.Any(a => l.Bom.Any(b => b.Product == a.Component && l.Bom.Any(c => c.Product == b.Component)))),
        ("a national part exited", (l, _) => l.Movements.Any(m => l.Parts[m.Part].National && Oracle.Discharges(m))),
        ("movements tied on their whole key", (l, _) => l.Movements.GroupBy(m => (m.Date, m.Kind, m.Document, m.Partida)).Any(g => g.Count() > 1)),
        ("movements after the as-of date", (l, _) => l.Movements.Any(m => m.Date > l.AsOf)),
        ("lots tied on date and document", (l, _) => l.Lots.GroupBy(x => (x.Part, x.EntryDate, x.Document)).Any(g => g.Count() > 1)),
        ("an allocation through 2+ BOM levels", (l, r) => r.Allocations.Any(a => Oracle.Exploded(l, l.Movements[a.Movement])
            && !l.Bom.Any(b => b.Product == l.Movements[a.Movement].Part && b.Component == l.Lots[a.Lot].Part))),
        ("an exploded allocation with a bom_date", (l, r) => r.Allocations.Any(a =>
            l.Movements[a.Movement].BomDate is not null && Oracle.Exploded(l, l.Movements[a.Movement]))),
        ("a fixed-asset lot discharged", (l, r) => r.Allocations.Any(a => l.Lots[a.Lot].FixedAsset)),
        ("an F5 allocation", (l, r) => r.Allocations.Any(a => l.Movements[a.Movement].Mode == DischargeMode.FixedAssetLotsOnly)),
        ("a regular-only allocation", (l, r) => r.Allocations.Any(a => l.Movements[a.Movement].Mode == DischargeMode.RegularLotsOnly)),
        ("an F5 of a part with a BOM in force, its leaves short", (l, r) => r.Shortages.Any(s =>
            l.Movements[s.Movement].Mode is DischargeMode.FixedAssetLotsOnly && Oracle.Exploded(l, l.Movements[s.Movement]))),
        ("a NAC lot discharged", (l, r) => r.Allocations.Any(a => l.Lots[a.Lot].NationalStock)),
        ("a destruction or donation of materials", (l, r) => r.Allocations.Any(a => l.Movements[a.Movement].Kind == MovementKind.Event)),
        ("a directed take out of FIFO order", (l, r) => r.Allocations.Any(a =>
            Oracle.IsNamedLot(l.Movements[a.Movement], l.Lots[a.Lot])
            && l.Lots.Any(o => o.Part == l.Lots[a.Lot].Part && Oracle.CompareFifo(o, l.Lots[a.Lot]) < 0))),
        ("a directed_source_short finding", (_, r) => r.Findings.Any(f => f.Code == FindingCodes.DirectedSourceShort)),
        ("a lot closed", (l, r) => Enumerable.Range(0, l.Lots.Length).Any(i => r.LotEntered[i] > 0 && r.LotDischarged[i] == r.LotEntered[i])),
        ("a shortage while a later lot exists", (l, r) => r.Shortages.Any(s =>
            l.Lots.Any(o => o.Part == s.Part && o.EntryDate > l.Movements[s.Movement].Date))),
        ("an allocation from a lot opened partly discharged", (l, r) => r.Allocations.Any(a => l.Lots[a.Lot].DischargedBefore > 0)),
        ("a lot opened fully discharged skipped for a later one", (l, r) => r.Allocations.Any(a => l.Lots.Any(o =>
            o.Part == l.Lots[a.Lot].Part && Oracle.CompareFifo(o, l.Lots[a.Lot]) < 0 && o.EntryDate <= l.Movements[a.Movement].Date
            && o.DischargedBefore > 0 && Micro.FromDecimal(o.DischargedBefore) == Micro.FromDecimal(o.Qty)))),
        ("waste recorded", (_, r) => r.LotWaste.Any(w => w > 0)),
        ("waste disposed", (_, r) => r.WasteDisposals.Count > 0),
        ("a waste disposal beyond the balance", (_, r) => r.Findings.Any(f => f.Code == FindingCodes.WasteDisposalExceedsBalance)),
    ];

    [Fact]
    public void Generator_400_ledgers_reach_every_case_the_properties_need()
    {
        var seen = new int[Cases.Length];
        LedgerGen.Ledger(new LedgerShape()).Sample(l =>
        {
            var r = l.Run();
            for (var i = 0; i < Cases.Length; i++)
            {
                if (Cases[i].Holds(l, r))
                {
                    Interlocked.Increment(ref seen[i]);
                }
            }
        }, iter: 400);

        Cases.Where((_, i) => seen[i] == 0).Select(c => c.Case).ShouldBeEmpty("cases the generator never reached");
    }
}
