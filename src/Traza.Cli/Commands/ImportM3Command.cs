using System.CommandLine;
using Traza.App.Government;

namespace Traza.Cli.Commands;

/// <summary><c>traza import m3 PATH...</c> (SPEC §4.2): SAAI M3 validation files merged into the government tables.</summary>
internal static class ImportM3Command
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "M3 validation files (mPPPPNNN.DDD)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("m3", "import SAAI M3 validation files exactly as delivered") { paths };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var result = M3ImportService.Import(store, parse.GetValue(paths)!);
            context.Stdout.WriteLine(result.Describe());
            GovernmentNotes.Print(context, result);
            return TrazaCli.Ok;
        });
        return command;
    }
}
