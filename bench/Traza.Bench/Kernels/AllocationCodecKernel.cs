using BenchmarkDotNet.Attributes;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.Bench.Kernels;

/// <summary>
/// <see cref="AllocationCodec"/> encode and decode of 100,000 allocations taken from a discharge of
/// <see cref="SyntheticLedger"/>, chunked per pool as storage does (Op/s = allocations per second).
/// </summary>
[Config(typeof(KernelConfig))]
public class AllocationCodecKernel
{
    private const int Count = 100_000;

    private PackedAllocation[] allocations = [];
    private (int Start, int Length)[] chunks = [];
    private byte[] buffer = [];
    private (int Start, int Length)[] encoded = [];
    private PackedAllocation[] decoded = [];

    [GlobalSetup]
    public void Setup()
    {
        var input = SyntheticLedger.Build();
        var result = DischargeEngine.Run(input);
        var list = new List<PackedAllocation>(Count);
        var chunkList = new List<(int, int)>();
        for (var part = 0; part < input.Parts.Count && list.Count < Count; part++)
        {
            var pool = result.PoolAllocations(part);
            if (pool.IsEmpty)
            {
                continue;
            }

            var lots = result.PoolLots[part]!;
            var indexInPool = new Dictionary<int, int>(lots.Count);
            for (var i = 0; i < lots.Count; i++)
            {
                indexInPool[lots[i]] = i;
            }

            var start = list.Count;
            foreach (var a in pool[..Math.Min(pool.Length, Count - list.Count)])
            {
                var movement = input.Movements[a.Movement];
                list.Add(new PackedAllocation(PackedAllocation.MovementId(5, 2 + movement.Sequence), movement.Date.DayNumber,
                    indexInPool[a.Lot], a.Qty, a.Waste));
            }

            chunkList.Add((start, list.Count - start));
        }

        if (list.Count != Count)
        {
            throw new InvalidOperationException($"the synthetic discharge gave {list.Count} allocations, fewer than {Count}");
        }

        allocations = [.. list];
        chunks = [.. chunkList];
        buffer = new byte[AllocationCodec.MaxSize(Count) + (10 * chunks.Length)];
        decoded = new PackedAllocation[Count];
        encoded = new (int, int)[chunks.Length];
        var at = 0;
        for (var c = 0; c < chunks.Length; c++)
        {
            var (s, n) = chunks[c];
            var length = AllocationCodec.Encode(allocations.AsSpan(s, n), buffer.AsSpan(at));
            encoded[c] = (at, length);
            at += length;
        }

        Console.WriteLine($"// {Count} allocations in {chunks.Length} pool chunks: {at} bytes, {at / (double)Count:0.0} bytes each");
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int Encode()
    {
        var at = 0;
        foreach (var (start, length) in chunks)
        {
            at += AllocationCodec.Encode(allocations.AsSpan(start, length), buffer.AsSpan(at));
        }

        return at;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long Decode()
    {
        for (var c = 0; c < chunks.Length; c++)
        {
            var (start, length) = encoded[c];
            AllocationCodec.Decode(buffer.AsSpan(start, length), chunks[c].Length, decoded.AsSpan(chunks[c].Start, chunks[c].Length));
        }

        return decoded[^1].Qty;
    }
}
