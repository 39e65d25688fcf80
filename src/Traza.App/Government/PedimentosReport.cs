using Traza.App.Reports;
using Traza.Domain.Values;
using Traza.Formats.Reports;
using Traza.Storage.Sqlite;

namespace Traza.App.Government;

/// <summary>
/// <c>traza report pedimentos</c> (SPEC §6): one row per pedimento declared by a source — Data Stage 501, M3 500/501,
/// a ledger entry or exit (NAC documents and other non-pedimento documents are not pedimentos; pedimentos only
/// referenced by 512/701 are not listed). Clave, operation and date come from Data Stage, else M3, else the ledger;
/// partidas and value_usd (the sum of its partidas' USD values) from the same source.
/// </summary>
public sealed class PedimentosReport : IReport
{
    public static readonly IReadOnlyList<ReportColumn> Columns = ["pedimento", "clave", "operation", "date", "partidas", "value_usd", "sources"];

    public string Name => "pedimentos";

    public string Description => "every pedimento from every source (Data Stage, M3, ledger) with its partidas and USD value";

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = context.Store;
        var rows = new SortedDictionary<string, Row>(StringComparer.Ordinal);

        foreach (var p in GovernmentQueries.DataStagePedimentos(store.Connection, null))
        {
            Merge(rows, p.Pedimento, "datastage", p.Clave, p.Operation, p.Date, p.PartidaValuesUsd.Count, Sum(p.PartidaValuesUsd));
        }

        foreach (var p in GovernmentQueries.M3Pedimentos(store.Connection, null))
        {
            Merge(rows, p.Pedimento, "m3", p.Clave, p.Operation, p.Date, p.PartidaValuesUsd.Count, Sum(p.PartidaValuesUsd));
        }

        var clientPedimentos = new HashSet<string>(StringComparer.Ordinal);
        AddLedger(rows, clientPedimentos, "import", store.LoadEntries(context.Client, null)
            .Select(e => (e.Pedimento, e.Partida, e.Clave, e.Date, e.ValueUsd)));
        AddLedger(rows, clientPedimentos, "export", store.LoadExits(context.Client, null)
            .Select(e => (e.Pedimento, e.Partida, e.Clave, e.Date, e.ValueUsd)));

        var selected = rows.Values
            .Where(r => r.Date is null || r.Date <= context.AsOf)
            .Where(r => context.Client is null || clientPedimentos.Contains(r.Pedimento));
        return new ReportData(Columns, selected.Select(r => new object?[]
        {
            r.Pedimento, r.Clave, r.Operation, r.Date, (long)r.Partidas, r.ValueUsd, string.Join(';', r.Sources),
        }).ToList());
    }

    private static void AddLedger(SortedDictionary<string, Row> rows, HashSet<string> seen, string operation,
        IEnumerable<(string Pedimento, int Partida, string Clave, DateOnly Date, decimal? ValueUsd)> lines)
    {
        foreach (var group in lines
            .Where(l => !string.Equals(l.Clave, "NAC", StringComparison.Ordinal) && l.Pedimento.Length == 15 && PedimentoNumber.IsPedimento(l.Pedimento))
            .GroupBy(l => l.Pedimento, StringComparer.Ordinal))
        {
            var first = group.OrderBy(l => l.Date).First();
            var values = group.Where(l => l.ValueUsd is not null).Select(l => l.ValueUsd!.Value).ToList();
            seen.Add(group.Key);
            Merge(rows, group.Key, "ledger", first.Clave, operation, first.Date, group.Select(l => l.Partida).Distinct().Count(),
                values.Count == 0 ? null : values.Sum());
        }
    }

    private static decimal? Sum(IReadOnlyList<string> values)
    {
        decimal? total = null;
        foreach (var v in values)
        {
            if (v.Length > 0)
            {
                total = (total ?? 0m) + SqlText.ParseDecimal(v);
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
