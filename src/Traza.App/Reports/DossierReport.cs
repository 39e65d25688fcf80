using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Terms;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report dossier --pedimento P | --from D --to D</c> (SPEC C10 "audit dossier", §6: columns in docs/cli.md): what an
/// auditor asks about a pedimento, one typed row per fact, under a <c>section</c>. Every figure is another report's row, kept
/// where it names the pedimento (the API's drill-down does the same): the program header (Anexo 24 A 1.1: razón social, RFC and
/// IMMEX number on every report), the <c>pedimentos</c> row (which sources hold it: Data Stage, M3, ledger), the partidas as
/// entered (<c>entries</c>) or the exit lines (<c>exits</c>), the rectifications (SPEC §3.8), the allocations both ways
/// (<c>custody</c>, with the BOM path and version in force on the exit's bom_date, else its date — SPEC §3.5), the lots'
/// balance and deadline (<c>balances</c>) and the <c>reconcile</c> findings that name it.
/// </summary>
public sealed class DossierReport : IReport
{
    public static readonly IReadOnlyList<string> Sections =
        ["program", "pedimento", "partida", "exit_line", "rectification", "allocation", "balance", "finding"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        ReportColumn.Enumerated("section", Sections), "pedimento", "partida", "part", "clave", "date", "fraccion", "qty", "qty_umt", "umt",
        "value_usd", "customs_value_mxn", "document", "document_date", "product", "bom", "deadline",
        ReportColumn.Enumerated("status", LotStates.Names), "item", "detail", "client",
    ];

    public string Name => "dossier";

    public string Description => "the audit dossier of one pedimento (--pedimento P) or of every pedimento dated in a period (--from D --to D)";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options =>
    [
        new("pedimento", "the pedimento (15 digits, or YY AA PPPP NNNNNNN)"),
        new("from", "with --to: every pedimento dated in the period (YYYY-MM-DD)"),
        new("to", "with --from: the period's last day (YYYY-MM-DD)"),
    ];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = DossierScope.Of(context);
        if (scope.Pedimento is null && !ProgramCheckReport.HasMovements(context.Store))
        {
            return new ReportData(Columns, []); // SPEC §6: an empty ledger gives the header row only
        }

        var sources = new DossierSources(context, scope);
        var pedimentos = sources.Pedimentos();
        if (pedimentos.Count == 0)
        {
            // One pedimento that is nowhere is a usage error; a period without pedimentos is an empty dossier.
            return scope.Pedimento is { } p
                ? throw AppException.Usage($"option --pedimento: no pedimento {p} in the ledger, Data Stage or M3 on or before {Iso(context.AsOf)}" +
                    (context.Client is { } c ? $" for client '{c}'" : string.Empty))
                : new ReportData(Columns, []);
        }

        var rows = new List<object?[]>();
        Header(context, rows);
        foreach (var number in pedimentos)
        {
            sources.Add(number, rows);
        }

        return new ReportData(Columns, rows);
    }

    private static void Header(ReportContext context, List<object?[]> rows)
    {
        // Anexo 24 A 1.1: razón social, RFC and IMMEX number on every report. With --client they carry that client (the rows are
        // the program's header as that client's dossier shows it).
        var program = context.Store.GetProgram();
        var client = context.Client ?? string.Empty;
        foreach (var (item, value) in new (string, string?)[]
                 {
                     ("name", program?.Name), ("rfc", program?.Rfc), ("immex", program?.Immex), ("modality", program?.Modality),
                     ("valid_from", program?.ValidFrom is { } f ? Iso(f) : null), ("valid_to", program?.ValidTo is { } t ? Iso(t) : null),
                 })
        {
            rows.Add(DossierRow.Of("program", item: item, detail: value, client: client));
        }
    }

    internal static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>What <c>report dossier</c> covers: one pedimento, or the pedimentos dated in a period.</summary>
internal sealed record DossierScope(string? Pedimento, DateOnly? From, DateOnly? To)
{
    public static DossierScope Of(ReportContext context)
    {
        var text = context.Option("pedimento");
        var from = ReportInputs.Date("--from", context.Option("from"));
        var to = ReportInputs.Date("--to", context.Option("to"));
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (from is not null || to is not null)
            {
                throw AppException.Usage("option --pedimento: give either --pedimento or --from and --to, not both");
            }

            var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
            return digits.Length == 15 && digits.All(char.IsAsciiDigit)
                ? new DossierScope(digits, null, null)
                : throw AppException.Usage($"option --pedimento: 15 digits (YY AA PPPP NNNNNNN), found '{text}'");
        }

        if (from is null || to is null)
        {
            throw AppException.Usage("option --pedimento: the dossier needs --pedimento P, or a period with --from D and --to D");
        }

        return from > to
            ? throw AppException.Usage($"option --from: {DossierReport.Iso(from)} is after --to {DossierReport.Iso(to)}")
            : new DossierScope(null, from, to);
    }

    public bool Holds(string pedimento, DateOnly? date) =>
        Pedimento is { } p ? string.Equals(p, pedimento, StringComparison.Ordinal) : date is { } d && d >= From && d <= To;
}

/// <summary>A dossier row by column name.</summary>
internal static class DossierRow
{
    public static object?[] Of(
        string section, string? pedimento = null, long? partida = null, string? part = null, string? clave = null, DateOnly? date = null,
        string? fraccion = null, decimal? qty = null, decimal? qtyUmt = null, string? umt = null, decimal? valueUsd = null,
        decimal? customsValueMxn = null, string? document = null, DateOnly? documentDate = null, string? product = null, string? bom = null,
        DateOnly? deadline = null, string? status = null, string? item = null, string? detail = null, string? client = null) =>
        [
            section, pedimento, partida, part, clave, date, fraccion, qty, qtyUmt, umt, valueUsd, customsValueMxn, document, documentDate,
            product, bom, deadline, status, item, detail, client,
        ];
}

/// <summary>
/// The reports a dossier is cut from, each run once for the whole scope (as the as-of rule of <see cref="ReportService"/> left
/// the store), then kept per pedimento.
/// </summary>
internal sealed class DossierSources
{
    private readonly ReportContext context;
    private readonly DossierScope scope;
    private readonly Table declared;
    private readonly List<string> pedimentos;
    private readonly HashSet<string> wanted;
    private readonly Table entries;
    private readonly Table exits;
    private readonly Dictionary<(string, string), string> fracciones;
    private readonly LedgerRectifications rectifications;
    private Table? balances;
    private Table? custody;
    private Table? findings;
    private DossierBom? bom;

    public DossierSources(ReportContext context, DossierScope scope)
    {
        this.context = context;
        this.scope = scope;
        var store = context.Store;
        rectifications = LedgerRectifications.Read(store, context.AsOf);

        // The pedimentos of the scope, and every number that answers for them (SPEC §3.8): the other reports' rows are kept
        // while they stream only when they name one of these, so a dossier of one pedimento holds only its own rows.
        var all = new PedimentosReport().Run(context);
        var (number, date) = (Index(all, "pedimento"), Index(all, "date"));
        declared = Table.Of(all, r => scope.Holds((string)r[number]!, r[date] as DateOnly?));
        pedimentos = [.. declared.Rows.Select(r => (string)r[number]!)];
        wanted = new HashSet<string>(pedimentos.SelectMany(rectifications.Related), StringComparer.Ordinal);
        entries = Kept(new EntriesReport().Run(context), "pedimento");
        exits = Kept(new ExitsReport().Run(context), "pedimento");
        fracciones = store.LoadParts(context.Client).Where(p => p.Fraccion is not null)
            .ToDictionary(p => (p.Client, p.Part), p => p.Fraccion!);
    }

    /// <summary>The pedimentos of the scope, in order: one a source declares (SPEC §6 pedimentos), dated in the period.</summary>
    public List<string> Pedimentos() => pedimentos;

    private static int Index(ReportData data, string column) => data.Columns.Select(c => c.Name).ToList().IndexOf(column);

    /// <summary><paramref name="data"/>'s rows whose <paramref name="column"/> (or <paramref name="other"/>) names a wanted number.</summary>
    private Table Kept(ReportData data, string column, string? other = null)
    {
        var at = Index(data, column);
        var also = other is null ? -1 : Index(data, other);
        return Table.Of(data, r => (r[at] is string a && wanted.Contains(a)) || (also >= 0 && r[also] is string b && wanted.Contains(b)));
    }

    public void Add(string number, List<object?[]> rows)
    {
        var related = rectifications.Related(number);
        foreach (var r in declared.Where("pedimento", number))
        {
            var sources = (string)r[declared.At("sources")]!;
            var held = sources.Split(';');
            rows.Add(DossierRow.Of("pedimento", pedimento: number, clave: r[declared.At("clave")] as string, date: r[declared.At("date")] as DateOnly?,
                valueUsd: r[declared.At("value_usd")] as decimal?, item: sources,
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"{r[declared.At("operation")]}, {r[declared.At("partidas")]} partidas; Data Stage: {Yes(held, "datastage")}; M3: {Yes(held, "m3")}; ledger: {Yes(held, "ledger")}"),
                client: context.Client));
        }

        foreach (var e in entries.Where("pedimento", number))
        {
            var (client, part) = ((string)e[entries.At("client")]!, (string)e[entries.At("part")]!);
            rows.Add(DossierRow.Of("partida", pedimento: number, partida: Long(e[entries.At("partida")]), part: part, clave: e[entries.At("clave")] as string,
                date: e[entries.At("date")] as DateOnly?, fraccion: fracciones.GetValueOrDefault((client, part)), qty: e[entries.At("qty")] as decimal?,
                qtyUmt: e[entries.At("qty_umt")] as decimal?, umt: e[entries.At("umt")] as string, valueUsd: e[entries.At("value_usd")] as decimal?,
                customsValueMxn: e[entries.At("customs_value_mxn")] as decimal?, document: e[entries.At("invoice")] as string,
                item: e[entries.At("origin")] as string, detail: Entered(e, entries), client: client));
        }

        foreach (var x in exits.Where("pedimento", number))
        {
            var (client, part) = ((string)x[exits.At("client")]!, (string)x[exits.At("part")]!);
            rows.Add(DossierRow.Of("exit_line", pedimento: number, partida: Long(x[exits.At("partida")]), part: part, clave: x[exits.At("clave")] as string,
                date: x[exits.At("date")] as DateOnly?, fraccion: fracciones.GetValueOrDefault((client, part)), qty: x[exits.At("qty")] as decimal?,
                qtyUmt: x[exits.At("qty_umt")] as decimal?, umt: x[exits.At("umt")] as string, valueUsd: x[exits.At("value_usd")] as decimal?,
                document: x[exits.At("source_pedimento")] as string, documentDate: x[exits.At("bom_date")] as DateOnly?,
                item: x[exits.At("destination")] as string, detail: Entered(x, exits), client: client));
        }

        // SPEC §3.8: a rectification replaces the partidas from its date on; the lot answers to both numbers.
        foreach (var r in rectifications.All.Where(r => related.Contains(r.Pedimento) && related.Contains(r.Original)
                     && (context.Client is null || r.Client == context.Client) && r.Date <= context.AsOf)
                     .OrderBy(r => r.Date).ThenBy(r => r.Pedimento, StringComparer.Ordinal))
        {
            rows.Add(DossierRow.Of("rectification", pedimento: number, date: r.Date, document: r.Pedimento == number ? r.Original : r.Pedimento,
                documentDate: r.OriginalDate, item: r.Pedimento == number ? "rectifies" : "rectified_by",
                detail: $"{r.Pedimento} rectifies {r.Original} from {DossierReport.Iso(r.Date)}", client: r.Client));
        }

        Allocations(number, related, rows);
        Balances(related, number, rows);
        Findings(related, number, rows);
    }

    private void Allocations(string number, SortedSet<string> related, List<object?[]> rows)
    {
        // One pedimento: its lots' allocations and its exit's (the custody filters intersect, so two reads); a period: all.
        var table = custody ??= scope.Pedimento is { } p
            ? Table.Of(CustodyReport.Build(context.Store, context.AsOf, context.Client, new CustodyFilter(Pedimento: p)),
                more: CustodyReport.Build(context.Store, context.AsOf, context.Client, new CustodyFilter(Exit: p)))
            : Kept(CustodyReport.Build(context.Store, context.AsOf, context.Client, new CustodyFilter()), "entry_pedimento", "exit_document");
        var (entry, exit) = (table.At("entry_pedimento"), table.At("exit_document"));
        bom ??= new DossierBom(context);
        foreach (var c in table.Rows.Where(r => related.Contains((string)r[entry]!) || related.Contains((string)r[exit]!)))
        {
            var (client, product, component) = ((string)c[table.At("client")]!, (string)c[table.At("product")]!, (string)c[table.At("component")]!);
            var document = (string)c[exit]!;
            var exitDate = (DateOnly)c[table.At("exit_date")]!;
            rows.Add(DossierRow.Of("allocation", pedimento: (string)c[entry]!, partida: Long(c[table.At("entry_partida")]), part: component,
                clave: c[table.At("exit_clave")] as string, date: c[table.At("entry_date")] as DateOnly?,
                fraccion: fracciones.GetValueOrDefault((client, component)), qty: c[table.At("qty")] as decimal?,
                qtyUmt: c[table.At("qty_umt")] as decimal?, valueUsd: c[table.At("value_usd")] as decimal?, document: document, documentDate: exitDate,
                product: product, bom: bom.Path(client, document, product, component, exitDate),
                item: related.Contains((string)c[entry]!) ? "consumed_from" : "consumed_by", client: client));
        }
    }

    private void Balances(SortedSet<string> related, string number, List<object?[]> rows)
    {
        var table = balances ??= Kept(BalancesReport.Build(context.Store, context.AsOf, context.Client), "pedimento");
        foreach (var b in table.Rows.Where(r => related.Contains((string)r[table.At("pedimento")]!)))
        {
            rows.Add(DossierRow.Of("balance", pedimento: (string)b[table.At("pedimento")]!, partida: Long(b[table.At("partida")]), part: b[table.At("part")] as string,
                clave: b[table.At("clave")] as string, date: b[table.At("entry_date")] as DateOnly?, qty: b[table.At("balance")] as decimal?,
                qtyUmt: b[table.At("qty_umt_balance")] as decimal?, valueUsd: b[table.At("balance_value_usd")] as decimal?,
                deadline: b[table.At("deadline")] as DateOnly?, status: b[table.At("status")] as string,
                item: b[table.At("days_left")] is int d ? d.ToString(CultureInfo.InvariantCulture) : null,
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"entered {CellText.Format(b[table.At("qty_entered")])} {b[table.At("umc")]}, discharged {CellText.Format(b[table.At("qty_discharged")])}"),
                client: b[table.At("client")] as string));
        }

        _ = number;
    }

    private void Findings(SortedSet<string> related, string number, List<object?[]> rows)
    {
        findings ??= Kept(new ReconcileReport().Run(context), "pedimento");
        var table = findings;
        foreach (var f in table.Rows.Where(r => related.Contains((string)r[table.At("pedimento")]!)))
        {
            var field = f[table.At("field")] as string;
            rows.Add(DossierRow.Of("finding", pedimento: (string)f[table.At("pedimento")]!, partida: f[table.At("partida")] as long?,
                item: f[table.At("finding")] as string,
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"{field}: ledger {f[table.At("ledger")]}, {f[table.At("source")]} {f[table.At("datastage")]}, difference {f[table.At("difference")]}; {f[table.At("advice")]}"),
                client: context.Client));
        }

        _ = number;
    }

    private static string Yes(string[] held, string source) => held.Contains(source, StringComparer.Ordinal) ? "yes" : "no";

    private static string Entered(object?[] row, Table table) =>
        string.Create(CultureInfo.InvariantCulture, $"batch {row[table.At("batch")]}, line {row[table.At("line")]}") +
        (row[table.At("reversed_by")] is { } by ? string.Create(CultureInfo.InvariantCulture, $"; reversed by batch {by}: {row[table.At("reversal_reason")]}") : string.Empty);

    private static long? Long(object? cell) => cell switch
    {
        int i => i,
        long l => l,
        _ => null,
    };

    /// <summary>A report's rows held in memory, with its columns by name.</summary>
    internal sealed class Table
    {
        private readonly Dictionary<string, int> index;

        private Table(ReportData data, Func<object?[], bool>? keep, ReportData? more)
        {
            index = data.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
            Rows = [.. keep is null ? data.Rows : data.Rows.Where(keep), .. more?.Rows ?? []];
        }

        public List<object?[]> Rows { get; }

        /// <summary>
        /// The rows of <paramref name="data"/> that <paramref name="keep"/> keeps (all when null), then those of <paramref name="more"/>
        /// (the same report's columns).
        /// </summary>
        public static Table Of(ReportData data, Func<object?[], bool>? keep = null, ReportData? more = null) => new(data, keep, more);

        public int At(string column) => index[column];

        public IEnumerable<object?[]> Where(string column, string value)
        {
            var at = At(column);
            return Rows.Where(r => string.Equals(r[at] as string, value, StringComparison.Ordinal));
        }
    }
}

/// <summary>
/// The BOM path and version a custody row came through (SPEC §3.5: the version in force on the exit's bom_date, else its date):
/// <c>FG-1&gt;SUB-1@2025-01-01&gt;MAT-1@2025-03-01</c> — each step the component and the valid_from of the BOM row used
/// (<c>open</c> when it has none); empty when the product discharged itself.
/// </summary>
internal sealed class DossierBom
{
    private readonly ILookup<(string Client, string Product), BomRecord> bom;
    private readonly Dictionary<(string Client, string Document, string Part), DateOnly?> bomDates = [];

    public DossierBom(ReportContext context)
    {
        bom = context.Store.LoadBom(context.Client).ToLookup(b => (b.Client, b.Product));
        foreach (var x in context.Store.LoadExits(context.Client, context.AsOf))
        {
            bomDates.TryAdd((x.Client, x.Pedimento, x.Part), x.BomDate);
        }
    }

    // What Path and Shares found, per (client, product, component) and BOM epoch: the walk's result depends on the date only
    // through which BOM rows of the product's tree are in force, and that changes only on a row's valid_from or the day after
    // its valid_to (Epoch). The Annex 24 workbook asks once per custody row — 1.28 M on `medium` (docs/benchmarks.md).
    private readonly Dictionary<(string Client, string Product, string Component, DateOnly Epoch), string?> pathMemo = [];
    private readonly Dictionary<(string Client, string Product, string Component, DateOnly Epoch), (decimal, decimal)?> shareMemo = [];
    private readonly Dictionary<(string Client, string Product), DateOnly[]> epochs = [];

    /// <summary>Whether results are kept per BOM epoch (true) or every call walks the BOM (the plain twin, for the property test).</summary>
    public bool Memoize { get; init; } = true;

    public string? Path(string client, string document, string product, string component, DateOnly exitDate)
    {
        if (string.Equals(product, component, StringComparison.Ordinal))
        {
            return null;
        }

        var date = bomDates.GetValueOrDefault((client, document, product)) ?? exitDate;
        var key = (client, product, component, Epoch(client, product, date));
        if (Memoize && pathMemo.TryGetValue(key, out var known))
        {
            return known;
        }

        var paths = new List<string>();
        Walk(client, product, component, date, product, paths, 0);
        var path = paths.Count == 0 ? null : string.Join(';', paths);
        if (Memoize)
        {
            pathMemo[key] = path;
        }

        return path;
    }

    /// <summary>
    /// The first day of the stretch of dates around <paramref name="date"/> over which every BOM row of
    /// <paramref name="product"/>'s tree is either in force or not (the latest valid_from or day after a valid_to on or before
    /// it; <see cref="DateOnly.MinValue"/> before all of them).
    /// </summary>
    private DateOnly Epoch(string client, string product, DateOnly date)
    {
        if (!epochs.TryGetValue((client, product), out var points))
        {
            var set = new SortedSet<DateOnly>();
            Breakpoints(client, product, set, [], 0);
            epochs[(client, product)] = points = [.. set];
        }

        var at = Array.BinarySearch(points, date);
        at = at >= 0 ? at : ~at - 1;
        return at >= 0 ? points[at] : DateOnly.MinValue;
    }

    private void Breakpoints(string client, string product, SortedSet<DateOnly> points, HashSet<string> seen, int depth)
    {
        if (depth > 64 || !seen.Add(product))
        {
            return;
        }

        foreach (var row in bom[(client, product)])
        {
            if (row.ValidFrom is { } from)
            {
                points.Add(from);
            }

            if (row.ValidTo is { } to && to < DateOnly.MaxValue)
            {
                points.Add(to.AddDays(1));
            }

            Breakpoints(client, row.Component, points, seen, depth + 1);
        }
    }

    /// <summary>
    /// The merma and desperdicio shares of what <paramref name="component"/> gave to <paramref name="product"/>: over the BOM paths in
    /// force, Σ(Π qty_per × (1 + merma%) − Π qty_per) and Σ(Π qty_per × (1 + merma% + desperdicio%) − Π qty_per × (1 + merma%)), each
    /// over Σ Π qty_per × (1 + merma% + desperdicio%) (SPEC §3.5); null when the product discharged itself or no path is in force.
    /// </summary>
    public (decimal Merma, decimal Desperdicio)? Shares(string client, string document, string product, string component, DateOnly exitDate)
    {
        if (string.Equals(product, component, StringComparison.Ordinal))
        {
            return null;
        }

        var date = bomDates.GetValueOrDefault((client, document, product)) ?? exitDate;
        var key = (client, product, component, Epoch(client, product, date));
        if (Memoize && shareMemo.TryGetValue(key, out var known))
        {
            return known;
        }

        decimal full = 0m, noWaste = 0m, net = 0m;
        Factors(client, product, component, date, (1m, 1m, 1m), ref full, ref noWaste, ref net, 0);
        (decimal, decimal)? shares = full == 0m ? null : ((noWaste - net) / full, (full - noWaste) / full);
        if (Memoize)
        {
            shareMemo[key] = shares;
        }

        return shares;
    }

    private void Factors(
        string client, string product, string component, DateOnly date, (decimal Full, decimal NoWaste, decimal Net) path,
        ref decimal full, ref decimal noWaste, ref decimal net, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        foreach (var row in bom[(client, product)].Where(b => b.InForceOn(date)))
        {
            var step = (path.Full * row.QtyPer * (1m + (row.MermaPct / 100m) + (row.DesperdicioPct / 100m)),
                path.NoWaste * row.QtyPer * (1m + (row.MermaPct / 100m)), path.Net * row.QtyPer);
            if (string.Equals(row.Component, component, StringComparison.Ordinal))
            {
                full += step.Item1;
                noWaste += step.Item2;
                net += step.Item3;
            }
            else
            {
                Factors(client, row.Component, component, date, step, ref full, ref noWaste, ref net, depth + 1);
            }
        }
    }

    private void Walk(string client, string product, string component, DateOnly date, string prefix, List<string> paths, int depth)
    {
        if (depth > 64)
        {
            return; // cycles are refused at import (SPEC §3.5); a bound keeps a bad store from looping
        }

        foreach (var row in bom[(client, product)].Where(b => b.InForceOn(date)).OrderBy(b => b.Component, StringComparer.Ordinal))
        {
            var step = $"{prefix}>{row.Component}@{(row.ValidFrom is { } f ? DossierReport.Iso(f) : "open")}";
            if (string.Equals(row.Component, component, StringComparison.Ordinal))
            {
                paths.Add(step);
            }
            else
            {
                Walk(client, row.Component, component, date, step, paths, depth + 1);
            }
        }
    }
}
