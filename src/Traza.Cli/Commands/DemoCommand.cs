using System.CommandLine;
using Traza.App.Demo;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza demo</c> (SPEC §5): builds a believable shelter program into <c>--db</c> (default traza.db), runs
/// everything and prints the compliance summary; refuses (exit 4) to replace a database it did not create.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("demo", "build a demo shelter program with three clients, discharge it and print the summary");
        command.SetAction(parse =>
        {
            var target = context.Target(parse);
            var user = context.Operator(parse);
            var summary = DemoService.Run(context.Provider(parse), target, context.Clock, Console.IsErrorRedirected ? null : new SyncProgress(context.Stderr), user);
            context.Stdout.Write(DemoService.Format(summary));
            return TrazaCli.Ok;
        });
        return command;
    }

    /// <summary>Reports progress lines synchronously, on a terminal only.</summary>
    private sealed class SyncProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
