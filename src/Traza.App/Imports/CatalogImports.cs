using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;
using Traza.Domain.Common;

namespace Traza.App.Imports;

/// <summary>
/// The catalog layouts of SPEC §4.1 (tariffs, partners, rates, inpc, surcharges, terms): program-wide, client ''; rows are
/// appended in chunks (<see cref="AppendQueue{T}"/>) and settled in file order.
/// </summary>
internal sealed class CatalogImport
{
    private readonly ImportContext context;
    private readonly TableSpec table;
    private readonly RowBuffer buffer;
    private readonly AppendQueue<(object?[] Key, long Line, Action<InsertResult>? Check)> queue;

    public CatalogImport(ImportContext context, TableSpec table)
    {
        this.context = context;
        this.table = table;
        buffer = new RowBuffer(table.Columns);
        queue = context.Appends<(object?[] Key, long Line, Action<InsertResult>? Check)>(table, Settle);
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Queues a row; <paramref name="check"/> is called on its insert before it is recorded.</summary>
    public void Add(object[] key, object[] content, long line, Action<InsertResult>? check = null) =>
        queue.Add(LedgerRows.Encode(key, content, buffer), line, (key, line, check));

    public void Flush() => queue.Flush();

    private void Settle((object?[] Key, long Line, Action<InsertResult>? Check) row, InsertResult result)
    {
        row.Check?.Invoke(result);
        context.Record(result, row.Line, () => ImportService.Key([.. table.Key.Zip(row.Key, (n, v) => (n, v))]));
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
        var rows = new CatalogImport(context, TableSpec.Tariff);
        foreach (var r in context.Rows(reader))
        {
            rows.Add([string.Empty, r.Fraccion.Code, r.Nico, CatalogImport.Date(r.ValidFrom)],
                [CanonicalText.Decimal(r.MfnPct), SqlText.Value(r.ValidTo)], r.Line);
        }

        rows.Flush();
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
        var rows = new CatalogImport(context, TableSpec.Partner);
        foreach (var r in context.Rows(reader))
        {
            rows.Add([string.Empty, r.Country, r.Agreement, CatalogImport.Date(r.ValidFrom)],
                [SqlText.Value(r.ValidTo)], r.Line);
        }

        rows.Flush();
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
        var rows = new CatalogImport(context, TableSpec.Rate);
        foreach (var r in context.Rows(reader))
        {
            rows.Add([string.Empty, CatalogImport.Date(r.Date)], [CanonicalText.Decimal(r.MxnPerUsd)], r.Line);
        }

        rows.Flush();
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
        var rows = new CatalogImport(context, TableSpec.Inpc);
        foreach (var r in context.Rows(reader))
        {
            rows.Add([string.Empty, r.Month], [CanonicalText.Decimal(r.Value)], r.Line);
        }

        rows.Flush();
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
        var rows = new CatalogImport(context, TableSpec.Surcharge);
        foreach (var r in context.Rows(reader))
        {
            rows.Add([string.Empty, r.Month], [CanonicalText.Decimal(r.Value)], r.Line);
        }

        rows.Flush();
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
        var rows = new CatalogImport(context, TableSpec.TermRule);
        foreach (var r in context.Rows(reader))
        {
            rows.Add([string.Empty, r.RuleOn, r.Key, CatalogImport.Date(r.ValidFrom)],
                [r.Months, SqlText.Value(r.ValidTo), SqlText.Value(r.Note)], r.Line,
                result => context.RequireStartsAfter(result, r.ValidFrom, r.Line, "a term rule"));
        }

        rows.Flush();
    }
}
