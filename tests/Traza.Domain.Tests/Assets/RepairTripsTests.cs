using CsCheck;
using Traza.Domain.Assets;

namespace Traza.Domain.Tests.Assets;

/// <summary>BO out for repair and repair_in back (issue 15 item 4): <see cref="RepairTrips.Match"/>.</summary>
public class RepairTripsTests
{
    private static readonly DateOnly D = new(2025, 1, 1);

    private static readonly AssetLot[] Lots =
    [
        new("", "PRESS", "250734206000001", 1, D, 2m), new("", "PRESS", "250734206000002", 1, D.AddDays(10), 1m),
        new("C1", "PRESS", "250734206000003", 1, D, 1m),
    ];

    [Fact]
    public void Bo_takes_the_named_lot_else_the_first_with_room_and_a_return_brings_back_the_oldest_first()
    {
        var early = new RepairIn("", "PRESS", D.AddDays(19), "EARLY", 1m); // nothing out yet: matches nothing
        var stray = new RepairOut("C1", "OTHER", D.AddDays(22), "X4", 1, 1m, null, null); // no fixed-asset lot: unmatched
        var match = RepairTrips.MatchAll(Lots,
        [
            new RepairOut("", "PRESS", D.AddDays(20), "X1", 1, 2m, null, null), // lot 0 has room for 2
            new RepairOut("", "PRESS", D.AddDays(21), "X2", 1, 1m, null, null), // lot 0 full: lot 1
            new RepairOut("", "PRESS", D.AddDays(22), "X3", 1, 1m, "250734206000001", 1), // named: lot 0 (over its room)
            stray,
        ],
        [
            early,
            new RepairIn("", "PRESS", D.AddDays(50), "R1", 3m), // X1's 2, then 1 of X2
            new RepairIn("", "PRESS", D.AddDays(55), "R2", 3m), // X3's 1, and 2 more than is out
        ]);
        match.Unplaced.ShouldBe([stray]);
        match.Unexpected.Select(u => (u.In.Reference, u.Qty)).ShouldBe([("EARLY", 1m), ("R2", 2m)]);
        match.Trips.OrderBy(t => t.Out).ThenBy(t => t.Back ?? DateOnly.MaxValue)
            .Select(t => (t.Lot, t.OutDocument, t.Qty, t.Back, t.BackReference, t.DaysAbroad(D.AddDays(60))))
            .ShouldBe(
            [
                (0, "X1", 2m, D.AddDays(50), "R1", 30), (1, "X2", 1m, D.AddDays(50), "R1", 29), (0, "X3", 1m, D.AddDays(55), "R2", 33),
            ]);
    }

    [Fact]
    public void Trips_any_sequence_split_the_matched_outs_exactly_and_bring_back_at_most_what_went_out()
    {
        var gen = Gen.Select(
            Gen.Select(Gen.Int[0, 40], Gen.Int[1, 3], Gen.Int[0, 3]).Array[0, 8],
            Gen.Select(Gen.Int[0, 60], Gen.Int[1, 4]).Array[0, 8]);
        gen.Sample((outRaw, inRaw) =>
        {
            var outs = outRaw.Select((o, i) => new RepairOut("", "PRESS", D.AddDays(o.Item1), $"X{i:D2}", 1, o.Item2,
                o.Item3 == 0 ? "250734206000002" : null, null)).ToList();
            var ins = inRaw.Select((r, i) => new RepairIn("", "PRESS", D.AddDays(r.Item1), $"R{i:D2}", r.Item2)).ToList();
            var match = RepairTrips.MatchAll(Lots, outs, ins);
            var trips = match.Trips;
            foreach (var o in outs)
            {
                var mine = trips.Where(t => t.OutDocument == o.Document).ToList();
                mine.Sum(t => t.Qty).ShouldBe(mine.Count == 0 ? 0m : o.Qty, $"{o.Document}: its trips add up to it");
                match.Unplaced.Contains(o).ShouldBe(mine.Count == 0, $"{o.Document}: unplaced exactly when no trip took it");
                mine.ShouldAllBe(t => t.Out == o.Date && (t.Back == null || t.Back >= t.Out));
                (mine.Count > 0).ShouldBe(o.Date >= D, $"{o.Document}: matched when a lot was entered on or before it");
            }

            // Every quantity returned either closes a trip or matches nothing: nothing lost, nothing counted twice.
            (trips.Where(t => t.Back is not null).Sum(t => t.Qty) + match.Unexpected.Sum(u => u.Qty)).ShouldBe(ins.Sum(r => r.Qty));
        }, iter: 300);
    }
}
