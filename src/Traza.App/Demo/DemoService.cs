using Traza.Storage;
using System.Globalization;
using System.Text;
using Traza.App.Discharge;
using Traza.App.Reports;
using Traza.App.Generation;
using Traza.App.Imports;
using Traza.App.Programs;
using Traza.App.Reconciliation;
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

    /// <summary>Every row of <c>report shortages</c>, each with the reason the ledger shows for it (issue 16 item 7).</summary>
    public IReadOnlyList<ShortageStory> Shortages { get; init; } = [];

    /// <summary>Lots with a balance past their deadline, and those in each alert band (30, 60, 90 days; <c>report expiring</c>).</summary>
    public int ExpiredLots { get; init; }

    /// <summary>Lots in the 30, 60 and 90-day alert bands, in that order.</summary>
    public IReadOnlyList<int> AlertBands { get; init; } = [0, 0, 0];

    /// <summary>The findings of <c>report reconcile</c> as of D by kind, in report order, each kind with its first row.</summary>
    public IReadOnlyList<FindingStory> Findings { get; init; } = [];

    /// <summary>The clients whose shelter period (<c>report clients</c>, the shipped rule) is ending or over at D.</summary>
    public IReadOnlyList<ShelterStory> ShelterEndings { get; init; } = [];
}

/// <summary>A shelter client whose shelter period ends within 90 days of D, or ended before it.</summary>
public sealed record ShelterStory(string Client, DateOnly End, int DaysLeft, string Status, string Source)
{
    /// <summary>The story of a shelter period ending on <paramref name="end"/>, seen at <paramref name="asOf"/>.</summary>
    public static ShelterStory Of(string client, DateOnly end, DateOnly asOf, string source) =>
        new(client, end, end.DayNumber - asOf.DayNumber, ShelterPeriod.Status(end, asOf), source);
}

/// <summary>One kind of reconciliation finding of the demo: how many rows, and the first of them with its advice.</summary>
public sealed record FindingStory(string Finding, int Rows, string Pedimento, int? Partida, string Advice);

/// <summary>One shortage of the demo and why the ledger shows it.</summary>
public sealed record ShortageStory(string Client, string Document, DateOnly Date, string Part, decimal Qty, string Reason);

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

    /// <summary>The demo program's fictitious RFC; its Data Stage packages are requested for it.</summary>
    public const string Rfc = "AIN180315DM0";

    /// <summary>The demo program's fictitious IMMEX number (the packages' 507 IM identifier).</summary>
    public const string Immex = "IMMEX-DEMO-0457";

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
        // 17 months of operations: the slow movers entered in the first weeks are 30 to 90 days from their 18-month deadline,
        // the old lots entered before them are at it or just past it.
        var start = today.AddMonths(-17);
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
            // A healthy program (issue 16 item 7): every material supplied 35 % ahead of its use and over the months it is
            // used in, so no shortage arises by chance; the few that show are planted by DemoStory, each with its cause.
            // One old lot per client entered 36 days before the period (at or just past its deadline) and one slow mover
            // in its first two months (30 to 90 days from it).
            SupplyRatio = 1.35,
            SupplyFollowsUse = true,
            EntryJitter = 0.5,
            ShortMaterialsPerClient = 0,
            OldLotsPerClient = 1,
            OldLotsDaysBeforeStart = 36,
            SlowLotsDaysAfterStart = 5,
            SlowLotsSpreadDays = 60,
            WasteEventsPerClient = 1,
            DataStageRfc = Rfc,
            ProgramName = "ALBERGUE INDUSTRIAL DEL NORTE SA DE CV",
            ImmexNumber = Immex,
        };
        progress?.Report("generating a shelter with three clients and a year of operations");
        ProgramGenerator.Write(files, options);
        DemoStory.Plant(files, Rfc, options.ProgramName, start, options.End);
        DemoTables.Write(files, start, today);

        var imports = new List<string>();
        using (var store = provider.Open(full, clock))
        {
            store.Operator = @operator ?? store.Operator;
            store.SetCreatedBy(Marker);
            ProgramService.Init(store, Rfc, "Albergue Industrial del Norte (demo)", Immex, "shelter", start.AddYears(-8), null);
            // The clients' shelter starts (report clients): ACME's 48-month shelter period ends 75 days from today (ending),
            // NORD and KITE joined later (active).
            var since = new Dictionary<string, DateOnly>(StringComparer.Ordinal)
            {
                ["ACME"] = today.AddMonths(-48).AddDays(75),
                ["NORD"] = start.AddYears(-2),
                ["KITE"] = start.AddMonths(-4),
            };
            foreach (var (id, name, parent) in DemoClients)
            {
                ProgramService.AddClient(store, id, name, parent, since[id]);
            }

            foreach (var layout in new[] { "parts", "bom", "entries", "exits", "events" }.Concat(DemoTables.Layouts))
            {
                progress?.Report($"importing {layout}.csv");
                imports.Add(ImportService.Import(store, layout, Path.Combine(files, layout + ".csv")).Describe());
            }

            foreach (var package in new[] { ProgramGenerator.DataStageFile, DemoStory.LatePackage })
            {
                progress?.Report($"importing {package}");
                imports.Add(Government.DataStageImportService.Import(store, [Path.Combine(files, package)]).Describe());
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
            var findings = ReconcileReport.Build(
                new ReportContext(store, today, null, new Dictionary<string, string?>(), clock), ReconcileTolerances.Default);
            var atRisk = lots.Where(l => l.Balance > 0 && l.Status.State is LotState.Expiring or LotState.Expired).ToList();
            return new DemoSummary(store.Target, files, today, imports, outcome, clients, nearest, clock.GetElapsedTime(started))
            {
                Shortages = ShortageStories(shortages.Where(s => s.Date <= today), lots),
                ExpiredLots = atRisk.Count(l => l.Status.State == LotState.Expired),
                AlertBands = [.. new[] { 30, 60, 90 }.Select(b => atRisk.Count(l => l.Status.AlertBand == b))],
                ShelterEndings = [.. DemoClients.SelectMany(c => ShelterPeriod.RuleFor(since[c.Id]) is { } rule
                        ? [ShelterStory.Of(c.Id, ShelterPeriod.End(since[c.Id], rule.Months), today, rule.Source)]
                        : Array.Empty<ShelterStory>())
                    .Where(c => c.Status != "active")],
                Findings = [.. findings.GroupBy(f => f.Finding, StringComparer.Ordinal)
                    .Select(g => new FindingStory(g.Key, g.Count(), g.First().Pedimento, g.First().Partida, g.First().Advice))],
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
        sb.AppendLine("What needs attention");
        var bands = s.AlertBands;
        sb.AppendLine(inv, $"  {s.ExpiredLots} lot(s) past their deadline and {bands.Sum()} within 90 days of it (alert bands 30/60/90 days: {bands[0]}/{bands[1]}/{bands[2]}):");
        sb.AppendLine("    return, transfer or regularize them; the costs above (report expiring, exposure, options)");
        sb.AppendLine(inv, $"  {s.Shortages.Count} shortage(s) (faltantes), each with its cause in the ledger (report shortages):");
        foreach (var x in s.Shortages)
        {
            sb.AppendLine(inv, $"    {x.Client,-6}  {x.Document,-15}  {x.Date:yyyy-MM-dd}  {x.Qty,8} {x.Part,-11}  {x.Reason}");
        }

        var findings = s.Findings.Sum(f => f.Rows);
        sb.AppendLine(inv, $"  {findings} difference(s) between the ledger and SAT's Data Stage (report reconcile), by kind with the advice of the first:");
        foreach (var f in s.Findings)
        {
            sb.AppendLine(inv, $"    {f.Rows,3}  {f.Finding,-26}  {f.Pedimento}{(f.Partida is { } p ? $" partida {p}" : string.Empty)}");
            sb.AppendLine(inv, $"         {f.Advice}");
        }

        foreach (var c in s.ShelterEndings)
        {
            sb.AppendLine(c.DaysLeft < 0
                ? string.Create(inv, $"  {c.Client}'s shelter period ended on {c.End:yyyy-MM-dd} ({c.Source}; report clients)")
                : string.Create(inv, $"  {c.Client}'s shelter period ends on {c.End:yyyy-MM-dd}, in {c.DaysLeft} days ({c.Source}; report clients):"));
            if (c.DaysLeft >= 0)
            {
                sb.AppendLine("    plan its own IMMEX program or the return of its goods and machinery before then");
            }
        }

        sb.AppendLine();
        sb.AppendLine("What to open next");
        sb.AppendLine("  traza report expiring --within 90        lots to return, transfer or regularize first");
        sb.AppendLine("  traza report exposure                    what each lot at risk would cost: regularize, authority, missing");
        sb.AppendLine("  traza report options                     what each option would cost: return, transfer, F4/F5, A3, destruction");
        sb.AppendLine("  traza report shortages                   exits and events that no lot covered (faltantes)");
        sb.AppendLine("  traza report reconcile                   the ledger against SAT's Data Stage, partida by partida, with advice");
        sb.AppendLine(inv, $"  traza report usmca --period {YearMonthText(s.AsOf)}      T-MEC art. 2.5 IGI on last month's exports to USA/CAN");
        sb.AppendLine("  traza report balances --client ACME      one client's Annex 24 balances");
        sb.AppendLine("  traza report custody --exit <pedimento>  which lots an export consumed");
        sb.AppendLine("  traza report waste                       desperdicio per source lot: generated, disposed of, left, deadline");
        sb.AppendLine("  traza report clients                     each shelter client's period, lots and shortages");
        sb.AppendLine("  traza report work-orders                 kits made on work orders: shipped, in stock, components reserved");
        sb.AppendLine("  traza report program                     the program check an auditor starts with");
        sb.AppendLine(inv, $"done in {s.Elapsed.TotalSeconds:0.0} s");
        return sb.ToString();
    }

    /// <summary>
    /// The shortages as <c>report shortages</c> groups them (exit or event document, part), each with what the ledger shows
    /// as its cause: an event that took more than the lots held, an exit dated before the part's first lot arrived, or an
    /// exit that found every lot of the part already used.
    /// </summary>
    private static List<ShortageStory> ShortageStories(IEnumerable<StoredShortage> shortages, IReadOnlyList<LotView> lots)
    {
        var first = lots.GroupBy(l => (l.Entry.Client, l.Entry.Part))
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Entry.Date).ThenBy(l => l.Entry.Pedimento, StringComparer.Ordinal).First().Entry);
        var inv = CultureInfo.InvariantCulture;
        return [.. shortages
            .GroupBy(s => (s.Client, s.Document, s.Part, s.MovementKind))
            .Select(g =>
            {
                var (client, document, part, kind) = g.Key;
                var date = g.Min(s => s.Date);
                var qty = g.Sum(s => s.Qty);
                var reason = first.TryGetValue((client, part), out var lot)
                    ? kind == "event" ? string.Create(inv, $"the event took {qty} more than the lots of {part} held")
                    : lot.Date > date ? string.Create(inv, $"dated before the first lot of {part} arrived ({lot.Pedimento}, {lot.Date:yyyy-MM-dd})")
                    : string.Create(inv, $"every lot of {part} entered by then was used up")
                    : $"no lot of {part} was ever entered";
                return new ShortageStory(client, document, date, part, qty, reason);
            })
            .OrderBy(s => s.Date).ThenBy(s => s.Document, StringComparer.Ordinal).ThenBy(s => s.Part, StringComparer.Ordinal)];
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
