using System.Globalization;
using CsCheck;
using Traza.Domain.Terms;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

/// <summary>parse(print(x)) == x for every value type, and no garbage makes a parser throw (SPEC §9).</summary>
public class ValuePropertyTests
{
    private static Gen<string> DigitsOf(int length) => Gen.String[Gen.Char['0', '9'], length, length];

    private static readonly Gen<string> Garbage = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char[" 0123456789.-+ABCÑ&ñxyz\t,e"], 0, 20],
        Gen.String[Gen.Char.AlphaNumeric, 0, 20]);

    [Fact]
    public void Pedimento_round_trips_through_both_forms() =>
        DigitsOf(15).Sample(digits =>
        {
            var p = PedimentoNumber.Parse(digits).Value;
            PedimentoNumber.Parse(p.ToString()).Value.ShouldBe(p);
            PedimentoNumber.Parse(p.Spaced).Value.ShouldBe(p);
            p.Digits15.ShouldBe(digits);
        });

    [Fact]
    public void Pedimento_from_parts_round_trips() =>
        Gen.Select(DigitsOf(4), DigitsOf(7), DigitsOf(3), Gen.Int[2000, 2099]).Sample((pat, num, sec, year) =>
        {
            var p = PedimentoNumber.FromParts(pat, num, sec, new DateOnly(year, 6, 1)).Value;
            p.Patente.ShouldBe(pat);
            p.Consecutive.ShouldBe(num);
            p.Aduana.ShouldBe(sec[..2]);
            p.Year2.ShouldBe((year % 100).ToString("00", CultureInfo.InvariantCulture));
        });

    [Fact]
    public void Fraccion_and_nico_round_trip() =>
        Gen.Select(DigitsOf(8), DigitsOf(2)).Sample((f, n) =>
        {
            var fraccion = Fraccion.Parse(f).Value;
            Fraccion.Parse(fraccion.ToString()).Value.ShouldBe(fraccion);
            Fraccion.Parse(fraccion.Dotted).Value.ShouldBe(fraccion);
            var nico = Nico.Parse(n).Value;
            Nico.Parse(nico.ToString()).Value.ShouldBe(nico);
        });

    [Fact]
    public void Rfc_round_trips() =>
        Gen.Select(
            Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZÑ&"], 3, 4],
            Gen.Date[new DateTime(1950, 1, 1), new DateTime(2049, 12, 31)],
            Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 3, 3]).Sample((letters, date, homoclave) =>
        {
            var text = letters + date.ToString("yyMMdd", CultureInfo.InvariantCulture) + homoclave;
            var rfc = Rfc.Parse(text).Value;
            rfc.Value.ShouldBe(text);
            Rfc.Parse(rfc.ToString()).Value.ShouldBe(rfc);
        });

    [Fact]
    public void Part_number_and_client_round_trip() =>
        Gen.String[Gen.Char.AlphaNumeric, 1, 100].Sample(s =>
        {
            PartNumber.Parse(PartNumber.Parse(s).Value.ToString()).Value.Value.ShouldBe(s);
            ClientId.Parse(ClientId.Parse(s).Value.ToString()).Value.Value.ShouldBe(s);
        });

    [Fact]
    public void Decimal_numbers_round_trip_through_the_invariant_form() =>
        Gen.Decimal.Sample(d =>
        {
            Number.TryParseDecimal(Number.Format(d), out var back).ShouldBeTrue();
            back.ShouldBe(d);
            var q = new Quantity(d, UnitCode.Kilo);
            Quantity.Parse(Number.Format(q.Value), q.Unit).Value.ShouldBe(q);
            Money.Parse(Number.Format(d), CurrencyCode.Usd).Value.ShouldBe(Money.Usd(d));
        });

    [Fact]
    public void Codes_round_trip() =>
        Gen.Select(Gen.String[Gen.Char['A', 'Z'], 3, 3], Gen.Int[1, 22], Gen.Int[1, TermLength.MaxMonths]).Sample((code, unit, months) =>
        {
            var currency = CurrencyCode.Parse(code).Value;
            CurrencyCode.Parse(currency.ToString()).Value.ShouldBe(currency);
            var country = CountryCode.Parse(code).Value;
            CountryCode.Parse(country.ToString()).Value.ShouldBe(country);
            var u = UnitCode.FromCode(unit).Value;
            UnitCode.Parse(u.ToString()).Value.ShouldBe(u);
            var length = TermLength.OfMonths(months);
            TermLength.Parse(length.ToString()).Value.ShouldBe(length);
        });

    [Fact]
    public void Garbage_never_makes_a_parser_throw() =>
        Garbage.Sample(s =>
        {
            _ = PedimentoNumber.Parse(s);
            _ = PedimentoNumber.FromParts(s, s, s, new DateOnly(2025, 1, 1));
            _ = Fraccion.Parse(s);
            _ = Nico.Parse(s);
            _ = Rfc.Parse(s);
            _ = PartNumber.Parse(s);
            _ = ClientId.Parse(s);
            _ = UnitCode.Parse(s);
            _ = Quantity.Parse(s, UnitCode.Pieza);
            _ = Money.Parse(s, CurrencyCode.Usd);
            _ = CurrencyCode.Parse(s);
            _ = CountryCode.Parse(s);
            _ = TermLength.Parse(s);
            _ = TermKey.Parse(s, null, null);
            _ = TermRule.Parse(s, s, s, s, s, s, s);
        }, iter: 20_000);

    [Fact]
    public void Garbage_of_the_right_length_is_refused_with_a_message() =>
        Gen.String[Gen.Char, 15, 15].Sample(s =>
        {
            var r = PedimentoNumber.Parse(s);
            (r.IsOk || r.Error!.Message.Length > 0).ShouldBeTrue();
        });
}
