using System.Globalization;
using Traza.Storage;

namespace Traza.App.Periods;

/// <summary>
/// The closed periods (SPEC §5 <c>traza close</c>/<c>traza reopen</c>; docs/architecture.md "Period close"): every month up to
/// and including <see cref="ClosedThrough"/>'s month is closed. Closing a month closes every earlier month too and
/// reopening one reopens every later one, because the discharge runs in date order: a movement dated in an open month
/// before a closed one would change the closed month's FIFO allocations. The one check every writer of dated rows calls
/// (imports, reversals, rectifications) is <see cref="RequireOpen"/>.
/// </summary>
public sealed class ClosedPeriods
{
    private ClosedPeriods(DateOnly? closedThrough) => ClosedThrough = closedThrough;

    /// <summary>No period closed.</summary>
    public static ClosedPeriods None { get; } = new(null);

    /// <summary>The last day of the latest closed month; null when no period is closed.</summary>
    public DateOnly? ClosedThrough { get; }

    /// <summary>The latest closed month (<c>YYYY-MM</c>), or null.</summary>
    public string? LatestClosed => ClosedThrough is { } d ? Month(d) : null;

    /// <summary>The closed periods as the stored close and reopen actions leave them.</summary>
    public static ClosedPeriods Load(ITrazaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Replay(store.LoadPeriodActions());
    }

    /// <summary>Replays close and reopen actions in the order they were recorded.</summary>
    public static ClosedPeriods Replay(IEnumerable<PeriodActionRecord> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        DateOnly? through = null;
        foreach (var action in actions)
        {
            var first = FirstDay(action.Period);
            if (string.Equals(action.Action, PeriodService.CloseAction, StringComparison.Ordinal))
            {
                var last = first.AddMonths(1).AddDays(-1);
                through = through is { } t && t > last ? t : last;
            }
            else if (through is { } t && first <= t)
            {
                through = first.AddDays(-1);
            }
        }

        return new ClosedPeriods(through);
    }

    /// <summary>True when <paramref name="date"/> falls in a closed period.</summary>
    public bool IsClosed(DateOnly date) => ClosedThrough is { } t && date <= t;

    /// <summary>
    /// A row of <paramref name="fileName"/> dated <paramref name="date"/> (in <paramref name="column"/>) may be written only
    /// when its month is open; otherwise a conflict (exit 4) naming file, line and the closed period.
    /// </summary>
    public void RequireOpen(DateOnly date, string fileName, long line, string column, string what = "a movement")
    {
        if (!IsClosed(date))
        {
            return;
        }

        throw AppException.Conflict(
            $"file {fileName}, line {line.ToString(CultureInfo.InvariantCulture)}, column {column}: {what} dated " +
            $"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} falls in closed period {Month(date)} " +
            $"(closed through {LatestClosed}); reopen it first (traza reopen --period {Month(date)} --reason R); nothing written");
    }

    /// <summary>
    /// As <see cref="RequireOpen"/> for a dated version (a BOM row, a term rule) in force from <paramref name="validFrom"/>
    /// (null = from the beginning): it changes how closed-period movements are valued or exploded when it starts on or
    /// before the last closed day.
    /// </summary>
    public void RequireStartsAfter(DateOnly? validFrom, string fileName, long line, string what)
    {
        if (ClosedThrough is not { } t || (validFrom is { } from && from > t))
        {
            return;
        }

        var start = validFrom is { } f ? "from " + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "with an empty valid_from";
        throw AppException.Conflict(
            $"file {fileName}, line {line.ToString(CultureInfo.InvariantCulture)}, column valid_from: {what} in force {start} " +
            $"reaches closed period {LatestClosed} (closed through {t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}); " +
            $"give a valid_from after it or reopen the period first; nothing written");
    }

    /// <summary>The month of a date, <c>YYYY-MM</c>.</summary>
    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first day of a <c>YYYY-MM</c> month.</summary>
    public static DateOnly FirstDay(string period) =>
        DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
