using System.Globalization;

namespace Traza.Domain.Discharge;

/// <summary>
/// A movement whose need cannot be represented: its quantity times its BOM factor reaches 10^12 UMC (the bound of every
/// §4.1 quantity, which keeps micro-units within 64 bits), or its BOM multiplies out beyond a decimal. The engine refuses
/// the whole run with it rather than overflow (issue 11); the caller names the movement's file and line from
/// <see cref="Sequence"/>.
/// </summary>
public sealed class DischargeRangeException : Exception
{
    public DischargeRangeException()
    {
    }

    public DischargeRangeException(string message)
        : base(message)
    {
    }

    public DischargeRangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DischargeRangeException(long sequence, string message, Exception? innerException = null)
        : base(message, innerException) => Sequence = sequence;

    /// <summary>The movement's <see cref="MovementDef.Sequence"/>; null when no movement is known (an explosion alone).</summary>
    public long? Sequence { get; }

    /// <summary>The largest need in micro-units: 10^12 UMC, exclusive.</summary>
    public const long MaxNeedMicro = 1_000_000_000_000 * Micro.PerUnit;

    internal static DischargeRangeException Need(in MovementDef m, string part, decimal factor, Exception? inner = null)
    {
        var need = string.Create(CultureInfo.InvariantCulture, $"qty {m.Qty} × {factor} per unit");
        return new(m.Sequence, $"a quantity whose need of part '{part}' ({need}) stays below 10^12; take the row back or correct the BOM",
            inner);
    }

    internal static DischargeRangeException Bom(string product, Exception inner) => new(
        string.Create(CultureInfo.InvariantCulture,
            $"a BOM of product '{product}' whose factors multiply out to less than 10^12 per unit of a leaf (they overflow)"),
        inner);
}
