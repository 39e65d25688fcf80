namespace Traza.App.Reports;

/// <summary>
/// The reports <c>traza report NAME</c> offers (and later the API's <c>/api/reports/{name}</c>). Register a report by
/// adding it to <see cref="Default"/>'s list below, or at run time with <see cref="Register"/>.
/// </summary>
public sealed class ReportCatalog
{
    private readonly List<IReport> reports = [];

    public ReportCatalog(IEnumerable<IReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        foreach (var report in reports)
        {
            Register(report);
        }
    }

    /// <summary>The built-in reports.</summary>
    public static ReportCatalog Default { get; } = new(
    [
        new EntriesReport(),
        new ExitsReport(),
        new PedimentosReport(),
        new BalancesCatalogReport(),
        new ExpiringCatalogReport(),
        new ShortagesCatalogReport(),
        new CustodyCatalogReport(),
        new BatchesReport(),
        new PeriodsReport(),
        new ReconcileReport(),
        new DescargosCatalogReport(),
        new CountsCatalogReport(),
        new ExposureReport(),
        new OptionsReport(),
        new UsmcaReport(),
        new TransfersReport(),
        new WasteCatalogReport(),
        new WasteDisposalsCatalogReport(),
        new RatesCatalogReport(),
        new ProgramCheckReport(),
        new DossierReport(),
        new Annex24Report(),
        new AssetsReport(),
        new SubmanufactureReport(),
        new ClientsReport(),
        new WorkOrdersReport(),
    ]);

    public IReadOnlyList<IReport> All => reports;

    /// <summary>Adds a report; a second report of the same name replaces the first.</summary>
    public void Register(IReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        reports.RemoveAll(r => string.Equals(r.Name, report.Name, StringComparison.Ordinal));
        reports.Add(report);
    }

    public IReport? Find(string name) => reports.Find(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}
