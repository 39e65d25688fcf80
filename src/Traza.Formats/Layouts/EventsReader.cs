using Traza.Domain.Model;

namespace Traza.Formats.Layouts;

/// <summary>
/// Reads an events file (SPEC §4.1): date, type, part, qty, waste (yes/no), reference, third_party, client, site.
/// Quantities are greater than 0 except for adjustments, which may be negative (never 0).
/// </summary>
public sealed class EventsReader(IRecordSource source, string fileName)
    : LayoutReader<EventRow>(source, fileName, Columns, ["date", "type", "part", "qty"])
{
    public static readonly IReadOnlyList<string> Columns =
        ["date", "type", "part", "qty", "waste", "reference", "third_party", "client", "site"];

    protected override bool TryParse(out EventRow row)
    {
        row = null!;
        if (!Date(0, true, out var date) || !Required(1, out var typeText))
        {
            return false;
        }

        if (!EventTypes.TryParse(typeText, out var type))
        {
            return Fail(1, $"one of {string.Join(", ", EventTypes.Names)}, found '{typeText}'");
        }

        if (!Part(2, out var part)
            || !Decimal(3, true, type == EventType.Adjustment ? NumberSign.NonZero : NumberSign.Positive, out var qty))
        {
            return false;
        }

        var wasteText = Text(4).ToLowerInvariant();
        bool waste;
        if (wasteText is "" or "no")
        {
            waste = false;
        }
        else if (wasteText is "yes")
        {
            waste = true;
        }
        else
        {
            return Fail(4, $"yes or no (empty = no), found '{Text(4)}'");
        }

        if (waste && !type.Discharges())
        {
            return Fail(4, $"waste = yes only with destruction or donation, found type {type.Name()}");
        }

        if (type == EventType.Destruction)
        {
            // RGCE rule 4.3.5: the notice precedes the destruction (docs/cli.md "Waste": reference ACTA@YYYY-MM-DD).
            var (_, notice) = WasteDisposals.SplitReference(Text(5), out var valid);
            if (!valid)
            {
                return Fail(5, $"a reference with the rule 4.3.5 notice date after '@' as YYYY-MM-DD, found '{Text(5)}'");
            }

            if (notice > date)
            {
                return Fail(5, $"a rule 4.3.5 notice dated on or before the destruction ({date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}), found '{Text(5)}'");
            }
        }

        if (type == EventType.WorkOrder && string.IsNullOrWhiteSpace(Text(5)))
        {
            // docs/cli.md "Work orders": one work order is one (client, reference).
            return Fail(5, "the work-order number (a work_order needs a reference)");
        }

        if (!Client(7, out var client))
        {
            return false;
        }

        row = new EventRow(Line, client, date!.Value, type, part, qty!.Value, waste, Text(5), Optional(6), Optional(8));
        return true;
    }
}
