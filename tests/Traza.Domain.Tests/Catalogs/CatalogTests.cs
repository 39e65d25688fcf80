using Traza.Domain.Catalogs;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Catalogs;

public class AduanaCatalogTests
{
    [Fact]
    public void Apendice_1_has_127_rows_as_amended_in_2026() => AduanaCatalog.All.Count.ShouldBe(127);

    [Theory]
    [InlineData("240", "Nuevo Laredo")]
    [InlineData("470", "Aeropuerto Internacional de la Ciudad de México")]
    [InlineData("070", "Ciudad Juárez")]
    [InlineData("70", "Ciudad Juárez")]
    [InlineData("850", "Felipe Ángeles")]
    public void Aduana_seccion_is_found_by_its_code(string code, string name) =>
        AduanaCatalog.Find(code)!.Name.ShouldContain(name);

    [Fact]
    public void Unknown_code_is_not_found()
    {
        AduanaCatalog.Find("999").ShouldBeNull();
        AduanaCatalog.Find(null).ShouldBeNull();
        AduanaCatalog.ContainsAduana("99").ShouldBeFalse();
    }

    [Fact]
    public void Main_office_is_section_zero() => AduanaCatalog.MainOffice("07")!.Code.ShouldBe("070");

    [Fact]
    public void Rows_without_a_section_digit_are_kept_and_flagged()
    {
        var blank = AduanaCatalog.All.Where(r => r.Code.Length == 0).ToList();

        blank.Count.ShouldBe(12);
        blank.ShouldAllBe(r => r.Note.Contains("verify"));
    }

    [Fact]
    public void Codes_are_three_digits_and_unique()
    {
        var codes = AduanaCatalog.All.Where(r => r.Code.Length > 0).Select(r => r.Code).ToList();

        codes.ShouldAllBe(c => c.Length == 3 && c.All(char.IsAsciiDigit));
        codes.Distinct().Count().ShouldBe(codes.Count);
    }
}

public class ClaveCatalogTests
{
    [Fact]
    public void Apendice_2_has_76_claves_and_legacy_A6() => ClaveCatalog.All.Count.ShouldBe(77);

    [Theory]
    [InlineData("IN", "Importación temporal de bienes que serán sujetos a transformación")]
    [InlineData("AF", "activo fijo")]
    [InlineData("RT", "Retorno de mercancías")]
    [InlineData("F5", "Cambio de régimen")]
    [InlineData("E2", "activo fijo (AGD)")]
    [InlineData("v1", "Transferencias")]
    public void Clave_has_its_official_title(string clave, string title) => ClaveCatalog.Find(clave)!.Title.ShouldContain(title);

    [Fact]
    public void Legacy_A6_is_included_and_flagged()
    {
        var a6 = ClaveCatalog.Find("A6")!;

        a6.Legacy.ShouldBeTrue();
        a6.Note.ShouldContain("UNCERTAIN");
        ClaveCatalog.Find("IN")!.Legacy.ShouldBeFalse();
    }

    [Fact]
    public void Every_clave_of_the_movement_files_is_in_Apendice_2_except_NAC() =>
        ClaveTable.All.Select(r => r.Clave).Where(c => c != "NAC").ShouldAllBe(c => ClaveCatalog.Contains(c, null));

    [Fact]
    public void Unknown_clave_is_not_found() => ClaveCatalog.Contains("ZZ").ShouldBeFalse();

    [Fact]
    public void Claves_are_unique_two_characters()
    {
        var claves = ClaveCatalog.All.Select(c => c.Clave).ToList();

        claves.ShouldAllBe(c => c.Length == 2);
        claves.Distinct().Count().ShouldBe(claves.Count);
    }
}

public class CountryCatalogTests
{
    [Theory]
    [InlineData("USA", "G8", "Estados Unidos")]
    [InlineData("CHN", "Z3", "China")]
    [InlineData("DEU", "A4", "Alemania")]
    public void Country_is_found_by_M3_code(string code, string fiii, string name)
    {
        var country = CountryCatalog.Find(CountryCode.Parse(code).Value)!;

        country.CodeFiii.ShouldBe(fiii);
        country.Name.ShouldContain(name);
        CountryCatalog.FindByFiii(fiii)!.Code.ShouldBe(code);
    }

    [Fact]
    public void Mexico_is_supplemented_and_noted()
    {
        var mex = CountryCatalog.Find(CountryCode.Mexico)!;

        mex.Note.ShouldContain("supplement");
        CountryCatalog.All.Count.ShouldBe(150);
    }
}

public class CurrencyCatalogTests
{
    [Fact]
    public void Peso_is_MXP_in_Apendice_5_and_found_as_MXN() =>
        CurrencyCatalog.Find(CurrencyCode.Mxn).ShouldHaveSingleItem().Code.ShouldBe("MXP");

    [Fact]
    public void A_currency_used_by_many_countries_has_many_rows() =>
        CurrencyCatalog.Find(CurrencyCode.Parse("EUR").Value).Count.ShouldBeGreaterThan(5);

    [Fact]
    public void Apendice_5_has_115_rows() => CurrencyCatalog.All.Count.ShouldBe(115);
}

public class IdentifierCatalogTests
{
    [Theory]
    [InlineData("IM", "IMMEX")]
    [InlineData("AF", "Activo fijo")]
    [InlineData("DE", "esperdicio")]
    [InlineData("V1", "ransferencia")]
    public void Identifier_has_its_description(string code, string text) =>
        IdentifierCatalog.Find(code).ShouldContain(i => i.Description.Contains(text, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Code_with_pedimento_and_partida_meanings_has_both() => IdentifierCatalog.Find("CF").Count.ShouldBe(2);

    [Fact]
    public void Title_broken_in_the_source_is_joined() =>
        IdentifierCatalog.Find("V8").ShouldHaveSingleItem().Description.ShouldContain("nacionales y nacionalizadas");

    [Fact]
    public void Every_code_is_two_or_three_characters() =>
        IdentifierCatalog.All.ShouldAllBe(i => i.Code.Length >= 2 && i.Code.Length <= 3 && i.Description.Length > 0);
}

public class RegimeCatalogTests
{
    [Fact]
    public void Apendice_16_has_the_ten_regimes()
    {
        RegimeCatalog.All.Count.ShouldBe(10);
        RegimeCatalog.Find("ite")!.Description.ShouldContain("IMMEX");
        RegimeCatalog.Contains("XXX").ShouldBeFalse();
    }
}

public class UnitCatalogTests
{
    [Fact]
    public void Apendice_7_has_22_units_including_uncertain_carat()
    {
        UnitCatalog.All.Count.ShouldBe(22);
        UnitCatalog.All[22].ShouldBe("Carat");
    }
}

public class CatalogResourceTests
{
    [Fact]
    public void Csv_line_splitting_handles_quotes_and_commas() =>
        CatalogResource.SplitCsvLine("a,\"b, c\",\"d \"\"e\"\"\",").ShouldBe(["a", "b, c", "d \"e\"", ""]);

    [Fact]
    public void Every_embedded_catalog_has_rows_of_its_header_width()
    {
        foreach (var (file, width) in new[]
        {
            ("aduanas.csv", 7), ("claves_pedimento.csv", 7), ("countries.csv", 4), ("currencies.csv", 3),
            ("identifiers.csv", 2), ("regimes.csv", 2), ("units.csv", 2), ("terms_default.csv", 8), ("claves.csv", 6),
        })
        {
            var rows = CatalogResource.ReadCsv(file).ToList();
            rows.ShouldNotBeEmpty(file);
            rows.ShouldAllBe(r => r.Length == width, file);
        }
    }
}
