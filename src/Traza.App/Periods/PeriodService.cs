using System.Globalization;
using System.Text;
using Traza.App.Discharge;
using Traza.Domain.Discharge;
using Traza.Storage;

namespace Traza.App.Periods;

/// <summary>What <c>traza close</c> or <c>traza reopen</c> did.</summary>
/// <param name="Summary">The line for standard output.</param>
/// <param name="Notes">Lines for standard error: months closed or reopened with it, shortages left in the period.</param>
/// <param name="Batch">The batch that recorded the action; null when nothing was written (a period already closed).</param>
/// <param name="After">The closed periods after the action.</param>
public sealed record PeriodOutcome(string Summary, IReadOnlyList<string> Notes, BatchRecord? Batch, ClosedPeriods After);

/// <summary>
/// Period close (SPEC §5; docs/architecture.md "Period close"): <c>traza close --period YYYY-MM</c> closes that month and
/// every earlier one, <c>traza reopen --period YYYY-MM --reason R</c> reopens it and every later one. Each is one batch of
/// the hash chain (layouts <c>close</c> and <c>reopen</c>, one <c>period_close</c> row), recorded with its operator and
/// time like any batch.
/// </summary>
public static class PeriodService
{
    /// <summary>The layout and action of a close.</summary>
    public const string CloseAction = "close";

    /// <summary>The layout and action of a reopen.</summary>
    public const string ReopenAction = "reopen";

    /// <summary>
    /// Closes <paramref name="period"/> and every earlier month. A month already closed is a no-op (exit 0: closing is
    /// what the caller wants, and monthly scripts may run twice); a month that has not ended on <paramref name="today"/>
    /// is a conflict (exit 4: movements of its remaining days could not be recorded). Shortages of movements dated in
    /// the closed months do not stop the close but are reported in the notes (SPEC C5: never hidden).
    /// </summary>
    public static PeriodOutcome Close(ITrazaStore store, string period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(store);
        var first = ParsePeriod(period);
        var month = ClosedPeriods.Month(first);
        var last = first.AddMonths(1).AddDays(-1);
        if (last >= today)
        {
            throw AppException.Conflict(
                $"period {month} has not ended (today is {Day(today)}): a month closes from its next day on; nothing written");
        }

        var before = ClosedPeriods.Load(store);
        if (before.IsClosed(last))
        {
            return new PeriodOutcome(
                $"period {month} is already closed (closed through {before.LatestClosed}); nothing to do", [], null, before);
        }

        var notes = new List<string>();
        var previousMonth = first.AddDays(-1);
        if (before.ClosedThrough != previousMonth)
        {
            notes.Add(before.ClosedThrough is { } t
                ? $"closing {month} also closes {ClosedPeriods.Month(t.AddDays(1))} through {ClosedPeriods.Month(previousMonth)}"
                : $"closing {month} also closes every earlier month: nothing dated on or before {Day(last)} can be added until reopened");
        }

        var shortages = Shortages(store, last);
        if (shortages > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"warning: {month} closes with {shortages} shortage(s) in movements dated on or before {Day(last)} " +
                $"(traza report shortages --as-of {Day(last)})"));
        }

        var batch = Record(store, new PeriodActionRecord(CloseAction, month, null));
        var after = ClosedPeriods.Load(store);
        return new PeriodOutcome($"closed {month} as batch {batch.Id} (closed through {after.LatestClosed})", notes, batch, after);
    }

    /// <summary>
    /// Reopens <paramref name="period"/> and every later closed month, for the reason given. A month that is not closed
    /// is a conflict (exit 4): a reopen is a recorded act with a reason, and reopening nothing is most likely a mistyped
    /// month.
    /// </summary>
    public static PeriodOutcome Reopen(ITrazaStore store, string period, string reason)
    {
        ArgumentNullException.ThrowIfNull(store);
        var first = ParsePeriod(period);
        var month = ClosedPeriods.Month(first);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw AppException.Usage("option --reason: why the period is reopened (non-empty text)");
        }

        var before = ClosedPeriods.Load(store);
        if (!before.IsClosed(first))
        {
            var state = before.LatestClosed is { } l ? "closed through " + l : "no period is closed";
            throw AppException.Conflict($"period {month} is not closed ({state}); nothing written");
        }

        var notes = new List<string>();
        if (before.LatestClosed is { } latest && !string.Equals(latest, month, StringComparison.Ordinal))
        {
            notes.Add($"reopening {month} also reopens every later month through {latest}: " +
                $"a change dated in {month} can change their allocations");
        }

        var batch = Record(store, new PeriodActionRecord(ReopenAction, month, reason.Trim()));
        var after = ClosedPeriods.Load(store);
        var left = after.LatestClosed is { } now ? $"closed through {now}" : "no period closed";
        return new PeriodOutcome($"reopened {month} as batch {batch.Id} ({left})", notes, batch, after);
    }

    /// <summary>A <c>YYYY-MM</c> month from 2000-01 to 2099-12 (SPEC §4.1 date range), else a usage error.</summary>
    public static DateOnly ParsePeriod(string? period)
    {
        var text = period?.Trim() ?? string.Empty;
        if (text.Length == 7
            && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first.Year is >= 2000 and <= 2099)
        {
            return first;
        }

        throw AppException.Usage($"option --period: a month YYYY-MM from 2000-01 to 2099-12, found '{period}'");
    }

    private static BatchRecord Record(ITrazaStore store, PeriodActionRecord action)
    {
        var name = action.Action + " " + action.Period;
        var text = string.Join('\u001f', action.Action, action.Period, action.Reason ?? string.Empty);
        var sha = Storage.Ledger.LedgerHashes.Sha256Hex(Encoding.UTF8.GetBytes(text));
        using var batch = store.BeginBatch(action.Action, name, sha);
        batch.AddPeriodAction(action, 1);
        return batch.Commit();
    }

    /// <summary>
    /// The shortage rows (client, document, part, as <c>report shortages</c> lists them) of movements dated on or before
    /// <paramref name="last"/>: from the stored discharge when it covers that day (<see cref="DischargeCoverage"/>, the
    /// reports' as-of rule), else computed in memory (nothing stored: closing does not move the stored run).
    /// </summary>
    private static int Shortages(ITrazaStore store, DateOnly last)
    {
        IEnumerable<StoredShortage> shortages;
        if (DischargeCoverage.Of(store, last).Covered)
        {
            shortages = store.Derived.Shortages();
        }
        else
        {
            var snapshot = LedgerSnapshot.Load(store, last);
            shortages = DerivedData.Records(snapshot, DischargeEngine.Run(snapshot.Input)).Item1;
        }

        return shortages.Where(s => s.Date <= last).Select(s => (s.Client, s.Document, s.Part)).Distinct().Count();
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
