namespace Traza.Domain.Exposure;

/// <summary>
/// The loaded DOF exchange rates (SPEC §4.1 <c>rates</c>: date, MXN per USD), read as the rate that applies on that date.
/// <para>
/// Which rate values a lot (SPEC §3.4 "the loaded DOF rate of the entry date"): Ley Aduanera art. 56 fixes the date — the
/// entry date of the goods — and CFF art. 20 the rate: the one the DOF publishes for that day, and "los días en que no se
/// publique dicho tipo de cambio se aplicará el último tipo de cambio publicado con anterioridad" (regulatory.md §7.3). So
/// the row of the entry date, else the latest row before it, at most <see cref="MaxDaysBack"/> days before (the DOF
/// publishes every business day; a longer gap means the table was not loaded for that period, and an old rate would
/// value the lot silently wrong). No such row: no rate, and the lot has no customs value unless its row gave one.
/// </para>
/// </summary>
public sealed class ExchangeRates
{
    /// <summary>How far back a date without its own row may look (a weekend plus a holiday week, rounded up).</summary>
    public const int MaxDaysBack = 7;

    public static ExchangeRates Empty { get; } = new([]);

    private readonly DateOnly[] dates;
    private readonly decimal[] rates;

    public ExchangeRates(IEnumerable<(DateOnly Date, decimal MxnPerUsd)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = rows.GroupBy(r => r.Date).Select(g => g.Last()).OrderBy(r => r.Date).ToArray();
        dates = [.. sorted.Select(r => r.Date)];
        rates = [.. sorted.Select(r => r.MxnPerUsd)];
    }

    public int Count => dates.Length;

    /// <summary>The rate that applies on <paramref name="date"/> and the date of the row it came from; null when none.</summary>
    public (DateOnly Date, decimal MxnPerUsd)? On(DateOnly date)
    {
        var i = Array.BinarySearch(dates, date);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return i >= 0 && date.DayNumber - dates[i].DayNumber <= MaxDaysBack ? (dates[i], rates[i]) : null;
    }
}
