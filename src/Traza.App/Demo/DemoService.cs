using Traza.Storage;
using System.Globalization;
using System.Text;
using Traza.App.Discharge;
using Traza.App.Reports;
using Traza.App.Generation;
using Traza.App.Imports;
using Traza.App.Programs;
using Traza.Domain.Terms;

namespace Traza.App.Demo;

/// <summary>Per client: lots by status and shortages, for the demo summary.</summary>
public sealed record ClientSummary(string Client, int Open, int Expiring, int Expired, int Closed, int Shortages, decimal AtRiskUsd);

/// <summary>
/// Per client: what its lots at risk would cost in MXN (<c>report exposure</c>): the taxes (IGI + IVA + DTA + actualización +
/// recargos) and, on top of them, the maximum penalty of each scenario; <paramref name="Incomplete"/> counts rows with an
/// empty amount (no customs value, a missing table row), so the sums are lower bounds when it is not 0.
/// </summary>
public sealed record ClientExposure(string Client, int Lots, decimal Taxes, decimal Regularize, decimal Authority, decimal Missing, int Incomplete);

/// <summary>What <c>traza demo</c> built and found.</summary>
public sealed record DemoSummary(
    string DatabasePath,
    string FilesDirectory,
    DateOnly AsOf,
    IReadOnlyList<string> ImportLines,
    DischargeOutcome Discharge,
    IReadOnlyList<ClientSummary> Clients,
    IReadOnlyList<LotView> NearestDeadlines,
    TimeSpan Elapsed)
{
    /// <summary>The exposure of each client's lots at risk (issue 14: the demo loads its own dated tables, <c>DemoTables</c>).</summary>
    public IReadOnlyList<ClientExposure> Exposure { get; init; } = [];

    /// <summary>T-MEC art. 2.5 for the month before D (<c>report usmca</c>); null when it has no export to the USA or Canada.</summary>
    public UsmcaSummary? Usmca { get; init; }
}

/// <summary>The month's exports to USA/CAN, their non-originating input lots and the IGI due on them (<c>report usmca</c>).</summary>
public sealed record UsmcaSummary(string Period, int Exports, int NonOriginating, decimal Igi, int Incomplete);

/// <summary>
/// <c>traza demo</c>: a believable shelter (IMMEX Shelter) with three foreign clients and a year of operations,
/// generated, imported and discharged into a fresh database, then summarized the way a compliance manager reads it.
/// The identities are fictitious.
/// </summary>
public static class DemoService
{
    public const string Marker = "traza demo";

    /// <summary>The folder of the input files: beside a database file, or <c>traza-demo-DATABASE</c> in the current folder for a server target.</summary>
    public const string FilesFolder = "traza-demo";

    public static readonly IReadOnlyList<(string Id, string Name, string Parent)> DemoClients =
    [
        ("ACME", "Acme Drivetrain Mexico", "Acme Drivetrain Inc. (USA)"),
        ("NORD", "Nordlicht Medical Mexico", "Nordlicht Medical GmbH (DEU)"),
        ("KITE", "Kite Electronics Mexico", "Kite Electronics Co. Ltd. (KOR)"),
    ];

    /// <summary>
    /// Builds the demo into <paramref name="databasePath"/>; refuses (conflict) to replace a database it did not create. Its
    /// batches are recorded as <paramref name="operator"/> (default: the OS user).
    /// </summary>
    public static DemoSummary Run(
        IStoreProvider provider, string databasePath, TimeProvider clock, IProgress<string>? progress = null, string? @operator = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        // A file target is made absolute and the input files go beside it; a server's database (PostgreSQL) is used as given
        // and the input files go to the current folder.
        var isFile = provider.TargetsAreFiles;
        var full = isFile ? Path.GetFullPath(databasePath) : databasePath;
        PrepareTarget(provider, full, clock);

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var files = isFile
            ? Path.Combine(Path.GetDirectoryName(full)!, FilesFolder)
            : Path.Combine(Directory.GetCurrentDirectory(), FilesFolder + "-" + provider.TargetName(full));
        var start = today.AddMonths(-16);
        var options = new GeneratorOptions
        {
            Seed = 2026,
            Clients = [.. DemoClients.Select(c => c.Id)],
            MaterialsPerClient = 30,
            SubassembliesPerClient = 3,
            ProductsPerClient = 6,
            LeavesPerProduct = 8,
            MachineryPerClient = 2,
            EntryLines = 900,
            ExitLines = 1500,
            Start = start,
            End = today.AddDays(-20),
            ShortMaterialsPerClient = 1,
            OldLotsPerClient = 2,
            OldLotsDaysBeforeStart = 100,
            WasteEventsPerClient = 1,
        };
        progress?.Report("generating a shelter with three clients and a year of operations");
        ProgramGenerator.Write(files, options);
        DemoTables.Write(files, start, today);

        var imports = new List<string>();
        using (var store = provider.Open(full, clock))
        {
            store.Operator = @operator ?? store.Operator;
            store.SetCreatedBy(Marker);
            ProgramService.Init(store, "AIN180315DM0", "Albergue Industrial del Norte (demo)", "IMMEX-DEMO-0457", "shelter", start.AddYears(-8), null);
            foreach (var (id, name, parent) in DemoClients)
            {
                ProgramService.AddClient(store, id, name, parent, start.AddYears(-3));
            }

            foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" }.Concat(DemoTables.Layouts))
            {
                progress?.Report($"importing {layout}.csv");
                imports.Add(ImportService.Import(store, layout, Path.Combine(files, layout + ".csv")).Describe());
            }

            progress?.Report("discharging");
            var outcome = DischargeService.Run(store, today);
            var lots = LotLedger.Lots(store, today, null);
            var shortages = store.Derived.Shortages();
            var clients = DemoClients.Select(c =>
            {
                var mine = lots.Where(l => l.Entry.Client == c.Id).ToList();
                return new ClientSummary(
                    c.Id,
                    mine.Count(l => l.Status.State == LotState.Open),
                    mine.Count(l => l.Status.State == LotState.Expiring),
                    mine.Count(l => l.Status.State == LotState.Expired),
                    mine.Count(l => l.Status.State == LotState.Closed),
                    shortages.Where(s => s.Client == c.Id).Select(s => (s.Document, s.Part)).Distinct().Count(),
                    mine.Where(l => l.Status.State is LotState.Expiring or LotState.Expired).Sum(l => l.BalanceValueUsd ?? 0m));
            }).ToList();
            var nearest = lots.Where(l => l.Status.State is LotState.Open or LotState.Expiring && l.Status.DaysLeft is not null)
                .OrderBy(l => l.Status.DaysLeft).ThenBy(l => l.Entry.Pedimento, StringComparer.Ordinal).Take(5).ToList();
            var exposure = ExposureReport.Build(store, today, null, ivaCreditable: false)
                .GroupBy(r => r.Client, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    decimal Taxes(ExposureReport.Row r) =>
                        (r.Taxes.Igi ?? 0m) + (r.Taxes.Iva ?? 0m) + (r.Taxes.Dta ?? 0m) + (r.Taxes.Actualizacion ?? 0m) + (r.Taxes.Recargos ?? 0m);
                    decimal Worst(Domain.Exposure.ExposureScenario s) =>
                        g.Where(r => r.Scenario == s).Sum(r => Taxes(r) + (r.Figures.PenaltyMax ?? 0m));
                    var firsts = g.Where(r => r.Scenario == Domain.Exposure.ExposureScenario.Regularize).ToList();
                    return new ClientExposure(g.Key, firsts.Count, firsts.Sum(Taxes), Worst(Domain.Exposure.ExposureScenario.Regularize),
                        Worst(Domain.Exposure.ExposureScenario.Authority), Worst(Domain.Exposure.ExposureScenario.Missing),
                        firsts.Count(r => r.Taxes.Missing.Count > 0 || r.Figures.PenaltyMax is null));
                })
                .ToList();
            var month = Domain.Exposure.YearMonth.Of(today).AddMonths(-1);
            var usmca = UsmcaReport.Build(store, today, null, month, null, UsmcaReport.DefaultClaves.ToHashSet());
            return new DemoSummary(store.Target, files, today, imports, outcome, clients, nearest, clock.GetElapsedTime(started))
            {
                Exposure = exposure,
                Usmca = usmca.Count == 0 ? null : new UsmcaSummary(month.ToString(), usmca.Select(r => r.Movement).Distinct().Count(),
                    usmca.Count(r => r.Input.Input.Exception is null && !r.Input.Originating), usmca.Sum(r => r.Input.Igi ?? 0m),
                    usmca.Count(r => r.Input.Igi is null)),
            };
        }
    }

    /// <summary>The summary a compliance manager wants first, as text.</summary>
    public static string Format(DemoSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Traza demo: shelter program IMMEX-DEMO-0457 with clients {string.Join(", ", s.Clients.Select(c => c.Client))}");
        sb.AppendLine(inv, $"database {s.DatabasePath}; input files in {s.FilesDirectory}");
        foreach (var line in s.ImportLines)
        {
            sb.AppendLine(inv, $"  {line}");
        }

        sb.AppendLine(s.Discharge.SummaryLine);
        sb.AppendLine();
        sb.AppendLine(inv, $"Status as of {s.AsOf:yyyy-MM-dd}");
        sb.AppendLine("  client  open  expiring  expired  closed  shortages  USD at risk (expiring + expired)");
        foreach (var c in s.Clients)
        {
            sb.AppendLine(inv, $"  {c.Client,-6}  {c.Open,4}  {c.Expiring,8}  {c.Expired,7}  {c.Closed,6}  {c.Shortages,9}  {c.AtRiskUsd,12:0.00}");
        }

        sb.AppendLine();
        sb.AppendLine("The five lots nearest their deadline");
        sb.AppendLine("  pedimento        partida  part          client  balance       deadline    days_left");
        foreach (var l in s.NearestDeadlines)
        {
            sb.AppendLine(inv, $"  {l.Entry.Pedimento,-15}  {l.Entry.Partida,7}  {l.Entry.Part,-12}  {l.Entry.Client,-6}  {l.Balance,12}  {l.Deadline:yyyy-MM-dd}  {l.Status.DaysLeft,9}");
        }

        if (s.Exposure.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("What the lots at risk would cost in MXN (taxes; taxes + the maximum penalty of each scenario; demo tables)");
            sb.AppendLine("  client  lots        taxes    regularize     authority       missing");
            foreach (var x in s.Exposure)
            {
                sb.AppendLine(inv, $"  {x.Client,-6}  {x.Lots,4}  {x.Taxes,11:0.00}  {x.Regularize,12:0.00}  {x.Authority,12:0.00}  {x.Missing,12:0.00}{(x.Incomplete > 0 ? $"  ({x.Incomplete} incomplete)" : string.Empty)}");
            }
        }

        if (s.Usmca is { } u)
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"T-MEC art. 2.5 ({u.Period}): {u.Exports} export lines to USA/CAN, {u.NonOriginating} non-originating inputs, IGI MXN {u.Igi:0.00} due 60 days after each export{(u.Incomplete > 0 ? $" ({u.Incomplete} incomplete)" : string.Empty)}");
        }

        sb.AppendLine();
        sb.AppendLine("What to open next");
        sb.AppendLine("  traza report expiring --within 90        lots to return, transfer or regularize first");
        sb.AppendLine("  traza report exposure                    what each lot at risk would cost: regularize, authority, missing");
        sb.AppendLine("  traza report options                     what each option would cost: return, transfer, F4/F5, A3, destruction");
        sb.AppendLine(inv, $"  traza report usmca --period {YearMonthText(s.AsOf)}      T-MEC art. 2.5 IGI on last month's exports to USA/CAN");
        sb.AppendLine("  traza report shortages                   exits that no lot covered (faltantes)");
        sb.AppendLine("  traza report balances --client ACME      one client's Annex 24 balances");
        sb.AppendLine("  traza report custody --exit <pedimento>  which lots an export consumed");
        sb.AppendLine(inv, $"done in {s.Elapsed.TotalSeconds:0.0} s");
        return sb.ToString();
    }

    private static string YearMonthText(DateOnly asOf) => Domain.Exposure.YearMonth.Of(asOf).AddMonths(-1).ToString();

    /// <summary>
    /// Removes a database the demo created before; takes a Traza store that holds no batch (a PostgreSQL database whose
    /// schema was created but no program); refuses (conflict) anything else at that path.
    /// </summary>
    private static void PrepareTarget(IStoreProvider provider, string path, TimeProvider clock)
    {
        if (!provider.Exists(path))
        {
            return;
        }

        string? createdBy;
        var isStore = true;
        try
        {
            createdBy = provider.CreatedBy(path);
        }
        catch (NotATrazaStoreException)
        {
            (createdBy, isStore) = (null, false);
        }

        if (createdBy is null && isStore && HoldsNothing(provider, path, clock))
        {
            return;
        }

        if (createdBy != Marker)
        {
            var what = provider.TargetsAreFiles ? path : "the --db database"; // a server's target may hold a password
            throw AppException.Conflict($"{what} exists and was not created by traza demo; refusing to replace it (use --db to choose another file)");
        }

        provider.Delete(path);
    }

    /// <summary>True when the Traza store at <paramref name="path"/> has no batch at all: nothing of anyone's to replace.</summary>
    private static bool HoldsNothing(IStoreProvider provider, string path, TimeProvider clock)
    {
        using var store = provider.Open(path, clock);
        return store.Batches().Count == 0;
    }
}
