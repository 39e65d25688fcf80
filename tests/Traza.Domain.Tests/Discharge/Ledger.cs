using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Domain.Tests.Discharge;

/// <summary>A small builder that reads like the input files, for engine tests.</summary>
internal sealed class Ledger
{
    private readonly List<PartDef> parts = [];
    private readonly Dictionary<(string Client, string Part), int> partIndex = [];
    private readonly List<BomLine> bom = [];
    private readonly List<LotDef> lots = [];
    private readonly List<MovementDef> movements = [];
    private long sequence;

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public int P(string part, string client = "") => partIndex[(client, part)];

    public Ledger Part(string part, PartKind kind = PartKind.Material, bool national = false, string client = "")
    {
        partIndex[(client, part)] = parts.Count;
        parts.Add(new PartDef(client, part, kind, national));
        return this;
    }

    public Ledger Bom(string product, string component, decimal qtyPer, decimal merma = 0, decimal desperdicio = 0,
        string from = "2000-01-01", string? to = null, string client = "")
    {
        bom.Add(new BomLine(P(product, client), P(component, client), qtyPer, merma, desperdicio, D(from), to is null ? null : D(to)));
        return this;
    }

    public Ledger Lot(string part, string pedimento, int partida, string date, decimal qty, bool fixedAsset = false,
        bool nac = false, string client = "")
    {
        lots.Add(new LotDef(P(part, client), pedimento, partida, D(date), qty, fixedAsset, nac));
        return this;
    }

    public Ledger Exit(string part, string document, int partida, string date, decimal qty,
        DischargeMode mode = DischargeMode.AllLots, string? bomDate = null, string? sourceDocument = null, int sourcePartida = 0,
        string client = "")
    {
        movements.Add(new MovementDef
        {
            Kind = MovementKind.Exit,
            Date = D(date),
            Document = document,
            Partida = partida,
            Sequence = sequence++,
            Part = P(part, client),
            Qty = qty,
            Mode = mode,
            BomDate = bomDate is null ? null : D(bomDate),
            SourceDocument = sourceDocument,
            SourcePartida = sourcePartida,
        });
        return this;
    }

    public Ledger Event(EventType type, string part, string date, decimal qty, bool waste = false, string reference = "", string client = "")
    {
        var mode = type.Discharges() ? (waste ? DischargeMode.WasteDisposal : DischargeMode.AllLots) : DischargeMode.None;
        movements.Add(new MovementDef
        {
            Kind = MovementKind.Event,
            Date = D(date),
            Document = reference,
            Partida = 0,
            Sequence = sequence++,
            Part = P(part, client),
            Qty = qty,
            Mode = mode,
            EventType = type,
        });
        return this;
    }

    /// <summary>A 3PL work order (docs/cli.md "Work orders"): <paramref name="qty"/> kits of <paramref name="part"/> made on the date.</summary>
    public Ledger WorkOrder(string part, string date, decimal qty, string reference, string client = "")
    {
        movements.Add(new MovementDef
        {
            Kind = MovementKind.WorkOrder,
            Date = D(date),
            Document = reference,
            Partida = 0,
            Sequence = sequence++,
            Part = P(part, client),
            Qty = qty,
            Mode = DischargeMode.RegularLotsOnly,
            EventType = EventType.WorkOrder,
        });
        return this;
    }

    public DischargeInput Input(string asOf = "2099-12-31") => new()
    {
        Parts = parts,
        Bom = bom,
        Lots = lots,
        Movements = movements,
        AsOf = D(asOf),
    };

    public DischargeResult Run(string asOf = "2099-12-31") => DischargeEngine.Run(Input(asOf));
}

internal static class ResultExtensions
{
    public static decimal Discharged(this DischargeResult r, int lot) => Micro.ToDecimal(r.LotDischarged[lot]);

    public static decimal Balance(this DischargeResult r, int lot) => Micro.ToDecimal(r.LotEntered[lot] - r.LotDischarged[lot]);

    public static decimal Waste(this DischargeResult r, int lot) => Micro.ToDecimal(r.LotWaste[lot]);

    public static decimal ShortageOf(this DischargeResult r, int part) =>
        Micro.ToDecimal(r.Shortages.Where(s => s.Part == part).Sum(s => s.Qty));
}
