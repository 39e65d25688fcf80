using Traza.Domain.Discharge;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>SPEC §3.3–§3.5 restated plainly, independent of the engine's caches and cursors, for the properties to compare with.</summary>
internal static class Oracle
{
    public static bool InForce(BomLine row, DateOnly date) => row.ValidFrom <= date && (row.ValidTo is null || date <= row.ValidTo.Value);

    public static bool HasBomOn(GenLedger l, int part, DateOnly date) => l.Bom.Any(r => r.Product == part && InForce(r, date));

    /// <summary>An exit, or a destruction/donation of materials: it discharges lots (§3.5).</summary>
    public static bool Discharges(in MovementDef m) =>
        m.Mode is DischargeMode.AllLots or DischargeMode.RegularLotsOnly or DischargeMode.FixedAssetLotsOnly;

    /// <summary>The movement goes through the BOM version in force on its production date, else its date (§3.5: every exit).</summary>
    public static bool Exploded(GenLedger l, in MovementDef m) =>
        Discharges(m) && !l.Parts[m.Part].National && HasBomOn(l, m.Part, m.BomDate ?? m.Date);

    /// <summary>
    /// The lots a movement may take: explosion never takes fixed-asset lots (§3.3), so an exploded F5 takes none; otherwise the
    /// movement's own mode.
    /// </summary>
    public static DischargeMode EffectiveMode(GenLedger l, in MovementDef m) =>
        !Exploded(l, m) ? m.Mode
        : m.Mode == DischargeMode.FixedAssetLotsOnly ? DischargeMode.None
        : DischargeMode.RegularLotsOnly;

    public static bool Eligible(in LotDef lot, DischargeMode mode) => mode switch
    {
        DischargeMode.AllLots => true,
        DischargeMode.RegularLotsOnly => !lot.FixedAsset,
        DischargeMode.FixedAssetLotsOnly => lot.FixedAsset,
        _ => false,
    };

    /// <summary>FIFO (PEPS): entry date, then document (ordinal), then partida.</summary>
    public static int CompareFifo(in LotDef a, in LotDef b)
    {
        var c = a.EntryDate.CompareTo(b.EntryDate);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Document, b.Document);
        }

        return c != 0 ? c : a.Partida.CompareTo(b.Partida);
    }

    /// <summary>§3.5 order: date, exits before events, document (ordinal), partida, line.</summary>
    public static int CompareMovements(in MovementDef a, in MovementDef b)
    {
        var c = a.Date.CompareTo(b.Date);
        if (c == 0)
        {
            c = Rank(a.Kind).CompareTo(Rank(b.Kind)); // a work order goes before the exits of its date (docs/cli.md "Work orders")
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Document, b.Document);
        }

        if (c == 0)
        {
            c = a.Partida.CompareTo(b.Partida);
        }

        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }

    private static int Rank(MovementKind kind) => kind == MovementKind.WorkOrder ? -1 : (int)kind;

    /// <summary>Per imported leaf: Σ over paths of Π qty_per × (1 + merma/100 + desperdicio/100), national parts skipped.</summary>
    public static Dictionary<int, decimal> Leaves(GenLedger l, int product, DateOnly date)
    {
        var acc = new Dictionary<int, decimal>();
        Walk(product, 1m);
        return acc;

        void Walk(int p, decimal factor)
        {
            foreach (var row in l.Bom)
            {
                if (row.Product != p || !InForce(row, date) || l.Parts[row.Component].National)
                {
                    continue;
                }

                var f = factor * row.QtyPer * (1m + (row.MermaPct / 100m) + (row.DesperdicioPct / 100m));
                if (HasBomOn(l, row.Component, date))
                {
                    Walk(row.Component, f);
                }
                else
                {
                    acc[row.Component] = acc.GetValueOrDefault(row.Component) + f;
                }
            }
        }
    }

    /// <summary>The rounded need (micro-UMC) of each (movement, leaf) consumption of a discharging movement.</summary>
    public static Dictionary<int, long> Needs(GenLedger l, in MovementDef m)
    {
        var needs = new Dictionary<int, long>();
        if (!Discharges(m) || l.Parts[m.Part].National)
        {
            return needs;
        }

        if (Exploded(l, m))
        {
            foreach (var (leaf, factor) in Leaves(l, m.Part, m.BomDate ?? m.Date))
            {
                var need = Micro.FromDecimal(m.Qty * factor);
                if (need != 0)
                {
                    needs[leaf] = need;
                }
            }
        }
        else if (Micro.FromDecimal(m.Qty) > 0)
        {
            needs[m.Part] = Micro.FromDecimal(m.Qty);
        }

        return needs;
    }

    /// <summary>True when the allocation is the directed take of the lot the movement names.</summary>
    public static bool IsNamedLot(in MovementDef m, in LotDef lot) =>
        m.SourceDocument is { } source && string.Equals(source, lot.Document, StringComparison.Ordinal) && m.SourcePartida == lot.Partida;
}
