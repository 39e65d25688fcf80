using CsCheck;
using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>
/// Changes of regime and the A1 case V return (issue 15 item 2, SPEC §3.3, §3.5) over random programs: every exit gets one of
/// RT, F4, F5, A3, A1 and its discharge mode from the shipped clave table (<see cref="ClaveRules.ExitModeOf"/>), so these
/// properties hold the table and the engine together. Per lot, Σ allocated + balance = entered (after its opening discharge);
/// per exit, Σ allocated + shortage = its need; F5 takes only fixed-asset lots of the part itself, A3 only lots of the part
/// itself, F4 and A1 never a fixed-asset lot, and F4, A1 and RT go through the BOM while F5 and A3 never do.
/// </summary>
public class RegimeChangePropertyTests
{
    private const int Iter = 300;

    private static readonly string[] Claves = ["RT", "F4", "F5", "A3", "A1"];

    private static readonly DateOnly Date = new(2025, 6, 1);

    /// <summary>A ledger whose exits are re-keyed to the claves of <see cref="Claves"/>, and the clave of each movement (null for events).</summary>
    private static readonly Gen<(GenLedger Ledger, string?[] Claves)> Programs =
        Gen.Select(LedgerGen.Ledger(new LedgerShape()), Gen.Int[0, Claves.Length - 1].Array[16], (l, picks) => WithClaves(l, picks));

    private static (GenLedger, string?[]) WithClaves(GenLedger l, int[] picks)
    {
        var movements = l.Movements.ToArray();
        var claves = new string?[movements.Length];
        for (var i = 0; i < movements.Length; i++)
        {
            if (movements[i].Kind != MovementKind.Exit)
            {
                continue;
            }

            var clave = Claves[picks[i % picks.Length]];
            claves[i] = clave;
            movements[i] = movements[i] with { Mode = ClaveRules.ExitModeOf(ClaveTable.Find(MovementFile.Exits, clave, Date)) };
        }

        return (l with { Movements = movements }, claves);
    }

    private static string Describe((GenLedger Ledger, string?[] Claves) t) =>
        string.Join(' ', t.Claves.Select((c, i) => $"mov[{i}]={c ?? "event"}")) + "\n" + t.Ledger.Describe();

    [Fact]
    public void Clave_table_maps_the_regime_changes_to_their_modes()
    {
        DischargeMode Mode(string clave) => ClaveRules.ExitModeOf(ClaveTable.Find(MovementFile.Exits, clave, Date));
        Mode("F4").ShouldBe(DischargeMode.RegularLotsOnly);
        Mode("A1").ShouldBe(DischargeMode.RegularLotsOnly);
        Mode("F5").ShouldBe(DischargeMode.FixedAssetLotsOnly);
        Mode("A3").ShouldBe(DischargeMode.AllLots);
        Mode("BO").ShouldBe(DischargeMode.None);
        Mode("F4").Explodes().ShouldBeTrue();
        Mode("A1").Explodes().ShouldBeTrue();
        Mode("F5").Explodes().ShouldBeTrue(); // SPEC §3.5: every exit of a part with a BOM in force explodes …
        Mode("F5").LeafMode().ShouldBe(DischargeMode.None); // … and an F5's leaves take nothing (§3.3)
        Mode("A3").Explodes().ShouldBeTrue();
        Mode("A3").LeafMode().ShouldBe(DischargeMode.RegularLotsOnly);
    }

    [Fact]
    public void Regime_change_any_program_allocated_plus_balance_equals_entered_per_lot()
    {
        Programs.Sample(t =>
        {
            var (l, _) = t;
            var r = l.Run();
            var allocated = new long[l.Lots.Length];
            foreach (var a in r.Allocations)
            {
                allocated[a.Lot] += a.Qty;
            }

            for (var i = 0; i < l.Lots.Length; i++)
            {
                var entered = Micro.FromDecimal(l.Lots[i].Qty);
                var balance = r.LotEntered[i] - r.LotDischarged[i];
                balance.ShouldBeGreaterThanOrEqualTo(0, $"lot {i}: balance");
                (Micro.FromDecimal(l.Lots[i].DischargedBefore) + allocated[i] + balance)
                    .ShouldBe(entered, $"lot {i}: discharged_before + Σ allocated + balance = entered");
            }
        }, iter: Iter, print: Describe);
    }

    [Fact]
    public void Regime_change_any_program_each_exit_allocated_plus_short_is_its_need_and_takes_only_its_clave_lots()
    {
        Programs.Sample(t =>
        {
            var (l, claves) = t;
            var r = l.Run();
            var got = new Dictionary<(int Movement, int Part), long>();
            foreach (var a in r.Allocations)
            {
                var m = l.Movements[a.Movement];
                var lot = l.Lots[a.Lot];
                var key = (a.Movement, lot.Part);
                got[key] = got.GetValueOrDefault(key) + a.Qty;
                switch (claves[a.Movement])
                {
                    case "F5":
                        (lot.FixedAsset && lot.Part == m.Part).ShouldBeTrue($"allocation {a}: F5 takes fixed-asset lots of the part itself only");
                        break;
                    case "A3" when !Oracle.Exploded(l, m):
                        lot.Part.ShouldBe(m.Part, $"allocation {a}: A3 of a part without a BOM in force takes lots of the part itself");
                        break;
                    case "F4" or "A1" or "A3":
                        lot.FixedAsset.ShouldBeFalse($"allocation {a}: F4 and A1 case V never take a fixed-asset lot");
                        break;
                    case "RT" when Oracle.Exploded(l, m):
                        lot.FixedAsset.ShouldBeFalse($"allocation {a}: BOM explosion never takes a fixed-asset lot");
                        break;
                }
            }

            foreach (var s in r.Shortages)
            {
                got[(s.Movement, s.Part)] = got.GetValueOrDefault((s.Movement, s.Part)) + s.Qty;
            }

            var expected = new Dictionary<(int Movement, int Part), long>();
            foreach (var mi in r.ProcessingOrder)
            {
                var m = l.Movements[mi];
                foreach (var (leaf, need) in Oracle.Needs(l, m))
                {
                    expected[(mi, leaf)] = need;
                }
            }

            got.ShouldBe(expected, ignoreOrder: true, "per (exit, leaf): Σ allocated + shortage = its rounded need");
        }, iter: Iter, print: Describe);
    }
}
