using System.CommandLine;
using Traza.App.Reversals;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza reverse --batch N --reason R</c> (SPEC §5): takes back every row in force of import batch N as one reversal
/// batch (SPEC §4.1 reversals). A single row is reversed with <c>traza import reversals FILE</c>.
/// </summary>
internal static class ReverseCommand
{
    public static Command Create(CliContext context)
    {
        var batch = new Option<long>("--batch") { Description = "the import batch whose rows to take back", Required = true };
        var reason = new Option<string>("--reason") { Description = "why (stored with each reversal and shown by the listings)", Required = true };
        var command = new Command("reverse", "reverse every row of an import batch (SPEC §4.1 reversals)") { batch, reason };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var result = ReverseService.Reverse(store, parse.GetValue(batch), parse.GetValue(reason)!);
            context.Stdout.WriteLine(result.Describe());
            return TrazaCli.Ok;
        });
        return command;
    }
}
