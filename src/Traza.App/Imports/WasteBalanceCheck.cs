using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Discharge;

namespace Traza.App.Imports;

/// <summary>
/// SPEC §3.5: a waste disposal — a destruction or donation event with waste = yes, or an RT/H1/F4/A3 exit with case DE
/// (docs/cli.md "Waste") — may dispose of at most the waste balance of its (client, part) on its date; the import of
/// the file that holds it refuses the first one beyond it, naming its line, and writes nothing.
/// </summary>
internal static class WasteBalanceCheck
{
    /// <summary>One disposal of the file being imported, at its line.</summary>
    public sealed record Disposal(long Line, string Client, string Part, DateOnly Date, decimal Qty);

    /// <summary>
    /// SPEC §3.5: the waste balance of (client, part) is the desperdicio share of the quantity allocated to its lots by
    /// exits dated on or before the event; disposing of more is invalid input. The discharge engine runs over the part
    /// of the ledger that decides the disposed parts' balances (<see cref="Narrow"/>), with this file's rows (still
    /// uncommitted, in the batch's transaction), up to the last disposal's date, and the first of this file's disposals
    /// it finds beyond the balance is refused.
    /// </summary>
    public static void Run(ImportContext context, IReadOnlyDictionary<long, Disposal> disposals)
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
        (Disposal Row, long Excess)? first = null;
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
            var owner = row.Client.Length == 0 ? string.Empty : $" of client '{row.Client}'";
            throw context.Invalid(row.Line, "qty",
                $"a waste disposal of at most the waste balance of part '{row.Part}'{owner} on " +
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
        LedgerSnapshot.Catalog catalog, IEnumerable<Disposal> disposals)
    {
        var disposed = new HashSet<int>();
        foreach (var d in disposals)
        {
            if (catalog.Index.TryGetValue((d.Client, d.Part), out var part))
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
