using System.CommandLine;
using System.Globalization;
using Traza.App;
using Traza.App.Programs;

namespace Traza.Cli.Commands;

/// <summary>
/// <c>traza program show</c> and <c>traza program set [term options]</c> (docs/cli.md): the program and its term options, and
/// changing them — each change one batch of the chain (layout <c>program</c>).
/// </summary>
internal static class ProgramCommand
{
    public static Command Create(CliContext context)
    {
        var show = new Command("show", "print the program, its term options in force and every change to them");
        show.SetAction(parse =>
        {
            using var store = context.OpenStore(parse);
            var program = store.GetProgram() ?? throw AppException.Usage($"{store.Target} holds no program: run 'traza init' first");
            var o = context.Stdout;
            o.WriteLine($"program: {program.Immex}");
            o.WriteLine($"rfc: {program.Rfc}");
            o.WriteLine($"name: {program.Name}");
            o.WriteLine($"modality: {program.Modality}");
            o.WriteLine($"valid_from: {Iso(program.ValidFrom)}");
            o.WriteLine($"valid_to: {Iso(program.ValidTo)}");
            foreach (var (name, value) in ProgramTerms.Describe(ProgramTerms.Current(store)))
            {
                o.WriteLine($"{name}: {value}");
            }

            var batches = store.Batches().ToDictionary(b => b.Id);
            foreach (var record in store.LoadProgramTerms())
            {
                var batch = batches.GetValueOrDefault(record.BatchId);
                var pairs = ProgramTerms.Describe(ProgramTerms.FromRecord(record)).Select(p => $"{p.Name}={p.Value}");
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"change: batch {record.BatchId} ({batch?.FileName}, {batch?.ImportedAt}, {batch?.Operator}): {string.Join(' ', pairs)}"));
            }

            return TrazaCli.Ok;
        });

        var terms = new ProgramTermOptions(withCancellation: true);
        var set = new Command("set", "change the program's term options (recorded as a batch of the chain)");
        terms.AddTo(set);
        set.SetAction(parse =>
        {
            var changes = terms.Changes(parse);
            using var store = context.OpenStore(parse);
            var batch = ProgramService.SetTerms(store, changes);
            var now = ProgramTerms.Describe(ProgramTerms.Current(store)).Select(p => $"{p.Name}={p.Value}");
            context.Stdout.WriteLine(batch is null
                ? $"term options unchanged; nothing written ({string.Join(' ', now)})"
                : string.Create(CultureInfo.InvariantCulture, $"recorded term options as batch {batch.Id}: {string.Join(' ', now)}"));
            return TrazaCli.Ok;
        });

        return new Command("program", "show the program or change its term options") { show, set };
    }

    private static string Iso(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
}
