namespace Traza.Domain.Exposure;

/// <summary>
/// One input lot's share of an export (the quantity the discharge allocated to it) as <see cref="Usmca.Assess"/> needs it:
/// the lot with its balance set to that quantity, and an exception of rule 1.6.14 when one applies (containers and packaging,
/// fixed assets; null when none).
/// </summary>
public sealed record UsmcaInput(ExposureLot Lot, string? Exception = null);

/// <summary>
/// One input's figures: whether it is originating (and the partners row that makes it so), its IGI (null when unknown: no
/// customs value or tariff) and the part of the export's amount due it carries.
/// </summary>
public sealed record UsmcaInputFigures(
    UsmcaInput Input, bool Originating, PartnerLine? Partner, decimal? Value, decimal? IgiPct, decimal? Igi, decimal? AmountDue, string Rule, string Missing);

/// <summary>
/// An export's art. 2.5 figures: its inputs, Σ IGI of the non-originating ones, the duty its goods paid in the destination (when
/// known), the lesser of the two, and the amount due (the lesser-of when known, else Σ IGI), due <see cref="Usmca.DueDays"/>
/// days after the export.
/// </summary>
public sealed record UsmcaExport(
    DateOnly ExportDate,
    DateOnly DueDate,
    IReadOnlyList<UsmcaInputFigures> Inputs,
    decimal Igi,
    bool Complete,
    decimal? DestinationDuty,
    decimal? LesserOf,
    decimal AmountDue,
    string Note);

/// <summary>
/// T-MEC/USMCA art. 2.5 (regulatory.md §4.3, §6.4; issue 14 item 5): the IGI on the non-originating inputs of goods exported to
/// the United States or Canada, determined and paid by a pedimento complementario CT within 60 natural days after the export
/// (RGCE rule 1.6.14, Ley Aduanera art. 63-A), contribution code 12 and its recargos 13 (Apéndice 12), reduced to the duty
/// paid in the destination when lower (the lesser-of rule). The IGI of an input is <see cref="ExposureCalculator.Taxes"/>'s
/// (the rate of the entry date, 0 under a preference in force), on the allocated quantity's share of the lot's customs value.
/// Pure.
/// </summary>
public static class Usmca
{
    /// <summary>The destinations of art. 2.5 (Apéndice 4 codes).</summary>
    public static readonly IReadOnlyList<string> Destinations = ["USA", "CAN"];

    /// <summary>The origins whose inputs count as originating when they claim a preference in force (partners).</summary>
    public static readonly IReadOnlyList<string> OriginatingCountries = ["USA", "CAN", "MEX"];

    /// <summary>RGCE rule 1.6.14: the CT is filed within 60 natural days after the export pedimento.</summary>
    public const int DueDays = 60;

    /// <summary>Apéndice 12: contributions under T-MEC art. 2.5.</summary>
    public const string IgiContribution = "12";

    /// <summary>Apéndice 12: recargos under T-MEC art. 2.5.</summary>
    public const string RecargosContribution = "13";

    /// <summary>True for an export to the United States or Canada (trimmed, case-insensitive).</summary>
    public static bool IsDestination(string? country) =>
        country is not null && Destinations.Contains(country.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The last day to file the CT: the export date + 60 days.</summary>
    public static DateOnly DueDate(DateOnly exportDate) => exportDate.AddDays(DueDays);

    /// <summary>
    /// The partners row that makes an input originating — its origin is USA, CAN or MEX and its preference names an agreement
    /// in force on the entry date for that origin — or null (non-originating).
    /// </summary>
    public static PartnerLine? Originating(ExposureLot lot, TradePartners partners)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(partners);
        return lot.Origin is { } o && OriginatingCountries.Contains(o.Trim(), StringComparer.OrdinalIgnoreCase)
            ? partners.InForce(lot.Origin, lot.Preference, lot.EntryDate)
            : null;
    }

    /// <summary>
    /// The figures of one export line dated <paramref name="exportDate"/> with <paramref name="inputs"/>. The destination duty is
    /// <paramref name="exportValueMxn"/> × <paramref name="destinationDutyPct"/> ÷ 100 when both are known; then, when it is
    /// lower than Σ IGI, it is the amount due, shared among the inputs in proportion to their IGI, cent by cent (largest
    /// remainder), so the inputs' amounts add up to it exactly.
    /// </summary>
    public static UsmcaExport Assess(
        DateOnly exportDate, IReadOnlyList<UsmcaInput> inputs, ExposureTables tables, decimal? exportValueMxn, decimal? destinationDutyPct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(tables);
        var figures = new List<UsmcaInputFigures>(inputs.Count);
        foreach (var input in inputs)
        {
            if (input.Exception is { } exception)
            {
                figures.Add(new(input, false, null, null, null, 0m, 0m, "excepted (RGCE rule 1.6.14): " + exception, string.Empty));
                continue;
            }

            if (Originating(input.Lot, tables.Partners) is { } partner)
            {
                figures.Add(new(input, true, partner, null, null, 0m, 0m,
                    FormattableString.Invariant($"originating: {partner.Country} with preference {partner.Agreement} in force on {input.Lot.EntryDate:yyyy-MM-dd}; no art. 2.5 IGI"),
                    string.Empty));
                continue;
            }

            var t = ExposureCalculator.Taxes(input.Lot, exportDate, tables);
            var missing = new List<string>();
            if (t.Value is null)
            {
                missing.Add("customs value");
            }

            if (t.IgiPct is null)
            {
                missing.Add(t.IgiRule);
            }

            figures.Add(new(input, false, null, t.Value, t.IgiPct, t.Igi, t.Igi, t.IgiRule, string.Join("; ", missing)));
        }

        var complete = figures.TrueForAll(f => f.Igi is not null);
        var igi = figures.Sum(f => f.Igi ?? 0m);
        decimal? duty = exportValueMxn is { } v && destinationDutyPct is { } pct ? Cents(v * pct / 100m) : null;
        string note;
        decimal? lesser = null;
        if (duty is null)
        {
            note = destinationDutyPct is null
                ? "no destination duty given (--destination-duty-pct): the amount due assumes the duty paid in the USA/CAN is not lower than the IGI"
                : "the export has no value in MXN (no value_usd, or no DOF rate loaded for its date): no lesser-of; the amount due is the IGI";
        }
        else if (!complete)
        {
            note = "an input's IGI is unknown: no lesser-of; the amount due adds the IGI that is known";
        }
        else
        {
            lesser = Math.Min(igi, duty.Value);
            note = lesser < igi
                ? "lesser-of: the destination duty is lower than the IGI; the amount due is shared among the inputs in proportion to their IGI"
                : "lesser-of: the IGI is not higher than the destination duty";
            if (lesser < igi)
            {
                figures = Share(figures, lesser.Value, igi);
            }
        }

        return new UsmcaExport(exportDate, DueDate(exportDate), figures, igi, complete, duty, lesser, lesser ?? igi, note);
    }

    /// <summary>Shares <paramref name="amount"/> among the inputs in proportion to their IGI, in cents, by largest remainder.</summary>
    private static List<UsmcaInputFigures> Share(List<UsmcaInputFigures> figures, decimal amount, decimal igi)
    {
        var cents = decimal.ToInt64(amount * 100m);
        var floors = new long[figures.Count];
        var remainders = new decimal[figures.Count];
        long given = 0;
        for (var i = 0; i < figures.Count; i++)
        {
            var exact = igi == 0m ? 0m : figures[i].Igi!.Value * 100m * amount / igi;
            floors[i] = decimal.ToInt64(decimal.Floor(exact));
            remainders[i] = exact - floors[i];
            given += floors[i];
        }

        var order = Enumerable.Range(0, figures.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; given < cents && k < order.Length; k++, given++)
        {
            floors[order[k]]++;
        }

        return [.. figures.Select((f, i) => f with { AmountDue = floors[i] / 100m })];
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
