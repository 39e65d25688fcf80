namespace Traza.Domain.Model;

/// <summary>The type of an <c>events</c> row (SPEC §4.1, §3.5).</summary>
public enum EventType
{
    Destruction,
    Donation,
    Adjustment,
    SubmanufactureOut,
    SubmanufactureIn,
    RepairIn,

    /// <summary>A 3PL work order (kitting, labeling, light assembly): docs/cli.md "Work orders"; an addition beyond SPEC §4.1.</summary>
    WorkOrder,
}

/// <summary>Parses and prints <see cref="EventType"/> with the file's names.</summary>
public static class EventTypes
{
    public static readonly IReadOnlyList<string> Names =
        ["destruction", "donation", "adjustment", "submanufacture_out", "submanufacture_in", "repair_in", "work_order"];

    public static bool TryParse(string? text, out EventType type)
    {
        var t = (text ?? string.Empty).Trim().ToLowerInvariant();
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], t, StringComparison.Ordinal))
            {
                type = (EventType)i;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static string Name(this EventType type) => Names[(int)type];

    /// <summary>Destruction and donation discharge (or dispose of waste); the rest never discharge (SPEC §3.5).</summary>
    public static bool Discharges(this EventType type) => type is EventType.Destruction or EventType.Donation;
}
