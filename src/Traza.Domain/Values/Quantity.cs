using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// An exact quantity with its Apéndice 7 unit (SPEC §7: quantities are exact decimals end to end). Adding or
/// subtracting quantities of different units is a programming error and throws.
/// </summary>
public readonly record struct Quantity(decimal Value, UnitCode Unit)
{
    /// <summary>The decimals the discharge keeps (SPEC §3.5: needs are rounded to 6 decimals).</summary>
    public const int Decimals = 6;

    public bool IsZero => Value == 0m;

    /// <summary>
    /// Parses an invariant number (<c>.</c> decimal point, optional leading sign, no grouping, no exponent; SPEC §4.1)
    /// in the given unit. Never throws.
    /// </summary>
    public static Result<Quantity> Parse(string? text, UnitCode unit) =>
        Number.TryParseDecimal(text, out var value)
            ? new Quantity(value, unit)
            : Result<Quantity>.Fail($"a quantity (invariant number such as 12.5), found '{text}'");

    /// <summary>Rounds half away from zero to <see cref="Decimals"/> decimals (SPEC §3.5).</summary>
    public Quantity Round() => this with { Value = Math.Round(Value, Decimals, MidpointRounding.AwayFromZero) };

    public static Quantity operator +(Quantity left, Quantity right) => new(left.Value + right.Value, SameUnit(left, right));

    public static Quantity operator -(Quantity left, Quantity right) => new(left.Value - right.Value, SameUnit(left, right));

    public static Quantity Add(Quantity left, Quantity right) => left + right;

    public static Quantity Subtract(Quantity left, Quantity right) => left - right;

    /// <summary>The invariant number, then the unit code in brackets: <c>12.5 [6]</c>.</summary>
    public override string ToString() => $"{Number.Format(Value)} [{Unit}]";

    private static UnitCode SameUnit(Quantity left, Quantity right)
    {
        Guard.That(left.Unit == right.Unit, $"Quantities in different units: {left.Unit} and {right.Unit}.", nameof(right));
        return left.Unit;
    }
}

/// <summary>Invariant number parsing and printing as SPEC §4.1 and §6 state them.</summary>
public static class Number
{
    /// <summary>
    /// Parses <c>[-+]digits[.digits]</c> (invariant culture; no grouping, no exponent, no currency sign) into an exact
    /// decimal. Surrounding white space is ignored. Never throws.
    /// </summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        var t = (text ?? string.Empty).Trim();
        value = 0m;
        return t.Length is > 0 and <= 64
            && decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Prints an exact decimal invariantly without grouping, exponent or trailing zeros (SPEC §6).</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
