using System.CommandLine;
using Traza.App.Imports;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza import LAYOUT FILE</c> for every layout in <see cref="ImportService.Layouts"/> (SPEC §4.1), plus the
/// subcommands in <see cref="CommandRegistry.ImportCommands"/> (Data Stage, M3).
/// </summary>
internal static class ImportCommand
{
    /// <summary>Warnings printed one by one; the rest are counted.</summary>
    private const int MaxWarnings = 20;

    public static Command Create(CliContext context)
    {
        var import = new Command("import", "import a file into the ledger (order: parts, bom, entries, exits, events)");
        foreach (var layout in ImportService.Layouts)
        {
            import.Subcommands.Add(Layout(context, layout));
        }

        foreach (var factory in CommandRegistry.ImportCommands)
        {
            import.Subcommands.Add(factory(context));
        }

        return import;
    }

    private static Command Layout(CliContext context, ILayoutImport layout)
    {
        var file = new Argument<string>("FILE") { Description = "a CSV (UTF-8, UTF-16 with a BOM, else Windows-1252; header row) or XLSX file" };
        var command = new Command(layout.Layout, layout.Description) { file };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var progress = TerminalProgress.For(context);
            var trace = Environment.GetEnvironmentVariable("TRAZA_TRACE") is { Length: > 0 } ? context.Stderr : null;
            ImportResult result;
            try
            {
                result = ImportService.Import(store, layout.Layout, parse.GetValue(file)!, progress, trace,
                    note => context.Stdout.WriteLine("note: " + note));
            }
            finally
            {
                (progress as IDisposable)?.Dispose();
            }

            for (var i = 0; i < result.Warnings.Count && i < MaxWarnings; i++)
            {
                context.Stderr.WriteLine("warning: " + result.Warnings[i]);
            }

            if (result.Warnings.Count > MaxWarnings)
            {
                context.Stderr.WriteLine($"warning: {result.Warnings.Count - MaxWarnings} more warnings like these");
            }

            context.Stdout.WriteLine(result.Describe());
            return TrazaCli.Ok;
        });
        return command;
    }
}
