namespace Traza.Domain.Model;

/// <summary>The kind of a part (SPEC C1); it picks the default term (Ley Aduanera art. 108) and fixed-asset status.</summary>
public enum PartKind
{
    Material,
    Packaging,
    Consumable,
    Finished,
    Machinery,
    Tooling,
    Container,
}

/// <summary>Parses and prints <see cref="PartKind"/> with its lowercase file names.</summary>
public static class PartKinds
{
    public static readonly IReadOnlyList<string> Names =
        ["material", "packaging", "consumable", "finished", "machinery", "tooling", "container"];

    public static bool TryParse(string? text, out PartKind kind)
    {
        var index = Names.IndexOf((text ?? string.Empty).Trim().ToLowerInvariant());
        kind = index < 0 ? default : (PartKind)index;
        return index >= 0;
    }

    public static string Name(this PartKind kind) => Names[(int)kind];

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
