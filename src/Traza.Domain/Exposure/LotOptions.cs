namespace Traza.Domain.Exposure;

/// <summary>
/// What the law lets a company do with an expiring or expired balance (regulatory.md §4.4, issue 14 item 3), in report
/// order.
/// </summary>
public enum LotOption
{
    /// <summary>Return abroad (clave RT; Ley Aduanera art. 108). After the deadline: the spontaneous late return of art. 183 fr. II.</summary>
    Return,

    /// <summary>Virtual transfer to another IMMEX program (clave V1, RGCE rule 4.3.21).</summary>
    Transfer,

    /// <summary>Change of regime to definitive import (F4; F5 for fixed-asset lots; Ley Aduanera art. 109).</summary>
    ChangeRegime,

    /// <summary>Regularization (clave A3, Apéndice 2 case II; case IV for art. 108-III goods; RGCE rule 2.5.2).</summary>
    Regularize,

    /// <summary>Destruction with the notice of RGCE rule 4.3.5 (an events row, no pedimento).</summary>
    Destruction,
}

/// <summary>
/// One option of a lot and what it would cost at D: <see cref="Taxes"/> (IGI + DTA + IVA + actualización + recargos of the
/// definitive import, 0 when the option pays none) plus the penalty range. Null amounts are unknown (a missing customs value,
/// tariff, INPC month, surcharge month or penalty rule), never zero; an unavailable option has none.
/// </summary>
/// <param name="Option">The option.</param>
/// <param name="Clave">The pedimento clave that carries it (empty for destruction: an events row).</param>
/// <param name="Available">Whether the law offers it at D (e.g. no transfer after the deadline).</param>
/// <param name="Taxes">The taxes it would pay; null when unavailable or unknown.</param>
/// <param name="PenaltyMin">The lower penalty; null when unavailable or unknown.</param>
/// <param name="PenaltyMax">The upper penalty; null when unavailable or unknown.</param>
/// <param name="Basis">The cost's formula, in words.</param>
/// <param name="Rule">The articles and rules behind the option and its cost.</param>
/// <param name="Note">What it implies, and what is UNCERTAIN or not computed.</param>
public sealed record OptionCost(
    LotOption Option, string Clave, bool Available, decimal? Taxes, decimal? PenaltyMin, decimal? PenaltyMax, string Basis, string Rule, string Note)
{
    /// <summary>Taxes + the lower penalty; null when either is unknown.</summary>
    public decimal? CostMin => Taxes is { } t && PenaltyMin is { } p ? t + p : null;

    /// <summary>Taxes + the upper penalty; null when either is unknown.</summary>
    public decimal? CostMax => Taxes is { } t && PenaltyMax is { } p ? t + p : null;

    /// <summary>The option's name in the report: return, transfer, change_regime, regularize, destruction.</summary>
    public string Name => LotOptions.Name(Option);
}

/// <summary>A lot's five options and the definitive-import taxes the change of regime and the regularization would pay.</summary>
public sealed record LotOptionCosts(TaxFigures Taxes, IReadOnlyList<OptionCost> Options);

/// <summary>
/// Prices the options of a lot at risk (issue 14 item 3) with the one tax formula of <see cref="ExposureCalculator"/>: a change
/// of regime or a regularization pays the <c>regularize</c> scenario's taxes at D (IGI, DTA, IVA, actualización and recargos
/// from the entry date); after the deadline the regularization and the late return add that scenario's fine (Ley Aduanera art.
/// 183 fr. II, spontaneous: before the authority acts); a return or a transfer before the deadline, and a destruction, pay no
/// taxes (IGI stays deferred and the IVA credit or guarantee is cancelled, regulatory.md §6.2, §6.3). Pure.
/// </summary>
public static class LotOptions
{
    /// <summary>The report's option names, in <see cref="LotOption"/> order.</summary>
    public static readonly IReadOnlyList<string> Names = ["return", "transfer", "change_regime", "regularize", "destruction"];

    public static string Name(LotOption option) => Names[(int)option];

    /// <summary>
    /// The five options of <paramref name="lot"/> at <paramref name="asOf"/>. <paramref name="fixedAsset"/>: an art. 108-III lot
    /// (F5 rather than F4; A3 case IV also before the deadline). <paramref name="withRecargos"/> false leaves recargos out of
    /// the change of regime before the deadline (art. 109 names only the actualización: UNCERTAIN, docs/cli.md).
    /// </summary>
    public static LotOptionCosts Price(
        ExposureLot lot, DateOnly asOf, ExposureTables tables, bool fixedAsset, bool withRecargos = true, bool round = true)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(tables);
        var x = ExposureCalculator.Assess(lot, asOf, tables, round);
        var t = x.Taxes;
        var fine = x.Scenarios[(int)ExposureScenario.Regularize];
        var expired = lot.Deadline is { } d && asOf > d;
        decimal? Definitive(bool recargos) =>
            t.Taxes is { } sum && t.Actualizacion is { } a && (!recargos || t.Recargos is not null) ? sum + a + (recargos ? t.Recargos!.Value : 0m) : null;
        var taxesFormula = "IGI + DTA + IVA + actualizacion + recargos (SPEC 3.9, the exposure's regularize taxes at D)";
        const string IvaNote = "IVA is counted though creditable (LIVA art. 5, 28-A for certified programs)";
        var regime = fixedAsset ? "F5" : "F4";
        var notAfter = "not available after the deadline: the goods are illegally in the country (Ley Aduanera art. 108); regularize (A3) or return late";

        OptionCost Return() => expired
            ? new(LotOption.Return, "RT", true, 0m, fine.PenaltyMin, fine.PenaltyMax,
                "0 taxes + the late-return fine per 15 days (or fraction) late, capped at the value", fine.Rule,
                "spontaneous: before the authority acts (art. 183 fr. II); once it acts, report exposure's authority scenario applies; "
                + "the export pedimento's DTA fixed quota and freight are not computed")
            : new(LotOption.Return, "RT", true, 0m, 0m, 0m,
                "0: IGI stays deferred, the IVA credit or guarantee is cancelled",
                "Ley Aduanera art. 108: return within the term",
                "the export pedimento's DTA fixed quota (LFD art. 49, 2026 amount UNCERTAIN) and freight are not computed");

        OptionCost Transfer() => expired
            ? new(LotOption.Transfer, "V1", false, null, null, null, string.Empty, "Ley Aduanera art. 108; RGCE rule 4.3.21", notAfter)
            : new(LotOption.Transfer, "V1", true, 0m, 0m, 0m,
                "0: the receiving IMMEX imports the goods temporarily (V1) and this program's balance is returned (V1)",
                "Ley Aduanera art. 108 (transfer within the term); RGCE rule 4.3.21 (virtual transfers, the same day)",
                "the counterparty takes the goods and a term of its own from its V1 entry (6 months for V1-received goods by secondary "
                + "sources, UNCERTAIN: docs/terms.md); clock-reset risk: a transfer that only restarts the term (e.g. back and forth "
                + "between related programs) may be challenged; the transferor is jointly liable (Ley Aduanera art. 53 fr. X)");

        OptionCost ChangeRegime() => expired
            ? new(LotOption.ChangeRegime, regime, false, null, null, null, string.Empty, "Ley Aduanera art. 108, 109", notAfter)
            : new(LotOption.ChangeRegime, regime, true, Definitive(withRecargos), 0m, 0m,
                withRecargos ? taxesFormula : "IGI + DTA + IVA + actualizacion (recargos left out: --change-recargos no)",
                "Ley Aduanera art. 109 (change of regime to definitive import, taxes updated from the entry month); no penalty before "
                + "the deadline; " + t.IgiRule,
                "UNCERTAIN: art. 109 names the actualizacion only, recargos follow SPEC 3.9 (--change-recargos no drops them); the "
                + "entry date's tariff is used (art. 56 fr. I; regulatory.md 6.6 says changes of regime may take the change date's); "
                + IvaNote);

        OptionCost Regularize()
        {
            if (expired)
            {
                var taxes = Definitive(true);
                return new(LotOption.Regularize, "A3", true, taxes, fine.PenaltyMin, fine.PenaltyMax,
                    taxesFormula + " + the late-return fine per 15 days (or fraction) late, capped at the value",
                    "Apendice 2 A3 case II, RGCE rule 2.5.2; " + fine.Rule + "; " + t.IgiRule,
                    "spontaneous: before the authority acts; once it acts, report exposure's authority scenario applies; " + IvaNote);
            }

            return fixedAsset
                ? new(LotOption.Regularize, "A3", true, Definitive(true), 0m, 0m, taxesFormula,
                    "Apendice 2 A3 case IV (Ley Aduanera art. 108-III goods), RGCE rule 2.5.2; no penalty before the deadline; " + t.IgiRule,
                    "UNCERTAIN: whether case IV applies before the term ends; F5 is the ordinary change of regime; " + IvaNote)
                : new(LotOption.Regularize, "A3", false, null, null, null, string.Empty, "Apendice 2 A3 case II, RGCE rule 2.5.2",
                    "not available before the deadline: A3 case II regularizes expired temporary imports; change the regime (" + regime + ") instead");
        }

        OptionCost Destruction() => expired
            ? new(LotOption.Destruction, string.Empty, false, null, null, null, string.Empty, "RGCE rule 4.3.5",
                "not available after the deadline (UNCERTAIN): the goods are illegally in the country (Ley Aduanera art. 108); regularize (A3) first")
            : new(LotOption.Destruction, string.Empty, true, 0m, 0m, 0m, "0: no taxes on goods destroyed under the program",
                "RGCE rule 4.3.5: notice before the destruction (or the monthly acta); an events row destruction discharges the lot",
                "not computed: the destruction's own cost, and the taxes on any waste of value left (Ley Aduanera art. 118: waste neither "
                + "destroyed nor returned pays them); rule 4.3.5 speaks of desperdicios, its use for whole goods is UNCERTAIN");

        return new LotOptionCosts(t, [Return(), Transfer(), ChangeRegime(), Regularize(), Destruction()]);
    }
}
