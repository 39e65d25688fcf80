using System.Globalization;
using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Reconciliation;

/// <summary>Reads both sides of the reconciliation (SPEC §3.10) from a store, as of a date.</summary>
public static class ReconcileInputs
{
    /// <summary>
    /// The ledger's pedimentos — entries and exits in force dated on or before <paramref name="asOf"/>, of one client when
    /// given; NAC documents and other non-pedimento documents left out — grouped by partida, with quantities in UMT.
    /// </summary>
    public static Dictionary<string, LedgerPedimento> Ledger(ITrazaStore store, DateOnly asOf, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Ledger(store, client, store.Scans.ReconcileLines(exits: false, client, asOf), store.Scans.ReconcileLines(exits: true, client, asOf));
    }

    /// <summary>
    /// <see cref="Ledger(ITrazaStore, DateOnly, string?)"/> from the lines <c>ReconcileLines</c> read (entries, exits), which
    /// the descargos read again (ReconcileInputs.AddDescargos with the entry lines).
    /// </summary>
    public static Dictionary<string, LedgerPedimento> Ledger(
        ITrazaStore store, string? client, IReadOnlyList<ReconcileLineScan> entryLines, IReadOnlyList<ReconcileLineScan> exitLines)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entryLines);
        ArgumentNullException.ThrowIfNull(exitLines);
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var result = new Dictionary<string, LedgerPedimento>(StringComparer.Ordinal);
        // The lean scan (only the columns compared), not the full records: on `large` 1.5 M lines (docs/benchmarks.md).
        foreach (var e in entryLines)
        {
            if (e.Clave != "NAC" && IsPedimento(e.Pedimento))
            {
                parts.TryGetValue((e.Client, e.Part), out var part);
                Add(result, "import", e.Pedimento, e.Partida, e.Clave, e.Date, e.Rectifies, (e.Client, e.Part), part, e.Qty, e.QtyUmt, e.ValueUsd,
                    e.Origin ?? part?.Origin);
            }
        }

        foreach (var x in exitLines)
        {
            if (IsPedimento(x.Pedimento))
            {
                parts.TryGetValue((x.Client, x.Part), out var part);
                Add(result, "export", x.Pedimento, x.Partida, x.Clave, x.Date, x.Rectifies, (x.Client, x.Part), part, x.Qty, x.QtyUmt, x.ValueUsd,
                    null);
            }
        }

        return result;
    }

    /// <summary>
    /// Data Stage's pedimentos with a known 15-digit number, paid on or before <paramref name="asOf"/> (501), with their
    /// entry dates (506 TipoFecha 1), partidas (551) and, for rectifications, the pedimento they rectify (701).
    /// </summary>
    public static Dictionary<string, GovernmentPedimentoData> DataStage(IGovernmentReader government, DateOnly asOf) =>
        DataStage(government, asOf, ReadDataStage(government));

    /// <summary>
    /// The 551 and 512 rows <see cref="DataStage(IGovernmentReader, DateOnly, DataStageReads)"/> takes — most of a package
    /// (2.5 M rows on <c>large</c>), asked for first: a store may decode them while the caller reads the ledger (SQLite does).
    /// </summary>
    public static DataStageReads ReadDataStage(IGovernmentReader government)
    {
        ArgumentNullException.ThrowIfNull(government);
        return new DataStageReads(
            government.DataStageRuns("551", ["fraccion", "origin", "umt"], ["qty_umt", "value_usd"]),
            government.DataStageRuns("512", ["original_pedimento", "fraccion_original", "umt"], ["qty_umt"]));
    }

    /// <summary><see cref="DataStage(IGovernmentReader, DateOnly)"/> with its 551 and 512 rows read already (<see cref="ReadDataStage"/>).</summary>
    public static Dictionary<string, GovernmentPedimentoData> DataStage(IGovernmentReader government, DateOnly asOf, DataStageReads reads)
    {
        ArgumentNullException.ThrowIfNull(government);
        ArgumentNullException.ThrowIfNull(reads);
        var result = new Dictionary<string, GovernmentPedimentoData>(StringComparer.Ordinal);
        foreach (var row in government.DataStageRows("501", ["operation", "clave", "tipo_pedimento", "fecha_pago", "fecha_recepcion"]))
        {
            var paid = Date(row.Values[3]) ?? Date(row.Values[4]);
            if (row.Pedimento.Length == 0 || paid > asOf)
            {
                continue;
            }

            result[row.Pedimento] = new GovernmentPedimentoData(row.Pedimento)
            {
                Operation = row.Values[0],
                Clave = row.Values[1],
                TipoPedimento = row.Values[2] is { } tipo ? long.Parse(tipo, CultureInfo.InvariantCulture) : null,
                PaymentDate = paid,
            };
        }

        foreach (var row in government.DataStageRows("506", ["tipo_fecha", "fecha"]))
        {
            if (row.Values[0] == "1" && result.TryGetValue(row.Pedimento, out var p) && Date(row.Values[1]) is { } entered)
            {
                p.EntryDate = p.EntryDate is { } earlier && earlier < entered ? earlier : entered;
            }
        }

        // 551 and 512 are most of a package (2.5 M rows on `large`): read in runs, their quantities as decimals.
        GovernmentPedimentoData? last = null;
        foreach (var run in reads.Partidas)
        {
            var (fraccion, origin, umt, qty, value) = (run.Texts[0], run.Texts[1], run.Texts[2], run.Numbers[0], run.Numbers[1]);
            for (var i = 0; i < run.Count; i++)
            {
                if (Pedimento(result, run.Pedimentos[i], ref last) is { } p)
                {
                    p.Partidas[run.Partidas[i]] = new GovernmentPartidaData(fraccion[i], origin[i], qty[i], umt[i], value[i]);
                }
            }
        }

        foreach (var run in reads.Descargos)
        {
            var (originals, fraccion, umt, qty) = (run.Texts[0], run.Texts[1], run.Texts[2], run.Numbers[0]);
            for (var i = 0; i < run.Count; i++)
            {
                if (originals[i] is { Length: 15 } original && Pedimento(result, run.Pedimentos[i], ref last) is { } p)
                {
                    p.Descargos.Add(new GovernmentDescargo(original, fraccion[i], umt[i], qty[i]));
                }
            }
        }

        foreach (var row in government.DataStageRows("701", ["anterior_pedimento"]))
        {
            if (result.TryGetValue(row.Pedimento, out var p) && row.Values[0] is { Length: 15 } anterior)
            {
                p.Rectifies = anterior;
            }
        }

        return result;
    }

    /// <summary>The pedimento of a run's row in <paramref name="result"/>, looked up once for its consecutive rows.</summary>
    private static GovernmentPedimentoData? Pedimento(
        Dictionary<string, GovernmentPedimentoData> result, string pedimento, ref GovernmentPedimentoData? last)
    {
        if (last is not null && string.Equals(last.Pedimento, pedimento, StringComparison.Ordinal))
        {
            return last;
        }

        var found = result.GetValueOrDefault(pedimento);
        if (found is not null)
        {
            last = found;
        }

        return found;
    }

    /// <summary>
    /// Adds to <paramref name="government"/> the pedimentos the imported SAAI M3 files declare that no Data Stage package holds
    /// (validated by the broker, not yet in SAT's Data Stage), paid on or before <paramref name="asOf"/>, as SAT's side with
    /// source <c>m3</c> (SPEC §4.2, issue 13 item 5): 500/501 clave and operation, the 506 payment date (TipoFecha 2) and
    /// entry date (TipoFecha 1), 551 partidas, 512 descargos and a 701 rectification — M3's own positions (regulatory.md
    /// §3.5), its original pedimentos made 15-digit from their operation dates.
    /// </summary>
    public static void AddM3(IGovernmentReader government, DateOnly asOf, Dictionary<string, GovernmentPedimentoData> result)
    {
        ArgumentNullException.ThrowIfNull(government);
        ArgumentNullException.ThrowIfNull(result);
        var added = new Dictionary<string, GovernmentPedimentoData>(StringComparer.Ordinal);
        foreach (var row in government.M3Rows("500", ["operation", "clave", "fecha_pago"]))
        {
            var paid = Date(row.Values[2]);
            if (result.ContainsKey(row.Pedimento) || paid > asOf)
            {
                continue;
            }

            added[row.Pedimento] = new GovernmentPedimentoData(row.Pedimento)
            {
                Source = "m3",
                Operation = row.Values[0],
                Clave = row.Values[1],
                TipoPedimento = 1,
                PaymentDate = paid,
            };
        }

        if (added.Count == 0)
        {
            return;
        }

        foreach (var row in government.M3Rows("506", ["raw"]))
        {
            var f = Fields(row);
            if (added.TryGetValue(row.Pedimento, out var p) && Field(f, 3) == "1" && M3Date(Field(f, 4)) is { } entered)
            {
                p.EntryDate = p.EntryDate is { } earlier && earlier < entered ? earlier : entered;
            }
        }

        foreach (var row in government.M3Rows("551", ["fraccion", "origin", "qty_umt", "umt", "value_usd"]))
        {
            if (added.TryGetValue(row.Pedimento, out var p))
            {
                p.Partidas[row.Partida] = new GovernmentPartidaData(row.Values[0], row.Values[1], Decimal(row.Values[2]), row.Values[3],
                    Decimal(row.Values[4]));
            }
        }

        foreach (var row in government.M3Rows("512", ["raw"]))
        {
            // 512: reg · pedimento · patente original · pedimento original · aduana-sección original · clave doc. original ·
            // fecha operación original · fracción original · UM original · cantidad (UMT) descargada.
            var f = Fields(row);
            if (added.TryGetValue(row.Pedimento, out var p)
                && Original(Field(f, 3), Field(f, 4), Field(f, 5), Field(f, 7)) is { } original)
            {
                p.Descargos.Add(new GovernmentDescargo(original, Empty(Field(f, 8)), Empty(Field(f, 9)), Decimal(Field(f, 10))));
            }
        }

        foreach (var row in government.M3Rows("701", ["raw"]))
        {
            // 701: reg · patente · pedimento · aduana · clave a rectificar · fecha pago · pedimento original · patente original ·
            // aduana original · clave original · fecha operación original.
            var f = Fields(row);
            if (added.TryGetValue(row.Pedimento, out var p) && Original(Field(f, 8), Field(f, 7), Field(f, 9), Field(f, 11)) is { } original)
            {
                p.TipoPedimento = 2;
                p.Rectifies = original;
            }
        }

        foreach (var (pedimento, p) in added)
        {
            result[pedimento] = p;
        }
    }

    private static string[] Fields(GovernmentRow row) => (row.Values[0] ?? string.Empty).Split('|');

    /// <summary>The trimmed field at a 1-based position of an M3 record, empty when the record is shorter.</summary>
    private static string Field(string[] fields, int position) => position <= fields.Length ? fields[position - 1].Trim() : string.Empty;

    private static string? Empty(string text) => text.Length == 0 ? null : text;

    private static DateOnly? M3Date(string text) =>
        text.Length > 0 && Traza.Formats.Government.GovernmentDates.TryParseM3(text, out var d) ? d : null;

    /// <summary>An original pedimento's 15 digits from its split parts and its operation date (the year digit's year).</summary>
    private static string? Original(string patente, string pedimento, string seccion, string date) =>
        M3Date(date) is { } d && PedimentoNumber.FromParts(patente, pedimento, seccion, d) is { IsOk: true } n ? n.Value.Digits15 : null;

    /// <summary>
    /// Traza's 512 blocks (<c>report descargos</c>) of the ledger's exits that Data Stage holds with 512 rows — the only
    /// exits <c>descargo_differs</c> compares (brokers transmit no descargos for most retornos: regulatory.md §2.1).
    /// </summary>
    public static void AddDescargos(
        ITrazaStore store, DateOnly asOf, string? client, Dictionary<string, LedgerPedimento> ledger,
        IReadOnlyDictionary<string, GovernmentPedimentoData> government) =>
        AddDescargos(store, asOf, client, ledger, government, null);

    /// <summary>
    /// <see cref="AddDescargos(ITrazaStore, DateOnly, string?, Dictionary{string, LedgerPedimento}, IReadOnlyDictionary{string, GovernmentPedimentoData})"/>
    /// summed straight from the stored pools (<see cref="Reports.ExitDescargos"/>) when the ledger's entry lines are given;
    /// the same lines either way.
    /// </summary>
    public static void AddDescargos(
        ITrazaStore store, DateOnly asOf, string? client, Dictionary<string, LedgerPedimento> ledger,
        IReadOnlyDictionary<string, GovernmentPedimentoData> government, IReadOnlyList<ReconcileLineScan>? entryLines)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(government);
        var exits = ledger.Values
            .Where(p => p.Operation == "export" && government.TryGetValue(p.Pedimento, out var gov) && gov.Descargos.Count > 0)
            .Select(p => p.Pedimento)
            .ToList();
        if (exits.Count == 0)
        {
            return;
        }

        var lines = entryLines is null
            ? Reports.DescargosReport.Lines(store, asOf, client, exits)
            : Reports.ExitDescargos.Lines(store, asOf, client, exits, entryLines);
        foreach (var line in lines)
        {
            if (ledger.TryGetValue(line.ExitDocument, out var exit))
            {
                exit.Descargos.Add(new LedgerDescargo(line.OriginalPedimento, line.Fraccion, line.Umt, line.QtyUmt));
            }
        }
    }

    private static void Add(
        Dictionary<string, LedgerPedimento> result,
        string operation,
        string pedimento,
        int partida,
        string clave,
        DateOnly date,
        string? rectifies,
        (string Client, string Part) key,
        PartRecord? part,
        decimal qty,
        decimal? qtyUmt,
        decimal? valueUsd,
        string? origin)
    {
        if (!result.TryGetValue(pedimento, out var p))
        {
            result[pedimento] = p = new LedgerPedimento(pedimento, operation);
        }

        p.Claves.Add(clave);
        if (date < p.Date)
        {
            p.Date = date;
        }

        if (rectifies is { Length: > 0 })
        {
            p.Rectifies.Add(rectifies);
        }

        if (!p.Partidas.TryGetValue(partida, out var lp))
        {
            p.Partidas[partida] = lp = new LedgerPartida(partida);
        }

        lp.Parts.Add(key);
        if (part?.Fraccion is { Length: > 0 } fraccion)
        {
            lp.Fracciones.Add(fraccion);
        }

        if (origin is { Length: > 0 })
        {
            lp.Origins.Add(origin);
        }

        lp.QtyUmc += qty;
        if (qtyUmt is { } umt)
        {
            lp.QtyUmt += umt;
        }
        else
        {
            // SPEC §3.4: qty_umt defaults to qty × the part's umt_per_umc.
            lp.QtyUmt += qty * (part?.UmtPerUmc ?? 1m);
            lp.UmtFromFactor = true;
        }

        lp.ValueUsd = lp.ValueUsd is { } sum && valueUsd is { } value ? sum + value : null;
    }

    private static bool IsPedimento(string document) => document.Length == 15 && PedimentoNumber.IsPedimento(document);

    private static DateOnly? Date(string? text) =>
        text is { Length: >= 10 } ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    private static decimal? Decimal(string? text) =>
        text is { Length: > 0 } ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
}

/// <summary>The Data Stage runs reconciliation reads: 551 (fracción, origin, UMT; qty_umt, value_usd) and 512 (original, fracción, UMT; qty_umt).</summary>
public sealed record DataStageReads(IReadOnlyList<DataStageRun> Partidas, IReadOnlyList<DataStageRun> Descargos);
