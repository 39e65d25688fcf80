using System.CommandLine;
using Traza.Cli.Commands;

namespace Traza.Cli;

/// <summary>
/// Where commands are registered: one factory per command, in help order. To add a command, write one class under
/// Commands/ with a <c>Create(CliContext)</c> factory and append it to the matching list.
/// </summary>
internal static class CommandRegistry
{
    /// <summary>Top-level commands (add discharge, demo, audit, … here).</summary>
    public static readonly List<Func<CliContext, Command>> Commands =
    [
        DemoCommand.Create,
        InitCommand.Create,
        ProgramCommand.Create,
        ClientsCommand.Create,
        ImportCommand.Create,
        DischargeCommand.Create,
        GenCommand.Create,
        ReportCommand.Create,
        ReverseCommand.Create,
        AuditCommand.Create,
        PeriodCommand.CreateClose,
        PeriodCommand.CreateReopen,
        KeysCommand.Create,
        ServeCommand.Create,
    ];

    /// <summary>
    /// Subcommands of <c>traza import</c> beyond the §4.1 layouts (those come from <c>ImportService.Layouts</c>):
    /// append <c>datastage</c> and <c>m3</c> here.
    /// </summary>
    public static readonly List<Func<CliContext, Command>> ImportCommands = [ImportDataStageCommand.Create, ImportM3Command.Create];
}
