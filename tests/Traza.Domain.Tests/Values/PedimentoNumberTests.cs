using Traza.Domain.Catalogs;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Values;

public class PedimentoNumberTests
{
    [Fact]
    public void Parse_spaced_form_gives_15_digits()
    {
        var result = PedimentoNumber.Parse("24  47  3420  4001234");

        result.IsOk.ShouldBeTrue();
        result.Value.Digits15.ShouldBe("244734204001234");
        result.Value.Aduana.ShouldBe("47");
    }

    [Fact]
    public void Parse_15_digits_splits_into_groups()
    {
        var p = PedimentoNumber.Parse("244734204001234").Value;

        p.Year2.ShouldBe("24");
        p.Aduana.ShouldBe("47");
        p.Patente.ShouldBe("3420");
        p.Consecutive.ShouldBe("4001234");
        p.Spaced.ShouldBe("24  47  3420  4001234");
        p.ToString().ShouldBe("244734204001234");
    }

    [Theory]
    [InlineData("24 47 3420 4001234")]
    [InlineData("  24  47  3420  4001234  ")]
    [InlineData("24\t47\t3420\t4001234")]
    [InlineData(" 244734204001234 ")]
    public void Parse_accepts_any_spacing_between_groups(string text) =>
        PedimentoNumber.Parse(text).Value.Digits15.ShouldBe("244734204001234");

    [Fact]
    public void Parse_keeps_leading_zeros_of_every_group()
    {
        var p = PedimentoNumber.Parse("20  07  0001  0000257").Value;

        p.Digits15.ShouldBe("200700010000257");
        p.Consecutive.ShouldBe("0000257");
        p.Patente.ShouldBe("0001");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("24473420400123")]
    [InlineData("2447342040012345")]
    [InlineData("24473420400123A")]
    [InlineData("24 47 3420 400123")]
    [InlineData("24 47 342 04001234")]
    [InlineData("2447 3420 4001234")]
    [InlineData("24-47-3420-4001234")]
    [InlineData("24 47 3420 4001234 1")]
    [InlineData("２４４７３４２０４００１２３４")]
    public void Parse_rejects_malformed_numbers(string? text)
    {
        var result = PedimentoNumber.Parse(text);

        result.IsOk.ShouldBeFalse();
        result.Error!.Message.ShouldContain("pedimento number");
        PedimentoNumber.IsPedimento(text).ShouldBeFalse();
    }

    [Fact]
    public void Year_digit_differing_from_year_is_a_note_not_an_error()
    {
        // A consolidated pedimento opened in 2025 and closed in January 2026 keeps the digit 5 (SPEC §3.1).
        var result = PedimentoNumber.Parse("26  07  3420  5001234");

        result.IsOk.ShouldBeTrue();
        result.Value.YearDigitDiffers.ShouldBeTrue();
        result.Value.Year2.ShouldBe("26");
    }

    [Fact]
    public void Year_digit_matching_year_is_not_flagged() =>
        PedimentoNumber.Parse("26  07  3420  6001234").Value.YearDigitDiffers.ShouldBeFalse();

    [Fact]
    public void FromParts_takes_year_from_date_and_aduana_from_seccion()
    {
        var p = PedimentoNumber.FromParts("3420", "0000257", "070", new DateOnly(2020, 3, 5)).Value;

        p.Digits15.ShouldBe("200734200000257");
        p.Aduana.ShouldBe("07");
        p.YearDigitDiffers.ShouldBeFalse();
    }

    [Fact]
    public void FromParts_pads_fields_a_spreadsheet_stripped()
    {
        var p = PedimentoNumber.FromParts("420", "257", "70", new DateOnly(2020, 3, 5)).Value;

        p.Digits15.ShouldBe("200704200000257");
    }

    [Fact]
    public void FromParts_never_changes_year_when_consecutive_digit_differs()
    {
        var p = PedimentoNumber.FromParts("3420", "5001234", "240", new DateOnly(2026, 1, 10)).Value;

        p.Year2.ShouldBe("26");
        p.Consecutive.ShouldBe("5001234");
        p.YearDigitDiffers.ShouldBeTrue();
    }

    [Fact]
    public void FromParts_uses_preferred_date_then_fallback()
    {
        PedimentoNumber.FromParts("3420", "1003952", "470", new DateOnly(2021, 12, 31), new DateOnly(2022, 1, 2))
            .Value.Year2.ShouldBe("21");
        PedimentoNumber.FromParts("3420", "1003952", "470", null, new DateOnly(2021, 5, 2)).Value.Year2.ShouldBe("21");
        PedimentoNumber.FromParts("3420", "1003952", "470", null, null).IsOk.ShouldBeFalse();
    }

    [Theory]
    [InlineData("34200", "0000257", "070", "Patente")]
    [InlineData("", "0000257", "070", "Patente")]
    [InlineData("34A0", "0000257", "070", "Patente")]
    [InlineData("3420", "00002570", "070", "Pedimento")]
    [InlineData("3420", "", "070", "Pedimento")]
    [InlineData("3420", "0000257", "0700", "SeccionAduanera")]
    [InlineData("3420", "0000257", "7O", "SeccionAduanera")]
    public void FromParts_rejects_bad_fields_naming_them(string patente, string pedimento, string seccion, string field) =>
        PedimentoNumber.FromParts(patente, pedimento, seccion, new DateOnly(2020, 1, 1)).Error!.Message.ShouldContain(field);

    [Fact]
    public void FromParts_and_Parse_agree()
    {
        var fromParts = PedimentoNumber.FromParts(" 3420 ", " 2004999 ", " 240 ", new DateOnly(2022, 7, 1)).Value;

        fromParts.ShouldBe(PedimentoNumber.Parse("22  24  3420  2004999").Value);
    }

    [Fact]
    public void Ordering_is_ordinal_on_15_digits()
    {
        var a = PedimentoNumber.Parse("210734200000001").Value;
        var b = PedimentoNumber.Parse("220734200000001").Value;

        (a < b).ShouldBeTrue();
        a.CompareTo(b).ShouldBeLessThan(0);
        (b >= a).ShouldBeTrue();
    }

    [Fact]
    public void Aduana_of_a_pedimento_is_checked_against_Apendice_1_as_a_warning()
    {
        AduanaCatalog.IsKnown(PedimentoNumber.Parse("24  47  3420  4001234").Value).ShouldBeTrue();
        var unknown = PedimentoNumber.Parse("24  99  3420  4001234");
        unknown.IsOk.ShouldBeTrue();
        AduanaCatalog.IsKnown(unknown.Value).ShouldBeFalse();
    }

    [Fact]
    public void Default_value_equals_the_all_zero_number_and_never_throws()
    {
        var zero = PedimentoNumber.Parse("000000000000000").Value;

        default(PedimentoNumber).ShouldBe(zero);
        default(PedimentoNumber).GetHashCode().ShouldBe(zero.GetHashCode());
        default(PedimentoNumber).Spaced.ShouldBe("00  00  0000  0000000");
    }
}
