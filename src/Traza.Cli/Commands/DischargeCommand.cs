using System.CommandLine;
using Traza.App;
using Traza.App.Discharge;

namespace Traza.Cli.Commands;

/// <summary><c>traza discharge [--as-of D]</c> (SPEC §5): runs the descargo and stores its derived data.</summary>
internal static class DischargeCommand
{
    public static Command Create(CliContext context)
    {
        var asOf = new Option<string?>("--as-of") { Description = "discharge movements dated on or before this date (YYYY-MM-DD; default today)" };
        var command = new Command("discharge", "run the FIFO discharge (descargo) through the BOMs and store allocations") { asOf };
        command.SetAction(parse =>
        {
            var date = CliContext.Date(parse, asOf) ?? context.Today;
            using var store = context.OpenStore(parse);
            if (store.GetProgram() is null)
            {
                throw AppException.Usage($"{store.Path} holds no program: run 'traza init' first");
            }

            var trace = Environment.GetEnvironmentVariable("TRAZA_TRACE") is { Length: > 0 } ? context.Stderr : null;
            var outcome = DischargeService.Run(store, date, trace);
            if (outcome.Shortages > 0)
            {
                context.Stdout.WriteLine($"{outcome.Shortages} shortages: see 'traza report shortages'");
            }

            if (outcome.Findings > 0)
            {
                context.Stdout.WriteLine($"{outcome.Findings} findings: see 'traza report reconcile'");
            }

            context.Stdout.WriteLine(outcome.SummaryLine);
            return TrazaCli.Ok;
        });
        return command;
    }
}
