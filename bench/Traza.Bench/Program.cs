using System.Diagnostics;
using System.Globalization;
using Traza.Bench;

// Usage: dotnet run -c Release --project bench/Traza.Bench -- VERB [options]
//   datastage [--mb 200] [--runs 3] [--keep DIR] [--no-import]   MB/s of .asc text, parse only and `import datastage`
//   scale --scale small|medium|large [--keep DIR]                  gen -> import -> discharge -> reports (ScaleRunner.cs)
//   kernels [BenchmarkDotNet args]                                  BenchmarkDotNet micro-benchmarks (Kernels/KernelsVerb.cs)
//   api-load --url URL --key KEY --path PATH [--rate 200]          open-loop load on traza serve, p50/p99 (ApiLoadBench.cs)
// Verbs other than datastage live in their own files and are dispatched from Verbs.cs.
if (args.Length > 0 && args[0] != "datastage" && Verbs.Find(args[0]) is { } verb)
{
    return verb(args[1..]);
}

if (args.Length == 0 || args[0] != "datastage")
{
    Console.Error.WriteLine("usage: Traza.Bench datastage|" + string.Join('|', Verbs.Names) + " [options]");
    return 2;
}

var mb = Arg(args, "--mb", 200);
var runs = Arg(args, "--runs", 3);
var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
var dir = keep ?? Path.Combine(Path.GetTempPath(), "traza-bench-ds-" + Guid.NewGuid().ToString("N"));
var sw = Stopwatch.StartNew();
var bytes = DataStageBench.Generate(dir, mb * 1_000_000L);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {bytes / 1e6:F1} MB of .asc text in {dir} ({sw.Elapsed.TotalSeconds:F1} s)"));

for (var i = 0; i < runs; i++)
{
    var (rows, seconds) = DataStageBench.Parse(dir);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"parse  run {i + 1}: {rows} rows, {seconds:F2} s, {bytes / 1e6 / seconds:F1} MB/s"));
}

if (!args.Contains("--no-import"))
{
    for (var i = 0; i < runs; i++)
    {
        var (rows, seconds, dbBytes) = DataStageBench.Import(dir);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import run {i + 1}: {rows} rows, {seconds:F2} s, {bytes / 1e6 / seconds:F1} MB/s (parse + validate + merge + SQLite, one transaction; database {dbBytes / 1e6:F1} MB)"));
    }
}

if (keep is null)
{
    Directory.Delete(dir, true);
}

return 0;

static int Arg(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
