using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>A unit of measure of Anexo 22 Apéndice 7 (UMC and UMT share one numeric catalog).</summary>
public readonly record struct UnitCode
{
    private UnitCode(int code) => Code = code;

    public int Code { get; }

    public static Result<UnitCode> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        if (int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            && Catalogs.UnitCatalog.Contains(code))
        {
            return new UnitCode(code);
        }

        return Result<UnitCode>.Fail($"a unit code of Apéndice 7 (1-22), found '{text}'");
    }

    public override string ToString() => Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An exact quantity with its Apéndice 7 unit.</summary>
public readonly record struct Quantity(decimal Value, UnitCode Unit)
{
    public override string ToString() => $"{Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} [{Unit}]";
}

/// <summary>An exact amount of money with its currency (ISO 4217; Apéndice 5 writes MXP for pesos).</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Usd(decimal amount) => new(amount, "USD");

    public static Money Mxn(decimal amount) => new(amount, "MXN");

    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
