namespace Traza.Cli;

/// <summary>The `traza` command line: parses arguments and dispatches to the App use cases.</summary>
public static class TrazaCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        stdout.WriteLine("traza");
        return 0;
    }
}
