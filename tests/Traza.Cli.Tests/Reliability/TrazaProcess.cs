using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Traza.Cli.Tests.Reliability;

/// <summary>
/// The real <c>traza</c> executable as a child process: the Traza.Cli build that the project reference copies next to the
/// test binaries (<c>traza.dll</c> with its runtime config), run by the same <c>dotnet</c> host that runs the tests.
/// </summary>
public static class TrazaProcess
{
    /// <summary>The CLI assembly beside the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "traza.dll");

    /// <summary>
    /// The <c>dotnet</c> host: the one <c>dotnet test</c> names in <c>DOTNET_HOST_PATH</c>, else the one three folders above
    /// the running runtime (<c>shared/Microsoft.NETCore.App/&lt;version&gt;</c>), else <c>dotnet</c> on the PATH.
    /// </summary>
    public static string Host { get; } = FindHost();

    /// <summary>Starts <c>traza ARGS</c> in <paramref name="folder"/> with its output redirected (so it draws no progress).</summary>
    public static Process Start(string folder, IEnumerable<string> args)
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException($"the traza CLI was not copied beside the tests: {Dll}");
        }

        var start = new ProcessStartInfo(Host)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("TRAZA_TRACE");
        start.Environment.Remove("TRAZA_DB");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Host}");
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs <c>traza ARGS</c> to its end.</summary>
    public static (int Exit, string Stdout, string Stderr, TimeSpan Elapsed) Run(string folder, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(folder, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), watch.Elapsed);
    }

    private static string FindHost()
    {
        var named = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(named) && File.Exists(named))
        {
            return named;
        }

        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var beside = Path.Combine(root, exe);
        return File.Exists(beside) ? beside : exe;
    }
}
