using System.Globalization;
using Traza.Domain.Common;
using Traza.Domain.Model;
using Traza.Domain.Discharge;
using Traza.Domain.Values;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report program</c> (SPEC C10 "program check", §6: columns in docs/cli.md): one row per check of what an
/// Annex 24 apartado A audit looks at first — the program's data (Anexo 24 A 1.1: razón social, RFC, IMMEX number on every
/// report), its vigencia (Ley Aduanera art. 108-III: fixed assets and every lot under the <c>program</c> term expire with
/// it), the catalogs (fracción, UMT, BOM), the ledger's health (shortages, expired lots, the hash chain of SPEC §7) and the
/// freshness of the SAT Data Stage the reconciliation compares against. Every figure the checks compare with is an
/// option with a documented default (<see cref="ProgramCheckSettings"/>), never a literal here.
/// </summary>
public sealed class ProgramCheckReport : IReport
{
    /// <summary>The checks, in report order (the <c>check</c> column's values).</summary>
    public static readonly IReadOnlyList<string> Checks =
    [
        "program_data", "program_validity", "part_fraccion", "part_umt", "bom_parts", "bom_overlap", "export_without_bom",
        "shortages", "negative_adjustments", "expired_lots", "expiring_lots", "repair_trips", "audit_chain", "derived_data", "datastage_freshness", "annual_report",
    ];

    public static readonly IReadOnlyList<string> Statuses = ["ok", "warning", "error"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        ReportColumn.Enumerated("check", Checks), ReportColumn.Enumerated("status", Statuses), "subject", "detail", "advice", "client",
    ];

    public string Name => "program";

    public string Description => "the program check: program data and vigencia, catalogs, ledger health, Data Stage freshness";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options =>
    [
        new("within", "days before the program's valid-to (and a lot's deadline) that count as expiring (default 90)"),
        new("datastage-days", "days the latest Data Stage package may end before --as-of (default 31)"),
        new("annual-report-due", "the due date of the program's annual report (YYYY-MM-DD; not checked when not given)"),
    ];

    /// <summary>
    /// The program's own checks (program data, vigencia, the chain, Data Stage) are program-wide: the API refuses the report to
    /// a client's key (docs/api.md); <c>--client</c> narrows the per-client rows only.
    /// </summary>
    public bool FiltersByClient => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = ProgramCheckSettings.From(context);
        var rows = new List<object?[]>();
        var store = context.Store;
        if (!HasMovements(store))
        {
            return new ReportData(Columns, rows); // SPEC §6: an empty ledger gives the header row only
        }

        var program = store.GetProgram();
        ProgramData(program, rows);
        var balances = BalancesReport.Build(store, context.AsOf, context.Client).Rows.ToList();
        var col = BalancesReport.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        ProgramValidity(program, context.AsOf, settings, balances, col, rows);
        var parts = store.LoadParts(context.Client);
        Catalogs(store, context, parts, rows);
        LedgerHealth(store, context, settings, balances, col, rows);
        Freshness(store, context.AsOf, settings, rows);
        AnnualReport(context.AsOf, settings, rows);
        return new ReportData(Columns, rows);
    }

    /// <summary>Whether any batch of movements (entries, exits, events) was imported: SPEC §6's empty ledger is one without.</summary>
    internal static bool HasMovements(ITrazaStore store) =>
        store.Batches().Any(b => b.Layout is "entries" or "exits" or "events");

    private static object?[] Row(string check, string status, string? subject, string detail, string? advice, string client = "") =>
        [check, status, subject, detail, advice, client];

    /// <summary>Anexo 24 A 1.1: razón social, RFC and IMMEX number head every report; SPEC C1: modality and vigencia.</summary>
    private static void ProgramData(ProgramRecord? program, List<object?[]> rows)
    {
        if (program is null)
        {
            rows.Add(Row("program_data", "error", null, "the store holds no program", "run traza init"));
            return;
        }

        var problems = new List<(string Status, string Field, string Detail)>();
        if (!Rfc.Parse(program.Rfc).IsOk)
        {
            problems.Add(("error", "rfc", $"RFC '{program.Rfc}' is not structurally valid (SPEC §3.1)"));
        }

        if (string.IsNullOrWhiteSpace(program.Name))
        {
            problems.Add(("error", "name", "no razón social"));
        }

        if (string.IsNullOrWhiteSpace(program.Immex))
        {
            problems.Add(("error", "immex", "no IMMEX program number"));
        }

        if (string.IsNullOrWhiteSpace(program.Modality))
        {
            problems.Add(("error", "modality", "no modality"));
        }

        if (program.ValidFrom is null)
        {
            problems.Add(("warning", "valid_from", "no valid-from date: the program's vigencia cannot be shown to an auditor"));
        }

        if (program.ValidTo is null)
        {
            problems.Add(("warning", "valid_to",
                "no valid-to date: lots under the 'program' term (Ley Aduanera art. 108-III) have no deadline and never show as expiring"));
        }

        foreach (var (status, field, detail) in problems)
        {
            rows.Add(Row("program_data", status, field, detail, "set it with traza init (a new program) and keep it as the SE authorization reads"));
        }

        if (problems.Count == 0)
        {
            rows.Add(Row("program_data", "ok", program.Immex,
                $"{program.Name}, RFC {program.Rfc}, IMMEX {program.Immex}, {program.Modality}, valid {Iso(program.ValidFrom)} to {Iso(program.ValidTo)}",
                null));
        }
    }

    /// <summary>
    /// Ley Aduanera art. 108-III: lots under the <c>program</c> term (machinery, tooling, AF/E2/A6 by default) expire with the
    /// program; their deadline is its valid-to (SPEC §3.7), so the lots at risk are the open lots whose deadline is that date.
    /// </summary>
    private static void ProgramValidity(
        ProgramRecord? program, DateOnly asOf, ProgramCheckSettings settings, List<object?[]> balances, Dictionary<string, int> col,
        List<object?[]> rows)
    {
        if (program?.ValidTo is not { } validTo)
        {
            rows.Add(Row("program_validity", "ok", null, "no valid-to date: nothing expires with the program (see program_data)", null));
            return;
        }

        var days = validTo.DayNumber - asOf.DayNumber;
        if (days > settings.WithinDays)
        {
            rows.Add(Row("program_validity", "ok", Iso(validTo), Invariant($"the program is valid to {Iso(validTo)}, {days} days after the as-of date"), null));
            return;
        }

        var atRisk = balances.Where(r => r[col["balance"]] is decimal b && b != 0m && r[col["deadline"]] is DateOnly d && d == validTo).ToList();
        var value = atRisk.Sum(r => r[col["balance_value_usd"]] as decimal? ?? 0m);
        var lots = Invariant($"{atRisk.Count} open lots (USD {CanonicalText.Decimal(value)}) have the program's valid-to as their deadline");
        rows.Add(days < 0
            ? Row("program_validity", "error", Iso(validTo), Invariant($"the program expired on {Iso(validTo)}, {-days} days before the as-of date; {lots}"),
                "those goods are illegally in the country (art. 108): return them, change their regime (F4/F5) or regularize (A3) — see report exposure")
            : Row("program_validity", "warning", Iso(validTo), Invariant($"the program expires on {Iso(validTo)}, in {days} days; {lots}"),
                "renew the program with the Secretaría de Economía before it expires, or plan the return or change of regime of those lots"));
    }

    private static void Catalogs(ITrazaStore store, ReportContext context, IReadOnlyList<PartRecord> parts, List<object?[]> rows)
    {
        // Anexo 24 A 1 (catálogos de materiales y de productos): every imported part carries its fracción (8 + NICO) and UMT
        // (SPEC C1). A product made here (one with BOM rows) needs one only when it is exported: a subassembly consumed in the
        // plant is never declared on a pedimento.
        var exits = store.LoadExits(context.Client, context.AsOf);
        var products = store.LoadBom(context.Client).Select(b => (b.Client, b.Product)).ToHashSet();
        var exported = exits.Select(x => (x.Client, x.Part)).ToHashSet();
        var imported = parts.Where(p => !p.IsNational).ToList();
        var noFraccion = imported
            .Where(p => string.IsNullOrWhiteSpace(p.Fraccion) && (!products.Contains((p.Client, p.Part)) || exported.Contains((p.Client, p.Part))))
            .ToList();
        foreach (var p in noFraccion)
        {
            rows.Add(Row("part_fraccion", "warning", p.Part,
                products.Contains((p.Client, p.Part)) ? "an exported product without a fracción arancelaria" : "an imported part without a fracción arancelaria",
                "add fraccion and nico to the parts catalog: reconciliation, descargos and exposure need them", p.Client));
        }

        var schedule = store.LoadTariffs();
        var known = schedule.Select(t => t.Fraccion).ToHashSet(StringComparer.Ordinal);
        var notInSchedule = schedule.Count == 0
            ? []
            : imported.Where(p => p.Fraccion is { Length: > 0 } f && !known.Contains(f)).ToList();
        foreach (var p in notInSchedule)
        {
            // SPEC §3.1: a fracción missing from the loaded tariff schedule is a warning.
            rows.Add(Row("part_fraccion", "warning", p.Part, $"fracción {p.Fraccion} is not in the loaded tariff schedule",
                "check the fracción, or load its tariffs row", p.Client));
        }

        if (noFraccion.Count == 0 && notInSchedule.Count == 0)
        {
            rows.Add(Row("part_fraccion", "ok", null, Invariant($"{imported.Count - (imported.Count(p => string.IsNullOrWhiteSpace(p.Fraccion)))} imported parts carry a fracción") +
                (schedule.Count == 0 ? " (no tariff schedule loaded to check them against)" : " found in the loaded tariff schedule"), null));
        }

        // SPEC §3.1: a UMT that differs from the tariff's is a warning. The tariffs layout carries no UMT (SPEC §4.1), so the part's
        // UMT is held against the UMT SAT recorded for partidas of its fracción (Data Stage 551.UnidadMedidaTarifa).
        var satUmts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var row in store.Government.DataStageRows("551", ["fraccion", "umt"]))
        {
            if (row.Values[0] is { Length: > 0 } f && row.Values[1] is { Length: > 0 } u)
            {
                (satUmts.TryGetValue(f, out var set) ? set : satUmts[f] = new(StringComparer.Ordinal)).Add(UnitKey(u));
            }
        }

        var umtDiffers = 0;
        foreach (var p in imported)
        {
            if (p.Fraccion is { Length: > 0 } f && satUmts.TryGetValue(f, out var set) && !set.Contains(UnitKey(p.Umt)))
            {
                umtDiffers++;
                rows.Add(Row("part_umt", "warning", p.Part,
                    $"UMT {p.Umt} differs from the UMT SAT recorded for fracción {f} in Data Stage 551: {string.Join(';', set)}",
                    "correct the part's umt and umt_per_umc: descargos (512) and reconciliation compare quantities in UMT", p.Client));
            }
        }

        if (umtDiffers == 0)
        {
            rows.Add(Row("part_umt", "ok", null, satUmts.Count == 0
                ? "no Data Stage partidas loaded to hold the parts' UMT against"
                : Invariant($"every imported part's UMT agrees with Data Stage 551 for its fracción ({satUmts.Count} fracciones)"), null));
        }

        BomChecks(store, context, parts, exits, rows);
    }

    /// <summary>Apéndice 7 codes compared as numbers ("06" and "6" are one unit).</summary>
    private static string UnitKey(string code) => code.Trim().TrimStart('0') is { Length: > 0 } t ? t : "0";

    /// <summary>
    /// SPEC §3.5: the BOM in force on an exit's bom_date (else its date) explodes it; a product without one discharges itself.
    /// Anexo 24 A 2 (materiales utilizados) needs the BOM of every finished good exported.
    /// </summary>
    private static void BomChecks(
        ITrazaStore store, ReportContext context, IReadOnlyList<PartRecord> parts, IReadOnlyList<ExitRecord> exits, List<object?[]> rows)
    {
        var bom = store.LoadBom(context.Client);
        var partKeys = parts.Select(p => (p.Client, p.Part)).ToHashSet();
        var missing = bom.SelectMany(b => new[] { (b.Client, b.Product), (b.Client, b.Component) }).Distinct()
            .Where(k => !partKeys.Contains(k)).OrderBy(k => k.Client, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToList();
        foreach (var (client, part) in missing)
        {
            rows.Add(Row("bom_parts", "error", part, "a BOM names a part the parts catalog lacks", "import the part", client));
        }

        if (missing.Count == 0)
        {
            rows.Add(Row("bom_parts", "ok", null, Invariant($"{bom.Count} BOM rows name catalogued parts"), null));
        }

        var overlaps = 0;
        foreach (var group in bom.GroupBy(b => (b.Client, b.Product, b.Component)).OrderBy(g => g.Key.Client, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.Product, StringComparer.Ordinal).ThenBy(g => g.Key.Component, StringComparer.Ordinal))
        {
            var versions = group.OrderBy(b => b.ValidFrom ?? DateOnly.MinValue).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                var before = versions[i - 1];
                var next = versions[i];
                if (before.ValidTo is null || before.ValidTo >= (next.ValidFrom ?? DateOnly.MinValue))
                {
                    overlaps++;
                    rows.Add(Row("bom_overlap", "error", $"{group.Key.Product} > {group.Key.Component}",
                        $"versions from {Iso(before.ValidFrom)} (to {Iso(before.ValidTo)}) and from {Iso(next.ValidFrom)} overlap",
                        "close the earlier version the day before the next one starts", group.Key.Client));
                }
            }
        }

        if (overlaps == 0)
        {
            rows.Add(Row("bom_overlap", "ok", null, "no two versions of a (product, component) row are in force on the same day", null));
        }

        // Finished goods exported with no BOM in force discharge themselves (SPEC §3.5) — their materials stay undischarged.
        var kinds = parts.ToDictionary(p => (p.Client, p.Part), p => p.Kind);
        var byProduct = bom.ToLookup(b => (b.Client, b.Product));
        var without = exits
            .Where(x => kinds.TryGetValue((x.Client, x.Part), out var kind) && kind == PartKind.Finished.Name()
                && !byProduct[(x.Client, x.Part)].Any(b => b.InForceOn(x.BomDate ?? x.Date)))
            .GroupBy(x => (x.Client, x.Part))
            .OrderBy(g => g.Key.Client, StringComparer.Ordinal).ThenBy(g => g.Key.Part, StringComparer.Ordinal).ToList();
        foreach (var g in without)
        {
            var first = g.MinBy(x => x.Date)!;
            rows.Add(Row("export_without_bom", "warning", g.Key.Part,
                Invariant($"{g.Count()} exit lines of this finished good have no BOM in force on their date; the first: {first.Pedimento} of {Iso(first.Date)}"),
                "import the BOM version in force on those dates: without it the exit discharges the finished good itself, not its materials",
                g.Key.Client));
        }

        if (without.Count == 0)
        {
            rows.Add(Row("export_without_bom", "ok", null, "every exit of a finished good has a BOM in force on its date", null));
        }
    }

    private static void LedgerHealth(
        ITrazaStore store, ReportContext context, ProgramCheckSettings settings, List<object?[]> balances, Dictionary<string, int> col,
        List<object?[]> rows)
    {
        // SPEC C5: shortages (faltantes) are reported, never hidden.
        var shortages = ShortagesReport.Build(store, context.AsOf, context.Client).Rows.ToList();
        rows.Add(shortages.Count == 0
            ? Row("shortages", "ok", null, "no exit needed more than its lots held", null)
            : Row("shortages", "error", Invariant($"{shortages.Count}"),
                Invariant($"{shortages.Count} (exit document, part) pairs with need no lot covered"),
                "see report shortages: import the missing entries, or correct the exits or BOMs"));

        // SPEC §3.5: a negative adjustment of imported material (a count found less than the book) discharges nothing and
        // leaves the missing goods owed: they need regularization (A3/F4). The discharge records each as a finding.
        var adjustments = store.Derived.Findings(context.Client)
            .Where(f => f.Code == FindingCodes.NegativeAdjustment && f.Date <= context.AsOf)
            .OrderBy(f => f.Date).ThenBy(f => f.Document, StringComparer.Ordinal).ThenBy(f => f.Part, StringComparer.Ordinal)
            .ToList();
        foreach (var f in adjustments)
        {
            rows.Add(Row("negative_adjustments", "error", f.Part,
                Invariant($"adjustment {f.Document} of {Iso(f.Date)} takes {CanonicalText.Decimal(f.Qty)} of imported {f.Part} off the book: the goods are missing, not returned"),
                "regularize the missing quantity (A3, or F4 for goods of the program's own) and pay what is due; see report exposure",
                f.Client));
        }

        if (adjustments.Count == 0)
        {
            rows.Add(Row("negative_adjustments", "ok", null, "no adjustment took imported material off the book", null));
        }

        // SPEC §3.7, C6: expired balances are illegally in the country (art. 108); alerts from 90 days (--within).
        var status = col["status"];
        var expired = balances.Where(r => r[status] as string == "expired").ToList();
        rows.Add(expired.Count == 0
            ? Row("expired_lots", "ok", null, "no lot with a balance is past its deadline", null)
            : Row("expired_lots", "error", Invariant($"{expired.Count}"),
                Invariant($"{expired.Count} lots with a balance are past their deadline (USD {CanonicalText.Decimal(expired.Sum(r => r[col["balance_value_usd"]] as decimal? ?? 0m))})"),
                "see report expiring and report exposure: regularize (A3/F4) or return them"));
        var expiring = balances.Where(r => r[status] as string != "expired" && r[status] as string != "closed"
            && r[col["days_left"]] is int d && d <= settings.WithinDays).ToList();
        rows.Add(expiring.Count == 0
            ? Row("expiring_lots", "ok", null, Invariant($"no lot with a balance is due within {settings.WithinDays} days"), null)
            : Row("expiring_lots", "warning", Invariant($"{expiring.Count}"),
                Invariant($"{expiring.Count} lots with a balance are due within {settings.WithinDays} days; the first on {Iso(expiring.Min(r => (DateOnly)r[col["deadline"]]!))}"),
                Invariant($"see report expiring --within {settings.WithinDays}: return, transfer or change their regime in time")));
        RepairChecks(store, context, rows);

        // SPEC §7: the same checks as traza audit verify (without --recompute).
        var chain = store.VerifyChain();
        rows.Add(chain.Intact
            ? Row("audit_chain", "ok", null, Invariant($"ledger intact: {chain.BatchesChecked} batches verified"), null)
            : Row("audit_chain", "error", chain.BrokenBatchId is { } b ? Invariant($"batch {b}") : null, $"ledger broken at {chain.Reason}",
                "run traza audit verify; restore the database from a backup"));
        var derived = store.VerifyDerived();
        rows.Add(derived.Intact
            ? Row("derived_data", "ok", null, "the stored discharge matches its digest", null)
            : Row("derived_data", "error", null, derived.Message, "run traza discharge to rebuild the derived data"));
    }

    /// <summary>
    /// SPEC §3.3: a BO exit takes a fixed asset out for repair and a <c>repair_in</c> event brings it back, neither discharging
    /// (<see cref="AssetsReport.Repairs"/>). A BO of a part with no fixed-asset lot (AF, E2, A6) entered by its date is a machine
    /// that left the country without being in the ledger as one; a return beyond what was out brings back what never left.
    /// </summary>
    private static void RepairChecks(ITrazaStore store, ReportContext context, List<object?[]> rows)
    {
        var (_, match) = AssetsReport.Repairs(store, context.AsOf, context.Client);
        foreach (var o in match.Unplaced.OrderBy(o => o.Date).ThenBy(o => o.Document, StringComparer.Ordinal).ThenBy(o => o.Partida))
        {
            rows.Add(Row("repair_trips", "warning", o.Part,
                Invariant($"BO {o.Document} partida {o.Partida} of {Iso(o.Date)} takes {CanonicalText.Decimal(o.Qty)} of {o.Part} out for repair, and no fixed-asset lot (AF, E2, A6) of it was entered on or before that date"),
                "import the asset's entry (its AF pedimento), or correct the exit's clave or part", o.Client));
        }

        foreach (var (r, qty) in match.Unexpected.OrderBy(u => u.In.Date).ThenBy(u => u.In.Reference, StringComparer.Ordinal))
        {
            rows.Add(Row("repair_trips", "warning", r.Part,
                Invariant($"repair_in {r.Reference} of {Iso(r.Date)} brings back {CanonicalText.Decimal(qty)} of {r.Part} more than was out for repair (BO) by then"),
                "import the BO exit that took it out, or correct the event's quantity, part or date", r.Client));
        }

        if (match.Unplaced.Count == 0 && match.Unexpected.Count == 0)
        {
            rows.Add(Row("repair_trips", "ok", null, Invariant($"every BO exit went out from a fixed-asset lot and every repair_in brought back what was out ({match.Trips.Count} trips)"), null));
        }
    }

    /// <summary>
    /// SPEC §3.10: ledger pedimentos are held against Data Stage only inside a loaded package's period, so a stale package leaves
    /// the latest operations unreconciled.
    /// </summary>
    private static void Freshness(ITrazaStore store, DateOnly asOf, ProgramCheckSettings settings, List<object?[]> rows)
    {
        var latest = store.Government.DataStagePackages().Where(p => p.To is not null).MaxBy(p => p.To);
        if (latest is null)
        {
            rows.Add(Row("datastage_freshness", "warning", null, "no Data Stage package loaded: the ledger is not reconciled with SAT's records",
                "request the Data Stage package of the period from SAT and run traza import datastage"));
            return;
        }

        var gap = asOf.DayNumber - latest.To!.Value.DayNumber;
        rows.Add(gap <= settings.DataStageDays
            ? Row("datastage_freshness", "ok", latest.Folio, Invariant($"the latest package (folio {latest.Folio}) covers to {Iso(latest.To)}"), null)
            : Row("datastage_freshness", "warning", latest.Folio,
                Invariant($"the latest package (folio {latest.Folio}) covers to {Iso(latest.To)}, {gap} days before the as-of date"),
                "request a newer Data Stage package and run traza import datastage, then report reconcile"));
    }

    /// <summary>
    /// The IMMEX annual report (Decreto IMMEX art. 25; missing it suspends the program — regulatory brief §6.8). Its due date is
    /// UNCERTAIN in the brief, so it is an option (<c>--annual-report-due</c>), never a date in code.
    /// </summary>
    private static void AnnualReport(DateOnly asOf, ProgramCheckSettings settings, List<object?[]> rows)
    {
        if (settings.AnnualReportDue is not { } due)
        {
            rows.Add(Row("annual_report", "ok", null, "not checked: no due date given (--annual-report-due)", null));
            return;
        }

        var days = due.DayNumber - asOf.DayNumber;
        rows.Add(days < 0
            ? Row("annual_report", "error", Iso(due), Invariant($"the annual report was due on {Iso(due)}, {-days} days ago"),
                "confirm it was filed with the Secretaría de Economía: a missing report suspends the program")
            : days <= settings.WithinDays
                ? Row("annual_report", "warning", Iso(due), Invariant($"the annual report is due on {Iso(due)}, in {days} days"),
                    "file it with the Secretaría de Economía before that date")
                : Row("annual_report", "ok", Iso(due), Invariant($"the annual report is due on {Iso(due)}, in {days} days"), null));
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The figures <c>report program</c> compares with, each an option with its default: the alert horizon (SPEC C6: alerts at
/// 90/60/30 days), how old the latest Data Stage package may be, and the annual report's due date (UNCERTAIN in the regulatory
/// brief: given by the user, not shipped).
/// </summary>
public sealed record ProgramCheckSettings(int WithinDays, int DataStageDays, DateOnly? AnnualReportDue)
{
    public const int DefaultWithinDays = 90;

    public const int DefaultDataStageDays = 31;

    private const int MaxDays = 36_500;

    public static ProgramCheckSettings From(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProgramCheckSettings(
            Days(context, "within", DefaultWithinDays),
            Days(context, "datastage-days", DefaultDataStageDays),
            ReportInputs.Date("--annual-report-due", context.Option("annual-report-due")));
    }

    private static int Days(ReportContext context, string name, int fallback)
    {
        var text = context.Option(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxDays
            ? days
            : throw AppException.Usage($"option --{name}: a whole number of days from 0 to {MaxDays}, found '{text}'");
    }
}
