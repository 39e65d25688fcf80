using Traza.Storage;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>An option a report takes beyond the common ones (e.g. <c>--pedimento</c>, <c>--within</c>).</summary>
/// <param name="Name">The option name without dashes, e.g. "within".</param>
/// <param name="Description">One line for help.</param>
public sealed record ReportOption(string Name, string Description);

/// <summary>
/// What a report gets: the store, the as-of date (SPEC §6: default today from the injected clock), the client filter
/// (null = every client) and its own options by name (null when not given).
/// </summary>
public sealed record ReportContext(
    ITrazaStore Store,
    DateOnly AsOf,
    string? Client,
    IReadOnlyDictionary<string, string?> Options,
    TimeProvider Clock)
{
    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Where a report prints its phase timings (TRAZA_TRACE=1 on the CLI, for benchmarks); null: none.</summary>
    public TextWriter? Trace { get; init; }
}

/// <summary>
/// One <c>traza report NAME</c>: ordered columns and typed rows, written in every format by
/// <see cref="ReportWriter"/>. Adding a report is one class registered in <see cref="ReportCatalog"/>.
/// </summary>
public interface IReport
{
    /// <summary>The report name (SPEC §6), e.g. "entries".</summary>
    string Name { get; }

    /// <summary>One line for help.</summary>
    string Description { get; }

    /// <summary>Options beyond --as-of, --client, --format and --out.</summary>
    IReadOnlyList<ReportOption> Options { get; }

    /// <summary>
    /// The columns <see cref="Run"/> emits, in order, the enumerated ones with their values: what <see cref="Labels"/> must
    /// label in both languages (a test holds every report of <see cref="ReportCatalog.Default"/> to it).
    /// </summary>
    IReadOnlyList<ReportColumn> Columns { get; }

    /// <summary>The columns of the summary that leads the table and XLSX (<see cref="ReportData.Summary"/>); empty when none.</summary>
    IReadOnlyList<ReportColumn> SummaryColumns => [];

    /// <summary>
    /// Whether the report reads the stored discharge (allocations, lot totals, shortages …): if so
    /// <see cref="ReportService.Run"/> makes it cover the as-of date first (SPEC §6). True unless a report says it reads
    /// the ledger alone, so a new report is never silently stale.
    /// </summary>
    bool ReadsDischarge => true;

    /// <summary>
    /// True for the chain's own listings (<c>batches</c>, <c>periods</c>): what they list is not dated movements, so
    /// <c>--as-of</c> does not filter them (docs/cli.md).
    /// </summary>
    bool IgnoresAsOf => false;

    /// <summary>
    /// Whether <c>--client</c> filters every row (true unless a report says otherwise). The program-wide listings
    /// (<c>batches</c>, <c>periods</c>) do not: the API refuses them to a client's key (docs/api.md).
    /// </summary>
    bool FiltersByClient => true;

    /// <summary>Builds the report; expected failures are <see cref="AppException"/>s.</summary>
    ReportData Run(ReportContext context);
}
