using Traza.Domain.Catalogs;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class MoneyTests
{
    [Theory]
    [InlineData("USD", "USD")]
    [InlineData("usd", "USD")]
    [InlineData(" EUR ", "EUR")]
    [InlineData("MXN", "MXN")]
    [InlineData("MXP", "MXN")]
    [InlineData("ZZZ", "ZZZ")]
    public void Currency_codes_are_3_letters_with_MXP_read_as_MXN(string text, string code) =>
        CurrencyCode.Parse(text).Value.Code.ShouldBe(code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData("U$D")]
    [InlineData("12€")]
    public void Other_currency_codes_are_rejected(string? text) => CurrencyCode.Parse(text).IsOk.ShouldBeFalse();

    [Fact]
    public void Currency_missing_from_Apendice_5_is_only_a_warning()
    {
        var zzz = CurrencyCode.Parse("ZZZ").Value;

        CurrencyCatalog.Contains(zzz).ShouldBeFalse();
        CurrencyCatalog.Contains(CurrencyCode.Usd).ShouldBeTrue();
        CurrencyCatalog.Contains(CurrencyCode.Mxn).ShouldBeTrue();
    }

    [Fact]
    public void Money_parses_and_prints_invariant()
    {
        var m = Money.Parse("1234.50", CurrencyCode.Usd).Value;

        m.ShouldBe(Money.Usd(1234.5m));
        m.ToString().ShouldBe("1234.5 USD");
        Money.Parse("1,234.50", CurrencyCode.Usd).IsOk.ShouldBeFalse();
    }

    [Fact]
    public void Money_of_one_currency_adds_exactly() =>
        (Money.Mxn(0.1m) + Money.Mxn(0.2m) - Money.Mxn(0.3m)).ShouldBe(Money.Mxn(0m));

    [Fact]
    public void Money_of_different_currencies_does_not_add() =>
        Should.Throw<ArgumentException>(() => Money.Usd(1m) + Money.Mxn(1m));
}
