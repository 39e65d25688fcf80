using System.Globalization;
using Traza.Domain.Model;
using Traza.Domain.Transfers;
using Traza.Domain.Values;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report transfers</c> (docs/cli.md "Virtual transfers"): every virtual transfer dated on or before the as-of date —
/// V1/V5 exit lines out, V1 entry lines in — by counterparty, a summary per (client, counterparty, direction), and the
/// clock-reset findings (<see cref="ClockReset"/>). Reads the ledger and Data Stage 507, never the stored discharge.
/// </summary>
public sealed class TransfersReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        ReportColumn.Enumerated("record", ["transfer", "summary", "clock_reset"]), "client", "counterparty",
        ReportColumn.Enumerated("counterparty_id", ["none", "rfc", "immex", "other"]), ReportColumn.Enumerated("direction", ["in", "out"]), "clave",
        "pedimento", "partida", "date", "part", ReportColumn.Enumerated("kind", PartKinds.Names), "qty", "umc", "qty_umt", "value_usd", "lines",
        "return_pedimento", "return_partida", "return_date", "days", ReportColumn.Enumerated("severity", ["high", "medium"]), "note",
    ];

    public string Name => "transfers";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public string Description => "virtual transfers (V1/V5 out, V1 in) per counterparty, their summary, and clock-reset findings";

    public IReadOnlyList<ReportOption> Options =>
    [
        new("counterparty", "only this counterparty (RFC or IMMEX number, compared without case, hyphens or extra spaces)"),
        new("window-days", $"days after a V1/V5 exit in which a V1 return of the same part is a clock reset (default {ClockReset.DefaultWindowDays})"),
    ];

    public bool ReadsDischarge => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var window = ClockReset.DefaultWindowDays;
        if (context.Option("window-days") is { Length: > 0 } text)
        {
            window = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w <= 36_600
                ? w
                : throw AppException.Usage($"option --window-days: a whole number of days from 0 to 36600, found '{text}'");
        }

        var only = context.Option("counterparty") is { Length: > 0 } c ? TransferCounterparty.Classify(c).Key : null;
        return new ReportData(Columns, Rows(context.Store, context.Client, context.AsOf, window, only));
    }

    /// <summary>The report's rows: transfers, then summaries, then findings, each in a stable order.</summary>
    public static List<object?[]> Rows(ITrazaStore store, string? client, DateOnly asOf, int windowDays, string? only)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        PartKind KindOf(string c, string p) =>
            parts.TryGetValue((c, p), out var part) && PartKinds.TryParse(part.Kind, out var k) ? k : PartKind.Material;

        var outs = new List<(TransferOut Out, ExitRecord Row)>();
        foreach (var x in store.LoadExits(client, asOf))
        {
            if (TransferCounterparty.IsTransferExit(x.Clave))
            {
                outs.Add((new TransferOut(x.Client, x.Part, KindOf(x.Client, x.Part), x.Clave, x.Pedimento, x.Partida, x.Date,
                    TransferCounterparty.Classify(x.Counterparty)), x));
            }
        }

        var v1 = store.LoadEntries(client, asOf).Where(e => e.Clave == "V1" && !(parts.GetValueOrDefault((e.Client, e.Part))?.IsNational ?? false))
            .ToList();
        var senders = v1.Count > 0 ? TransferParties.Senders(store.Government) : [];
        var ins = v1.ConvertAll(e => (In: new TransferIn(e.Client, e.Part, KindOf(e.Client, e.Part), e.Pedimento, e.Partida, e.Date, e.Qty,
            TransferCounterparty.Classify(senders.GetValueOrDefault(e.Pedimento))), Row: e));

        var rows = new List<(string Client, string Party, DateOnly Date, int Direction, string Pedimento, int Partida, string Part, object?[] Cells)>();
        var summary = new SortedDictionary<(string Client, string Party, string Direction), (CounterpartyKind Kind, long Lines, decimal? Value)>();
        void Sum(string cl, TransferCounterparty party, string direction, decimal? value)
        {
            var key = (cl, party.Key, direction);
            var (_, lines, total) = summary.GetValueOrDefault(key);
            summary[key] = (party.Kind, lines + 1, total is null && lines > 0 ? null : (total ?? 0) + value);
        }

        foreach (var (o, x) in outs)
        {
            if (only is not null && o.Counterparty.Key != only)
            {
                continue;
            }

            var part = parts.GetValueOrDefault((x.Client, x.Part));
            rows.Add((x.Client, o.Counterparty.Key, x.Date, 0, x.Pedimento, x.Partida, x.Part,
            [
                "transfer", x.Client, o.Counterparty.Key, o.Counterparty.KindName, "out", x.Clave, x.Pedimento, (long)x.Partida, x.Date, x.Part,
                Kind(part), x.Qty, part?.Umc, x.QtyUmt ?? (part is null ? null : x.Qty * part.UmtPerUmc), x.ValueUsd, null, null, null, null,
                null, null, OutNote(o.Counterparty),
            ]));
            Sum(x.Client, o.Counterparty, "out", x.ValueUsd);
        }

        foreach (var (i, e) in ins)
        {
            if (only is not null && i.Sender.Key != only)
            {
                continue;
            }

            var part = parts.GetValueOrDefault((e.Client, e.Part));
            rows.Add((e.Client, i.Sender.Key, e.Date, 1, e.Pedimento, e.Partida, e.Part,
            [
                "transfer", e.Client, i.Sender.Key, i.Sender.KindName, "in", e.Clave, e.Pedimento, (long)e.Partida, e.Date, e.Part, Kind(part),
                e.Qty, part?.Umc, e.QtyUmt ?? (part is null ? null : e.Qty * part.UmtPerUmc), e.ValueUsd, null, null, null, null, null, null,
                i.Sender.Kind == CounterpartyKind.None ? "sender unknown: no Data Stage 507 identifier V1 for this pedimento" : null,
            ]));
            Sum(e.Client, i.Sender, "in", e.ValueUsd);
        }

        rows.Sort((a, b) =>
        {
            var r = string.CompareOrdinal(a.Client, b.Client);
            r = r != 0 ? r : string.CompareOrdinal(a.Party, b.Party);
            r = r != 0 ? r : a.Date.CompareTo(b.Date);
            r = r != 0 ? r : a.Direction.CompareTo(b.Direction);
            r = r != 0 ? r : string.CompareOrdinal(a.Pedimento, b.Pedimento);
            r = r != 0 ? r : a.Partida.CompareTo(b.Partida);
            return r != 0 ? r : string.CompareOrdinal(a.Part, b.Part);
        });
        var result = rows.ConvertAll(r => r.Cells);
        foreach (var ((cl, party, direction), (kind, lines, value)) in summary)
        {
            result.Add(["summary", cl, party, new TransferCounterparty(kind, party).KindName, direction, null, null, null, null, null, null, null,
                null, null, value, lines, null, null, null, null, null, null]);
        }

        var entryRows = ins.ToDictionary(x => x.In, x => x.Row);
        var findings = ClockReset.Find(outs.Select(o => o.Out), ins.Select(i => i.In), windowDays)
            .Where(f => only is null || f.Out.Counterparty.Key == only)
            .OrderBy(f => f.Out.Client, StringComparer.Ordinal).ThenBy(f => f.Out.Counterparty.Key, StringComparer.Ordinal)
            .ThenBy(f => f.Out.Date).ThenBy(f => f.Out.Pedimento, StringComparer.Ordinal).ThenBy(f => f.Out.Partida)
            .ThenBy(f => f.Out.Part, StringComparer.Ordinal).ThenBy(f => f.Return.Date).ThenBy(f => f.Return.Pedimento, StringComparer.Ordinal)
            .ThenBy(f => f.Return.Partida);
        foreach (var f in findings)
        {
            var e = entryRows[f.Return];
            var part = parts.GetValueOrDefault((e.Client, e.Part));
            result.Add(
            [
                "clock_reset", f.Out.Client, f.Out.Counterparty.Key, f.Out.Counterparty.KindName, null, f.Out.Clave, f.Out.Pedimento,
                (long)f.Out.Partida, f.Out.Date, f.Out.Part, Kind(part), e.Qty, part?.Umc, e.QtyUmt ?? (part is null ? null : e.Qty * part.UmtPerUmc),
                e.ValueUsd, null, e.Pedimento, (long)e.Partida, e.Date, (long)f.Days, f.High ? "high" : "medium", Advice(f),
            ]);
        }

        return result;
    }

    private static string? Kind(PartRecord? part) => part?.Kind;

    private static string? OutNote(TransferCounterparty party) => party.Kind switch
    {
        CounterpartyKind.None => "no counterparty: a V1/V5 exit names the receiver's IMMEX number or RFC (identifier V1, RGCE 4.3.21)",
        CounterpartyKind.Other => "counterparty is neither an RFC nor an IMMEX number",
        _ => null,
    };

    private static string Advice(ClockResetFinding f)
    {
        var who = f.Match == ClockResetMatch.SameCounterparty
            ? "from the same counterparty"
            : "from a party the ledger cannot tell (the exit's counterparty or the return's Data Stage 507 sender is missing)";
        var what = f.High ? "a fixed asset (machinery or tooling)" : "goods";
        return $"{what} sent by {f.Out.Clave} came back by V1 {who} {f.Days} days later: the returned lot's term runs from " +
            $"{f.Return.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (a new clock); keep the proof that the goods " +
            "moved (RGCE 4.3.21 transfer documents) or treat the original lot's term as still running";
    }
}
