using Traza.Domain.Model;
using Traza.Domain.Terms;

namespace Traza.Domain.Tests.Terms;

public class TermRuleParseTests
{
    [Fact]
    public void Kind_row_parses()
    {
        var rule = TermRule.Parse("Container", "", null, "24", "2026-01-01", "", " note ").Value;

        rule.Key.ShouldBe(TermKey.ForKind(PartKind.Container));
        rule.Length.Months.ShouldBe(24);
        rule.ValidFrom.ShouldBe(new DateOnly(2026, 1, 1));
        rule.ValidTo.ShouldBeNull();
        rule.Note.ShouldBe("note");
        rule.Source.ShouldBe(TermRuleSource.User);
        rule.ToString().ShouldBe("kind=container 24 from 2026-01-01");
    }

    [Fact]
    public void Clave_row_with_program_parses()
    {
        var rule = TermRule.Parse(null, " af ", null, "PROGRAM", "2000-01-01", "2030-12-31", null).Value;

        rule.Key.ShouldBe(TermKey.ForClave("AF"));
        rule.Length.IsProgram.ShouldBeTrue();
        rule.ValidTo.ShouldBe(new DateOnly(2030, 12, 31));
    }

    [Fact]
    public void Fraccion_row_parses_dotted_or_plain() =>
        TermRule.Parse(null, null, "8480.71.01", "60", "2026-01-01", null, null).Value.Key.Value.ShouldBe("84807101");

    [Theory]
    [InlineData("material", "IN", null, "exactly one")]
    [InlineData(null, null, null, "exactly one")]
    [InlineData("material", null, "84807101", "exactly one")]
    [InlineData("robot", null, null, "a kind")]
    [InlineData(null, "A-1", null, "a clave")]
    [InlineData(null, null, "8480710", "fracción")]
    public void Row_with_a_bad_key_is_refused(string? kind, string? clave, string? fraccion, string expected) =>
        TermRule.Parse(kind, clave, fraccion, "18", "2000-01-01", null, null).Error!.Message.ShouldContain(expected);

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1201")]
    [InlineData("programa")]
    [InlineData("")]
    public void Row_with_bad_months_is_refused(string months) =>
        TermRule.Parse("material", null, null, months, "2000-01-01", null, null).Error!.Message.ShouldContain("months");

    [Theory]
    [InlineData("", null, "valid_from")]
    [InlineData("2026-02-30", null, "valid_from")]
    [InlineData("01/01/2026", null, "valid_from")]
    [InlineData("2026-01-01", "2026-13-01", "valid_to")]
    [InlineData("2026-01-01", "2025-12-31", "on or after")]
    public void Row_with_bad_dates_is_refused(string from, string? to, string expected) =>
        TermRule.Parse("material", null, null, "18", from, to, null).Error!.Message.ShouldContain(expected);

    [Fact]
    public void Term_length_prints_as_the_layout_writes_it()
    {
        TermLength.Program.ToString().ShouldBe("program");
        TermLength.OfMonths(18).ToString().ShouldBe("18");
        TermLength.OfMonths(0).ToString().ShouldBe("0"); // the terms layout accepts 0 (docs/cli.md): the deadline is the entry date
        Should.Throw<ArgumentException>(() => TermLength.OfMonths(-1));
    }
}
