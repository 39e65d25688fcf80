using System.Globalization;
using Traza.Domain.Model;
using Traza.Domain.Submanufacture;
using Traza.Domain.Terms;
using Traza.Formats.Reports;
using Traza.Storage;

namespace Traza.App.Reports;

/// <summary>
/// <c>traza report submanufacture</c> (issue 15 item 5, docs/cli.md "report submanufacture"; RGCE rule 4.3.6): one row per
/// <c>submanufacture_out</c> dated on or before D — what went to which third party, when, how much came back by
/// <c>submanufacture_in</c> (FIFO per client, part and third party: <see cref="SubmanufacturePositions"/>), how much is still
/// out, its 6-month due date and 6 + 6 extended date, days left and status — plus one flagged row per return that brought
/// back more than was out. Reads the ledger alone (these events never discharge, SPEC §3.5).
/// </summary>
public sealed class SubmanufactureReport : IReport
{
    /// <summary>Default <c>--within</c>: days before the due date a position still out counts as <c>due_soon</c>.</summary>
    public const int DefaultWithin = 30;

    private const int MaxWithin = 36_500;

    public static readonly IReadOnlyList<string> Statuses = ["out", "due_soon", "overdue", "returned"];

    public static readonly IReadOnlyList<string> Notes = ["return_without_out", "more_back_than_out"];

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        "client", "part", "third_party", "out_date", "out_reference", "qty_out", "qty_back", "qty_still_out", "due_date", "extended_due_date",
        "days_left", ReportColumn.Enumerated("status", Statuses), "days_out", "last_return_date", "last_return_reference",
        ReportColumn.Enumerated("note", Notes), "description", "umc",
    ];

    public string Name => "submanufacture";

    IReadOnlyList<ReportColumn> IReport.Columns => Columns;

    public string Description => "goods out at submanufacturers (rule 4.3.6): qty out, back and still out, the 6 + 6-month term, status";

    public IReadOnlyList<ReportOption> Options => [new("within", $"days before the 6-month due date that count as due_soon (default {DefaultWithin})")];

    public bool ReadsDischarge => false;

    public ReportData Run(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var within = DefaultWithin;
        if (context.Option("within") is { } text && !string.IsNullOrWhiteSpace(text)
            && !(int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out within) && within <= MaxWithin))
        {
            throw AppException.Usage($"option --within: a whole number of days from 0 to {MaxWithin}, found '{text}'");
        }

        return new ReportData(Columns, Rows(context.Store, context.AsOf, context.Client, within));
    }

    /// <summary>The rows, ordered by client, part, third party, out date, reference (a flagged return after the outs of its date).</summary>
    public static List<object?[]> Rows(ITrazaStore store, DateOnly asOf, string? client, int within = DefaultWithin)
    {
        ArgumentNullException.ThrowIfNull(store);
        var moves = new List<SubmanufactureMove>();
        foreach (var e in store.LoadEvents(client, asOf))
        {
            if (e.Date <= asOf && EventTypes.TryParse(e.Type, out var t) && t is EventType.SubmanufactureOut or EventType.SubmanufactureIn)
            {
                moves.Add(new SubmanufactureMove(e.Client, e.Part, e.ThirdParty?.Trim() ?? string.Empty, e.Date, t == EventType.SubmanufactureOut,
                    e.Reference, e.Qty, (e.BatchId * 1_000_000_000L) + e.Line));
            }
        }

        if (moves.Count == 0)
        {
            return [];
        }

        var parts = store.LoadParts(client).ToDictionary(p => (p.Client, p.Part));
        var rows = new List<object?[]>();
        foreach (var p in SubmanufacturePositions.Match(moves))
        {
            var part = parts.GetValueOrDefault((p.Client, p.Part));
            var flagged = p.Note != SubmanufactureNote.None;
            var open = !flagged && p.QtyStillOut > 0;
            DateOnly? due = flagged ? null : TermCalculator.AddMonths(p.OutDate, SubmanufacturePositions.TermMonths);
            DateOnly? extended = flagged ? null : TermCalculator.AddMonths(p.OutDate, SubmanufacturePositions.TermMonths + SubmanufacturePositions.ExtensionMonths);
            long? daysLeft = open ? due!.Value.DayNumber - asOf.DayNumber : null;
            string? status = flagged ? null
                : !open ? "returned"
                : daysLeft < 0 ? "overdue"
                : daysLeft <= within ? "due_soon"
                : "out";
            long? daysOut = flagged ? null : (open ? asOf : p.LastReturn!.Value).DayNumber - p.OutDate.DayNumber;
            string? note = p.Note switch
            {
                SubmanufactureNote.ReturnWithoutOut => "return_without_out",
                SubmanufactureNote.MoreBackThanOut => "more_back_than_out",
                _ => null,
            };
            rows.Add(
            [
                p.Client, p.Part, p.ThirdParty.Length == 0 ? null : p.ThirdParty, p.OutDate, p.OutReference.Length == 0 ? null : p.OutReference,
                p.QtyOut, p.QtyBack, p.QtyStillOut, due, extended, daysLeft, status, daysOut, p.LastReturn,
                string.IsNullOrEmpty(p.LastReturnReference) ? null : p.LastReturnReference, note, part?.Description, part?.Umc,
            ]);
        }

        return rows;
    }
}
