using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import bom</c> (SPEC §4.1, §3.5): key (client, product, component, valid_from); product and component must
/// be parts of the client; two rows of one (product, component) in force on a same date, and cycles, are invalid.
/// </summary>
public sealed class BomImport : ILayoutImport
{
    public string Layout => "bom";

    public string Description => "bom: product, component, qty_per, merma_pct, desperdicio_pct, valid_from, valid_to, client";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new BomReader(source, context.FileName);
        var clients = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new RowBuffer(TableSpec.Bom.Columns);
        var boms = context.Appends<(BomRecord Record, long Line)>(TableSpec.Bom, (b, result) =>
        {
            context.RequireStartsAfter(result, b.Record.ValidFrom, b.Line, "a BOM version");
            context.Record(
                result,
                b.Line,
                () => ImportService.Key(("client", b.Record.Client), ("product", b.Record.Product), ("component", b.Record.Component),
                    ("valid_from", b.Record.ValidFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)));
        });
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            context.RequirePart(client, row.Product.Value, row.Line, "product");
            context.RequirePart(client, row.Component.Value, row.Line, "component");
            var record = new BomRecord(client, row.Product.Value, row.Component.Value, row.ValidFrom, row.QtyPer, row.MermaPct,
                row.DesperdicioPct, row.ValidTo);
            boms.Add(LedgerRows.Encode(record, buffer), row.Line, (record, row.Line));
            clients.Add(client);
        }

        boms.Flush(); // Validate reads the stored BOM

        foreach (var client in clients)
        {
            Validate(context, context.Store.LoadBom(client));
        }
    }

    /// <summary>Duplicate (product, component) rows in force on a same date, and cycles, are invalid (SPEC §3.5).</summary>
    private static void Validate(ImportContext context, IReadOnlyList<BomRecord> rows)
    {
        var mine = context.Batch.BatchId;
        var byPair = new Dictionary<(string, string), List<BomRecord>>();
        var graph = new Dictionary<string, List<BomRecord>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!byPair.TryGetValue((row.Product, row.Component), out var list))
            {
                byPair[(row.Product, row.Component)] = list = [];
            }

            foreach (var other in list)
            {
                if (Overlap(row, other))
                {
                    var (late, early) = row.BatchId == mine ? (row, other) : (other, row);
                    var where = early.BatchId == mine ? $"line {early.Line}" : $"batch {early.BatchId}, line {early.Line}";
                    throw context.Invalid(late.Line, "valid_from",
                        $"one BOM row of product '{row.Product}', component '{row.Component}' in force on any date; {where} overlaps it");
                }
            }

            list.Add(row);
            if (!graph.TryGetValue(row.Product, out var edges))
            {
                graph[row.Product] = edges = [];
            }

            edges.Add(row);
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<BomRecord>();
        foreach (var product in graph.Keys)
        {
            Visit(context, graph, state, path, product);
        }
    }

    private static void Visit(
        ImportContext context, Dictionary<string, List<BomRecord>> graph, Dictionary<string, int> state, List<BomRecord> path, string node)
    {
        if (state.TryGetValue(node, out var s) && s == 2)
        {
            return;
        }

        state[node] = 1;
        if (graph.TryGetValue(node, out var edges))
        {
            foreach (var edge in edges)
            {
                path.Add(edge);
                if (state.TryGetValue(edge.Component, out var cs) && cs == 1)
                {
                    var start = path.FindIndex(e => string.Equals(e.Product, edge.Component, StringComparison.Ordinal));
                    var cycle = path.GetRange(start, path.Count - start);
                    var culprit = cycle.FindLast(e => e.BatchId == context.Batch.BatchId) ?? edge;
                    var names = string.Join(" -> ", cycle.Select(e => e.Product).Append(edge.Component));
                    throw context.Invalid(culprit.Line, "component", $"a BOM without cycles, found {names}");
                }

                Visit(context, graph, state, path, edge.Component);
                path.RemoveAt(path.Count - 1);
            }
        }

        state[node] = 2;
    }

    private static bool Overlap(BomRecord a, BomRecord b)
    {
        var aFrom = a.ValidFrom ?? DateOnly.MinValue;
        var aTo = a.ValidTo ?? DateOnly.MaxValue;
        var bFrom = b.ValidFrom ?? DateOnly.MinValue;
        var bTo = b.ValidTo ?? DateOnly.MaxValue;
        return aFrom <= bTo && bFrom <= aTo;
    }
}
