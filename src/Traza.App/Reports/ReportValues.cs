using Traza.App.Government;
using Traza.App.Imports;
using Traza.App.Periods;
using Traza.Domain.Exposure;
using Traza.Domain.Model;

namespace Traza.App.Reports;

/// <summary>
/// The closed value sets of enumerated report columns that no domain type already lists (those use theirs:
/// <c>LotStatus.Names</c>, <c>PartKinds.Names</c>, <c>FindingKinds.All</c> …). SPEC §6: these English values are what CSV and
/// JSON carry; <see cref="Labels"/> translates them in <c>table</c> and XLSX.
/// </summary>
public static class ReportValues
{
    /// <summary><c>pedimentos.operation</c>.</summary>
    public static readonly IReadOnlyList<string> Operations = ["import", "export"];

    /// <summary>Where a pedimento or a government value came from: <c>pedimentos.sources</c>, <c>reconcile.source</c>.</summary>
    public static readonly IReadOnlyList<string> Sources = [DataStageImportService.Kind, M3ImportService.Kind, "ledger"];

    /// <summary><c>counts.result</c>: counted against the book.</summary>
    public static readonly IReadOnlyList<string> CountResults = ["matches", "surplus", "shortfall"];

    /// <summary>A yes/no column (<c>exposure.iva_creditable</c>).</summary>
    public static readonly IReadOnlyList<string> YesNo = ["yes", "no"];

    /// <summary><c>periods.action</c>.</summary>
    public static readonly IReadOnlyList<string> PeriodActions = [PeriodService.CloseAction, PeriodService.ReopenAction];

    /// <summary><c>batches.layout</c>: every §4.1 layout, then the batches commands and government imports record.</summary>
    public static readonly IReadOnlyList<string> Layouts =
    [
        .. ImportService.Layouts.Select(l => l.Layout), "program", "clients", DataStageImportService.Kind, M3ImportService.Kind,
        .. PeriodActions,
    ];

    /// <summary><c>custody.exit_clave</c> of an event: the types that discharge (any other value is an exit's clave).</summary>
    public static readonly IReadOnlyList<string> DischargingEvents =
        [.. Enum.GetValues<EventType>().Where(t => t.Discharges()).Select(t => t.Name())];

    /// <summary><c>exposure.scenario</c> (SPEC §3.9).</summary>
    public static readonly IReadOnlyList<string> Scenarios = [.. Enum.GetValues<ExposureScenario>().Select(PenaltyRules.Name)];

    /// <summary><c>exposure.value_source</c>: where the lot's customs value came from.</summary>
    public static readonly IReadOnlyList<string> ValueSources =
        [.. Enum.GetValues<CustomsValueSource>().Select(s => new CustomsValue(null, s, null, null).SourceName)];
}
