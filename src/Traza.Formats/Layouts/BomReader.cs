namespace Traza.Formats.Layouts;

/// <summary>Reads a bom file (SPEC §4.1): product, component, qty_per, merma_pct, desperdicio_pct, valid_from, valid_to, client.</summary>
public sealed class BomReader(IRecordSource source, string fileName)
    : LayoutReader<BomRow>(source, fileName, Columns, ["product", "component", "qty_per"])
{
    public static readonly IReadOnlyList<string> Columns =
        ["product", "component", "qty_per", "merma_pct", "desperdicio_pct", "valid_from", "valid_to", "client"];

    protected override bool TryParse(out BomRow row)
    {
        row = null!;
        if (!Part(0, out var product) || !Part(1, out var component)
            || !Decimal(2, true, NumberSign.Positive, FactorDecimals, out var qtyPer)
            || !Decimal(3, false, NumberSign.NonNegative, FactorDecimals, out var merma)
            || !Decimal(4, false, NumberSign.NonNegative, FactorDecimals, out var desperdicio)
            || !Date(5, false, out var from)
            || !Date(6, false, out var to)
            || !Client(7, out var client))
        {
            return false;
        }

        if (string.Equals(product.Value, component.Value, StringComparison.Ordinal))
        {
            return Fail(1, $"a component other than the product '{product}'");
        }

        if (from is { } f && to is { } t && t < f)
        {
            return Fail(6, $"a date on or after valid_from {Text(5)}, found '{Text(6)}'");
        }

        row = new BomRow(Line, client, product, component, qtyPer!.Value, merma ?? 0m, desperdicio ?? 0m, from, to);
        return true;
    }
}
