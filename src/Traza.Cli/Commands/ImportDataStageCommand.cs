using System.CommandLine;
using Traza.App.Government;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza import datastage PATH...</c> (SPEC §4.2): SAT Data Stage packages — ZIPs (nested, with or without an
/// extension), folders or <c>{folio}_{tabla}.asc</c> files — merged into the government tables in one transaction.
/// </summary>
internal static class ImportDataStageCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Data Stage packages: ZIPs or folders of {folio}_{tabla}.asc", Arity = ArgumentArity.OneOrMore };
        var command = new Command("datastage", "import SAT Data Stage packages exactly as delivered") { paths };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var result = DataStageImportService.Import(store, parse.GetValue(paths)!);
            context.Stdout.WriteLine(result.Describe());
            GovernmentNotes.Print(context, result);
            return TrazaCli.Ok;
        });
        return command;
    }
}

/// <summary>Prints an import's notes (year digits, ignored members …), the first few only.</summary>
internal static class GovernmentNotes
{
    private const int Shown = 20;

    public static void Print(CliContext context, GovernmentImportResult result)
    {
        foreach (var note in result.Notes.Take(Shown))
        {
            context.Stdout.WriteLine("note: " + note);
        }

        if (result.Notes.Count > Shown)
        {
            context.Stdout.WriteLine($"note: … and {result.Notes.Count - Shown} more");
        }
    }
}
