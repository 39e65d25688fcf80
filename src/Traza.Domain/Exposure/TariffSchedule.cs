namespace Traza.Domain.Exposure;

/// <summary>A tariffs row (SPEC §4.1): the MFN ad valorem rate of a fracción and NICO ('' = the whole fracción) from a date.</summary>
public sealed record TariffLine(string Fraccion, string Nico, decimal MfnPct, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool InForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);

    /// <summary>How the report names the row: <c>tariffs 85444299.00 from 2026-01-01: 35 %</c>.</summary>
    public string Describe() =>
        FormattableString.Invariant($"tariffs {Fraccion}{(Nico.Length > 0 ? "." + Nico : string.Empty)} from {ValidFrom:yyyy-MM-dd}: {MfnPct} %");
}

/// <summary>
/// The loaded tariff schedule (SPEC §3.9: the MFN rate "of the lot's fracción and NICO (tariffs) in force on the entry date",
/// Ley Aduanera art. 56 fr. I; the 2026 increases for non-partner origins are rows of the same table). A row of the exact
/// NICO wins; a row with an empty NICO covers every NICO of its fracción. Among rows in force on the date, the latest
/// valid_from wins (a later row of a dated table supersedes an earlier one it overlaps).
/// </summary>
public sealed class TariffSchedule
{
    public static TariffSchedule Empty { get; } = new([]);

    private readonly Dictionary<(string, string), TariffLine[]> rows;

    public TariffSchedule(IEnumerable<TariffLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        rows = lines.GroupBy(l => (l.Fraccion.Trim(), l.Nico.Trim()))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(l => l.ValidFrom).ToArray());
    }

    /// <summary>The row in force on <paramref name="date"/> for the fracción and NICO; null when none.</summary>
    public TariffLine? On(string fraccion, string? nico, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(fraccion);
        var n = (nico ?? string.Empty).Trim();
        return (n.Length > 0 ? Find((fraccion.Trim(), n), date) : null) ?? Find((fraccion.Trim(), string.Empty), date);
    }

    private TariffLine? Find((string, string) key, DateOnly date) =>
        rows.TryGetValue(key, out var lines) ? Array.Find(lines, l => l.InForceOn(date)) : null;
}

/// <summary>A partners row (SPEC §4.1): a country's trade agreement in force from a date.</summary>
public sealed record PartnerLine(string Country, string Agreement, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool InForceOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date <= ValidTo);
}

/// <summary>
/// The loaded trade agreements (SPEC §3.9: IGI is 0 "when the lot's preference names an agreement in force on the entry date
/// for the lot's origin"). Country and agreement compare trimmed and case-insensitively (an agreement is a name, e.g.
/// <c>TMEC</c>; Apéndice 4 country codes are upper case).
/// </summary>
public sealed class TradePartners
{
    public static TradePartners Empty { get; } = new([]);

    private readonly PartnerLine[] rows;

    public TradePartners(IEnumerable<PartnerLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        rows = [.. lines.OrderByDescending(l => l.ValidFrom)];
    }

    /// <summary>The row that makes <paramref name="preference"/> apply to <paramref name="origin"/> on the date; null when none.</summary>
    public PartnerLine? InForce(string? origin, string? preference, DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(origin) || string.IsNullOrWhiteSpace(preference))
        {
            return null;
        }

        var (o, p) = (origin.Trim(), preference.Trim());
        return Array.Find(rows, l => l.InForceOn(date)
            && string.Equals(l.Country.Trim(), o, StringComparison.OrdinalIgnoreCase)
            && string.Equals(l.Agreement.Trim(), p, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A table keyed by month: the INPC (CFF art. 17-A) or the monthly surcharges rate (CFF art. 21).</summary>
public sealed class MonthlySeries
{
    public static MonthlySeries Empty { get; } = new([]);

    private readonly Dictionary<YearMonth, decimal> values;

    public MonthlySeries(IEnumerable<(YearMonth Month, decimal Value)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        values = [];
        foreach (var (month, value) in rows)
        {
            values[month] = value;
        }
    }

    public decimal? this[YearMonth month] => values.TryGetValue(month, out var v) ? v : null;
}
