using System.Globalization;
using Traza.App.Discharge;
using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Formats.Layouts;

namespace Traza.App.Imports;

/// <summary>
/// Refuses at import an exit whose need of a leaf, through the BOM already stored, reaches 10^12 UMC — the bound of every
/// quantity (SPEC §4.1) that keeps the engine's micro-units within 64 bits — so such a row never gets in to make every
/// later discharge refuse (issue 11). A BOM imported after the exit can still make it too large; the discharge then
/// refuses it naming the row (<see cref="DischargeRange"/>). Used on the import's reading thread only: the catalog is
/// loaded before that thread starts.
/// </summary>
internal sealed class ExitNeedCheck
{
    private const decimal Limit = 1_000_000_000_000m;

    private readonly LedgerSnapshot.Catalog catalog;
    private readonly BomExplosion explosion;
    /// <summary>Per explosion (cached by the explosion itself): its largest factor, that leaf, and the quantity it allows.</summary>
    private readonly Dictionary<LeafNeed[], (decimal Factor, int Part, decimal MaxQty)> largest = new(ReferenceEqualityComparer.Instance);

    public ExitNeedCheck(ImportContext context)
    {
        catalog = LedgerSnapshot.LoadCatalog(context.Store);
        explosion = new BomExplosion(catalog.PartDefs, catalog.Bom);
    }

    /// <summary>Why the row's need cannot be discharged, or null when it can (or the part has no BOM in force).</summary>
    public string? TooLarge(ExitRow row)
    {
        if (!catalog.Index.TryGetValue((row.Client.Value, row.Part.Value), out var product))
        {
            return null;
        }

        var date = row.BomDate ?? row.Date;
        if (catalog.PartDefs[product].National || !ClaveRules.ExitModeOf(ClaveTable.Find(MovementFile.Exits, row.Clave, row.Date)).Explodes()
            || !explosion.HasBomOn(product, date))
        {
            return null;
        }

        LeafNeed[] leaves;
        try
        {
            leaves = explosion.Explode(product, date);
        }
        catch (DischargeRangeException e)
        {
            return e.Message;
        }

        if (!largest.TryGetValue(leaves, out var top))
        {
            foreach (var leaf in leaves)
            {
                if (leaf.Factor > top.Factor)
                {
                    top = (leaf.Factor, leaf.Part, 0m);
                }
            }

            top.MaxQty = top.Factor == 0m ? decimal.MaxValue : Limit / top.Factor;
            largest[leaves] = top;
        }

        if (row.Qty < top.MaxQty)
        {
            return null;
        }

        var need = string.Create(CultureInfo.InvariantCulture, $"qty {row.Qty} × {top.Factor} per unit");
        return $"a quantity whose need of part '{catalog.PartDefs[top.Part].Part}' ({need}) stays below 10^12 (SPEC §4.1); " +
               "split the exit or correct the BOM";
    }
}
