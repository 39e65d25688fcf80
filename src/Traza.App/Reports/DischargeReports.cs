using System.Globalization;
using Traza.Formats.Reports;


namespace Traza.App.Reports;

/// <summary>SPEC §6 <c>balances</c>.</summary>
public sealed class BalancesCatalogReport : IReport
{
    public string Name => "balances";

    public string Description => "one row per pedimento lot: entered, discharged, balance, deadline and status";

    public IReadOnlyList<ReportColumn> Columns => BalancesReport.Columns;

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BalancesReport.Build(context.Store, context.AsOf, context.Client);
    }
}

/// <summary>SPEC §6 <c>expiring --within DAYS</c> (default 90).</summary>
public sealed class ExpiringCatalogReport : IReport
{
    /// <summary>A century ahead: beyond it the horizon is past any deadline a §4.1 date can give.</summary>
    private const int MaxWithin = 36_500;

    public string Name => "expiring";

    public string Description => "the balances rows due within --within days (default 90) or past due";

    public IReadOnlyList<ReportColumn> Columns => BalancesReport.Columns;

    public IReadOnlyList<ReportOption> Options => [new("within", "days ahead to include (default 90)")];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BalancesReport.Expiring(context.Store, context.AsOf, context.Client, Within(context));
    }

    /// <summary>The <c>--within DAYS</c> option (default 90), shared with <c>report options</c>.</summary>
    internal static int Within(ReportContext context)
    {
        var text = context.Option("within");
        var within = 90;
        if (!string.IsNullOrWhiteSpace(text)
            && !(int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out within) && within <= MaxWithin))
        {
            throw AppException.Usage($"option --within: a whole number of days from 0 to {MaxWithin}, found '{text}'");
        }

        return within;
    }
}

/// <summary>SPEC §6 <c>shortages</c>.</summary>
public sealed class ShortagesCatalogReport : IReport
{
    public string Name => "shortages";

    public string Description => "need that no lot covered (faltantes), per exit document and part";

    public IReadOnlyList<ReportColumn> Columns => ShortagesReport.Columns;

    public IReadOnlyList<ReportOption> Options => [];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ShortagesReport.Build(context.Store, context.AsOf, context.Client);
    }
}

/// <summary>SPEC §6 <c>custody</c> with <c>--pedimento P [--partida N]</c> or <c>--exit DOC</c>.</summary>
public sealed class CustodyCatalogReport : IReport
{
    public string Name => "custody";

    public string Description => "which lots each exit consumed (filter by --pedimento [--partida] or --exit)";

    public IReadOnlyList<ReportColumn> Columns => CustodyReport.Columns;

    public IReadOnlyList<ReportOption> Options =>
    [
        new("pedimento", "only allocations from lots of this entry pedimento"),
        new("partida", "with --pedimento: only this partida"),
        new("exit", "only allocations of this exit document (or event reference)"),
    ];

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int? partida = null;
        if (context.Option("partida") is { Length: > 0 } text)
        {
            partida = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1
                ? p
                : throw AppException.Usage($"option --partida: a whole number of at least 1, found '{text}'");
        }

        return CustodyReport.Build(context.Store, context.AsOf, context.Client,
            new CustodyFilter(context.Option("pedimento"), partida, context.Option("exit")));
    }
}
