using System.Globalization;
using Traza.Domain.Terms;
using Traza.Storage;

namespace Traza.App.Programs;

/// <summary>
/// The term rules and options a program's deadlines are computed with (SPEC §3.7; docs/terms.md): the shipped defaults,
/// the optional sets the program switched on, the program's imported <c>terms</c> rows over them (reversed rows count
/// nowhere: a reversal moves them out of <c>term_rule</c>), the CFF art. 12 options and the cancellation window — read
/// from the store, so every report that computes a deadline (balances, expiring, anything on <c>LotLedger</c>) uses them.
/// </summary>
public static class ProgramTerms
{
    /// <summary>The options for deadlines computed as of <paramref name="asOf"/> (the cancellation counts from its date).</summary>
    public static TermOptions For(ITrazaStore store, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Current(store).ToOptions(UserRules(store), asOf);
    }

    /// <summary>The program's term options in force: the last record (migration 0033), else the defaults.</summary>
    public static ProgramTermSettings Current(ITrazaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = store.LoadProgramTerms();
        return records.Count == 0 ? ProgramTermSettings.Default : FromRecord(records[^1]);
    }

    /// <summary>The program's <c>terms</c> rows (SPEC §4.1) as user rules; rows the import validated, so never invalid.</summary>
    public static IReadOnlyList<TermRule> UserRules(ITrazaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rules = new List<TermRule>();
        foreach (var r in store.LoadTermRules())
        {
            var parsed = TermRule.Parse(
                r.RuleOn == "kind" ? r.Key : null,
                r.RuleOn == "clave" ? r.Key : null,
                r.RuleOn == "fraccion" ? r.Key : null,
                r.Months,
                Iso(r.ValidFrom),
                r.ValidTo is { } to ? Iso(to) : null,
                r.Note);
            rules.Add(parsed.IsOk
                ? parsed.Value
                : throw new InvalidOperationException($"term rule of batch {r.BatchId}, line {r.Line}: {parsed.Error!.Message}"));
        }

        return rules;
    }

    /// <summary>The settings a stored record holds.</summary>
    public static ProgramTermSettings FromRecord(ProgramTermsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sets = ProgramTermSettings.ParseSets(record.Sets);
        var missing = ProgramTermSettings.ParseMissingDay(record.MissingDay);
        if (!sets.IsOk || !missing.IsOk)
        {
            throw new InvalidOperationException($"program terms of batch {record.BatchId}: {(sets.Error ?? missing.Error)!.Message}");
        }

        return new ProgramTermSettings(sets.Value, missing.Value, record.ExtendToBusinessDay, record.CancelledOn, record.CancellationWindowDays);
    }

    /// <summary>The record that stores <paramref name="settings"/>.</summary>
    public static ProgramTermsRecord ToRecord(ProgramTermSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ProgramTermsRecord(settings.SetsText, settings.MissingDayText, settings.ExtendToBusinessDay, settings.CancelledOn,
            settings.CancellationWindowDays);
    }

    /// <summary>True when both settings give the same deadlines (the sets compared as sets).</summary>
    public static bool Same(ProgramTermSettings a, ProgramTermSettings b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ToRecord(a) == ToRecord(b);
    }

    /// <summary>The settings as <c>name=value</c> pairs, as <c>traza program show</c> prints them.</summary>
    public static IReadOnlyList<(string Name, string Value)> Describe(ProgramTermSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return
        [
            ("term_sets", settings.Sets.Count == 0 ? "none" : settings.SetsText),
            ("month_end", settings.MissingDayText),
            ("business_day_shift", settings.ExtendToBusinessDay ? "yes" : "no"),
            ("cancelled_on", settings.CancelledOn is { } c ? Iso(c) : "none"),
            ("cancellation_window_days", settings.CancellationWindowDays.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
