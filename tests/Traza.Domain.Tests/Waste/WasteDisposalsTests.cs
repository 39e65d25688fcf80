using Traza.Domain.Model;

namespace Traza.Domain.Tests.Waste;

/// <summary>Waste disposals (issue 15 item 3; docs/cli.md "Waste"): which exits dispose of waste, and the rule 4.3.5 notice date.</summary>
public class WasteDisposalsTests
{
    [Theory]
    [InlineData("RT", "DE", true)]
    [InlineData("h1", "de", true)]
    [InlineData("F4", " DE ", true)]
    [InlineData("A3", "DE", true)]
    [InlineData("V1", "DE", false)]
    [InlineData("F5", "DE", false)]
    [InlineData("RT", "V", false)]
    [InlineData("RT", null, false)]
    public void Waste_exit_is_a_return_or_change_of_regime_with_case_DE(string clave, string? exitCase, bool waste) =>
        WasteDisposals.IsWasteExit(clave, exitCase).ShouldBe(waste);

    [Fact]
    public void Waste_exit_kind_returns_RT_and_H1_and_changes_regime_with_F4_and_A3()
    {
        WasteDisposals.OfExitClave("RT").ShouldBe(WasteDisposalKind.Return);
        WasteDisposals.OfExitClave("H1").ShouldBe(WasteDisposalKind.Return);
        WasteDisposals.OfExitClave("F4").ShouldBe(WasteDisposalKind.ChangeOfRegime);
        WasteDisposals.OfExitClave("A3").ShouldBe(WasteDisposalKind.ChangeOfRegime);
        WasteDisposalKind.ChangeOfRegime.Name().ShouldBe("change_of_regime");
    }

    [Theory]
    [InlineData("ACTA-07@2025-04-01", "ACTA-07", "2025-04-01", true)]
    [InlineData("ACTA 07 @ 2025-04-01", "ACTA 07", "2025-04-01", true)]
    [InlineData("a@b@2025-04-01", "a@b", "2025-04-01", true)]
    [InlineData("ACTA-07", "ACTA-07", null, true)]
    [InlineData("", "", null, true)]
    [InlineData("ACTA@2025-4-1", "ACTA@2025-4-1", null, false)]
    [InlineData("ACTA@2025-02-30", "ACTA@2025-02-30", null, false)]
    [InlineData("ACTA@", "ACTA@", null, false)]
    public void Reference_splits_into_the_acta_and_the_notice_date_after_the_last_at(string reference, string acta, string? notice, bool valid)
    {
        var (a, n) = WasteDisposals.SplitReference(reference, out var ok);
        ok.ShouldBe(valid);
        a.ShouldBe(acta);
        n.ShouldBe(notice is null ? null : DateOnly.Parse(notice, System.Globalization.CultureInfo.InvariantCulture));
    }
}
