using System.Globalization;
using Traza.Domain.Terms;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report clients</c> (issue 15 item 6, docs/cli.md "report clients"): one row per registered client, in client order —
/// its name, foreign parent, start date (<c>clients add --since</c>), the end of its shelter period (<see cref="ShelterPeriod"/>,
/// or <c>--shelter-months N</c>), the days left and status at D, the count of its open, expiring and expired lots and of
/// its shortages at D, and the USD value of its balances. The lot counts are the <c>balances</c> statuses (<see cref="LotLedger.Lots"/>) and the shortages are
/// the <c>shortages</c> rows (<see cref="ShortagesReport.Build"/>), counted: no figure of its own. A program-wide listing: the
/// API refuses it to a client's key, as <c>batches</c>; <c>--client C</c> on the CLI keeps C's row.
/// </summary>
public sealed class ClientsReport : IReport
{
    /// <summary>The largest <c>--shelter-months</c>.</summary>
    public const int MaxShelterMonths = 1200;

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "client", "client_name", "parent", "start_date", "shelter_end", "days_left", ReportColumn.Enumerated("status", ShelterPeriod.Statuses),
        "open_lots", "expiring_lots", "expired_lots", "shortages", "period_months", "period_source", "balance_value_usd",
    ];

    public string Name => "clients";

    public string Description => "per client: name, foreign parent, start, shelter-period end, days left, status, open/expiring/expired lots, shortages";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public IReadOnlyList<ReportOption> Options =>
        [new("shelter-months", "the shelter period in months, replacing the shipped rule (48, LISR art. 183, unverified)")];

    /// <summary>Lists every client of the program: the API refuses it to a client's key (docs/api.md).</summary>
    public bool FiltersByClient => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int? months = null;
        if (context.Option("shelter-months") is { Length: > 0 } text)
        {
            months = int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= MaxShelterMonths
                ? m
                : throw AppException.Usage($"option --shelter-months: a whole number of months from 1 to {MaxShelterMonths}, found '{text}'");
        }

        return new ReportData(Columns, Rows(context.Store, context.AsOf, context.Client, months));
    }

    /// <summary>The rows at <paramref name="asOf"/>; <paramref name="shelterMonths"/> replaces the shipped rule when given.</summary>
    public static List<object?[]> Rows(ITrazaStore store, DateOnly asOf, string? client, int? shelterMonths)
    {
        ArgumentNullException.ThrowIfNull(store);
        var clients = store.LoadClients()
            .Where(c => c.Client.Length > 0 && (client is null || c.Client == client))
            .OrderBy(c => c.Client, StringComparer.Ordinal)
            .ToList();
        if (clients.Count == 0)
        {
            return [];
        }

        var lots = LotLedger.Lots(store, asOf, client).ToLookup(l => l.Entry.Client, StringComparer.Ordinal);
        var shortages = ShortagesReport.Build(store, asOf, client).Rows
            .ToLookup(r => (string)r[ShortagesReport.Columns.Count - 1]!, StringComparer.Ordinal); // one row per (client, document, part)
        var rows = new List<object?[]>(clients.Count);
        foreach (var c in clients)
        {
            DateOnly? end = null;
            long? left = null;
            string? status = null;
            int? months = null;
            string? source = null;
            if (c.Since is { } start)
            {
                var rule = shelterMonths is { } m ? new ShelterPeriodRule(start, m, "--shelter-months") : ShelterPeriod.RuleFor(start);
                if (rule is not null)
                {
                    var e = ShelterPeriod.End(start, rule.Months);
                    (end, left, status, months, source) = (e, e.DayNumber - asOf.DayNumber, ShelterPeriod.Status(e, asOf), rule.Months, rule.Source);
                }
            }

            var mine = lots[c.Client];
            rows.Add(
            [
                c.Client, c.Name, c.Parent, c.Since, end, left, status,
                (long)mine.Count(l => l.Status.State == LotState.Open),
                (long)mine.Count(l => l.Status.State == LotState.Expiring),
                (long)mine.Count(l => l.Status.State == LotState.Expired),
                (long)shortages[c.Client].Count(),
                months is { } mm ? (long)mm : null, source,
                mine.Sum(l => l.BalanceValueUsd ?? 0m),
            ]);
        }

        return rows;
    }
}
