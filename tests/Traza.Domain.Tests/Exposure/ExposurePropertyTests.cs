using CsCheck;
using Traza.Domain.Exposure;

namespace Traza.Domain.Tests.Exposure;

/// <summary>Issue 14 item 7: exposure is linear in the balance — exactly before rounding, within cents after.</summary>
public sealed class ExposurePropertyTests
{
    private static readonly Gen<ExposureLot> Lots =
        from entryDay in Gen.Int[new DateOnly(2025, 1, 1).DayNumber, new DateOnly(2026, 6, 30).DayNumber]
        from qty in Gen.Int[1, 1_000_000]
        from cents in Gen.Long[0, 10_000_000_000L]
        from origin in Gen.OneOf("USA", "CHN")
        from preference in Gen.Bool.Select(b => b ? "TMEC" : (string?)null)
        from creditable in Gen.Bool
        select new ExposureLot(DateOnly.FromDayNumber(entryDay), DateOnly.FromDayNumber(entryDay).AddMonths(18), qty, qty, cents / 100m,
            "85444299", "00", origin, preference, creditable);

    internal static readonly ExposureTables LinearTables = ExposureCalculatorTests.Tables with
    {
        Inpc = new MonthlySeries(Enumerable.Range(0, 72).Select(i => (new YearMonth(2024, 12).AddMonths(i), 130m + (i * 0.37m)))),
        Surcharges = new MonthlySeries(Enumerable.Range(0, 72).Select(i => (new YearMonth(2024, 12).AddMonths(i), 1.47m))),
    };

    private static IEnumerable<decimal?> Amounts(LotExposure x) =>
    [
        x.Taxes.Value, x.Taxes.Igi, x.Taxes.Dta, x.Taxes.Iva, x.Taxes.Actualizacion, x.Taxes.Recargos,
        x.Scenarios[1].PenaltyMin, x.Scenarios[1].PenaltyMax, x.Scenarios[2].PenaltyMin, x.Scenarios[2].PenaltyMax,
    ];

    /// <summary>
    /// Unrounded, the amounts of a balance split in two add up to those of the whole (up to decimal's 28 digits); rounded to
    /// cents at each line, within 10 cents (each of a handful of lines carries at most half a cent of each part). The
    /// late-return fine is a fixed amount per period capped at the value, not a share, and is left out.
    /// </summary>
    [Fact]
    public void Exposure_is_linear_in_the_balance() =>
        Gen.Select(Lots, Gen.Int[0, 1000], Gen.Int[0, 800]).Sample((lot, permille, daysAfter) =>
        {
            var asOf = lot.Deadline!.Value.AddDays(daysAfter - 90);
            if (asOf < lot.EntryDate)
            {
                asOf = lot.EntryDate;
            }

            var first = Math.Round(lot.Balance * permille / 1000m, 6);
            var second = lot.Balance - first;
            foreach (var round in new[] { false, true })
            {
                var whole = Amounts(ExposureCalculator.Assess(lot, asOf, LinearTables, round)).ToArray();
                var a = Amounts(ExposureCalculator.Assess(lot with { Balance = first }, asOf, LinearTables, round)).ToArray();
                var b = Amounts(ExposureCalculator.Assess(lot with { Balance = second }, asOf, LinearTables, round)).ToArray();
                for (var i = 0; i < whole.Length; i++)
                {
                    var difference = Math.Abs(whole[i]!.Value - (a[i]!.Value + b[i]!.Value));
                    difference.ShouldBeLessThanOrEqualTo(round ? 0.10m : 0.000_000_01m, $"amount {i}, rounded {round}");
                }
            }
        });
}
