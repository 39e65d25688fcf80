using CsCheck;
using Traza.Domain.Exposure;

namespace Traza.Domain.Tests.Exposure;

/// <summary>
/// Issue 14 item 5: T-MEC art. 2.5 on one export dated 2026-03-10, worked by hand with <see cref="ExposureCalculatorTests.Tables"/>.
/// <code>
/// A USA TMEC, entered 2025-03-10, 40 of 100 allocated, lot value 50,000.00 → originating: IGI 0
/// B CHN, entered 2026-01-20, 4 of 10 allocated, lot value 10,000.00 → value 4000.00; IGI 35 % (2026 row) = 1400.00
/// C CHN, entered 2025-06-01, 30 of 200 allocated, lot value 12,345.67 → value 1851.8505 → 1851.85; IGI 5 % = 92.5925 → 92.59
/// Σ IGI = 1492.59; due 2026-03-10 + 60 days = 2026-05-09; contribution 12 (recargos 13)
/// destination duty 5 % of 20,000.00 = 1000.00 &lt; 1492.59 → amount due 1000.00, shared in proportion to IGI, in cents:
///   B 1400 × 100000 / 1492.59 = 93796.69 cents, C 9259 × 1000 / 1492.59 = 6203.31 → floors 93796 + 6203 = 99999,
///   the last cent to the larger remainder (B) → B 937.97, C 62.03
/// destination duty 10 % = 2000.00 ≥ 1492.59 → the amount due stays 1492.59
/// </code>
/// </summary>
public sealed class UsmcaTests
{
    private static readonly UsmcaInput[] Inputs =
    [
        new(new ExposureLot(new DateOnly(2025, 3, 10), null, 100m, 40m, 50_000m, "85444299", "00", "USA", "TMEC", false)),
        new(new ExposureLot(new DateOnly(2026, 1, 20), null, 10m, 4m, 10_000m, "85444299", "00", "CHN", null, false)),
        new(new ExposureLot(new DateOnly(2025, 6, 1), null, 200m, 30m, 12_345.67m, "85444299", "00", "CHN", null, false)),
    ];

    private static readonly DateOnly Export = new(2026, 3, 10);

    [Fact]
    public void Export_without_destination_duty_owes_the_igi_of_its_non_originating_inputs_worked_by_hand()
    {
        var x = Usmca.Assess(Export, Inputs, ExposureCalculatorTests.Tables, 20_000m, null);

        x.Inputs.Select(f => f.Originating).ShouldBe([true, false, false]);
        x.Inputs.Select(f => f.Igi).ShouldBe([0m, 1400.00m, 92.59m]);
        x.Inputs.Select(f => f.Value).ShouldBe([null, 4000.00m, 1851.85m]);
        x.Inputs.Select(f => f.AmountDue).ShouldBe([0m, 1400.00m, 92.59m]);
        (x.Igi, x.AmountDue, x.LesserOf, x.DestinationDuty, x.Complete).ShouldBe((1492.59m, 1492.59m, (decimal?)null, (decimal?)null, true));
        x.DueDate.ShouldBe(new DateOnly(2026, 5, 9));
        x.Note.ShouldContain("assumes the duty paid in the USA/CAN is not lower");
        x.Inputs[0].Rule.ShouldStartWith("originating: USA with preference TMEC");
        x.Inputs[1].Rule.ShouldBe("tariffs 85444299 from 2026-01-01: 35 % MFN (LA art. 56 fr. I)");
    }

    [Fact]
    public void Lower_destination_duty_is_the_amount_due_shared_cent_by_cent()
    {
        var x = Usmca.Assess(Export, Inputs, ExposureCalculatorTests.Tables, 20_000m, 5m);

        (x.DestinationDuty, x.LesserOf, x.AmountDue).ShouldBe((1000.00m, 1000.00m, 1000.00m));
        x.Inputs.Select(f => f.AmountDue).ShouldBe([0m, 937.97m, 62.03m]);

        var higher = Usmca.Assess(Export, Inputs, ExposureCalculatorTests.Tables, 20_000m, 10m);
        (higher.DestinationDuty, higher.LesserOf, higher.AmountDue).ShouldBe((2000.00m, 1492.59m, 1492.59m));
        higher.Inputs.Select(f => f.AmountDue).ShouldBe([0m, 1400.00m, 92.59m]);
    }

    [Fact]
    public void Excepted_and_unknown_inputs_are_named_never_zero()
    {
        UsmcaInput[] inputs =
        [
            Inputs[1] with { Exception = "containers and packaging" },
            new(Inputs[2].Lot with { CustomsValueMxn = null }),
        ];
        var x = Usmca.Assess(Export, inputs, ExposureCalculatorTests.Tables, 20_000m, 5m);

        x.Inputs[0].Rule.ShouldBe("excepted (RGCE rule 1.6.14): containers and packaging");
        x.Inputs[0].AmountDue.ShouldBe(0m);
        (x.Inputs[1].Igi, x.Inputs[1].Missing).ShouldBe(((decimal?)null, "customs value"));
        (x.Complete, x.LesserOf).ShouldBe((false, (decimal?)null));
    }

    [Fact]
    public void Destinations_and_due_dates()
    {
        Usmca.IsDestination(" usa ").ShouldBeTrue();
        Usmca.IsDestination("CAN").ShouldBeTrue();
        Usmca.IsDestination("JPN").ShouldBeFalse();
        Usmca.IsDestination(null).ShouldBeFalse();
        Usmca.DueDate(new DateOnly(2026, 3, 25)).ShouldBe(new DateOnly(2026, 5, 24));
    }

    /// <summary>The inputs' amounts due add up to the export's exactly, and their IGI to its IGI, whatever the duty.</summary>
    [Fact]
    public void Sum_over_input_lots_equals_the_export_total() =>
        Gen.Select(
            Gen.Select(Gen.Int[1, 1000], Gen.Long[0, 100_000_000L], Gen.OneOf("USA", "CHN", "KOR"), Gen.Bool)
                .Select((qty, cents, origin, preference) => new UsmcaInput(new ExposureLot(new DateOnly(2025, 6, 1), null, 1000m, qty, cents / 100m,
                    "85444299", "00", origin, preference ? "TMEC" : null, false))).Array[1, 12],
            Gen.Long[0, 1_000_000_000L], Gen.Int[0, 3000]).Sample((inputs, exportCents, dutyBasisPoints) =>
        {
            var x = Usmca.Assess(Export, inputs, ExposureCalculatorTests.Tables, exportCents / 100m, dutyBasisPoints / 100m);
            x.Inputs.Sum(f => f.AmountDue!.Value).ShouldBe(x.AmountDue);
            x.Inputs.Sum(f => f.Igi!.Value).ShouldBe(x.Igi);
            x.AmountDue.ShouldBeLessThanOrEqualTo(x.Igi);
            x.Inputs.ShouldAllBe(f => f.AmountDue <= f.Igi);
        });
}
