using CsCheck;
using Traza.Domain.Discharge;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests.Discharge;

public sealed class DischargeStoreTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    private static readonly Gen<PackedAllocation[]> Allocations =
        Gen.Select(
            Gen.Long[0, long.MaxValue / 4],
            Gen.Int[0, 20],
            Gen.Int[0, 1000],
            Gen.Long[1, 1_000_000_000_000_000],
            Gen.Long[0, 1_000_000_000_000],
            Gen.Bool)
        .Array[0, 60]
        .Select(items =>
        {
            var day = new DateOnly(2025, 1, 1).DayNumber;
            var result = new PackedAllocation[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                var (movement, step, lot, qty, waste, whole) = items[i];
                day += step;
                result[i] = new PackedAllocation(movement, day, lot, whole ? qty / 1_000_000 * 1_000_000 : qty, waste);
            }

            return result;
        });

    [Fact]
    public void Codec_round_trips_any_allocations_in_date_order() =>
        Allocations.Sample(allocations =>
        {
            var buffer = new byte[AllocationCodec.MaxSize(allocations.Length)];
            var size = AllocationCodec.Encode(allocations, buffer);
            var decoded = new PackedAllocation[allocations.Length];
            AllocationCodec.Decode(buffer.AsSpan(0, size), allocations.Length, decoded);
            decoded.ShouldBe(allocations);
        });

    [Fact]
    public void Lot_state_codec_round_trips_any_lot_states_and_any_slice() =>
        Gen.Select(
            Gen.Select(
                    Gen.Long[0, 1_000_000_000_000_000], Gen.Long[0, 1_000_000_000_000_000], Gen.Long[0, 1_000_000_000_000],
                    Gen.Long[0, 1_000_000_000_000], Gen.Bool)
                .Select((a, b, c, d, whole) => whole ? (a / 1_000_000 * 1_000_000, b / 1_000_000 * 1_000_000, c, d) : (a, b, c, d))
                .Select(Gen.Int[700_000, 760_000], Gen.Int[0, 3], Gen.OneOf(Gen.Const(0L), Gen.Long[1, 1_000_000_000_000_000]),
                    (q, day, flags, opening) => new PoolLotTotals(q.Item1, q.Item2, q.Item3, q.Item4, day, flags) { Opening = opening })
                .Array[0, 40],
            Gen.Int[0, 40],
            Gen.Int[0, 40])
        .Sample((totals, a, b) =>
        {
            var start = Math.Min(a, totals.Length);
            var count = Math.Min(b, totals.Length - start);
            var decoded = new List<PoolLotTotals>();
            LotStateCodec.Decode(LotStateCodec.Encode(totals, start, count), decoded);
            decoded.ShouldBe(totals[start..(start + count)]);
        });

    [Fact]
    public void Catalog_codec_round_trips_parts_and_bom_rows_exactly() =>
        Gen.Select(
            Gen.Select(Gen.String[Gen.Char['A', 'Z'], 0, 4], Gen.String[Gen.Char['0', 'z'], 1, 12], Gen.Int[0, 6], Gen.Bool)
                .Select((client, part, kind, national) => new PartDef(client, part, (Traza.Domain.Model.PartKind)kind, national))
                .Array[1, 20],
            Gen.Select(Gen.Int[0, 19], Gen.Int[0, 19], Gen.Decimal[0m, 1_000m], Gen.Decimal[0m, 50m], Gen.Decimal[0m, 50m],
                Gen.Int[730_000, 760_000], Gen.Int[-1, 30])
                .Select((a, b, q, m, d, from, span) => new BomLine(a, b, q, m, d, DateOnly.FromDayNumber(from),
                    span < 0 ? null : DateOnly.FromDayNumber(from + span))).Array[0, 40])
        .Sample((parts, bom) =>
        {
            var (decodedParts, decodedBom, partRows, bomRows) = CatalogCodec.Decode(CatalogCodec.Encode(parts, bom, 20_000, 46_027));
            decodedParts.ShouldBe(parts);
            decodedBom.ShouldBe(bom);
            decodedBom.Select(b => b.QtyPer.Scale).ShouldBe(bom.Select(b => b.QtyPer.Scale)); // exact, scale kept
            (partRows, bomRows).ShouldBe((20_000L, 46_027L));
        });

    [Fact]
    public void Lot_state_codec_takes_about_ten_bytes_for_whole_quantities()
    {
        var day = new DateOnly(2025, 3, 1).DayNumber;
        var totals = Enumerable.Range(0, 100)
            .Select(i => new PoolLotTotals(250_000_000L, i % 2 == 0 ? 250_000_000L : 0, 1_000_000, 0, day + i)).ToArray();
        LotStateCodec.Encode(totals, 0, totals.Length).Length.ShouldBeLessThan(100 * 12);
    }

    [Fact]
    public void Codec_takes_few_bytes_for_whole_quantities_of_nearby_movements()
    {
        var day = new DateOnly(2025, 3, 1).DayNumber;
        var allocations = Enumerable.Range(0, 100)
            .Select(i => new PackedAllocation(PackedAllocation.MovementId(5, 1000 + i), day + (i / 10), i % 7, 250_000_000L, 0))
            .ToArray();
        var buffer = new byte[AllocationCodec.MaxSize(allocations.Length)];
        AllocationCodec.Encode(allocations, buffer).ShouldBeLessThan(100 * 8);
    }

    [Fact]
    public void Decoding_a_truncated_chunk_is_an_error_not_garbage()
    {
        var allocations = new[] { new PackedAllocation(42, 739_000, 1, 1_500_000, 0), new PackedAllocation(43, 739_001, 2, 2_000_000, 10) };
        var buffer = new byte[AllocationCodec.MaxSize(2)];
        var size = AllocationCodec.Encode(allocations, buffer);
        Should.Throw<InvalidDataException>(() => AllocationCodec.Decode(buffer.AsSpan(0, size - 1), 2, new PackedAllocation[2]));
    }

    [Fact]
    public void A_saved_run_reads_back_with_its_pools_chunks_and_day_counts()
    {
        using var store = db.Open();
        var discharge = new DischargeStore(store.Connection);
        var jan = new DateOnly(2025, 1, 20).DayNumber;
        var feb = new DateOnly(2025, 2, 3).DayNumber;
        PackedAllocation[] janAllocations = [new(PackedAllocation.MovementId(3, 2), jan, 0, 4_000_000, 120_000)];
        PackedAllocation[] febAllocations = [new(PackedAllocation.MovementId(3, 9), feb, 1, 1_250_000, 0)];
        var pool = new StoredPool
        {
            Client = "ACME",
            Part = "MAT-1",
            LotKeys = [new PoolLotKey("254734565000123", 1), new PoolLotKey("254734565000124", 2)],
            LotTotals = [new PoolLotTotals(4_000_000, 4_000_000, 120_000, 0, jan - 5, PoolLotTotals.FixedAssetFlag),
                new PoolLotTotals(9_000_000, 1_250_000, 0, 0, jan)],
            Chunks = [Chunk(202501, janAllocations), Chunk(202502, febAllocations)],
        };
        var run = new DischargeRunRecord(1, new DateOnly(2025, 2, 28), "head", "s", "f", 2, 2, 0)
        {
            LastBatch = 7,
            DayCounts = new Dictionary<int, (long, long)> { [jan] = (1, 1), [feb] = (1, 1) },
        };
        discharge.Save(run, [pool], [], [], []);

        var stored = discharge.LatestRun().ShouldNotBeNull();
        stored.LastBatch.ShouldBe(7);
        stored.DayCounts[feb].ShouldBe((1L, 1L));
        var read = discharge.Pools("ACME").Single();
        read.LotKeys.ShouldBe(pool.LotKeys);
        read.LotTotals.ShouldBe(pool.LotTotals);
        read.DecodeAllocations().ShouldBe([.. janAllocations, .. febAllocations]);
        discharge.PoolsOf([("ACME", "MAT-1")], 202502).Single().Chunks.Select(c => c.Period).ShouldBe([202502]);
        discharge.Pools("OTHER").ShouldBeEmpty();
    }

    [Fact]
    public void A_pool_is_stored_as_head_and_tail_and_a_tail_only_save_appends_to_its_months()
    {
        using var store = db.Open();
        var discharge = new DischargeStore(store.Connection);
        var mar = new DateOnly(2025, 3, 10).DayNumber;
        var mar20 = new DateOnly(2025, 3, 20).DayNumber;
        var apr = new DateOnly(2025, 4, 2).DayNumber;
        PoolLotKey[] keys = [new("254734565000001", 1), new("254734565000002", 1), new("254734565000003", 4), new("254734565000004", 2)];
        PoolLotTotals[] totals =
        [
            new(5_000_000, 5_000_000, 0, 0, mar - 30), // exhausted: head
            new(3_000_000, 1_000_000, 0, 0, mar - 20), // first open lot: the tail starts here
            new(2_000_000, 2_000_000, 0, 0, mar - 10), // exhausted but after an open lot: tail
            new(7_000_000, 0, 0, 0, mar - 5),
        ];
        DischargeStore.TailStart(totals).ShouldBe(1);
        PackedAllocation[] stored = [new(PackedAllocation.MovementId(3, 1), mar, 0, 5_000_000, 0),
            new(PackedAllocation.MovementId(3, 2), mar, 1, 1_000_000, 0), new(PackedAllocation.MovementId(3, 3), mar, 2, 2_000_000, 0)];
        var pool = new StoredPool { Client = "ACME", Part = "MAT-1", LotKeys = keys, LotTotals = totals, Chunks = [Chunk(202503, stored)] };
        var day = new DateOnly(2025, 3, 10);
        discharge.Save(Run(day, stored.Length), [pool], [], [], []);

        var tail = discharge.Tails().ShouldHaveSingleItem();
        tail.FirstLot.ShouldBe(1);
        tail.LotKeys.ShouldBe(keys[1..]);
        tail.LotTotals.ShouldBe(totals[1..]);
        tail.Chunks.ShouldBeEmpty();
        discharge.PoolsAllocatedFrom(day).ShouldBe([("ACME", "MAT-1")]);
        discharge.PoolsAllocatedFrom(day.AddDays(1)).ShouldBeEmpty();

        // One more run resumed on 2025-03-20: two lots move, allocations in March (after the stored ones) and April.
        var from = DateOnly.FromDayNumber(mar20);
        PackedAllocation[] added = [new(PackedAllocation.MovementId(3, 9), mar20, 1, 2_000_000, 0),
            new(PackedAllocation.MovementId(3, 10), apr, 3, 500_000, 0)];
        PoolLotTotals[] newTail = [totals[1] with { Discharged = 3_000_000 }, totals[2], totals[3] with { Discharged = 500_000 }];
        var update = new StoredPool
        {
            Client = "ACME", Part = "MAT-1", LotKeys = keys[1..], LotTotals = newTail, FirstLot = 1, TailOnly = true,
            Chunks = [Chunk(202503, added[..1]), Chunk(202504, added[1..])],
        };
        discharge.SaveIncremental(Run(DateOnly.FromDayNumber(apr), 5), [(update, 202503)], from, [], [], []);

        var read = discharge.Pools().ShouldHaveSingleItem();
        read.FirstLot.ShouldBe(0);
        read.LotKeys.ShouldBe(keys);
        read.LotTotals.ShouldBe([totals[0], .. newTail]);
        read.DecodeAllocations().ShouldBe([.. stored, .. added]);
        read.Chunks.Select(c => (c.Period, c.Count)).ShouldBe([(202503, 3), (202503, 1), (202504, 1)]);
        discharge.PoolsOf([("ACME", "MAT-1")], 202504).Single().DecodeAllocations().ShouldBe(added[1..]);
        discharge.PoolsAllocatedFrom(DateOnly.FromDayNumber(apr)).ShouldBe([("ACME", "MAT-1")]);

        // A tail-only save of a tail that is not the stored one is refused, and the transaction leaves the run untouched.
        Should.Throw<InvalidOperationException>(() =>
            discharge.SaveIncremental(
                Run(DateOnly.FromDayNumber(apr), 6),
                [(new StoredPool { Client = "ACME", Part = "MAT-1", LotKeys = keys[2..], LotTotals = newTail[1..], FirstLot = 2,
                    TailOnly = true }, 202504)],
                from.AddDays(20), [], [], []));
        discharge.LatestRun().ShouldNotBeNull().Consumptions.ShouldBe(5);
        discharge.Pools().Single().DecodeAllocations().ShouldBe([.. stored, .. added]);
    }

    private static DischargeRunRecord Run(DateOnly asOf, long consumptions) =>
        new(1, asOf, "head", "s", "f", consumptions, consumptions, 0)
        {
            DayCounts = new Dictionary<int, (long, long)> { [asOf.DayNumber] = (consumptions, consumptions) },
        };

    private static AllocationChunk Chunk(int period, PackedAllocation[] allocations)
    {
        var buffer = new byte[AllocationCodec.MaxSize(allocations.Length)];
        var size = AllocationCodec.Encode(allocations, buffer);
        return new AllocationChunk(period, allocations.Length, buffer[..size]) { LastDay = allocations[^1].Day };
    }
}
