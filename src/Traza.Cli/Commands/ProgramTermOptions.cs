using System.CommandLine;
using Traza.App.Programs;

namespace Traza.Cli.Commands;

/// <summary>The term options of <c>traza init</c> and <c>traza program set</c> (docs/cli.md, docs/terms.md "Program options").</summary>
internal sealed class ProgramTermOptions
{
    private readonly Option<string?> sets = new("--term-sets")
    {
        Description = "optional term rule sets switched on, comma-separated, or none: v1_6_months, oea_36_months, industry_5_10_years (all UNCERTAIN)",
    };

    private readonly Option<string?> monthEnd = new("--month-end")
    {
        Description = "a months term whose day is missing in the target month ends on its last_day (default) or first_business_day (CFF art. 12)",
    };

    private readonly Option<string?> shift = new("--business-day-shift")
    {
        Description = "yes: a months deadline on a non-business day moves to the next business day (CFF art. 12); default no",
    };

    private readonly Option<string?> cancelledOn = new("--cancelled-on")
    {
        Description = "the program's cancellation date, YYYY-MM-DD, or none: deadlines become at most that date + the window",
    };

    private readonly Option<string?> window = new("--cancellation-window-days")
    {
        Description = "days after a cancellation to return or change regime: 60 (Ley Aduanera art. 108 reformed, default) or 180 (RGCE 4.3.8)",
    };

    private readonly bool withCancellation;

    public ProgramTermOptions(bool withCancellation) => this.withCancellation = withCancellation;

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(sets);
        command.Options.Add(monthEnd);
        command.Options.Add(shift);
        if (withCancellation)
        {
            command.Options.Add(cancelledOn);
        }

        command.Options.Add(window);
    }

    public TermChanges Changes(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return TermChanges.Parse(parse.GetValue(sets), parse.GetValue(monthEnd), parse.GetValue(shift),
            withCancellation ? parse.GetValue(cancelledOn) : null, parse.GetValue(window));
    }
}
