using Traza.Formats.Reports;

namespace Traza.App.Reconciliation;

/// <summary>
/// The summary that leads <c>report reconcile</c> in table and XLSX output (issue 13: a real month with hundreds of findings
/// stays readable): one row per finding kind present, in SPEC §3.10's order — how many rows, how many pedimentos, from
/// which sources — and what to do about that kind as a whole.
/// </summary>
public static class FindingSummary
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        ReportColumn.Enumerated("finding", FindingKinds.All), "rows", "pedimentos",
        ReportColumn.Enumerated("sources", Reports.ReportValues.Sources) with { Separator = ';' }, "what_to_do",
    ];

    /// <summary>What a compliance manager does about each kind, in plain words (the row's advice says it for one partida).</summary>
    public static string WhatToDo(string kind) => kind switch
    {
        FindingKinds.MissingInLedger =>
            "SAT holds these pedimentos and the ledger does not: import their entries or exits (they change balances)",
        FindingKinds.MissingInDataStage =>
            "the ledger holds these pedimentos inside the package's period and SAT does not: confirm with the broker that they were " +
            "transmitted and paid, or correct the pedimento number in the ledger",
        FindingKinds.NotInAnnex24 => "informational: claves without effect on Annex 24 balances; nothing to do",
        FindingKinds.PartidaMissingInLedger => "partidas SAT declares that the ledger lacks: import them or check the partida numbers",
        FindingKinds.PartidaMissingInDataStage =>
            "partidas the ledger holds that SAT does not: check the partida numbers, or ask the broker for the rectification",
        FindingKinds.ClaveDiffers => "the clave decides terms and discharge rules: correct the ledger, or ask the broker for the rectification",
        FindingKinds.FraccionDiffers => "correct the part's fracción in the catalog, or ask the broker for the rectification",
        FindingKinds.OriginDiffers => "check the certificates of origin, then correct the ledger or ask for the rectification",
        FindingKinds.DateDiffers => "the entry date starts the term: correct the ledger's date (SAT's 506 entry date wins)",
        FindingKinds.QtyUmtDiffers =>
            "quantities in UMT differ beyond the tolerance: check qty_umt and the part's umt_per_umc (the same factor on many " +
            "partidas points at the catalog), else ask for the rectification",
        FindingKinds.ValueUsdDiffers => "values differ beyond the tolerance: check the invoice values, else ask for the rectification",
        FindingKinds.DescargoDiffers =>
            "the descargos SAT holds for these exits differ from Traza's allocations: send the broker `report descargos --exit` " +
            "for the next transmission, or ask for the rectification of the exit",
        FindingKinds.RectificationPending => "SAT holds rectifications the ledger has not taken: import their rows with `rectifies`",
        FindingKinds.DirectedSourceShort =>
            "exits named lots that could not cover them; the rest came by FIFO: check their source_pedimento",
        _ => string.Empty,
    };

    public static ReportData Build(IReadOnlyList<ReconcileFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var rows = findings.GroupBy(f => f.Finding, StringComparer.Ordinal)
            .OrderBy(g => FindingKinds.Rank(g.Key))
            .Select(g => new object?[]
            {
                g.Key,
                (long)g.Count(),
                (long)g.Select(f => f.Pedimento).Distinct(StringComparer.Ordinal).Count(),
                string.Join(';', g.Select(f => f.Source).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                WhatToDo(g.Key),
            })
            .ToList();
        return new ReportData(Columns, rows);
    }
}
