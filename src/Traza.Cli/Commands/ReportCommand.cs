using System.CommandLine;
using Traza.App;
using Traza.App.Reports;
using Traza.Formats.Reports;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza report NAME [--as-of D] [--client C] [--format table|csv|json|xlsx] [--out FILE] [--lang es|en]</c> (SPEC §5-§6):
/// one subcommand per report in <see cref="ReportCatalog.Default"/>, with the report's own options. <c>--lang</c> labels
/// <c>table</c> and XLSX (<see cref="Labels"/>); CSV and JSON never change.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var report = new Command("report", "print a report (table, csv, json or xlsx)");
        foreach (var item in ReportCatalog.Default.All)
        {
            report.Subcommands.Add(Report(context, item));
        }

        return report;
    }

    private static Command Report(CliContext context, IReport report)
    {
        var asOf = new Option<string?>("--as-of") { Description = "count movements dated on or before this date (YYYY-MM-DD; default today)" };
        var client = new Option<string?>("--client") { Description = "only this client's rows (empty = the program's own)" };
        var format = new Option<string>("--format") { Description = "table, csv, json or xlsx", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong([.. ReportFormats.Names]);
        var output = new Option<string?>("--out") { Description = "write to this file instead of stdout (required for xlsx)" };
        var lang = new Option<string?>("--lang")
        {
            Description = "labels of table and xlsx output: es or en (default $TRAZA_LANG, else es when LC_ALL or LANG starts with es, else en)",
        };
        lang.AcceptOnlyFromAmong([.. Languages.Codes]);
        var command = new Command(report.Name, report.Description) { asOf, client, format, output, lang };
        var extra = new List<(string Name, Option<string?> Option)>();
        foreach (var option in report.Options)
        {
            var o = new Option<string?>("--" + option.Name) { Description = option.Description };
            command.Options.Add(o);
            extra.Add((option.Name, o));
        }

        command.SetAction(parse =>
        {
            if (!ReportFormats.TryParse(parse.GetValue(format), out var fmt))
            {
                throw AppException.Usage($"option --format: one of {string.Join(", ", ReportFormats.Names)}");
            }

            var path = parse.GetValue(output);
            if (fmt.IsBinary() && string.IsNullOrWhiteSpace(path))
            {
                throw AppException.Usage("option --out: xlsx output needs a file (--out FILE)");
            }

            var language = parse.GetValue(lang) is { } code && Languages.TryParse(code, out var given)
                ? given
                : Languages.FromEnvironment(Environment.GetEnvironmentVariable);
            var date = CliContext.Date(parse, asOf) ?? context.Today;
            var options = extra.ToDictionary(e => e.Name, e => parse.GetValue(e.Option), StringComparer.Ordinal);
            using var store = context.OpenStore(parse);
            var progress = TerminalProgress.For(context);
            ReportRun run;
            try
            {
                var reportContext = new ReportContext(store, date, ReportInputs.Client(parse.GetValue(client)), options, context.Clock)
                {
                    Trace = Environment.GetEnvironmentVariable("TRAZA_TRACE") is { Length: > 0 } ? context.Stderr : null,
                };
                run = ReportService.Run(report, reportContext, progress);
            }
            finally
            {
                (progress as IDisposable)?.Dispose();
            }

            if (run.Notice is { } notice)
            {
                context.Stderr.WriteLine(notice); // SPEC §6: a report that discharged first says so
            }

            // SPEC §6: labels in table and XLSX only; CSV and JSON keep the English field names and values.
            var data = fmt is ReportFormat.Table or ReportFormat.Xlsx ? Labels.For(language).Apply(report.Name, run.Data) : run.Data;
            if (string.IsNullOrWhiteSpace(path) && fmt == ReportFormat.Csv && ReferenceEquals(context.Stdout, Console.Out))
            {
                // The process's own standard output: CSV as UTF-8 bytes straight to it, not decoded to characters and
                // encoded again by the console's writer (12.8 M rows of custody on `large`; docs/benchmarks.md, Reports).
                context.Stdout.Flush();
                using var stdout = Console.OpenStandardOutput();
                ReportWriter.Write(data, fmt, stdout);
            }
            else if (string.IsNullOrWhiteSpace(path))
            {
                ReportWriter.Write(data, fmt, context.Stdout);
            }
            else
            {
                using var stream = File.Create(path);
                ReportWriter.Write(data, fmt, stream);
            }

            return TrazaCli.Ok;
        });
        return command;
    }
}
