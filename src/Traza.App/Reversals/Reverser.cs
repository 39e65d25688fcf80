using System.Globalization;
using Traza.Storage;

namespace Traza.App.Reversals;

/// <summary>
/// Takes back stored rows of earlier batches inside one reversal batch (SPEC §4.1 reversals; docs/architecture.md
/// Decision 4). Each target is checked first — an earlier batch of a reversible layout, a row in force at that line, not
/// reversed already — and any failure is invalid input (exit 3), so the batch rolls back and nothing is written.
/// </summary>
internal sealed class Reverser(
    ILedgerBatch batch, Periods.ClosedPeriods closed, string fileName, Func<long?, string?, string, AppException> invalid)
{
    private readonly IReversalWriter writer = batch.Reversals();
    private readonly List<(string Client, string Part, long Line, long TargetBatch, long TargetLine)> parts = [];

    /// <summary>Rows reversed so far.</summary>
    public long Reversed { get; private set; }

    /// <summary>Reverses the row at <paramref name="targetLine"/> of batch <paramref name="targetBatch"/> as line <paramref name="line"/>.</summary>
    public void Reverse(long targetBatch, long targetLine, string reason, long line)
    {
        var table = TableOf(targetBatch, line);
        if (writer.ReversedBy(targetBatch, targetLine) is { } by)
        {
            var where = by.Batch == batch.BatchId
                ? $"line {N(by.Line)} of this file"
                : $"batch {N(by.Batch)} (line {N(by.Line)})";
            throw invalid(line, "line", $"a row not reversed yet; line {N(targetLine)} of batch {N(targetBatch)} was reversed by {where}");
        }

        var target = writer.Find(table, targetBatch, targetLine)
            ?? throw invalid(line, "line",
                $"the line of a stored row of batch {N(targetBatch)} (the batch and line `report entries`, `report exits` show), " +
                $"found no row at line {N(targetLine)}");
        Take(target, reason, line);
    }

    /// <summary>Reverses every row in force of batch <paramref name="targetBatch"/>, numbering the reversal lines 1, 2, …</summary>
    public void ReverseBatch(long targetBatch, string reason)
    {
        var table = TableOf(targetBatch, null);
        var rows = writer.RowsOf(table, targetBatch);
        if (rows.Count == 0)
        {
            throw invalid(null, null, $"a batch with rows in force, found none in batch {N(targetBatch)} (already reversed, or no row stored)");
        }

        var line = 0L;
        foreach (var target in rows)
        {
            Take(target, reason, ++line);
        }
    }

    /// <summary>
    /// Checks what the reversals leave behind: a part whose row was taken back must be named by no row in force of the
    /// entries, exits, events, counts or BOM (reverse those first, or in the same file).
    /// </summary>
    public void Finish()
    {
        if (parts.Count == 0)
        {
            return;
        }

        var used = writer.PartsInUse();
        foreach (var p in parts)
        {
            if (used.Contains((p.Client, p.Part)))
            {
                var owner = p.Client.Length == 0 ? string.Empty : $" of client '{p.Client}'";
                throw invalid(p.Line, "line",
                    $"a part no row in force names; part '{p.Part}'{owner} (line {N(p.TargetLine)} of batch {N(p.TargetBatch)}) is named by " +
                    "stored entries, exits, events, counts or BOM rows: reverse those first");
            }
        }
    }

    private void Take(ReversalTarget target, string reason, long line)
    {
        // SPEC §4.1: a reversal dated in a closed period — of a row whose movement date falls in it — is a conflict (exit 4).
        if (target.IsVersion)
        {
            // A BOM version or term rule in force from a closed day on changes how that period's exits explode or lots expire.
            closed.RequireStartsAfter(
                target.Date, fileName, line, $"a reversal of line {N(target.Line)} of batch {N(target.Batch)}, a version");
        }
        else if (target.Date is { } date)
        {
            closed.RequireOpen(date, fileName, line, "line", $"a reversal of line {N(target.Line)} of batch {N(target.Batch)},");
        }

        if (ReferenceEquals(target.Table, TableSpec.Part))
        {
            parts.Add((target.Client, writer.PartOf(target), line, target.Batch, target.Line));
        }

        writer.Reverse(target, reason, line);
        Reversed++;
    }

    private TableSpec TableOf(long targetBatch, long? line)
    {
        var layout = targetBatch < batch.BatchId ? writer.LayoutOf(targetBatch) : null;
        if (layout is null)
        {
            throw invalid(line, "batch", $"an earlier import batch, found no batch {N(targetBatch)}");
        }

        return Reversibility.TableOf(layout) ?? throw invalid(line, "batch",
            $"a batch of {string.Join(", ", Reversibility.Layouts)}; batch {N(targetBatch)} is a '{layout}' batch, which cannot be reversed" +
            (layout == ReversalsImport.LayoutName ? " (a reversal is final: import the rows again instead)" : string.Empty));
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
