using BenchmarkDotNet.Attributes;
using Traza.Domain.Discharge;

namespace Traza.Bench.Kernels;

/// <summary>
/// <see cref="BomExplosion"/> over <see cref="SyntheticLedger"/>'s 200 products (25 leaves, a quarter through a
/// subassembly): a cold explosion of every product (Op/s = products exploded per second), and the cached look-up the
/// engine makes once per exit (Op/s = exits per second).
/// </summary>
[Config(typeof(KernelConfig))]
public class BomExplosionKernel
{
    private DischargeInput input = null!;
    private int[] products = [];
    private DateOnly[] dates = [];
    private BomExplosion warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        input = SyntheticLedger.Build();
        products = [.. Enumerable.Range(SyntheticLedger.Parts - SyntheticLedger.Products, SyntheticLedger.Products)];
        dates = [.. input.Movements.Select(m => m.Date)];
        warm = new BomExplosion(input.Parts, input.Bom);
        foreach (var p in products)
        {
            if (warm.Explode(p, dates[0]).Length != SyntheticLedger.LeavesPerProduct)
            {
                throw new InvalidOperationException($"product {p} does not explode to {SyntheticLedger.LeavesPerProduct} leaves");
            }
        }
    }

    [Benchmark(OperationsPerInvoke = SyntheticLedger.Products)]
    public int ExplodeCold()
    {
        var explosion = new BomExplosion(input.Parts, input.Bom);
        var leaves = 0;
        foreach (var p in products)
        {
            leaves += explosion.Explode(p, dates[p % dates.Length]).Length;
        }

        return leaves;
    }

    [Benchmark(OperationsPerInvoke = SyntheticLedger.Exits)]
    public int ExplodeCached()
    {
        var leaves = 0;
        var movements = input.Movements;
        for (var i = 0; i < movements.Count; i++)
        {
            leaves += warm.Explode(movements[i].Part, dates[i]).Length;
        }

        return leaves;
    }
}
