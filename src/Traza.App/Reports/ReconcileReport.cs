using Traza.Domain.Common;
using System.Globalization;
using Traza.App.Reconciliation;
using Traza.Domain.Discharge;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report reconcile</c> (SPEC §3.10, §6): the ledger against Data Stage, partida by partida, and the discharge's
/// own <c>directed_source_short</c> findings. Columns of §6, then <c>source</c> (where the government value came from).
/// With <c>--client</c>: the findings of pedimentos that client's rows name, and its discharge findings; Data Stage
/// pedimentos the ledger lacks name no client and are listed only for the whole program.
/// </summary>
public sealed class ReconcileReport : IReport
{
    /// <summary>A tolerance no real quantity or value reaches (SPEC §4.1: |x| &lt; 10^12).</summary>
    private const decimal MaxTolerance = 1_000_000_000_000m;

    public static readonly IReadOnlyList<ReportColumn> Columns =
        
    [
        ReportColumn.Enumerated("finding", FindingKinds.All), "pedimento", "partida", "field", "ledger", "datastage", "difference", "advice",
        ReportColumn.Enumerated("source", ReportValues.Sources),
    ];

    public string Name => "reconcile";

    public string Description => "the ledger against SAT's Data Stage, partida by partida, with advice for each difference";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    IReadOnlyList<ReportColumn> IReport.SummaryColumns => FindingSummary.Columns;

    public IReadOnlyList<ReportOption> Options =>
    [
        new("qty-tolerance", "UMT difference tolerated per partida (default 0.001)"),
        new("value-tolerance", "USD difference tolerated per partida (default 1.00)"),
    ];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tolerances = new ReconcileTolerances(
            Tolerance(context, "qty-tolerance", ReconcileTolerances.Default.QtyUmt),
            Tolerance(context, "value-tolerance", ReconcileTolerances.Default.ValueUsd));
        // Issue 13 item 7: served from the stored findings while nothing they depend on changed (StoredFindings).
        var findings = StoredFindings.Get(context, tolerances, () => Build(context, tolerances));
        return new ReportData(Columns, findings.Select(f => new object?[]
        {
            f.Finding, f.Pedimento, f.Partida is { } p ? (long)p : null, f.Field, f.Ledger, f.DataStage, f.Difference, f.Advice, f.Source,
        }).ToList())
        {
            Summary = findings.Count == 0 ? null : FindingSummary.Build(findings),
        };
    }

    /// <summary>Every finding as of the context's date, in report order.</summary>
    public static List<ReconcileFinding> Build(ReportContext context, ReconcileTolerances tolerances)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.Store;
        var timer = new Traza.App.Discharge.PhaseTimer(context.Clock, context.Trace);
        // Data Stage's partidas and descargos asked for first: SQLite decodes them on both cores while the ledger is read.
        var reads = ReconcileInputs.ReadDataStage(store.Government);
        var entryLines = store.Scans.ReconcileLines(exits: false, context.Client, context.AsOf);
        var ledger = ReconcileInputs.Ledger(store, context.Client, entryLines,
            store.Scans.ReconcileLines(exits: true, context.Client, context.AsOf));
        timer.Mark("reconcile: ledger");
        var government = ReconcileInputs.DataStage(store.Government, context.AsOf, reads);
        timer.Mark("reconcile: data stage");
        ReconcileInputs.AddM3(store.Government, context.AsOf, government);
        timer.Mark("reconcile: m3");
        ReconcileInputs.AddDescargos(store, context.AsOf, context.Client, ledger, government, entryLines);
        timer.Mark("reconcile: descargos");
        var findings = Reconciler.Compare(ledger, government, store.Government.DataStagePackages(), tolerances,
            ledgerOnly: context.Client is not null);
        timer.Mark("reconcile: compare");
        foreach (var f in store.Derived.Findings(context.Client))
        {
            if (f.Code == FindingCodes.DirectedSourceShort && f.Date <= context.AsOf)
            {
                findings.Add(new ReconcileFinding(FindingKinds.DirectedSourceShort, f.Pedimento, f.Partida, "qty", null, null,
                    CanonicalText.Decimal(f.Qty),
                    $"exit {f.Document} of {f.Date:yyyy-MM-dd} names lot {f.Pedimento}{(f.Partida is { } p ? "/" + p : string.Empty)} for {f.Part}, " +
                    $"which could not cover {CanonicalText.Decimal(f.Qty)}: the rest came from other lots by FIFO; check the source_pedimento of that exit",
                    "ledger"));
            }
        }

        return findings;
    }

    private static decimal Tolerance(ReportContext context, string name, decimal fallback)
    {
        var text = context.Option(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value < MaxTolerance
            ? value
            : throw AppException.Usage($"option --{name}: a number from 0, with '.' for decimals, found '{text}'");
    }
}
