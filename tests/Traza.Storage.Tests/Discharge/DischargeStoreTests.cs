using CsCheck;
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
            LotTotals = [new PoolLotTotals(4_000_000, 4_000_000, 120_000, 0, jan - 5, PoolLotTotals.FixedAssetFlag), new PoolLotTotals(9_000_000, 1_250_000, 0, 0, jan)],
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

    private static AllocationChunk Chunk(int period, PackedAllocation[] allocations)
    {
        var buffer = new byte[AllocationCodec.MaxSize(allocations.Length)];
        var size = AllocationCodec.Encode(allocations, buffer);
        return new AllocationChunk(period, allocations.Length, buffer[..size]);
    }
}
