using BenchmarkDotNet.Attributes;
using Traza.Domain.Discharge;

namespace Traza.Bench.Kernels;

/// <summary>
/// <see cref="DischargeEngine.Run(DischargeInput, int)"/> over <see cref="SyntheticLedger"/> (500,000 consumptions): Op/s is
/// consumptions per second of the engine alone (no loading, no persistence).
/// </summary>
[Config(typeof(KernelConfig))]
public class DischargeKernel
{
    private DischargeInput input = null!;

    /// <summary>0 = the engine's choice (one worker per core, up to 8); 1 = single-threaded.</summary>
    [Params(0, 1)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        input = SyntheticLedger.Build();
        var result = DischargeEngine.Run(input, Workers);
        if (result.Consumptions != SyntheticLedger.Consumptions)
        {
            throw new InvalidOperationException($"expected {SyntheticLedger.Consumptions} consumptions, got {result.Consumptions}");
        }

        Console.WriteLine($"// synthetic ledger: {result.Consumptions} consumptions, {result.AllocationCount} allocations, " +
            $"{result.Shortages.Count} shortages");
    }

    [Benchmark(OperationsPerInvoke = SyntheticLedger.Consumptions)]
    public long Discharge() => DischargeEngine.Run(input, Workers).AllocationCount;
}
