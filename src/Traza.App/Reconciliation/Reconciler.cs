using Traza.Domain.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Reconciliation;

/// <summary>
/// Compares the ledger's pedimentos with Data Stage's, partida by partida (SPEC §3.10): a pure function of both sides,
/// so the service can keep its result and the tests can state it by hand. Findings come in SPEC §3.10's kind order, then
/// by pedimento and partida.
/// </summary>
public static class Reconciler
{
    public static List<ReconcileFinding> Compare(
        IReadOnlyDictionary<string, LedgerPedimento> ledger,
        IReadOnlyDictionary<string, GovernmentPedimentoData> government,
        IReadOnlyList<GovernmentPackage> packages,
        ReconcileTolerances tolerances,
        bool ledgerOnly = false)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(government);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(tolerances);
        var findings = new List<ReconcileFinding>();
        var qtyByFactor = new List<(ReconcileFinding Finding, (string Client, string Part) Part, decimal Factor)>();

        // A rectification the ledger took names its original in `rectifies`; both numbers then answer for one lot.
        var rectifiedInLedger = new HashSet<string>(ledger.Values.SelectMany(p => p.Rectifies), StringComparer.Ordinal);

        foreach (var (pedimento, gov) in government)
        {
            if (ledger.ContainsKey(pedimento) || ledgerOnly)
            {
                continue;
            }

            if (gov.TipoPedimento == 2 && gov.Rectifies is { } original)
            {
                if (ledger.ContainsKey(original) && !rectifiedInLedger.Contains(original))
                {
                    findings.Add(new(FindingKinds.RectificationPending, original, null, "pedimento", original, pedimento, null,
                        $"SAT holds rectification {pedimento} of {original}: take it into the ledger (its rows with rectifies = {original})",
                        gov.Source));
                }

                if (ledger.ContainsKey(original))
                {
                    continue;
                }
            }

            var file = gov.Operation == "export" ? MovementFile.Exits : MovementFile.Entries;
            var date = gov.PaymentDate ?? gov.EntryDate ?? DateOnly.MinValue;
            if (gov.Clave is { } clave && ClaveRules.HasBalanceEffect(file, clave, date))
            {
                findings.Add(new(FindingKinds.MissingInLedger, pedimento, null, "pedimento", null, Describe(gov), null,
                    gov.Operation == "export"
                        ? $"SAT holds export {pedimento} ({clave}): import its exits, or check the pedimento number of the exits you imported"
                        : $"SAT holds import {pedimento} ({clave}): import its entries, or check the pedimento number of the entries you imported",
                    gov.Source));
            }
            else
            {
                findings.Add(new(FindingKinds.NotInAnnex24, pedimento, null, "clave", null, gov.Clave, null,
                    $"informational: clave {gov.Clave ?? "(none)"} has no balance effect in Annex 24", gov.Source));
            }
        }

        // Each ledger pedimento on its own, in slices on every core (1.5 M partidas and 1.1 M descargo lines on `large`),
        // the slices' findings joined in the ledger's order: the same list as one pass.
        var pedimentos = ledger.ToArray();
        var slices = Math.Max(1, Math.Min(pedimentos.Length, Environment.ProcessorCount * 4));
        var found = new (List<ReconcileFinding> Findings, List<(ReconcileFinding, (string, string), decimal)> Qty)[slices];
        Parallel.For(0, slices, slice =>
        {
            var (mine, qty) = (new List<ReconcileFinding>(), new List<(ReconcileFinding, (string, string), decimal)>());
            for (var i = (int)((long)pedimentos.Length * slice / slices); i < (int)((long)pedimentos.Length * (slice + 1) / slices); i++)
            {
                var (pedimento, led) = pedimentos[i];
                if (!government.TryGetValue(pedimento, out var gov))
                {
                    if (packages.FirstOrDefault(p => p.From <= led.Date && led.Date <= p.To) is { } package)
                    {
                        mine.Add(new(FindingKinds.MissingInDataStage, pedimento, null, "pedimento", Describe(led), null, null,
                            $"package {package.Folio} ({Text(package.From)} to {Text(package.To)}) lacks it: check the pedimento number, " +
                            "or ask the broker whether it was paid and validated",
                            "datastage"));
                    }

                    continue;
                }

                ComparePedimento(led, gov, tolerances, mine, qty);
            }

            found[slice] = (mine, qty);
        });
        foreach (var (mine, qty) in found)
        {
            findings.AddRange(mine);
            qtyByFactor.AddRange(qty);
        }

        AdviseOnFactors(findings, qtyByFactor);
        return [.. findings
            .OrderBy(f => FindingKinds.Rank(f.Finding))
            .ThenBy(f => f.Pedimento, StringComparer.Ordinal)
            .ThenBy(f => f.Partida ?? 0)
            .ThenBy(f => f.Field, StringComparer.Ordinal)];
    }

    private static void ComparePedimento(
        LedgerPedimento led,
        GovernmentPedimentoData gov,
        ReconcileTolerances tolerances,
        List<ReconcileFinding> findings,
        List<(ReconcileFinding, (string, string), decimal)> qtyByFactor)
    {
        var pedimento = led.Pedimento;
        var ledgerClave = string.Join(';', led.Claves);
        if (gov.Clave is { } clave && !led.Claves.SetEquals([clave]))
        {
            findings.Add(new(FindingKinds.ClaveDiffers, pedimento, null, "clave", ledgerClave, clave, null,
                $"the ledger says {ledgerClave}, SAT says {clave}: ask the broker for the rectification of {pedimento} if SAT is wrong, " +
                "else reverse the rows and import them with the right clave",
                gov.Source));
        }

        if (gov.ComparedDate is { } govDate && govDate != led.Date)
        {
            findings.Add(new(FindingKinds.DateDiffers, pedimento, null, "date", Text(led.Date), Text(govDate),
                (govDate.DayNumber - led.Date.DayNumber).ToString(CultureInfo.InvariantCulture),
                led.Operation == "import"
                    ? "the ledger's entry date should be SAT's entry date (506 TipoFecha 1): correct it by reversal; terms run from it"
                    : "the ledger's exit date should be the payment date: correct it by reversal",
                gov.Source));
        }

        foreach (var (number, gp) in gov.Partidas)
        {
            if (!led.Partidas.ContainsKey(number))
            {
                findings.Add(new(FindingKinds.PartidaMissingInLedger, pedimento, number, "partida", null, Describe(gp), null,
                    $"SAT declares partida {number} of {pedimento}: import its rows, or check the partida numbers of that pedimento",
                    gov.Source));
            }
        }

        foreach (var (number, lp) in led.Partidas)
        {
            if (!gov.Partidas.TryGetValue(number, out var gp))
            {
                findings.Add(new(FindingKinds.PartidaMissingInDataStage, pedimento, number, "partida", Describe(lp), null, null,
                    $"SAT has no partida {number} in {pedimento}: check the partida number, or ask the broker for the rectification of {pedimento}",
                    gov.Source));
                continue;
            }

            if (gp.Fraccion is { Length: > 0 } fraccion && lp.Fracciones.Count > 0 && !lp.Fracciones.SetEquals([fraccion]))
            {
                var parts = string.Join(", ", lp.Parts.Select(p => p.Part));
                findings.Add(new(FindingKinds.FraccionDiffers, pedimento, number, "fraccion", string.Join(';', lp.Fracciones), fraccion, null,
                    $"the parts catalog classifies {parts} under {string.Join(';', lp.Fracciones)}, SAT's partida under {fraccion}: " +
                    $"correct the catalog, or ask the broker for the rectification of {pedimento}",
                    gov.Source));
            }

            // Imports only: the origin of an export's partida is not the origin of the imported goods the ledger records.
            if (led.Operation == "import" && gp.Origin is { Length: > 0 } origin && lp.Origins.Count > 0 && !lp.Origins.SetEquals([origin]))
            {
                findings.Add(new(FindingKinds.OriginDiffers, pedimento, number, "origin", string.Join(';', lp.Origins), origin, null,
                    $"the ledger says origin {string.Join(';', lp.Origins)}, SAT says {origin}: it changes the tariff and any " +
                    $"preference; check the certificate of origin, then correct the ledger or ask for the rectification of {pedimento}",
                    gov.Source));
            }

            if (gp.QtyUmt is { } govQty && Math.Abs(govQty - lp.QtyUmt) > tolerances.QtyUmt)
            {
                var finding = new ReconcileFinding(FindingKinds.QtyUmtDiffers, pedimento, number, "qty_umt", CanonicalDecimal(lp.QtyUmt),
                    CanonicalDecimal(govQty), CanonicalDecimal(govQty - lp.QtyUmt),
                    $"the ledger holds {CanonicalDecimal(lp.QtyUmt)}, SAT {CanonicalDecimal(govQty)} ({Unit(gp.Umt)}): check the quantities " +
                    $"of partida {number}, or ask the broker for the rectification of {pedimento}",
                    gov.Source);
                findings.Add(finding);
                if (lp.UmtFromFactor && lp.Parts.Count == 1 && lp.QtyUmc != 0)
                {
                    qtyByFactor.Add((finding, lp.Parts.Min, decimal.Round(govQty / lp.QtyUmc, 6)));
                }
            }

            if (gp.ValueUsd is { } govValue && lp.ValueUsd is { } ledgerValue && Math.Abs(govValue - ledgerValue) > tolerances.ValueUsd)
            {
                findings.Add(new(FindingKinds.ValueUsdDiffers, pedimento, number, "value_usd", CanonicalDecimal(ledgerValue),
                    CanonicalDecimal(govValue), CanonicalDecimal(govValue - ledgerValue),
                    $"check the invoice value and exchange rate of partida {number}; if SAT's value is wrong, ask the broker for the " +
                    $"rectification of {pedimento}",
                    gov.Source));
            }
        }

        CompareDescargos(led, gov, tolerances, findings);
    }

    /// <summary>
    /// SPEC §3.10 <c>descargo_differs</c>, for an exit both sides hold and whose broker transmitted 512 rows: SAT's rows
    /// with a fracción and a quantity, summed by (original pedimento, fracción), against Traza's allocations summed the same
    /// way (<c>report descargos</c>). A 512 row without a fracción or with quantity zero only references its original: it is
    /// satisfied when Traza discharged anything of that original for the exit, and it covers whatever Traza took from it.
    /// </summary>
    private static void CompareDescargos(LedgerPedimento led, GovernmentPedimentoData gov, ReconcileTolerances tolerances, List<ReconcileFinding> findings)
    {
        if (led.Operation != "export" || gov.Descargos.Count == 0)
        {
            return;
        }

        var exit = led.Pedimento;
        // Summed in loops, in the lines' order (what GroupBy, Sum and First gave: 1,685 exits and 1.1 M lines on `large`
        // made LINQ's groupings most of the comparison's allocation — docs/benchmarks.md, "Reconcile on large").
        var traza = new Dictionary<(string Original, string Fraccion), (decimal Qty, string Umt)>(led.Descargos.Count);
        var trazaOriginals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in led.Descargos)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(traza, (d.Original, d.Fraccion), out var seen);
            sum = seen ? (sum.Qty + d.QtyUmt, sum.Umt) : (0m + d.QtyUmt, d.Umt);
            trazaOriginals.Add(d.Original);
        }

        var sat = new Dictionary<(string Original, string Fraccion), (decimal Qty, string? Umt)>();
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var d in gov.Descargos)
        {
            if (d.IsReference)
            {
                referenced.Add(d.Original);
                continue;
            }

            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sat, (d.Original, d.Fraccion!), out var seen);
            sum = seen ? (sum.Qty + d.QtyUmt!.Value, sum.Umt) : (0m + d.QtyUmt!.Value, d.Umt);
        }

        foreach (var original in referenced.Where(o => !trazaOriginals.Contains(o)))
        {
            findings.Add(new(FindingKinds.DescargoDiffers, exit, null, $"descargo {original}", null, "reference", null,
                $"SAT's 512 of exit {exit} names original pedimento {original}, from which Traza discharged nothing for this exit: " +
                "check the exit's source_pedimento and the lots of that pedimento, or ask the broker to correct the descargos",
                gov.Source));
        }

        // Only the pairs that differ are put in (original, fracción) order: they are few, the pairs compared are not.
        foreach (var ((original, fraccion), (qty, umt)) in Differing(sat, p => Math.Abs(p.Value.Qty - LedgerQty(p.Key)) > tolerances.QtyUmt))
        {
            var ledgerQty = LedgerQty((original, fraccion));
            findings.Add(new(FindingKinds.DescargoDiffers, exit, null, $"descargo {original} {fraccion}",
                CanonicalText.Decimal(ledgerQty), CanonicalText.Decimal(qty), CanonicalText.Decimal(qty - ledgerQty),
                $"SAT's 512 of exit {exit} discharges {CanonicalText.Decimal(qty)} ({Unit(umt)}) of fracción {fraccion} from {original}, " +
                $"Traza's allocations {CanonicalText.Decimal(ledgerQty)}: if Traza is right ask the broker for the rectification " +
                $"of {exit}'s descargos, else check the BOM, merma and the exit's source_pedimento",
                gov.Source));
        }

        var unnamed = Differing(traza, p => !sat.ContainsKey(p.Key) && !referenced.Contains(p.Key.Original) && p.Value.Qty != 0);
        foreach (var ((original, fraccion), (qty, umt)) in unnamed)
        {
            findings.Add(new(FindingKinds.DescargoDiffers, exit, null, $"descargo {original} {fraccion}".TrimEnd(),
                CanonicalText.Decimal(qty), null, CanonicalText.Decimal(-qty),
                $"Traza discharged {CanonicalText.Decimal(qty)} ({Unit(umt)}){(fraccion.Length > 0 ? $" of fracción {fraccion}" : string.Empty)} " +
                $"from {original} for exit {exit}, and SAT's 512 does not name it: ask the broker to add it to the descargos, " +
                "or check the exit's BOM and source_pedimento",
                gov.Source));
        }

        decimal LedgerQty((string, string) key) => traza.TryGetValue(key, out var t) ? t.Qty : 0m;
    }

    /// <summary>The pairs of <paramref name="sums"/> that <paramref name="differs"/> holds for, in key order.</summary>
    private static List<KeyValuePair<(string Original, string Fraccion), TValue>> Differing<TValue>(
        Dictionary<(string Original, string Fraccion), TValue> sums, Func<KeyValuePair<(string Original, string Fraccion), TValue>, bool> differs)
    {
        var result = new List<KeyValuePair<(string Original, string Fraccion), TValue>>();
        foreach (var pair in sums)
        {
            if (differs(pair))
            {
                result.Add(pair);
            }
        }

        // The order OrderBy(key) gave: the tuple's default comparer.
        result.Sort((a, b) => Comparer<(string, string)>.Default.Compare(a.Key, b.Key));
        return result;
    }

    /// <summary>
    /// Partidas of one part whose UMT quantities all differ by the same factor point at the part's <c>umt_per_umc</c>, not at
    /// the pedimentos: their advice says so, once per part.
    /// </summary>
    private static void AdviseOnFactors(List<ReconcileFinding> findings, List<(ReconcileFinding Finding, (string Client, string Part) Part, decimal Factor)> qty)
    {
        foreach (var group in qty.GroupBy(q => (q.Part, q.Factor)).Where(g => g.Count() >= 2))
        {
            var (client, part) = group.Key.Part;
            var advice = $"the part's umt_per_umc looks wrong: {group.Count()} partidas of {part}" +
                $"{(client.Length > 0 ? $" (client {client})" : string.Empty)} differ by the same factor; SAT's quantities give " +
                $"umt_per_umc = {CanonicalDecimal(group.Key.Factor)}: correct the part in the parts catalog";
            foreach (var (finding, _, _) in group)
            {
                findings[findings.IndexOf(finding)] = finding with { Advice = advice };
            }
        }
    }

    private static string Describe(GovernmentPedimentoData p) =>
        $"{p.Operation ?? "?"} {p.Clave ?? "?"} {Text(p.ComparedDate)}, {p.Partidas.Count} partida(s)";

    private static string Describe(LedgerPedimento p) =>
        $"{p.Operation} {string.Join(';', p.Claves)} {Text(p.Date)}, {p.Partidas.Count} partida(s)";

    private static string Describe(GovernmentPartidaData p) =>
        $"{p.Fraccion} {CanonicalDecimal(p.QtyUmt)} {p.Umt} USD {CanonicalDecimal(p.ValueUsd)}".Trim();

    private static string Describe(LedgerPartida p) =>
        $"{string.Join(", ", p.Parts.Select(x => x.Part))} {CanonicalDecimal(p.QtyUmt)} UMT";

    /// <summary>"UMT 6": the quantity's unit, the Apéndice 7 code of the tariff's unit when known.</summary>
    private static string Unit(string? umt) => umt is { Length: > 0 } ? "UMT " + umt : "UMT";

    private static string Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string CanonicalDecimal(decimal? value) => value is { } v ? CanonicalText.Decimal(v) : string.Empty;
}
