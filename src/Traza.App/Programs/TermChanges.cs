using System.Globalization;
using Traza.Domain.Terms;

namespace Traza.App.Programs;

/// <summary>
/// The term options given on <c>traza init</c> or <c>traza program set</c> (docs/cli.md); null leaves an option as it is.
/// </summary>
/// <param name="Sets">The optional rule sets switched on (the whole list: sets not named are switched off).</param>
/// <param name="MissingDay">The month-end reading.</param>
/// <param name="ExtendToBusinessDay">The CFF art. 12 business-day shift.</param>
/// <param name="CancelledOn">The cancellation date, when <paramref name="Cancellation"/> is true (null: not cancelled).</param>
/// <param name="Cancellation">True when the cancellation date is given (a date, or <c>none</c> to clear it).</param>
/// <param name="WindowDays">The days a cancellation leaves.</param>
public sealed record TermChanges(
    IReadOnlyList<OptionalTermSet>? Sets,
    MissingDayRule? MissingDay,
    bool? ExtendToBusinessDay,
    DateOnly? CancelledOn,
    bool Cancellation,
    int? WindowDays)
{
    /// <summary>No change.</summary>
    public static TermChanges None { get; } = new(null, null, null, null, false, null);

    public bool IsEmpty => this == None;

    /// <summary>
    /// Reads the options' texts (null = not given): <c>--term-sets</c>, <c>--month-end</c>, <c>--business-day-shift</c>,
    /// <c>--cancelled-on</c> (a date or <c>none</c>), <c>--cancellation-window-days</c>. A bad value is a usage error (exit 2).
    /// </summary>
    public static TermChanges Parse(string? sets, string? monthEnd, string? businessDayShift, string? cancelledOn, string? windowDays)
    {
        IReadOnlyList<OptionalTermSet>? parsedSets = null;
        if (sets is not null)
        {
            var s = ProgramTermSettings.ParseSets(sets);
            parsedSets = s.IsOk ? s.Value : throw AppException.Usage($"option --term-sets: {s.Error!.Message}");
        }

        MissingDayRule? missing = null;
        if (monthEnd is not null)
        {
            var m = ProgramTermSettings.ParseMissingDay(monthEnd);
            missing = m.IsOk ? m.Value : throw AppException.Usage($"option --month-end: {m.Error!.Message}");
        }

        bool? shift = businessDayShift?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "yes" => true,
            "no" => false,
            _ => throw AppException.Usage($"option --business-day-shift: yes or no, found '{businessDayShift}'"),
        };

        DateOnly? cancelled = null;
        if (cancelledOn is not null && !string.Equals(cancelledOn.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            cancelled = DateOnly.TryParseExact(cancelledOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && d.Year is >= 2000 and <= 2099
                ? d
                : throw AppException.Usage($"option --cancelled-on: a date YYYY-MM-DD from 2000-01-01 to 2099-12-31, or none; found '{cancelledOn}'");
        }

        int? window = null;
        if (windowDays is not null)
        {
            window = int.TryParse(windowDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var w)
                && w <= TermOptions.MaxCancellationWindowDays
                ? w
                : throw AppException.Usage(
                    $"option --cancellation-window-days: a whole number of days from 0 to {TermOptions.MaxCancellationWindowDays} " +
                    $"({TermOptions.ReformedArt108WindowDays}: Ley Aduanera art. 108 as reformed; {TermOptions.Rule438WindowDays}: RGCE rule 4.3.8), found '{windowDays}'");
        }

        return new TermChanges(parsedSets, missing, shift, cancelled, cancelledOn is not null, window);
    }

    /// <summary><paramref name="settings"/> with these changes.</summary>
    public ProgramTermSettings ApplyTo(ProgramTermSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ProgramTermSettings(
            Sets ?? settings.Sets,
            MissingDay ?? settings.MissingDay,
            ExtendToBusinessDay ?? settings.ExtendToBusinessDay,
            Cancellation ? CancelledOn : settings.CancelledOn,
            WindowDays ?? settings.CancellationWindowDays);
    }
}
