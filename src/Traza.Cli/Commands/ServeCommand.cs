using System.CommandLine;
using Traza.Api;
using Traza.App;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza serve [--urls URL] [--max-upload-mb N]</c> (SPEC §5; docs/api.md): the HTTP API over the <c>--db</c> ledger,
/// until stopped (Ctrl+C). Listens on loopback (<see cref="ApiSettings.DefaultUrls"/>) unless told otherwise.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = $"where to listen, e.g. http://0.0.0.0:8080 (default {ApiSettings.DefaultUrls}; several separated by ';')" };
        var upload = new Option<int?>("--max-upload-mb") { Description = $"the largest upload accepted, in MB (default {ApiSettings.DefaultMaxUploadBytes / (1024 * 1024)})" };
        var command = new Command("serve", "serve the HTTP API and the dashboard at /dashboard (keys: traza keys create)") { urls, upload };
        command.SetAction(parse =>
        {
            var mb = parse.GetValue(upload);
            if (mb is < 1 or > 100_000)
            {
                throw AppException.Usage($"option --max-upload-mb: a whole number from 1 to 100000, found '{mb}'");
            }

            using (context.OpenStore(parse))
            {
                // Opens (and migrates) the ledger once before listening: a target that cannot be used fails here, exit 3.
            }

            // The server runs the same reads request after request: PostgreSQL prepares them (docs/api.md). The target
            // opened above, so it parses.
            var target = Traza.Storage.Postgres.PostgresTarget.WithAutoPrepare(context.Target(parse));

            var settings = new ApiSettings
            {
                Target = target,
                Stores = context.Stores,
                Clock = context.Clock,
                MaxUploadBytes = mb is { } m ? m * 1024L * 1024L : ApiSettings.DefaultMaxUploadBytes,
            };
            var where = string.IsNullOrWhiteSpace(parse.GetValue(urls)) ? ApiSettings.DefaultUrls : parse.GetValue(urls)!.Trim();
            using var app = TrazaApi.Build(settings, where);
            context.Stdout.WriteLine($"serving on {where} (API under /api, explorer at /scalar/v1); Ctrl+C stops");
            context.Stdout.Flush();
            app.Run();
            return TrazaCli.Ok;
        });
        return command;
    }
}
