using CsCheck;
using Traza.Domain.Submanufacture;

namespace Traza.Domain.Tests.Submanufacture;

/// <summary>Submanufacture outs and returns matched FIFO per (client, part, third party) (issue 15 item 5): <see cref="SubmanufacturePositions.Match"/>.</summary>
public class SubmanufacturePositionsTests
{
    private static readonly DateOnly D = new(2025, 1, 1);

    private static SubmanufactureMove Out(int day, decimal qty, string reference, string party = "TALLER", string part = "MAT-1") =>
        new("", part, party, D.AddDays(day), true, reference, qty);

    private static SubmanufactureMove In(int day, decimal qty, string reference, string party = "TALLER", string part = "MAT-1") =>
        new("", part, party, D.AddDays(day), false, reference, qty);

    [Fact]
    public void A_return_brings_back_the_oldest_out_first_per_third_party_and_an_excess_is_flagged()
    {
        var positions = SubmanufacturePositions.Match(
        [
            In(0, 2m, "R0"), // nothing out yet: flagged
            Out(1, 5m, "O1"), Out(3, 4m, "O2"), Out(3, 7m, "P1", party: "OTRO"),
            In(3, 6m, "R1"), // O1's 5, then 1 of O2 (same day: outs first)
            In(9, 5m, "R2"), // O2's other 3, 2 too many
        ]);
        positions.Select(p => (p.ThirdParty, p.OutReference, p.QtyOut, p.QtyBack, p.QtyStillOut, p.LastReturnReference, p.Note)).ShouldBe(
        [
            ("OTRO", "P1", 7m, 0m, 7m, null, SubmanufactureNote.None),
            ("TALLER", "R0", 0m, 2m, 0m, "R0", SubmanufactureNote.ReturnWithoutOut),
            ("TALLER", "O1", 5m, 5m, 0m, "R1", SubmanufactureNote.None),
            ("TALLER", "O2", 4m, 4m, 0m, "R2", SubmanufactureNote.None),
            ("TALLER", "R2", 0m, 2m, 0m, "R2", SubmanufactureNote.MoreBackThanOut),
        ]);
    }

    [Fact]
    public void Any_sequence_conserves_the_quantity_still_out_never_negative_and_fifo()
    {
        var gen = Gen.Select(Gen.Int[0, 30], Gen.Bool, Gen.Int[1, 6], Gen.Int[0, 1], Gen.Int[0, 1]).Array[0, 14];
        gen.Sample(raw =>
        {
            var moves = raw.Select((r, i) => new SubmanufactureMove("", r.Item4 == 0 ? "MAT-1" : "MAT-2", r.Item5 == 0 ? "A" : "B",
                D.AddDays(r.Item1), r.Item2, $"M{i:D2}", r.Item3, i)).ToList();
            var positions = SubmanufacturePositions.Match(moves);
            foreach (var key in moves.Select(m => (m.Part, m.ThirdParty)).Distinct())
            {
                var mine = positions.Where(p => (p.Part, p.ThirdParty) == key).ToList();
                var outs = moves.Where(m => (m.Part, m.ThirdParty) == key && m.Out).ToList();
                var ins = moves.Where(m => (m.Part, m.ThirdParty) == key && !m.Out).ToList();
                mine.ShouldAllBe(p => p.QtyStillOut >= 0 && p.QtyBack >= 0 && p.QtyBack <= p.QtyOut || p.Note != SubmanufactureNote.None);

                // Conservation: still out = Σ out − Σ in, plus what no out took (flagged, never dropped).
                var excess = mine.Where(p => p.Note != SubmanufactureNote.None).Sum(p => p.QtyBack);
                mine.Sum(p => p.QtyStillOut).ShouldBe(outs.Sum(m => m.Qty) - ins.Sum(m => m.Qty) + excess);
                mine.Sum(p => p.QtyBack).ShouldBe(ins.Sum(m => m.Qty));
                mine.Where(p => p.Note == SubmanufactureNote.None).Sum(p => p.QtyOut).ShouldBe(outs.Sum(m => m.Qty));

                // The plain twin: a running balance per key. Excess exists only where a return found the key empty.
                var balance = 0m;
                var plainExcess = 0m;
                foreach (var m in moves.Where(m => (m.Part, m.ThirdParty) == key).OrderBy(m => m.Date).ThenBy(m => !m.Out).ThenBy(m => m.Line))
                {
                    balance += m.Out ? m.Qty : -m.Qty;
                    if (balance < 0)
                    {
                        plainExcess -= balance;
                        balance = 0;
                    }
                }

                (mine.Sum(p => p.QtyStillOut), excess).ShouldBe((balance, plainExcess));

                // FIFO: once a position has anything back, every out before it is fully back.
                var matched = mine.Where(p => p.Note == SubmanufactureNote.None).ToList(); // in out order
                for (var j = 0; j < matched.Count; j++)
                {
                    if (matched[j].QtyBack > 0)
                    {
                        matched.Take(j).ShouldAllBe(p => p.QtyStillOut == 0);
                    }
                }
            }
        }, iter: 500);
    }
}
