using Traza.Domain.Model;
using Traza.Domain.Terms;
using Traza.Domain.Values;

namespace Traza.Domain.Tests.Terms;

public class TermRulesTests
{
    private static readonly DateOnly Entry2025 = new(2025, 6, 1);
    private static readonly DateOnly Entry2026 = new(2026, 6, 1);
    private static readonly Fraccion Molds = Fraccion.Parse("84807101").Value;

    private static TermLength? Length(TermRules rules, PartKind kind, string? clave = null, Fraccion? fraccion = null, DateOnly? entry = null) =>
        rules.Find(kind, clave, fraccion, entry ?? Entry2025)?.Length;

    private static TermRule User(string? kind, string? clave, string? fraccion, string months, string from, string? to = null) =>
        TermRule.Parse(kind, clave, fraccion, months, from, to, "user").Value;

    [Theory]
    [InlineData(PartKind.Material)]
    [InlineData(PartKind.Packaging)]
    [InlineData(PartKind.Consumable)]
    [InlineData(PartKind.Finished)]
    public void Default_108_I_kinds_are_18_months(PartKind kind) =>
        Length(TermRules.Default, kind, "IN").ShouldBe(TermLength.OfMonths(18));

    [Fact]
    public void Default_container_is_24_months_art_108_II() =>
        Length(TermRules.Default, PartKind.Container, "IN").ShouldBe(TermLength.OfMonths(24));

    [Theory]
    [InlineData(PartKind.Machinery)]
    [InlineData(PartKind.Tooling)]
    public void Default_machinery_and_tooling_follow_the_program_art_108_III(PartKind kind) =>
        Length(TermRules.Default, kind, "IN").ShouldBe(TermLength.Program);

    [Theory]
    [InlineData("AF")]
    [InlineData("E2")]
    [InlineData("A6")]
    [InlineData("af")]
    public void Default_fixed_asset_claves_follow_the_program(string clave) =>
        Length(TermRules.Default, PartKind.Material, clave).ShouldBe(TermLength.Program);

    [Fact]
    public void Every_kind_has_a_default_rule() =>
        Enum.GetValues<PartKind>().ShouldAllBe(k => TermRules.Default.Find(k, null, null, new DateOnly(2001, 1, 1)) != null);

    [Fact]
    public void Default_rules_cite_article_108() =>
        TermRules.Default.Rules.ShouldAllBe(r => r.Note.Contains("art. 108") && r.Source == TermRuleSource.Default);

    [Fact]
    public void Clave_rule_wins_over_kind_rule()
    {
        // A container entered as AF: the clave rule (program) beats the kind rule (24 months).
        var rule = TermRules.Default.Find(PartKind.Container, "AF", null, Entry2025)!;

        rule.Key.ShouldBe(TermKey.ForClave("AF"));
        rule.Length.ShouldBe(TermLength.Program);
    }

    [Fact]
    public void Fraccion_rule_wins_over_clave_rule()
    {
        var rules = TermRules.Default.With([User(null, null, "8480.71.01", "60", "2000-01-01")]);

        Length(rules, PartKind.Tooling, "AF", Molds).ShouldBe(TermLength.OfMonths(60));
    }

    [Fact]
    public void Fraccion_rule_wins_over_kind_rule()
    {
        var rules = TermRules.Default.With([User(null, null, "84807101", "12", "2000-01-01")]);

        Length(rules, PartKind.Material, "IN", Molds).ShouldBe(TermLength.OfMonths(12));
        Length(rules, PartKind.Material, "IN", Fraccion.Parse("85389099").Value).ShouldBe(TermLength.OfMonths(18));
    }

    [Fact]
    public void Precedence_holds_whatever_the_order_or_layer_of_the_rules()
    {
        // Even a default fracción rule beats a user clave rule: the key's level decides first (SPEC §3.7).
        var fraccion = new TermRule(TermKey.ForFraccion(Molds), TermLength.OfMonths(30), new DateOnly(2000, 1, 1), null, "f", TermRuleSource.Default, "default");
        var clave = User(null, "IN", null, "10", "2000-01-01");

        Length(TermRules.Of([clave, fraccion]), PartKind.Material, "IN", Molds).ShouldBe(TermLength.OfMonths(30));
        Length(TermRules.Of([fraccion, clave]), PartKind.Material, "IN", Molds).ShouldBe(TermLength.OfMonths(30));
    }

    [Fact]
    public void Rule_valid_from_2026_does_not_apply_to_a_2025_entry()
    {
        var rules = TermRules.Default.With([User("material", null, null, "12", "2026-01-01")]);

        Length(rules, PartKind.Material, "IN", entry: Entry2025).ShouldBe(TermLength.OfMonths(18));
        Length(rules, PartKind.Material, "IN", entry: Entry2026).ShouldBe(TermLength.OfMonths(12));
        Length(rules, PartKind.Material, "IN", entry: new DateOnly(2026, 1, 1)).ShouldBe(TermLength.OfMonths(12));
        Length(rules, PartKind.Material, "IN", entry: new DateOnly(2025, 12, 31)).ShouldBe(TermLength.OfMonths(18));
    }

    [Fact]
    public void Rule_past_its_valid_to_does_not_apply()
    {
        var rules = TermRules.Default.With([User("container", null, null, "12", "2020-01-01", "2024-12-31")]);

        Length(rules, PartKind.Container, entry: new DateOnly(2024, 12, 31)).ShouldBe(TermLength.OfMonths(12));
        Length(rules, PartKind.Container, entry: new DateOnly(2025, 1, 1)).ShouldBe(TermLength.OfMonths(24));
    }

    [Fact]
    public void Fraccion_rule_not_in_force_falls_back_to_clave_then_kind()
    {
        var rules = TermRules.Default.With([User(null, null, "84807101", "60", "2026-01-01")]);

        Length(rules, PartKind.Tooling, "AF", Molds, Entry2025).ShouldBe(TermLength.Program);
        Length(rules, PartKind.Material, "IN", Molds, Entry2025).ShouldBe(TermLength.OfMonths(18));
        Length(rules, PartKind.Material, "IN", Molds, Entry2026).ShouldBe(TermLength.OfMonths(60));
    }

    [Fact]
    public void Within_a_layer_the_latest_valid_from_in_force_wins()
    {
        var rules = TermRules.Of(
        [
            User("material", null, null, "18", "2000-01-01"),
            User("material", null, null, "12", "2026-01-01"),
            User("material", null, null, "24", "2010-01-01"),
        ]);

        Length(rules, PartKind.Material, entry: new DateOnly(2005, 1, 1)).ShouldBe(TermLength.OfMonths(18));
        Length(rules, PartKind.Material, entry: new DateOnly(2015, 1, 1)).ShouldBe(TermLength.OfMonths(24));
        Length(rules, PartKind.Material, entry: Entry2026).ShouldBe(TermLength.OfMonths(12));
    }

    [Fact]
    public void User_rule_overrides_the_default_of_the_same_key()
    {
        var rules = TermRules.Default.With([User("container", null, null, "36", "2000-01-01")]);

        var rule = rules.Find(PartKind.Container, "IN", null, Entry2025)!;

        rule.Length.ShouldBe(TermLength.OfMonths(36));
        rule.Source.ShouldBe(TermRuleSource.User);
    }

    [Fact]
    public void User_rule_overrides_even_an_older_dated_default()
    {
        // The user layer wins for the key even when the default's valid_from is later.
        var rules = TermRules.Default.With([User("material", null, null, "9", "1990-01-01")]);

        Length(rules, PartKind.Material, "IN").ShouldBe(TermLength.OfMonths(9));
    }

    [Fact]
    public void User_rule_for_a_new_key_extends_the_defaults()
    {
        var rules = TermRules.Default.With([User(null, "BM", null, "12", "2000-01-01")]);

        Length(rules, PartKind.Material, "BM").ShouldBe(TermLength.OfMonths(12));
        Length(rules, PartKind.Material, "IN").ShouldBe(TermLength.OfMonths(18));
        rules.Rules.Count.ShouldBe(TermRules.Default.Rules.Count + 1);
    }

    [Fact]
    public void Rules_of_only_the_given_list_have_no_defaults()
    {
        var rules = TermRules.Of([User(null, "IN", null, "18", "2000-01-01")]);

        rules.Find(PartKind.Container, "E1", null, Entry2025).ShouldBeNull();
        TermRules.Empty.Find(PartKind.Material, "IN", null, Entry2025).ShouldBeNull();
    }

    [Fact]
    public void Optional_sets_are_off_by_default()
    {
        Length(TermRules.Default, PartKind.Material, "V1").ShouldBe(TermLength.OfMonths(18));
        Length(TermRules.Default, PartKind.Tooling, "IN", entry: Entry2026).ShouldBe(TermLength.Program);
        TermRules.Default.Rules.ShouldAllBe(r => r.Set == "default");
    }

    [Fact]
    public void V1_set_gives_received_goods_6_months()
    {
        var rules = TermRules.Default.Enable(OptionalTermSet.V1SixMonths);

        Length(rules, PartKind.Material, "V1").ShouldBe(TermLength.OfMonths(6));
        Length(rules, PartKind.Material, "IN").ShouldBe(TermLength.OfMonths(18));
    }

    [Fact]
    public void Oea_set_gives_108_I_goods_36_months_and_leaves_containers()
    {
        var rules = TermRules.Default.Enable(OptionalTermSet.Oea36Months);

        Length(rules, PartKind.Material, "IN").ShouldBe(TermLength.OfMonths(36));
        Length(rules, PartKind.Finished, "IN").ShouldBe(TermLength.OfMonths(36));
        Length(rules, PartKind.Container, "IN").ShouldBe(TermLength.OfMonths(24));
    }

    [Fact]
    public void Industry_set_applies_to_entries_from_2026_only()
    {
        var rules = TermRules.Default.Enable(OptionalTermSet.Industry5And10Years);

        Length(rules, PartKind.Tooling, "IN", entry: Entry2026).ShouldBe(TermLength.OfMonths(60));
        Length(rules, PartKind.Machinery, "IN", entry: Entry2026).ShouldBe(TermLength.OfMonths(120));
        Length(rules, PartKind.Tooling, "IN", entry: Entry2025).ShouldBe(TermLength.Program);
    }

    [Fact]
    public void Industry_set_does_not_beat_the_AF_clave_rule() =>
        Length(TermRules.Default.Enable(OptionalTermSet.Industry5And10Years), PartKind.Tooling, "AF", entry: Entry2026)
            .ShouldBe(TermLength.Program);

    [Fact]
    public void Optional_rules_are_marked_uncertain()
    {
        foreach (var set in Enum.GetValues<OptionalTermSet>())
        {
            var rules = TermRules.OptionalSet(set);
            rules.ShouldNotBeEmpty();
            rules.ShouldAllBe(r => r.Note.StartsWith("UNCERTAIN", StringComparison.Ordinal) && r.Source == TermRuleSource.Optional);
        }
    }

    [Fact]
    public void Enabling_a_set_twice_adds_its_rules_once()
    {
        var once = TermRules.Default.Enable(OptionalTermSet.Oea36Months);
        var twice = once.Enable(OptionalTermSet.Oea36Months, OptionalTermSet.Oea36Months);

        twice.Rules.Count.ShouldBe(once.Rules.Count);
    }

    [Fact]
    public void User_rule_beats_an_enabled_optional_rule()
    {
        var rules = TermRules.Default.Enable(OptionalTermSet.V1SixMonths).With([User(null, "V1", null, "9", "2000-01-01")]);

        Length(rules, PartKind.Material, "V1").ShouldBe(TermLength.OfMonths(9));
    }

    [Fact]
    public void Shipped_rules_include_every_set()
    {
        TermRules.Shipped.Select(r => r.Set).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["default", "industry_5_10_years", "oea_36_months", "v1_6_months"]);
    }
}
