using BenchmarkDotNet.Running;

namespace Traza.Bench.Kernels;

/// <summary>
/// <c>kernels [BenchmarkDotNet options]</c>: the micro-benchmarks of this folder (in process, ShortRun: see
/// <see cref="KernelConfig"/>). Without options every kernel runs, in one joined summary; with options, BenchmarkDotNet's
/// own apply (e.g. <c>--filter *Codec* --join</c>, <c>--list flat</c>).
/// </summary>
internal static class KernelsVerb
{
    public static int Run(string[] args)
    {
        var options = args.Length == 0 ? ["--filter", typeof(KernelsVerb).Namespace + ".*", "--join"] : args;
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(KernelsVerb).Assembly).Run(options);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
