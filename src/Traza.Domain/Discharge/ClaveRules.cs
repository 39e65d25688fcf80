using Traza.Domain.Catalogs;
using Traza.Domain.Model;

namespace Traza.Domain.Discharge;

/// <summary>
/// What a pedimento clave does to the lots (SPEC §3.3, §3.5), from the dated clave table (<see cref="ClaveTable"/>): the
/// one place that turns a clave into a lot kind or a discharge mode, for the discharge and the reports alike.
/// </summary>
public static class ClaveRules
{
    /// <summary>
    /// The lot an entry of <paramref name="clave"/> (its dated <paramref name="rule"/>) creates: none (unknown clave, or national
    /// stock, which joins the pool without a pedimento lot), a fixed-asset lot (AF, E2, A6 or a machinery/tooling part;
    /// Ley Aduanera art. 108-III) or a regular one.
    /// </summary>
    public static EntryLot EntryLotOf(ClaveRule? rule, string clave, PartKind kind)
    {
        ArgumentNullException.ThrowIfNull(clave);
        if (rule is null)
        {
            return EntryLot.None;
        }

        if (rule.Effect == ClaveEffect.NationalStock)
        {
            return EntryLot.National;
        }

        return rule.Effect == ClaveEffect.FixedAssetLot || ClaveTable.IsFixedAssetLot(clave, kind) ? EntryLot.FixedAsset : EntryLot.Regular;
    }

    /// <summary>True when an entry of this clave makes a pedimento lot with a term (not unknown, not national stock).</summary>
    public static bool MakesPedimentoLot(ClaveRule? rule) => rule is not null && rule.Effect != ClaveEffect.NationalStock;

    /// <summary>
    /// True when a pedimento of <paramref name="clave"/> belongs in Annex 24 (SPEC §3.10 <c>missing_in_ledger</c>): a clave of
    /// §3.3 on <paramref name="date"/>, BO included, neither A1 (its case V alone discharges) nor NAC; else the pedimento is
    /// <c>not_in_annex24</c>.
    /// </summary>
    public static bool HasBalanceEffect(MovementFile file, string clave, DateOnly date) =>
        ClaveTable.Find(file, clave, date) is { } rule && rule.Effect is not (ClaveEffect.NationalStock or ClaveEffect.DischargeCaseV);

    /// <summary>
    /// Which lots an exit of this clave may discharge (SPEC §3.3): any lot (RT, H1, V1, A3), never fixed-asset lots (F4, V5,
    /// BB, A1 case V), fixed-asset lots only (F5), or none (BO and unknown claves). A part with a BOM in force explodes whatever
    /// the clave (SPEC §3.5).
    /// </summary>
    public static DischargeMode ExitModeOf(ClaveRule? rule) => rule?.Effect switch
    {
        ClaveEffect.Discharge => DischargeMode.AllLots,
        ClaveEffect.Regularization => DischargeMode.AllLots,
        ClaveEffect.DischargeRegularOnly or ClaveEffect.DischargeCaseV => DischargeMode.RegularLotsOnly,
        ClaveEffect.DischargeFixedAssetsOnly => DischargeMode.FixedAssetLotsOnly,
        _ => DischargeMode.None,
    };
}

/// <summary>The lot an entry row makes (<see cref="ClaveRules.EntryLotOf"/>).</summary>
public enum EntryLot
{
    /// <summary>No lot: the clave is unknown on the entry's date.</summary>
    None,

    /// <summary>National stock (NAC): joins the FIFO pool, discharges no pedimento.</summary>
    National,

    /// <summary>A temporary import lot under the part's term.</summary>
    Regular,

    /// <summary>A fixed-asset lot (art. 108-III term; only the part itself or F5 discharges it).</summary>
    FixedAsset,
}
