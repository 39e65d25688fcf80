using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;
using Traza.Domain.Common;

namespace Traza.App.Imports;

/// <summary>The catalog layouts of SPEC §4.1 (tariffs, partners, rates, inpc, surcharges, terms): program-wide, client ''.</summary>
internal static class CatalogImport
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Add(ImportContext context, TableSpec table, object[] key, object[] content, long line) =>
        Add(context, table, key, content, line, static _ => { });

    /// <summary>As the other overload, with <paramref name="check"/> called on the insert before it is recorded.</summary>
    public static void Add(ImportContext context, TableSpec table, object[] key, object[] content, long line, Action<InsertResult> check)
    {
        var names = table.Key.Zip(key, (n, v) => (n, (object?)v)).ToArray();
        var result = context.Batch.Insert(table, key, content, line);
        check(result);
        context.Record(result, line, () => ImportService.Key(names));
    }
}

/// <summary><c>traza import tariffs</c>: key (fraccion, nico, valid_from).</summary>
public sealed class TariffsImport : ILayoutImport
{
    public string Layout => "tariffs";

    public string Description => "tariffs: fraccion, nico, mfn_pct, valid_from, valid_to";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new TariffsReader(source, context.FileName);
        foreach (var r in context.Rows(reader))
        {
            CatalogImport.Add(context, TableSpec.Tariff, [string.Empty, r.Fraccion.Code, r.Nico, CatalogImport.Date(r.ValidFrom)],
                [CanonicalText.Decimal(r.MfnPct), SqlText.Value(r.ValidTo)], r.Line);
        }
    }
}

/// <summary><c>traza import partners</c>: key (country, agreement, valid_from).</summary>
public sealed class PartnersImport : ILayoutImport
{
    public string Layout => "partners";

    public string Description => "partners: country, agreement, valid_from, valid_to";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new PartnersReader(source, context.FileName);
        foreach (var r in context.Rows(reader))
        {
            CatalogImport.Add(context, TableSpec.Partner, [string.Empty, r.Country, r.Agreement, CatalogImport.Date(r.ValidFrom)],
                [SqlText.Value(r.ValidTo)], r.Line);
        }
    }
}

/// <summary><c>traza import rates</c>: key (date).</summary>
public sealed class RatesImport : ILayoutImport
{
    public string Layout => "rates";

    public string Description => "rates: date, mxn_per_usd";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new RatesReader(source, context.FileName);
        foreach (var r in context.Rows(reader))
        {
            CatalogImport.Add(context, TableSpec.Rate, [string.Empty, CatalogImport.Date(r.Date)], [CanonicalText.Decimal(r.MxnPerUsd)], r.Line);
        }
    }
}

/// <summary><c>traza import inpc</c>: key (month).</summary>
public sealed class InpcImport : ILayoutImport
{
    public string Layout => "inpc";

    public string Description => "inpc: month (YYYY-MM), index";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = MonthlyReader.Inpc(source, context.FileName);
        foreach (var r in context.Rows(reader))
        {
            CatalogImport.Add(context, TableSpec.Inpc, [string.Empty, r.Month], [CanonicalText.Decimal(r.Value)], r.Line);
        }
    }
}

/// <summary><c>traza import surcharges</c>: key (month).</summary>
public sealed class SurchargesImport : ILayoutImport
{
    public string Layout => "surcharges";

    public string Description => "surcharges: month (YYYY-MM), pct";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = MonthlyReader.Surcharges(source, context.FileName);
        foreach (var r in context.Rows(reader))
        {
            CatalogImport.Add(context, TableSpec.Surcharge, [string.Empty, r.Month], [CanonicalText.Decimal(r.Value)], r.Line);
        }
    }
}

/// <summary><c>traza import terms</c>: key (the rule's kind, clave or fraccion, valid_from).</summary>
public sealed class TermsImport : ILayoutImport
{
    public string Layout => "terms";

    public string Description => "terms: kind or clave or fraccion, months (or program), valid_from, valid_to, note";

    public void Run(ImportContext context, IRecordSource source)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new TermsReader(source, context.FileName);
        foreach (var r in context.Rows(reader))
        {
            CatalogImport.Add(context, TableSpec.TermRule, [string.Empty, r.RuleOn, r.Key, CatalogImport.Date(r.ValidFrom)],
                [r.Months, SqlText.Value(r.ValidTo), SqlText.Value(r.Note)], r.Line,
                result => context.RequireStartsAfter(result, r.ValidFrom, r.Line, "a term rule"));
        }
    }
}
