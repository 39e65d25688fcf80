using System.CommandLine;
using Traza.App.Generation;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza gen --scale small|medium|large --out DIR [--seed N]</c> (SPEC §5, §8): writes the five §4.1 CSV files of a
/// realistic program dated in 2025 and its matching Data Stage package datastage.zip; the output depends only on scale
/// and seed.
/// </summary>
internal static class GenCommand
{
    public static Command Create(CliContext context)
    {
        var scale = new Option<string>("--scale") { Description = "small, medium or large (SPEC §8 volumes)", Required = true };
        scale.AcceptOnlyFromAmong([.. Scales.Names]);
        var output = new Option<string>("--out")
        {
            Description = "the folder to write parts.csv, bom.csv, entries.csv, exits.csv, events.csv and datastage.zip",
            Required = true,
        };
        var seed = new Option<int>("--seed") { Description = "random seed (default 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("gen", "generate a realistic program of a given scale as input files") { scale, output, seed };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            var started = context.Clock.GetTimestamp();
            var summary = ProgramGenerator.Write(dir, Scales.For(parse.GetValue(scale)!, parse.GetValue(seed)));
            context.Stdout.WriteLine(
                $"wrote {summary.Parts} parts, {summary.BomRows} BOM rows, {summary.EntryLines} entry lines, {summary.ExitLines} exit lines, " +
                $"{summary.Events} events ({summary.PlannedConsumptions} consumptions planned) and {ProgramGenerator.DataStageFile} " +
                $"({summary.DataStagePedimentos} pedimentos, {summary.DataStagePartidas} partidas) to {dir} in {context.Clock.GetElapsedTime(started).TotalSeconds:0.0} s");
            context.Stdout.WriteLine($"the package is requested for RFC {Scales.Rfc}: initialize with traza init --rfc {Scales.Rfc} before traza import datastage");
            return TrazaCli.Ok;
        });
        return command;
    }
}
