using System.CommandLine;
using System.Globalization;
using Traza.App;
using Traza.App.Access;
using Traza.Formats.Reports;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza keys create --role R [--client C]</c> (SPEC §5), <c>keys list</c>, <c>keys revoke ID</c> and <c>keys log</c>: the
/// API's keys and the authority access log (docs/api.md). A key is printed once, alone on the last line of stdout.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context) => new("keys", "API keys for traza serve: create, list, revoke, and the access log")
    {
        CreateKey(context), List(context), Revoke(context), Log(context),
    };

    private static Command CreateKey(CliContext context)
    {
        var role = new Option<string>("--role") { Description = "admin, operator, broker, auditor or authority", Required = true };
        role.AcceptOnlyFromAmong([.. ApiRoles.All]);
        var client = new Option<string?>("--client") { Description = "the only client the key may see (a registered client)" };
        var command = new Command("create", "create an API key; prints it once, alone on the last line") { role, client };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var key = ApiKeys.Create(store, parse.GetValue(role)!, parse.GetValue(client));
            var scope = key.Record.Client.Length == 0 ? "every client" : $"client {key.Record.Client}";
            context.Stdout.WriteLine($"created key {key.Record.Id} ({key.Record.Role}, {scope}); it is shown once — store it now:");
            context.Stdout.WriteLine(key.Secret);
            return TrazaCli.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "list the keys (id, role, client, created, revoked; never a key)");
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var rows = store.Access.Keys().Select(k => new object?[]
            {
                k.Id, k.Role, k.Client, Time(k.CreatedAt), k.CreatedBy, k.RevokedAt is { } r ? Time(r) : null,
            });
            ReportWriter.WriteCsv(new ReportData(["id", "role", "client", "created_at", "created_by", "revoked_at"], rows), context.Stdout);
            return TrazaCli.Ok;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<long>("ID") { Description = "the key's id (traza keys list)" };
        var command = new Command("revoke", "revoke a key: every request with it is refused (401) from now on") { id };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var key = parse.GetValue(id);
            context.Stdout.WriteLine(ApiKeys.Revoke(store, key) ? $"revoked key {key}" : $"key {key} was revoked already; nothing to do");
            return TrazaCli.Ok;
        });
        return command;
    }

    private static Command Log(CliContext context)
    {
        var last = new Option<int?>("--last") { Description = "only the last N records" };
        var command = new Command("log", "the access log: every request made with an authority key") { last };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(last);
            if (n is < 1)
            {
                throw AppException.Usage($"option --last: a whole number of at least 1, found '{n}'");
            }

            using var store = context.OpenStore(parse);
            ReportWriter.WriteCsv(AccessLogReport.Data(store.Access.AccessLog(n)), context.Stdout);
            return TrazaCli.Ok;
        });
        return command;
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
