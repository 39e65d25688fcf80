using System.Globalization;
using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A unit of measure of Anexo 22 Apéndice 7 (UMC and UMT share one numeric catalog; Data Stage and M3 carry the
/// number, ENTERO 2). Unlike identity checks, membership in Apéndice 7 is the validation SPEC §3.1 asks for.
/// </summary>
public readonly record struct UnitCode : IComparable<UnitCode>
{
    private UnitCode(int code) => Code = code;

    /// <summary>Kilo (1).</summary>
    public static UnitCode Kilo { get; } = new(1);

    /// <summary>Pieza (6).</summary>
    public static UnitCode Pieza { get; } = new(6);

    public int Code { get; }

    /// <summary>The Apéndice 7 description (<c>Kilo</c>, <c>Pieza</c> …).</summary>
    public string Description => Catalogs.UnitCatalog.All.TryGetValue(Code, out var d) ? d : string.Empty;

    /// <summary>Parses the numeric code (<c>6</c> or <c>06</c>). Never throws.</summary>
    public static Result<UnitCode> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length is > 0 and <= 3 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? FromCode(code)
            : Fail(text);
    }

    /// <summary>The unit with this Apéndice 7 code.</summary>
    public static Result<UnitCode> FromCode(int code) =>
        Catalogs.UnitCatalog.Contains(code) ? new UnitCode(code) : Fail(code.ToString(CultureInfo.InvariantCulture));

    public int CompareTo(UnitCode other) => Code.CompareTo(other.Code);

    public static bool operator <(UnitCode left, UnitCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(UnitCode left, UnitCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(UnitCode left, UnitCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(UnitCode left, UnitCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code.ToString(CultureInfo.InvariantCulture);

    private static Result<UnitCode> Fail(string? text) => Result<UnitCode>.Fail($"a unit code of Apéndice 7 (1-22), found '{text}'");
}
