using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Domain.Terms;

/// <summary>A lot's deadline and the rule it came from.</summary>
/// <param name="Rule">The rule applied; null when no rule matches the lot.</param>
/// <param name="Date">
/// The last day the goods may stay; null without a deadline (a <c>program</c> rule and a program without valid-to,
/// or no rule): such a lot is never expiring or expired.
/// </param>
public readonly record struct TermDeadline(TermRule? Rule, DateOnly? Date)
{
    public bool HasDeadline => Date is not null;
}

/// <summary>
/// Deadlines of temporarily imported goods (Ley Aduanera art. 108; SPEC §3.7). Pure: no clock, no I/O.
/// </summary>
/// <remarks>
/// Art. 108-I: up to 18 months (consumables, raw materials, parts and components, packaging, labels); 108-II: up to 2
/// years (containers and trailer boxes); 108-III: for the vigencia of the IMMEX program (machinery, equipment, tools,
/// molds …). Goods not returned, transferred or changed to another regime within the term are illegally in the
/// country (art. 108, last paragraph; the A3 regularization of Apéndice 2 case II).
/// </remarks>
public static class TermCalculator
{
    /// <summary>
    /// The deadline of a lot: the rule from <see cref="TermOptions.Rules"/> for (<paramref name="kind"/>,
    /// <paramref name="clave"/>, <paramref name="fraccion"/>) in force on <paramref name="entryDate"/> (fracción over
    /// clave over kind), applied as <see cref="Apply"/> does.
    /// </summary>
    /// <param name="kind">The part's kind.</param>
    /// <param name="clave">The lot's entry clave (the rectified clave after a rectification, SPEC §3.8); may be empty.</param>
    /// <param name="fraccion">The part's fracción, when known.</param>
    /// <param name="entryDate">The lot's fecha de entrada (SPEC §3.4).</param>
    /// <param name="programValidTo">The IMMEX program's valid-to; null when it has none.</param>
    /// <param name="options">Rules and options; <see cref="TermOptions.Default"/> when null.</param>
    public static TermDeadline Deadline(
        PartKind kind, string? clave, Fraccion? fraccion, DateOnly entryDate, DateOnly? programValidTo, TermOptions? options = null)
    {
        var o = options ?? TermOptions.Default;
        var rule = o.Rules.Find(kind, clave, fraccion, entryDate);
        return rule is null ? new TermDeadline(null, null) : new TermDeadline(rule, Cap(Apply(rule.Length, entryDate, programValidTo, o), o));
    }

    /// <summary>
    /// A deadline after the program's cancellation (<see cref="TermOptions.CancelledOn"/>): the earlier of
    /// <paramref name="deadline"/> and the cancellation's last day; a deadline that was empty (a <c>program</c> rule
    /// without valid-to) becomes the cancellation's last day. Unchanged when the program is not cancelled.
    /// </summary>
    public static DateOnly? Cap(DateOnly? deadline, TermOptions? options)
    {
        if (options?.CancellationDeadline is not { } last)
        {
            return deadline;
        }

        return deadline is { } d && d < last ? d : last;
    }

    /// <summary>
    /// The deadline a term length gives: for months, <see cref="AddMonths"/>; for <c>program</c> (art. 108-III), the
    /// program's valid-to, or null when the program has none.
    /// </summary>
    public static DateOnly? Apply(TermLength length, DateOnly entryDate, DateOnly? programValidTo, TermOptions? options = null) =>
        length.Months is { } months ? AddMonths(entryDate, months, options) : programValidTo;

    /// <summary>
    /// Adds calendar months to the entry date (SPEC §3.7). When the entry's day does not exist in the target month the
    /// deadline is the last day of that month (2025-08-31 + 18 months = 2027-02-28), or, with
    /// <see cref="MissingDayRule.FirstBusinessDayOfNextMonth"/>, the first business day of the next month (CFF art. 12).
    /// With <see cref="TermOptions.ExtendToBusinessDay"/> a deadline on a non-business day moves to the next one.
    /// </summary>
    public static DateOnly AddMonths(DateOnly entryDate, int months, TermOptions? options = null)
    {
        var o = options ?? TermOptions.Default;
        var target = entryDate.AddMonths(months);
        if (target.Day != entryDate.Day && o.MissingDay == MissingDayRule.FirstBusinessDayOfNextMonth)
        {
            target = o.Calendar.OnOrAfter(new DateOnly(target.Year, target.Month, 1).AddMonths(1));
        }

        return o.ExtendToBusinessDay ? o.Calendar.OnOrAfter(target) : target;
    }
}
