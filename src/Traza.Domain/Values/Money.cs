using Traza.Domain.Common;

namespace Traza.Domain.Values;

/// <summary>
/// A currency code: 3 upper-case ASCII letters (ISO 4217, as Anexo 22 Apéndice 5 uses them). Apéndice 5 still
/// writes the Mexican peso as the legacy <c>MXP</c>; Traza reads it as <c>MXN</c>, the code its reports print
/// (<c>customs_value_mxn</c>). A code missing from Apéndice 5 is a warning for the caller
/// (<see cref="Catalogs.CurrencyCatalog"/>), never a parse failure.
/// </summary>
public readonly record struct CurrencyCode : IComparable<CurrencyCode>
{
    private readonly string? code;

    private CurrencyCode(string code) => this.code = code;

    public static CurrencyCode Usd { get; } = new("USD");

    public static CurrencyCode Mxn { get; } = new("MXN");

    public string Code => code ?? "XXX";

    /// <summary>Parses 3 letters, any case; <c>MXP</c> becomes <c>MXN</c>. Never throws.</summary>
    public static Result<CurrencyCode> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (t.Length != 3 || !Digits.AllUpperAscii(t))
        {
            return Result<CurrencyCode>.Fail($"a currency code of 3 letters (Apéndice 5), found '{text}'");
        }

        return string.Equals(t, "MXP", StringComparison.Ordinal) ? Mxn : new CurrencyCode(t);
    }

    /// <summary>Equal when the codes are equal (a default value equals its all-zero or placeholder code).</summary>
    public bool Equals(CurrencyCode other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    public int CompareTo(CurrencyCode other) => string.CompareOrdinal(Code, other.Code);

    public static bool operator <(CurrencyCode left, CurrencyCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(CurrencyCode left, CurrencyCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(CurrencyCode left, CurrencyCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(CurrencyCode left, CurrencyCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Code;
}

/// <summary>
/// An exact amount of money with its currency (SPEC §7: exact decimals end to end). Arithmetic across currencies
/// is a programming error and throws; conversion needs a rate and is the caller's business.
/// </summary>
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    public static Money Usd(decimal amount) => new(amount, CurrencyCode.Usd);

    public static Money Mxn(decimal amount) => new(amount, CurrencyCode.Mxn);

    /// <summary>Parses an invariant amount (SPEC §4.1) in the given currency. Never throws.</summary>
    public static Result<Money> Parse(string? text, CurrencyCode currency) =>
        Number.TryParseDecimal(text, out var amount)
            ? new Money(amount, currency)
            : Result<Money>.Fail($"an amount (invariant number such as 1234.56), found '{text}'");

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, Same(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, Same(left, right));

    public static Money Add(Money left, Money right) => left + right;

    public static Money Subtract(Money left, Money right) => left - right;

    /// <summary>The invariant amount, a space and the currency: <c>1234.5 USD</c>.</summary>
    public override string ToString() => $"{Number.Format(Amount)} {Currency}";

    private static CurrencyCode Same(Money left, Money right)
    {
        Guard.That(left.Currency == right.Currency, $"Money in different currencies: {left.Currency} and {right.Currency}.", nameof(right));
        return left.Currency;
    }
}
