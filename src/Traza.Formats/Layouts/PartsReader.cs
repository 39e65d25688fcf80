using Traza.Domain.Model;
using Traza.Domain.Values;

namespace Traza.Formats.Layouts;

/// <summary>Reads a parts file (SPEC §4.1): part, description, kind, fraccion, nico, umc, umt, umt_per_umc, origin, source, client.</summary>
public sealed class PartsReader(IRecordSource source, string fileName)
    : LayoutReader<PartRow>(source, fileName, Columns, ["part", "kind", "umc"])
{
    public static readonly IReadOnlyList<string> Columns =
        ["part", "description", "kind", "fraccion", "nico", "umc", "umt", "umt_per_umc", "origin", "source", "client"];

    protected override bool TryParse(out PartRow row)
    {
        row = null!;
        if (!Part(0, out var part) || !Required(2, out var kindText))
        {
            return false;
        }

        if (!PartKinds.TryParse(kindText, out var kind))
        {
            return Fail(2, $"one of {string.Join(", ", PartKinds.Names)}, found '{kindText}'");
        }

        Fraccion? fraccion = null;
        if (Optional(3) is { } f)
        {
            var r = Fraccion.Parse(f);
            if (!r.IsOk)
            {
                return Fail(3, r.Error!);
            }

            fraccion = r.Value;
        }

        Nico? nico = null;
        if (Optional(4) is { } n)
        {
            var r = Nico.Parse(n);
            if (!r.IsOk)
            {
                return Fail(4, r.Error!);
            }

            nico = r.Value;
        }

        if (!Required(5, out var umcText))
        {
            return false;
        }

        var umc = UnitCode.Parse(umcText);
        if (!umc.IsOk)
        {
            return Fail(5, umc.Error!);
        }

        var umt = umc.Value;
        if (Optional(6) is { } umtText)
        {
            var r = UnitCode.Parse(umtText);
            if (!r.IsOk)
            {
                return Fail(6, r.Error!);
            }

            umt = r.Value;
        }

        if (!Decimal(7, false, NumberSign.Positive, FactorDecimals, out var factor))
        {
            return false;
        }

        var national = false;
        var sourceText = Text(9).ToLowerInvariant();
        if (sourceText is "national")
        {
            national = true;
        }
        else if (sourceText is not ("" or "imported"))
        {
            return Fail(9, $"imported or national (empty = imported), found '{Text(9)}'");
        }

        if (!Client(10, out var client))
        {
            return false;
        }

        row = new PartRow(Line, client, part, Optional(1), kind, fraccion, nico, umc.Value, umt, factor ?? 1m, Optional(8), national);
        return true;
    }
}
