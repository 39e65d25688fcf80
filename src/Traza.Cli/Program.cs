namespace Traza.Cli;

internal static class Program
{
    public static int Main(string[] args) => TrazaCli.Run(args, Console.Out, Console.Error);
}
