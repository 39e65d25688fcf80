namespace Traza.Bench;

/// <summary>Benchmark verbs beyond <c>datastage</c>: each lives in its own file and registers here.</summary>
internal static class Verbs
{
    private static readonly Dictionary<string, Func<string[], int>> All = new(StringComparer.Ordinal)
    {
        ["discharge-phases"] = DischargeBench.Run,
        ["import-floor"] = ImportFloorBench.Run,
        ["pg-import-floor"] = PostgresFloorBench.Run,
        ["kernels"] = Kernels.KernelsVerb.Run,
        ["scale"] = ScaleRunner.Run,
        ["api-load"] = ApiLoadBench.Run,
        ["lot-lookup"] = LotLookupBench.Run,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static Func<string[], int>? Find(string name) => All.GetValueOrDefault(name);
}
