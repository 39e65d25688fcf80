using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Traza.Bench.Kernels;

/// <summary>
/// ShortRun (3 warm-ups, 3 iterations, one launch) so the whole set takes minutes, in process (no generated project to
/// build: the kernels are pure CPU and memory, and a separate build costs minutes on the 2-core machine); each benchmark
/// sets <c>OperationsPerInvoke</c> to the items it processes, so Op/s reads as consumptions, rows or allocations per
/// second. Results go to the temp folder's <c>traza-kernels</c>, not the work tree.
/// </summary>
public sealed class KernelConfig : ManualConfig
{
    public KernelConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
        ArtifactsPath = Path.Combine(Path.GetTempPath(), "traza-kernels");
    }
}
