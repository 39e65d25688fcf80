using System.CommandLine;
using Traza.App.Periods;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza close --period YYYY-MM</c> and <c>traza reopen --period YYYY-MM --reason R</c> (SPEC §5): period close, each
/// action one batch of the chain. The summary goes to standard output, notes (months closed or reopened with it,
/// shortages left in the period) to standard error.
/// </summary>
internal static class PeriodCommand
{
    public static Command CreateClose(CliContext context)
    {
        var period = Period();
        var command = new Command("close", "close a month and every earlier one: nothing dated in them can be added until reopened")
        {
            period,
        };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            return Print(context, PeriodService.Close(store, parse.GetValue(period)!, context.Today));
        });
        return command;
    }

    public static Command CreateReopen(CliContext context)
    {
        var period = Period();
        var reason = new Option<string>("--reason") { Description = "why the period is reopened (recorded in the chain)", Required = true };
        var command = new Command("reopen", "reopen a closed month and every later one, for a reason") { period, reason };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            return Print(context, PeriodService.Reopen(store, parse.GetValue(period)!, parse.GetValue(reason)!));
        });
        return command;
    }

    private static Option<string> Period() => new("--period") { Description = "the month, YYYY-MM", Required = true };

    private static int Print(CliContext context, PeriodOutcome outcome)
    {
        foreach (var note in outcome.Notes)
        {
            context.Stderr.WriteLine(note);
        }

        context.Stdout.WriteLine(outcome.Summary);
        return TrazaCli.Ok;
    }
}
