using System.CommandLine;
using Traza.App.Programs;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza init --rfc R --name N --immex P --modality M [--valid-from D] [--valid-to D]</c> (SPEC §5), with the program's term
/// options (docs/cli.md).
/// </summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var rfc = new Option<string>("--rfc") { Description = "the program holder's RFC", Required = true };
        var name = new Option<string>("--name") { Description = "the program holder's name", Required = true };
        var immex = new Option<string>("--immex") { Description = "the IMMEX program number", Required = true };
        var modality = new Option<string>("--modality")
        {
            Description = "industrial, services, shelter, holding or outsourcing",
            Required = true,
        };
        modality.AcceptOnlyFromAmong([.. ProgramService.Modalities]);
        var validFrom = new Option<string?>("--valid-from") { Description = "the program's start date, YYYY-MM-DD" };
        var validTo = new Option<string?>("--valid-to") { Description = "the program's end date, YYYY-MM-DD (deadline of 'program' terms)" };
        var terms = new ProgramTermOptions(withCancellation: false);
        var command = new Command("init", "create the program in the --db target (exit 4 if it already holds one)")
        {
            rfc, name, immex, modality, validFrom, validTo,
        };
        terms.AddTo(command);
        command.SetAction(parse =>
        {
            var from = CliContext.Date(parse, validFrom);
            var to = CliContext.Date(parse, validTo);
            using var store = context.OpenStore(parse);
            var program = ProgramService.Init(store, parse.GetValue(rfc)!, parse.GetValue(name)!, parse.GetValue(immex)!, parse.GetValue(modality)!,
                from, to, terms.Changes(parse));
            context.Stdout.WriteLine($"created program {program.Immex} ({program.Rfc}, {program.Name}, {program.Modality}) in {store.Target}");
            return TrazaCli.Ok;
        });
        return command;
    }
}
