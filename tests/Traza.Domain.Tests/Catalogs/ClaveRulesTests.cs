using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Domain.Tests.Catalogs;

/// <summary>The clave → lot kind and clave → discharge mode rules of SPEC §3.3, as the shipped clave table gives them.</summary>
public sealed class ClaveRulesTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    [Theory]
    [InlineData("IN", PartKind.Material, EntryLot.Regular)]
    [InlineData("V1", PartKind.Packaging, EntryLot.Regular)]
    [InlineData("IN", PartKind.Machinery, EntryLot.FixedAsset)]
    [InlineData("IN", PartKind.Tooling, EntryLot.FixedAsset)]
    [InlineData("AF", PartKind.Material, EntryLot.FixedAsset)]
    [InlineData("E2", PartKind.Material, EntryLot.FixedAsset)]
    [InlineData("NAC", PartKind.Material, EntryLot.National)]
    [InlineData("ZZ", PartKind.Material, EntryLot.None)]
    public void Entry_clave_and_part_kind_give_the_lot_kind(string clave, PartKind kind, EntryLot expected)
    {
        var rule = ClaveTable.Find(MovementFile.Entries, clave, Day);

        ClaveRules.EntryLotOf(rule, clave, kind).ShouldBe(expected);
        ClaveRules.MakesPedimentoLot(rule).ShouldBe(expected is EntryLot.Regular or EntryLot.FixedAsset);
    }

    [Theory]
    [InlineData("RT", DischargeMode.AllLots)]
    [InlineData("H1", DischargeMode.AllLots)]
    [InlineData("V1", DischargeMode.AllLots)]
    [InlineData("A3", DischargeMode.AllLotsOfPartItself)]
    [InlineData("F4", DischargeMode.RegularLotsOnly)]
    [InlineData("V5", DischargeMode.RegularLotsOnly)]
    [InlineData("BB", DischargeMode.RegularLotsOnly)]
    [InlineData("A1", DischargeMode.RegularLotsOnly)]
    [InlineData("F5", DischargeMode.FixedAssetLotsOnly)]
    [InlineData("BO", DischargeMode.None)]
    [InlineData("ZZ", DischargeMode.None)]
    public void Exit_clave_gives_the_lots_it_may_discharge(string clave, DischargeMode expected) =>
        ClaveRules.ExitModeOf(ClaveTable.Find(MovementFile.Exits, clave, Day)).ShouldBe(expected);
}
