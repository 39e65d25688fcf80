namespace Traza.Domain.Terms;

/// <summary>The status of a lot at a date (SPEC §6 <c>balances</c>.status).</summary>
public enum LotState
{
    /// <summary>Balance left, deadline more than 90 days away or none.</summary>
    Open,

    /// <summary>Balance left, deadline at most 90 days away (deadline − D ≤ 90) and not past.</summary>
    Expiring,

    /// <summary>Balance left and D is after the deadline: the goods are illegally in the country (art. 108).</summary>
    Expired,

    /// <summary>The balance is 0 (at the discharge's 6-decimal precision, SPEC §3.5).</summary>
    Closed,
}

/// <summary>Prints and parses <see cref="LotState"/> with the report's values (SPEC §6).</summary>
public static class LotStates
{
    public static readonly IReadOnlyList<string> Names = ["open", "expiring", "expired", "closed"];

    public static string Name(this LotState state) => Names[(int)state];

    public static bool TryParse(string? text, out LotState state)
    {
        var t = (text ?? string.Empty).Trim();
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], t, StringComparison.Ordinal))
            {
                state = (LotState)i;
                return true;
            }
        }

        state = default;
        return false;
    }
}

/// <summary>
/// A lot's status and days left at a date D (SPEC §6 <c>balances</c>; C6 alerts at 90/60/30 days): <c>closed</c>
/// when the balance is 0, else <c>expired</c> when D is after the deadline, else <c>expiring</c> when the deadline is
/// at most 90 days away, else <c>open</c>. A lot without a deadline is open (or closed), never expiring or expired.
/// </summary>
/// <param name="State">The status.</param>
/// <param name="DaysLeft">deadline − D in days, negative when past, null without a deadline (whatever the state).</param>
public readonly record struct LotStatus(LotState State, int? DaysLeft)
{
    /// <summary>The window of <see cref="LotState.Expiring"/> (SPEC §6).</summary>
    public const int ExpiringWithinDays = 90;

    /// <summary>
    /// The C6 alert band of an expiring lot: 30, 60 or 90 (the smallest of them ≥ days left); null otherwise.
    /// </summary>
    public int? AlertBand => State == LotState.Expiring && DaysLeft is { } d ? d <= 30 ? 30 : d <= 60 ? 60 : 90 : null;

    /// <summary>
    /// The values of the <c>alert_band</c> column of <c>balances</c> and <c>expiring</c> (regulatory.md §4.4: alerts at 90, 60
    /// and 30 days), by <see cref="AlertBandIndex"/>: empty (open beyond 90 days, closed, or no deadline), <c>90</c> (61 to 90
    /// days left), <c>60</c> (31 to 60), <c>30</c> (0 to 30: the deadline day itself is still 30), <c>expired</c> (past the
    /// deadline with a balance).
    /// </summary>
    public static readonly IReadOnlyList<string> AlertBandNames = ["", "90", "60", "30", "expired"];

    /// <summary>The index of this status's <c>alert_band</c> in <see cref="AlertBandNames"/>.</summary>
    public int AlertBandIndex => State == LotState.Expired ? 4 : AlertBand switch { 30 => 3, 60 => 2, 90 => 1, _ => 0 };

    /// <summary>The <c>alert_band</c> column's value (see <see cref="AlertBandNames"/>).</summary>
    public string AlertBandName => AlertBandNames[AlertBandIndex];

    /// <summary>
    /// The status at <paramref name="asOf"/> of a lot with <paramref name="balance"/> (closed when it rounds to 0 at 6
    /// decimals) and <paramref name="deadline"/>.
    /// </summary>
    public static LotStatus At(decimal balance, DateOnly? deadline, DateOnly asOf) =>
        At(Math.Round(balance, 6, MidpointRounding.AwayFromZero) == 0m, deadline, asOf);

    /// <summary>The status at <paramref name="asOf"/> of a lot known to be closed or not.</summary>
    public static LotStatus At(bool closed, DateOnly? deadline, DateOnly asOf)
    {
        int? daysLeft = deadline is { } d ? d.DayNumber - asOf.DayNumber : null;
        var state = closed ? LotState.Closed
            : daysLeft is null ? LotState.Open
            : daysLeft < 0 ? LotState.Expired
            : daysLeft <= ExpiringWithinDays ? LotState.Expiring
            : LotState.Open;
        return new LotStatus(state, daysLeft);
    }
}
