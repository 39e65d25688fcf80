namespace Traza.Domain.Terms;

/// <summary>
/// The term of goods sent to a submanufacturer (RGCE rule 4.3.6; regulatory.md §4.3): 6 months from the day they leave,
/// extendable once by 6 more. Not yet applied by any report: Traza records <c>submanufacture_out</c>/<c>_in</c> events
/// (SPEC §3.5) but has no movement lot that would carry this deadline; this is the rule later work uses.
/// </summary>
public static class SubmanufactureTerm
{
    /// <summary>The term of rule 4.3.6, in months.</summary>
    public const int Months = 6;

    /// <summary>The one extension rule 4.3.6 allows, in months.</summary>
    public const int ExtensionMonths = 6;

    /// <summary>
    /// The last day goods sent on <paramref name="sentOn"/> may stay at the submanufacturer: 6 months later, or 12 with the
    /// extension; months are added as <see cref="TermCalculator.AddMonths"/> does (the program's month-end reading).
    /// </summary>
    public static DateOnly Deadline(DateOnly sentOn, bool extended, TermOptions? options = null) =>
        TermCalculator.AddMonths(sentOn, extended ? Months + ExtensionMonths : Months, options);
}
