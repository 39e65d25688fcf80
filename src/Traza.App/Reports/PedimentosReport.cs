using System.Text;
using Traza.Domain.Common;
using Traza.Domain.Values;
using Traza.Formats.Reports;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report pedimentos</c> (SPEC §6): one row per pedimento declared by a source — Data Stage 501, M3 500/501,
/// a ledger entry or exit (NAC documents and other non-pedimento documents are not pedimentos; pedimentos only
/// referenced by 512/701 are not listed). Clave, operation and date come from Data Stage, else M3, else the ledger;
/// partidas and value_usd (the sum of its partidas' USD values) from the same source.
/// </summary>
public sealed class PedimentosReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns = 
    [
        "pedimento", "clave", ReportColumn.Enumerated("operation", ReportValues.Operations), "date", "partidas", "value_usd",
        ReportColumn.Enumerated("sources", ReportValues.Sources) with { Separator = ';' },
    ];

    public string Name => "pedimentos";

    public string Description => "every pedimento from every source (Data Stage, M3, ledger) with its partidas and USD value";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options => [ReportInputs.DocumentOption];

    /// <summary>Reads the ledger alone (rows dated on or before --as-of), never the stored discharge.</summary>
    public bool ReadsDischarge => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.Store;
        var rows = new SortedDictionary<string, Row>(StringComparer.Ordinal);
        var document = ReportInputs.Document(context.Option("pedimento")); // one pedimento: point reads of every source

        foreach (var p in store.Government.DataStagePedimentos(document))
        {
            Merge(rows, p.Pedimento, "datastage", p.Clave, p.Operation, p.Date, p.PartidaValuesUsd.Count, Sum(p.PartidaValuesUsd));
        }

        foreach (var p in store.Government.M3Pedimentos(document))
        {
            Merge(rows, p.Pedimento, "m3", p.Clave, p.Operation, p.Date, p.PartidaValuesUsd.Count, Sum(p.PartidaValuesUsd));
        }

        var clientPedimentos = new HashSet<string>(StringComparer.Ordinal);
        AddLedger(rows, clientPedimentos, "import", Documents(context, exits: false, document));
        AddLedger(rows, clientPedimentos, "export", Documents(context, exits: true, document));

        var selected = rows.Values
            .Where(r => r.Date is null || r.Date <= context.AsOf)
            .Where(r => context.Client is null || clientPedimentos.Contains(r.Pedimento));
        return new ReportData(Columns, selected.Select(r => new object?[]
        {
            r.Pedimento, r.Clave, r.Operation, r.Date, (long)r.Partidas, r.ValueUsd, string.Join(';', r.Sources),
        }).ToList());
    }

    private static void AddLedger(
        SortedDictionary<string, Row> rows, HashSet<string> seen, string operation, Dictionary<string, LedgerDocument> documents)
    {
        foreach (var (pedimento, document) in documents)
        {
            if (document.Partidas.Count == 0)
            {
                continue; // NAC lines only
            }

            seen.Add(pedimento);
            Merge(rows, pedimento, "ledger", document.Clave, operation, document.Date, document.Partidas.Count, document.ValueUsd);
        }
    }

    /// <summary>
    /// The ledger's pedimentos among its entry (or exit) documents — 15 digits that parse as a pedimento, NAC lines
    /// left out — with their lines summed, streamed from the store without a record per line (a million lines).
    /// </summary>
    private static Dictionary<string, LedgerDocument> Documents(ReportContext context, bool exits, string? document)
    {
        var documents = new Dictionary<string, LedgerDocument>(StringComparer.Ordinal);
        byte[] last = [];
        LedgerDocument? current = null;
        context.Store.Scans.DocumentLines(exits, context.Client, (line, partida, clave, date, valueUsd) =>
        {
            if (current is null || !line.SequenceEqual(last))
            {
                last = line.ToArray();
                var text = Encoding.UTF8.GetString(line);
                if (!documents.TryGetValue(text, out current))
                {
                    current = new LedgerDocument(text.Length == 15 && PedimentoNumber.IsPedimento(text));
                    documents[text] = current;
                }
            }

            // SPEC §6: only lines dated on or before --as-of count (a pedimento's partidas may carry different dates).
            if (current.IsPedimento && date <= context.AsOf && !string.Equals(clave, "NAC", StringComparison.Ordinal))
            {
                current.Add(partida, clave, date, valueUsd);
            }
        }, document);
        return documents;
    }

    private static decimal? Sum(IReadOnlyList<string> values)
    {
        decimal? total = null;
        foreach (var v in values)
        {
            if (v.Length > 0)
            {
                total = (total ?? 0m) + CanonicalText.ParseDecimal(v);
            }
        }

        return total;
    }

    private static void Merge(SortedDictionary<string, Row> rows, string pedimento, string source, string? clave, string? operation,
        DateOnly? date, int partidas, decimal? valueUsd)
    {
        if (!rows.TryGetValue(pedimento, out var row))
        {
            rows[pedimento] = row = new Row(pedimento);
        }

        if (!row.Sources.Contains(source))
        {
            row.Sources.Add(source);
        }

        // Sources arrive in priority order (datastage, m3, ledger): the first that knows a value gives it.
        if (!row.HasFigures)
        {
            row.Clave = clave;
            row.Operation = operation;
            row.Date = date;
            row.Partidas = partidas;
            row.ValueUsd = valueUsd;
            row.HasFigures = true;
        }
        else
        {
            row.Clave ??= clave;
            row.Operation ??= operation;
            row.Date ??= date;
        }
    }

    /// <summary>A ledger document's lines summed: the clave and date of its earliest line, its partidas and USD value.</summary>
    private sealed class LedgerDocument(bool isPedimento)
    {
        public bool IsPedimento { get; } = isPedimento;

        public HashSet<int> Partidas { get; } = [];

        public string? Clave { get; private set; }

        public DateOnly? Date { get; private set; }

        public decimal? ValueUsd { get; private set; }

        public void Add(int partida, string clave, DateOnly date, decimal? valueUsd)
        {
            Partidas.Add(partida);
            if (Date is null || date < Date)
            {
                (Date, Clave) = (date, clave);
            }

            if (valueUsd is { } v)
            {
                ValueUsd = (ValueUsd ?? 0m) + v;
            }
        }
    }

    private sealed class Row(string pedimento)
    {
        public string Pedimento { get; } = pedimento;

        public string? Clave { get; set; }

        public string? Operation { get; set; }

        public DateOnly? Date { get; set; }

        public int Partidas { get; set; }

        public decimal? ValueUsd { get; set; }

        public bool HasFigures { get; set; }

        public List<string> Sources { get; } = [];
    }
}
