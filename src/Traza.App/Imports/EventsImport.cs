using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Discharge;
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
        var disposals = new Dictionary<long, EventRow>();
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
        foreach (var row in context.Rows(reader))
        {
            var client = row.Client.Value;
            context.Batch.EnsureClient(client, row.Line);
            context.RequirePart(client, row.Part.Value, row.Line, "part");
            var record = new EventRecord(client, row.Date, row.Type.Name(), row.Part.Value, row.Reference, row.Qty, row.Waste, row.ThirdParty, row.Site);
            events.Add(LedgerRows.Encode(record, row.Line, buffer), row.Line, (record, row.Line));
            if (row.Waste && row.Type.Discharges())
            {
                disposals[row.Line] = row;
            }
        }

        events.Flush(); // the waste balances read this file's rows
        if (disposals.Count > 0)
        {
            CheckWasteBalances(context, disposals);
        }
    }

    /// <summary>
    /// SPEC §3.5: the waste balance of (client, part) is the desperdicio share of the quantity allocated to its lots by
    /// exits dated on or before the event; disposing of more is invalid input. The discharge engine runs over the part
    /// of the ledger that decides the disposed parts' balances (<see cref="Narrow"/>), with this file's rows (still
    /// uncommitted, in the batch's transaction), up to the last disposal's date, and the first of this file's disposals
    /// it finds beyond the balance is refused.
    /// </summary>
    private static void CheckWasteBalances(ImportContext context, Dictionary<long, EventRow> disposals)
    {
        var asOf = disposals.Values.Max(d => d.Date);
        var (catalog, disposed, relevant) = Narrow(LedgerSnapshot.LoadCatalog(context.Store), disposals.Values);
        var snapshot = LedgerSnapshot.LoadPartial(context.Store, asOf, catalog, disposed, relevant);
        DischargeResult result;
        try
        {
            result = DischargeEngine.Run(snapshot.Input);
        }
        catch (DischargeRangeException e)
        {
            throw DischargeRange.Invalid(context.Store, e);
        }

        var batch = context.Batch.BatchId;
        (EventRow Row, long Excess)? first = null;
        foreach (var finding in result.Findings)
        {
            if (!string.Equals(finding.Code, FindingCodes.WasteDisposalExceedsBalance, StringComparison.Ordinal))
            {
                continue;
            }

            // A movement id is (batch_id << 32) | line (PackedAllocation.MovementId): only this file's rows are refused.
            var id = snapshot.MovementIds[finding.Movement];
            if (id >> 32 != batch || !disposals.TryGetValue(id & 0xFFFF_FFFF, out var row))
            {
                continue;
            }

            if (first is null || row.Line < first.Value.Row.Line)
            {
                first = (row, finding.Qty);
            }
        }

        if (first is { } refused)
        {
            var row = refused.Row;
            var balance = row.Qty - Micro.ToDecimal(refused.Excess);
            var owner = row.Client.Value.Length == 0 ? string.Empty : $" of client '{row.Client.Value}'";
            throw context.Invalid(row.Line, "qty",
                $"a waste disposal of at most the waste balance of part '{row.Part.Value}'{owner} on " +
                $"{row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({Plain(balance)}, the desperdicio of its lots allocated by exits " +
                $"dated on or before it, less earlier disposals), found '{Plain(row.Qty)}'");
        }
    }

    /// <summary>
    /// The part of the ledger that decides the waste balances of the disposed parts: pools (client, part) are
    /// independent (SPEC §3.5), so only the disposed parts' lots (<c>Disposed</c>), and the movements of the products
    /// whose BOM reaches them and of the disposed parts themselves (<c>Relevant</c>) are needed; other leaf parts are
    /// skipped as national ones are (the returned catalog marks them national). The engine then gives the disposed
    /// parts the same allocations, waste and findings as over the whole ledger.
    /// </summary>
    private static (LedgerSnapshot.Catalog Catalog, HashSet<int> Disposed, HashSet<int> Relevant) Narrow(
        LedgerSnapshot.Catalog catalog, IEnumerable<EventRow> disposals)
    {
        var disposed = new HashSet<int>();
        foreach (var d in disposals)
        {
            if (catalog.Index.TryGetValue((d.Client.Value, d.Part.Value), out var part))
            {
                disposed.Add(part);
            }
        }

        // Products whose BOM (any version, any depth) reaches a disposed part.
        var usedBy = new Dictionary<int, List<int>>();
        foreach (var line in catalog.Bom)
        {
            if (!usedBy.TryGetValue(line.Component, out var list))
            {
                usedBy[line.Component] = list = [];
            }

            list.Add(line.Product);
        }

        var relevant = new HashSet<int>(disposed);
        var pending = new Stack<int>(disposed);
        while (pending.Count > 0)
        {
            if (usedBy.TryGetValue(pending.Pop(), out var products))
            {
                foreach (var product in products)
                {
                    if (relevant.Add(product))
                    {
                        pending.Push(product);
                    }
                }
            }
        }

        var hasBom = catalog.Bom.Select(b => b.Product).ToHashSet();
        var parts = new PartDef[catalog.PartDefs.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var p = catalog.PartDefs[i];
            parts[i] = disposed.Contains(i) || hasBom.Contains(i) ? p : p with { National = true };
        }

        return (catalog with { PartDefs = parts }, disposed, relevant);
    }

    private static string Plain(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
