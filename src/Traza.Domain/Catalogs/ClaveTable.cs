using System.Globalization;

namespace Traza.Domain.Catalogs;

/// <summary>What a clave de pedimento does to the Annex 24 balances, per SPEC §3.3.</summary>
public enum ClaveEffect
{
    /// <summary>Creates a lot of the part (IN, V1, E1).</summary>
    Lot,

    /// <summary>Creates a fixed-asset lot (AF, E2, A6; Ley Aduanera art. 108-III).</summary>
    FixedAssetLot,

    /// <summary>National stock (NAC): joins the FIFO pool, discharges no pedimento.</summary>
    NationalStock,

    /// <summary>Discharges any lot of the part, fixed-asset lots included when the part itself leaves (RT, H1, V1).</summary>
    Discharge,

    /// <summary>Discharges, never fixed-asset lots (F4, V5, BB; SPEC §3.3).</summary>
    DischargeRegularOnly,

    /// <summary>A1: discharges only with case V (IMMEX packaging/labels returned with national goods).</summary>
    DischargeCaseV,

    /// <summary>F5: discharges fixed-asset lots only.</summary>
    DischargeFixedAssetsOnly,

    /// <summary>BO: a fixed asset goes out for repair, no discharge.</summary>
    RepairOut,

    /// <summary>A3 (regularization, RGCE rule 2.5.2): discharges any lot of the part itself, never through the BOM.</summary>
    Regularization,
}

/// <summary>Which input file a clave rule applies to.</summary>
public enum MovementFile
{
    Entries,
    Exits,
}

/// <summary>One dated row of the claves table (Data/claves.csv).</summary>
public sealed record ClaveRule(MovementFile File, string Clave, ClaveEffect Effect, DateOnly ValidFrom, DateOnly? ValidTo, string Note);

/// <summary>
/// The claves accepted in the entries and exits files and their effect (SPEC §3.3), shipped as a dated data table
/// (Data/claves.csv) so a change in Anexo 22 Apéndice 2 is a data change. Anything else is invalid input in those
/// files; Data Stage keeps every clave for reconciliation.
/// </summary>
public static class ClaveTable
{
    private static readonly Lazy<IReadOnlyList<ClaveRule>> Rules = new(Load);

    public static IReadOnlyList<ClaveRule> All => Rules.Value;

    /// <summary>The rule for <paramref name="clave"/> in <paramref name="file"/> in force on <paramref name="date"/>.</summary>
    public static ClaveRule? Find(MovementFile file, string clave, DateOnly date)
    {
        foreach (var rule in Rules.Value)
        {
            if (rule.File == file && string.Equals(rule.Clave, clave, StringComparison.Ordinal)
                && rule.ValidFrom <= date && (rule.ValidTo is null || date <= rule.ValidTo))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The claves accepted in <paramref name="file"/>, for error messages.</summary>
    public static string Accepted(MovementFile file) =>
        string.Join(", ", Rules.Value.Where(r => r.File == file).Select(r => r.Clave).Distinct());

    /// <summary>
    /// True when a lot with this entry clave, of this part kind, is a fixed-asset lot: AF, E2, A6, or any lot of a
    /// part of kind machinery or tooling (SPEC §3.3).
    /// </summary>
    public static bool IsFixedAssetLot(string entryClave, Model.PartKind kind) =>
        kind is Model.PartKind.Machinery or Model.PartKind.Tooling
        || entryClave is "AF" or "E2" or "A6";

    private static List<ClaveRule> Load()
    {
        var rules = new List<ClaveRule>();
        foreach (var row in CatalogResource.ReadCsv("claves.csv"))
        {
            rules.Add(new ClaveRule(
                row[0] == "entries" ? MovementFile.Entries : MovementFile.Exits,
                row[1],
                row[2] switch
                {
                    "lot" => ClaveEffect.Lot,
                    "fixed_asset_lot" => ClaveEffect.FixedAssetLot,
                    "national_stock" => ClaveEffect.NationalStock,
                    "discharge" => ClaveEffect.Discharge,
                    "discharge_regular_only" => ClaveEffect.DischargeRegularOnly,
                    "discharge_case_v" => ClaveEffect.DischargeCaseV,
                    "discharge_fixed_assets_only" => ClaveEffect.DischargeFixedAssetsOnly,
                    "repair_out" => ClaveEffect.RepairOut,
                    "regularization" => ClaveEffect.Regularization,
                    _ => throw new InvalidOperationException($"claves.csv: unknown effect {row[2]}"),
                },
                DateOnly.ParseExact(row[3], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row[4].Length == 0 ? null : DateOnly.ParseExact(row[4], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row[5]));
        }

        return rules;
    }
}
