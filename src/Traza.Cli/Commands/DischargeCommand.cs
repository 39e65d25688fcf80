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
        var full = new Option<bool>("--full")
        {
            Description = "re-discharge the whole ledger instead of resuming from the earliest change since the last run (same result, slower)",
        };
        var command = new Command("discharge", "run the FIFO discharge (descargo) through the BOMs and store allocations") { asOf, full };
        command.SetAction(parse =>
        {
            var date = CliContext.Date(parse, asOf) ?? context.Today;
            using var store = context.OpenStore(parse);
            if (store.GetProgram() is null)
            {
                throw AppException.Usage($"{store.Target} holds no program: run 'traza init' first");
            }

            var trace = Environment.GetEnvironmentVariable("TRAZA_TRACE") is { Length: > 0 } ? context.Stderr : null;
            var progress = TerminalProgress.For(context);
            DischargeOutcome outcome;
            try
            {
                outcome = DischargeService.Run(store, date, trace, parse.GetValue(full), progress);
            }
            finally
            {
                (progress as IDisposable)?.Dispose();
            }

            if (outcome.ResumedFrom is { } resumed)
            {
                context.Stdout.WriteLine(
                    $"resumed from {resumed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}: " +
                    $"{outcome.Redischarged} consumptions discharged again; totals below are the whole ledger's");
            }

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
