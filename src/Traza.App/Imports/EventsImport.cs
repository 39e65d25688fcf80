using System.Globalization;
using Traza.Domain.Model;
using Traza.Formats.Layouts;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>
/// <c>traza import events</c> (SPEC §4.1, §3.5): key (client, date, type, part, reference, line). A destruction or
/// donation of waste (waste = yes) may dispose of at most the waste balance of its (client, part) on its date.
/// </summary>
public sealed class EventsImport : ILayoutImport
{
    public string Layout => "events";

    public string Description => "events: date, type, part, qty, waste, reference, third_party, client, site";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new EventsReader(source, context.FileName);
        var disposals = new Dictionary<long, WasteBalanceCheck.Disposal>();
        var buffer = new RowBuffer(TableSpec.Event.Columns);
        var events = context.Appends<(EventRecord Record, long Line)>(TableSpec.Event, (e, result) =>
        {
            context.RequireOpen(result, e.Record.Date, e.Line);
            context.Record(
                result,
                e.Line,
                () => ImportService.Key(("client", e.Record.Client), ("date", e.Record.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("type", e.Record.Type), ("part", e.Record.Part), ("reference", e.Record.Reference), ("line", e.Line)));
        });
        WorkOrderCheck? workOrders = null;
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            context.RequirePart(client, row.Part.Value, row.Line, "part");
            if (row.Type == EventType.WorkOrder)
            {
                (workOrders ??= new WorkOrderCheck(context)).Check(row);
            }

            var record = new EventRecord(client, row.Date, row.Type.Name(), row.Part.Value, row.Reference, row.Qty, row.Waste, row.ThirdParty, row.Site);
            events.Add(LedgerRows.Encode(record, row.Line, buffer), row.Line, (record, row.Line));
            if (row.Waste && row.Type.Discharges())
            {
                disposals[row.Line] = new(row.Line, row.Client.Value, row.Part.Value, row.Date, row.Qty);
            }
        }

        events.Flush(); // the waste balances read this file's rows
        if (disposals.Count > 0)
        {
            WasteBalanceCheck.Run(context, disposals);
        }
    }
}

/// <summary>
/// docs/cli.md "Work orders": a <c>work_order</c> row's kit has a BOM version in force on its date, and its reference names no
/// other work order of the client (in the ledger or earlier in the file); else invalid input naming the line and field.
/// </summary>
internal sealed class WorkOrderCheck
{
    private readonly ImportContext context;
    private readonly Dictionary<(string Client, string Product), List<BomRecord>> boms = [];
    private readonly HashSet<(string Client, string Reference)> references = [];

    public WorkOrderCheck(ImportContext context)
    {
        this.context = context;
        foreach (var row in context.Store.LoadBom())
        {
            if (!boms.TryGetValue((row.Client, row.Product), out var list))
            {
                boms[(row.Client, row.Product)] = list = [];
            }

            list.Add(row);
        }

        foreach (var ev in context.Store.LoadEvents())
        {
            if (string.Equals(ev.Type, EventType.WorkOrder.Name(), StringComparison.Ordinal))
            {
                references.Add((ev.Client, ev.Reference.Trim()));
            }
        }
    }

    public void Check(EventRow row)
    {
        var client = row.Client.Value;
        if (!boms.TryGetValue((client, row.Part.Value), out var versions) || !versions.Exists(v => v.InForceOn(row.Date)))
        {
            throw context.Invalid(row.Line, "date",
                $"a date on which a BOM version of kit '{row.Part}' is in force (a work order explodes the kit's BOM on its date), found " +
                $"'{row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'");
        }

        if (!references.Add((client, row.Reference.Trim())))
        {
            throw context.Invalid(row.Line, "reference",
                $"a work-order number not used by another work order of {(client.Length == 0 ? "the program" : $"client '{client}'")}, found '{row.Reference}'");
        }
    }
}
