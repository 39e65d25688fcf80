namespace Traza.Domain.Discharge;

/// <summary>
/// Exact quantities as 64-bit micro-units: SPEC §3.5 rounds each need half away from zero to 6 decimals, so the
/// engine works in integers of 10⁻⁶ UMC and converts at its edges.
/// </summary>
public static class Micro
{
    public const long PerUnit = 1_000_000;

    /// <summary>Rounds half away from zero to 6 decimals and scales to micro-units.</summary>
    public static long FromDecimal(decimal value) =>
        (long)(decimal.Round(value, 6, MidpointRounding.AwayFromZero) * PerUnit);

    public static decimal ToDecimal(long micro) => micro / (decimal)PerUnit;
}
