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
/// <param name="ServerCpuSeconds">On PostgreSQL, the CPU the server's processes spent during the step; null on SQLite.</param>
internal sealed record StepResult(string Name, double Seconds, long? Items, double CpuSeconds, double PeakMb, string Note, double? ServerCpuSeconds = null);

/// <summary>
/// Runs <c>traza</c> steps as child processes with output redirected (so no progress bar), wrapped in
/// <c>/usr/bin/time</c> for peak RSS and CPU when it exists, else sampling the child's peak working set. On a PostgreSQL
/// target it also reads the server's CPU (<see cref="ServerCpu"/>), which the child's own times do not include.
/// </summary>
internal sealed partial class StepRunner(string traza, string dir, string? target = null)
{
    private readonly List<StepResult> results = [];
    private readonly string db = target ?? Path.Combine(dir, "traza.db");
    private readonly bool postgres = target is not null && Traza.Storage.Postgres.PostgresTarget.Accepts(target);
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
        var serverBefore = postgres ? ServerCpu.Seconds() : 0;
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
        double? serverCpu = postgres ? ServerCpu.Seconds() - serverBefore : null;
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
        var result = new StepResult(name, seconds, count, cpuSeconds, peakMb, note, serverCpu);
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
            $"{"step".PadRight(width)}  {"rows/cons.",12}  {"wall s",8}  {"per s",11}  {"CPU s",7}  {"peak MB",8}  {(postgres ? "server CPU s  " : string.Empty)}note"));
        foreach (var r in results)
        {
            var items = r.Items is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : string.Empty;
            var rate = r.Items is { } m && r.Seconds > 0 ? (m / r.Seconds).ToString("N0", CultureInfo.InvariantCulture) : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(width)}  {items,12}  {r.Seconds,8:0.00}  {rate,11}  {r.CpuSeconds,7:0.00}  {r.PeakMb,8:N0}  {(r.ServerCpuSeconds is { } server ? $"{server,12:0.00}  " : string.Empty)}{r.Note}"));
        }
    }

    [GeneratedRegex(@"discharged (\d+) consumptions into (\d+) allocations in ([0-9.]+) s")]
    private static partial Regex EngineSeconds();
}

/// <summary>
/// The CPU seconds of the local PostgreSQL servers: each postmaster's own user and system time plus those of the children
/// it has reaped (/proc/PID/stat fields 14–17), so a backend that served a step and exited with it is counted.
/// </summary>
internal static class ServerCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var stats = new Dictionary<int, string[]>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } fields)
            {
                stats[pid] = fields;
            }
        }

        double ticks = 0;
        foreach (var (pid, f) in stats)
        {
            // f[0] is the command without parentheses, f[1] the state, f[2] the parent: a postmaster's parent is not postgres.
            var parent = int.Parse(f[2], CultureInfo.InvariantCulture);
            if (f[0] == "postgres" && !(stats.TryGetValue(parent, out var p) && p[0] == "postgres"))
            {
                ticks += Enumerable.Range(12, 4).Sum(i => double.Parse(f[i], CultureInfo.InvariantCulture));
                ticks += stats.Where(c => c.Value[0] == "postgres" && c.Value[2] == pid.ToString(CultureInfo.InvariantCulture))
                    .Sum(c => Enumerable.Range(12, 2).Sum(i => double.Parse(c.Value[i], CultureInfo.InvariantCulture)));
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The fields of /proc/PID/stat from the command on: [command, state, ppid, …], or null when it is gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            return [text[(open + 1)..close], .. text[(close + 2)..].Split(' ')];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
