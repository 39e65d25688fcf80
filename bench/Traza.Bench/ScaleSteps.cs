using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Traza.Bench;

/// <summary>A child process that failed: the scale run stops there.</summary>
internal sealed class StepFailedException(string message) : Exception(message);

/// <summary>One measured step of the scale run.</summary>
/// <param name="Name">What ran.</param>
/// <param name="Seconds">Wall clock of the whole child process, start-up included.</param>
/// <param name="Items">Rows imported or written, or consumptions discharged (by an incremental run: those it added); null when
/// the step has no throughput.</param>
/// <param name="CpuSeconds">User + system CPU of the child.</param>
/// <param name="PeakMb">The child's peak resident set in MB (10^6 bytes).</param>
/// <param name="Note">A discharge's own summary line (its totals over the whole ledger and its seconds), else empty.</param>
internal sealed record StepResult(string Name, double Seconds, long? Items, double CpuSeconds, double PeakMb, string Note);

/// <summary>
/// Runs <c>traza</c> steps as child processes with output redirected (so no progress bar), wrapped in
/// <c>/usr/bin/time</c> for peak RSS and CPU when it exists, else sampling the child's peak working set.
/// </summary>
internal sealed partial class StepRunner(string traza, string dir)
{
    private readonly List<StepResult> results = [];
    private readonly string db = Path.Combine(dir, "traza.db");
    private readonly string timeFile = Path.Combine(dir, "time.txt");

    /// <summary>Runs one step (every command but gen gets <c>--db</c>); <paramref name="items"/> reads its throughput count from stdout.</summary>
    public StepResult Run(string name, Func<string, long?>? items, params string[] args)
    {
        var psi = new ProcessStartInfo
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var timed = File.Exists("/usr/bin/time");
        if (timed)
        {
            psi.FileName = "/usr/bin/time";
            foreach (var a in (string[])["-o", timeFile, "-f", "%e %M %U %S", traza])
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = traza;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        if (args[0] != "gen")
        {
            psi.ArgumentList.Add("--db");
            psi.ArgumentList.Add(db);
        }

        Console.Write($"{name} ... ");
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new StepFailedException($"{name}: could not start {psi.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var cpu = TimeSpan.Zero;
        while (!process.WaitForExit(20))
        {
            if (!timed)
            {
                try
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.PeakWorkingSet64);
                    cpu = process.TotalProcessorTime;
                }
                catch (InvalidOperationException)
                {
                    // exited between the wait and the sample
                }
            }
        }

        process.WaitForExit();
        var seconds = sw.Elapsed.TotalSeconds;
        var output = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new StepFailedException($"{name}: `traza {string.Join(' ', args)}` exited {process.ExitCode}\n{output}{stderr.Result}");
        }

        double peakMb = peak / 1e6, cpuSeconds = cpu.TotalSeconds;
        if (timed)
        {
            // "%e %M %U %S": elapsed, peak RSS in KiB, user and system CPU seconds.
            var f = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
            peakMb = long.Parse(f[1], CultureInfo.InvariantCulture) * 1024 / 1e6;
            cpuSeconds = double.Parse(f[2], CultureInfo.InvariantCulture) + double.Parse(f[3], CultureInfo.InvariantCulture);
        }

        var count = items?.Invoke(output);
        var engine = EngineSeconds().Match(output);
        var note = engine.Success ? $"traza: {engine.Groups[1].Value} consumptions, {engine.Groups[2].Value} allocations, {engine.Groups[3].Value} s" : string.Empty;
        var result = new StepResult(name, seconds, count, cpuSeconds, peakMb, note);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{seconds:0.00} s{(count is { } n ? $", {n:N0} ({n / seconds:N0}/s)" : string.Empty)}, peak {peakMb:N0} MB"));
        var last = output.TrimEnd().Split('\n')[^1];
        if (last.Length > 0)
        {
            Console.WriteLine("    " + last);
        }

        return result;
    }

    public void PrintTable()
    {
        var width = Math.Max(4, results.Max(r => r.Name.Length));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"step".PadRight(width)}  {"rows/cons.",12}  {"wall s",8}  {"per s",11}  {"CPU s",7}  {"peak MB",8}  note"));
        foreach (var r in results)
        {
            var items = r.Items is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : string.Empty;
            var rate = r.Items is { } m && r.Seconds > 0 ? (m / r.Seconds).ToString("N0", CultureInfo.InvariantCulture) : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(width)}  {items,12}  {r.Seconds,8:0.00}  {rate,11}  {r.CpuSeconds,7:0.00}  {r.PeakMb,8:N0}  {r.Note}"));
        }
    }

    [GeneratedRegex(@"discharged (\d+) consumptions into (\d+) allocations in ([0-9.]+) s")]
    private static partial Regex EngineSeconds();
}
