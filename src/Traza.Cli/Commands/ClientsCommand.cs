using System.CommandLine;
using Traza.App.Programs;

namespace Traza.Cli.Commands;

/// <summary><c>traza clients add C [--name N] [--parent P] [--since D]</c> (SPEC §5, §3.2).</summary>
internal static class ClientsCommand
{
    public static Command Create(CliContext context)
    {
        var client = new Argument<string>("CLIENT") { Description = "the client id used in the files' client column" };
        var name = new Option<string?>("--name") { Description = "the client's name" };
        var parent = new Option<string?>("--parent") { Description = "the client's foreign parent company" };
        var since = new Option<string?>("--since") { Description = "the client's start date, YYYY-MM-DD" };
        var add = new Command("add", "register a client (shelter client, holding subsidiary)") { client, name, parent, since };
        add.SetAction(parse =>
        {
            var start = CliContext.Date(parse, since);
            using var store = context.OpenStore(parse);
            var id = parse.GetValue(client)!;
            var added = ProgramService.AddClient(store, id, parse.GetValue(name), parse.GetValue(parent), start);
            context.Stdout.WriteLine(added ? $"registered client {id.Trim()}" : $"client {id.Trim()} is already registered; nothing to do");
            return TrazaCli.Ok;
        });
        return new Command("clients", "manage the program's clients") { add };
    }
}
