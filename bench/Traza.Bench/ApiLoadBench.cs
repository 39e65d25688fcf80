using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Traza.Bench;

/// <summary>
/// <c>api-load --url URL --key KEY --path PATH [--path PATH2 …] [--rate 200] [--seconds 30] [--warmup 5] [--server-pid PID]</c>
/// (issue 16 item 6; docs/benchmarks.md "API (h-serve)"): an open-loop load on a running <c>traza serve</c> — request i is
/// sent at start + i/rate whatever the earlier ones are doing, the paths taken in turn — and the latency of each, measured
/// from the time it was due (so a server that falls behind shows its queue, not just its service time). Prints the rate
/// reached, the status codes, p50/p90/p99/max, and the server's CPU seconds when its pid is given. Never part of CI.
/// </summary>
internal static class ApiLoadBench
{
    public static int Run(string[] args)
    {
        var url = Args.Text(args, "--url") ?? "http://127.0.0.1:5080";
        var key = Args.Text(args, "--key");
        var paths = args.Select((a, i) => (a, i)).Where(p => p.a == "--path" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToArray();
        if (key is null || paths.Length == 0)
        {
            Console.Error.WriteLine("usage: api-load --url URL --key KEY --path PATH [--path PATH …] [--rate 200] [--seconds 30] [--warmup 5] [--server-pid PID]");
            return 2;
        }

        var rate = Args.Int(args, "--rate", 200);
        var seconds = Args.Int(args, "--seconds", 30);
        var warmup = Args.Int(args, "--warmup", 5);
        var pid = Args.Int(args, "--server-pid", 0);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Console.WriteLine($"warm-up: {warmup} s at {rate} req/s");
        Load(client, paths, rate, warmup);
        var cpu0 = pid > 0 ? ServerCpu(pid) : 0;
        var (latencies, statuses, wall) = Load(client, paths, rate, seconds);
        var cpu = pid > 0 ? ServerCpu(pid) - cpu0 : double.NaN;
        Array.Sort(latencies);
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Length} requests in {wall:F1} s ({latencies.Length / wall:F1} req/s asked {rate}) over {string.Join(", ", paths)}"));
        Console.WriteLine("status: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency from due time: p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms"));
        if (pid > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU {cpu:F1} s ({cpu / wall:F2} cores)"));
        }

        Console.WriteLine("load average: " + File.ReadAllText("/proc/loadavg").Trim());
        return 0;
    }

    private static (double[] Latencies, Dictionary<string, int> Statuses, double Wall) Load(HttpClient client, string[] paths, int rate, int seconds)
    {
        var count = rate * seconds;
        var latencies = new double[count];
        var statuses = new string[count];
        var tasks = new Task[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = i * 1000.0 / rate;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(wait));
            }

            var n = i;
            tasks[i] = Task.Run(async () =>
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(paths[n % paths.Length], UriKind.Relative), HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
                    statuses[n] = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException e)
                {
                    statuses[n] = "error " + e.HttpRequestError;
                }
                catch (TaskCanceledException)
                {
                    statuses[n] = "timeout";
                }

                latencies[n] = clock.Elapsed.TotalMilliseconds - due;
            });
        }

        Task.WaitAll(tasks);
        var wall = clock.Elapsed.TotalSeconds;
        return (latencies, statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()), wall);
    }

    /// <summary>User + system CPU seconds of a process (/proc/PID/stat, clock ticks of 1/100 s).</summary>
    private static double ServerCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
