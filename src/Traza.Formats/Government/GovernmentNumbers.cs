namespace Traza.Formats.Government;

/// <summary>
/// The bound on numbers read from government files: an absolute value below 10^12, as SPEC §4.1 sets for the Traza
/// layouts — no partida's value or quantity comes near it, and sums over a whole ledger then stay exact in a decimal.
/// </summary>
public static class GovernmentNumbers
{
    private const decimal Limit = 1_000_000_000_000m;

    public static bool InRange(decimal value) => value > -Limit && value < Limit;
}
