using Traza.App.Discharge;
using Traza.Domain.Values;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report descargos [--exit DOC]</c> (SPEC §6): the 512 block a broker transmits for an exit — Traza's
/// allocations of that exit (the <c>custody</c> rows) summed by original pedimento, fracción and UMT, with the original
/// pedimento's clave and date. Without <c>--exit</c>, the block of every exit pedimento. The SPEC §6 columns, then
/// <c>exit_document</c>. NAC stock, events and documents that are not pedimentos discharge nothing and are left out. Waste
/// returned or changed of regime by an exit (<c>case</c> DE) names its source lots like an allocation (<see cref="WasteDescargos"/>).
/// </summary>
public static class DescargosReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
        ["original_pedimento", "clave", "date", "fraccion", "umt", "qty_umt", "exit_document"];

    /// <summary>One line of a block: what one exit discharged from one original pedimento under one fracción.</summary>
    public sealed record Descargo(
        string ExitDocument, string OriginalPedimento, string Clave, DateOnly Date, string Fraccion, string Umt, decimal QtyUmt);

    public static ReportData Build(ITrazaStore store, DateOnly asOf, string? client, string? exit) =>
        new(Columns, Lines(store, asOf, client, exit)
            .Select(d => new object?[] { d.OriginalPedimento, d.Clave, d.Date, d.Fraccion, d.Umt, d.QtyUmt, d.ExitDocument }).ToList());

    /// <summary>The blocks of <paramref name="exit"/> (every exit pedimento when null), ordered by exit, original pedimento, fracción and UMT.</summary>
    public static List<Descargo> Lines(ITrazaStore store, DateOnly asOf, string? client, string? exit) =>
        Lines(store, asOf, client, new CustodyFilter(Exit: exit));

    /// <summary>The blocks of several exits at once, read in one pass over the pools they touch.</summary>
    public static List<Descargo> Lines(ITrazaStore store, DateOnly asOf, string? client, IReadOnlyCollection<string> exits) =>
        Lines(store, asOf, client, new CustodyFilter(Exits: exits));

    private static List<Descargo> Lines(ITrazaStore store, DateOnly asOf, string? client, CustodyFilter filter)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var sums = new SortedDictionary<(string Exit, string Pedimento, string Fraccion, string Umt), (string Clave, DateOnly Date, decimal Qty)>();
        foreach (var line in CustodyReport.Lines(store, asOf, client, filter))
        {
            // The lot's entry as lots see it (SPEC §3.8: a rectified lot's clave is the rectification's); NAC stock has none.
            if (!IsPedimento(line.ExitDocument) || !IsPedimento(line.EntryPedimento) || line.Entry is not { } entry || entry.Clave == "NAC")
            {
                continue;
            }

            parts.TryGetValue((line.Client, line.Component), out var catalog);
            var group = (line.ExitDocument, line.EntryPedimento, catalog?.Fraccion ?? string.Empty, catalog?.Umt ?? string.Empty);
            sums[group] = sums.TryGetValue(group, out var sum)
                ? (sum.Clave, entry.Date < sum.Date ? entry.Date : sum.Date, sum.Qty + line.QtyUmt)
                : (entry.Clave, entry.Date, line.QtyUmt);
        }

        // Waste returned or changed of regime by these exits (case DE) names its source lots' pedimentos too.
        var rectifications = LedgerRectifications.Read(store, asOf);
        var exits = filter.Exit is null && filter.Exits is null
            ? null
            : CustodyReport.ExitNumbers(rectifications, (filter.Exits ?? []).Append(filter.Exit));
        WasteDescargos.AddTo(sums, store, asOf, client, exits, rectifications);
        return [.. sums.Select(s => new Descargo(s.Key.Exit, s.Key.Pedimento, s.Value.Clave, s.Value.Date, s.Key.Fraccion, s.Key.Umt, s.Value.Qty))];
    }

    private static bool IsPedimento(string document) => document.Length == 15 && PedimentoNumber.IsPedimento(document);
}

/// <summary>SPEC §6 <c>descargos --exit DOC</c>.</summary>
public sealed class DescargosCatalogReport : IReport
{
    public string Name => "descargos";

    public string Description => "the 512 block (descargos) a broker transmits for an exit (--exit DOC; else every exit), from Traza's allocations";

    public IReadOnlyList<ReportOption> Options => [new("exit", "only the block of this exit pedimento")];

    public IReadOnlyList<ReportColumn> Columns => DescargosReport.Columns;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exit = context.Option("exit");
        return DescargosReport.Build(context.Store, context.AsOf, context.Client, string.IsNullOrWhiteSpace(exit) ? null : exit.Trim());
    }
}
