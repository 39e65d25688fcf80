using System.Globalization;
using System.Text;
using CsCheck;
using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.Domain.Tests.Discharge.Properties;

/// <summary>What kind of ledger a property needs.</summary>
/// <param name="UniqueMovementKeys">No two movements tie on (date, kind, document, partida): the order is total without the line.</param>
/// <param name="ExactFactors">
/// Integer movement quantities; every BOM row contributes at most 2 decimals to a path's factor (qty_per with ≤2 decimals and no
/// percentages, an integer qty_per with integer percentages, or a 1-decimal qty_per with percentages in tens), so a 3-level leaf
/// factor has at most 6 decimals and the §3.5 rounding never bites.
/// </param>
/// <param name="PlentifulLots">Every lot holds 1,000,000 units.</param>
internal sealed record LedgerShape(bool UniqueMovementKeys = false, bool ExactFactors = false, bool PlentifulLots = false);

/// <summary>A generated ledger: the engine's input as arrays.</summary>
internal sealed record GenLedger(PartDef[] Parts, BomLine[] Bom, LotDef[] Lots, MovementDef[] Movements, DateOnly AsOf)
{
    public DischargeInput Input(DateOnly? asOf = null) => new()
    {
        Parts = Parts,
        Bom = Bom,
        Lots = Lots,
        Movements = Movements,
        AsOf = asOf ?? AsOf,
    };

    public DischargeResult Run(DateOnly? asOf = null) => DischargeEngine.Run(Input(asOf));

    /// <summary>The ledger in the words of the <see cref="Ledger"/> builder, so a failing case can be pasted into a rule test.</summary>
    public string Describe()
    {
        var s = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"as-of {AsOf:yyyy-MM-dd}");
        for (var i = 0; i < Parts.Length; i++)
        {
            var p = Parts[i];
            s.AppendLine(CultureInfo.InvariantCulture, $"part[{i}] {p.Part} client='{p.Client}' {p.Kind}{(p.National ? " national" : string.Empty)}");
        }

        foreach (var b in Bom)
        {
            s.AppendLine(CultureInfo.InvariantCulture,
                $"bom {Parts[b.Product].Part} -> {Parts[b.Component].Part} qty_per={b.QtyPer} merma={b.MermaPct} desperdicio={b.DesperdicioPct} " +
                $"from={b.ValidFrom:yyyy-MM-dd} to={(b.ValidTo is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")}");
        }

        for (var i = 0; i < Lots.Length; i++)
        {
            var l = Lots[i];
            s.AppendLine(CultureInfo.InvariantCulture,
                $"lot[{i}] {Parts[l.Part].Part} {l.Document}/{l.Partida} {l.EntryDate:yyyy-MM-dd} qty={l.Qty}" +
                $"{(l.DischargedBefore != 0 ? $" discharged_before={l.DischargedBefore}" : string.Empty)}" +
                $"{(l.FixedAsset ? " fixed-asset" : string.Empty)}{(l.NationalStock ? " NAC" : string.Empty)}");
        }

        for (var i = 0; i < Movements.Length; i++)
        {
            var m = Movements[i];
            s.AppendLine(CultureInfo.InvariantCulture,
                $"mov[{i}] {m.Kind} {m.EventType?.ToString() ?? string.Empty} {m.Date:yyyy-MM-dd} doc='{m.Document}'/{m.Partida} seq={m.Sequence} " +
                $"{Parts[m.Part].Part} qty={m.Qty} {m.Mode}" +
                $"{(m.BomDate is { } b ? " bom_date=" + b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}" +
                $"{(m.SourceDocument is { } src ? $" source={src}/{m.SourcePartida}" : string.Empty)}");
        }

        return s.ToString();
    }
}

/// <summary>
/// Random but valid ledgers (SPEC §3.2–§3.5): 1–3 clients; parts of every kind, some national; acyclic BOMs up to 3 levels deep
/// whose dated versions cover every date without overlapping; lots (pedimento, fixed-asset, NAC) of imported leaf parts; exits in
/// every discharge mode, some with a production date and some directed at existing or missing lots; destruction and donation of
/// materials and of waste; moves and adjustments.
/// </summary>
internal static class LedgerGen
{
    public static readonly DateOnly Base = new(2025, 1, 1);

    /// <summary>The first version of every BOM is in force from here, before any movement or production date.</summary>
    private static readonly DateOnly BomEpoch = new(2024, 1, 1);

    private const int MaxParts = 9;

    private static readonly string[] Clients = [string.Empty, "c1", "c2"];

    private static readonly string[] Pedimentos = ["250712340000001", "250712340000002", "250712340000010", "251634560000003"];

    private static readonly string[] NacDocuments = ["CFDI-0001", "CFDI-0002", "A-0099"];

    /// <summary>Directed exits name these: lots that may exist, and one that never does.</summary>
    private static readonly string[] SourceDocuments = [.. Pedimentos, .. NacDocuments, "259999999999999"];

    private static readonly string[] ExitDocuments = ["260712340000101", "260712340000102", "260316440000007", "RET-0007"];

    private static readonly string[] References = [string.Empty, "ACTA-1", "ACTA-2"];

    private static readonly EventType[] Moves = [EventType.SubmanufactureOut, EventType.SubmanufactureIn, EventType.RepairIn];

    private static readonly DischargeMode[] ExitModes =
        [DischargeMode.AllLots, DischargeMode.RegularLotsOnly, DischargeMode.FixedAssetLotsOnly];

    /// <summary>(kind pick, part pick, document pick, partida, day, qty, mode pick, (bom-date pick, days back, directed pick, source pick, source partida, extra)).</summary>
    private static readonly Gen<(int, int, int, int, int, int, int, (int, int, int, int, int, int))> MovementRaw =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 999], Gen.Int[0, 9], Gen.Int[1, 3], Gen.Int[0, 60], Gen.Int[1, 3000], Gen.Int[0, 2],
            Gen.Select(Gen.Int[0, 9], Gen.Int[0, 20], Gen.Int[0, 9], Gen.Int[0, 99], Gen.Int[1, 3], Gen.Int[0, 9]));

    /// <summary>Independent pieces combined by one flat <c>Gen.Select</c>, so a failure shrinks each list on its own.</summary>
    public static Gen<GenLedger> Ledger(LedgerShape shape) =>
        Gen.Select(
            Gen.Int[1, 3],
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 6], Gen.Int[0, 7]).Array[2, MaxParts],
            Gen.Select(Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 500], Gen.Int[0, 2], Gen.Int[0, 15], Gen.Int[0, 15], Gen.Int[0, 2])
                .Array[0, 20],
            Gen.Select(Gen.Int[1, 40], Gen.Int[1, 30]).Array[MaxParts],
            Gen.Select(Gen.Int[0, 999], Gen.Int[0, 9], Gen.Int[1, 3], Gen.Int[0, 45], Gen.Int[1, 4000], Gen.Int[0, 9], Gen.Int[0, 9])
                .Array[0, 16],
            MovementRaw.Array[0, 16],
            Gen.Int[0, 150],
            (clients, parts, bom, splits, lots, movements, asOf) => Build(shape, clients, parts, bom, splits, lots, movements, asOf));

    private static GenLedger Build(
        LedgerShape shape,
        int clients,
        (int Client, int Level, int Kind, int National)[] partRaw,
        (int Product, int Component, int Qty, int Style, int Merma, int Desperdicio, int Version)[] bomRaw,
        (int First, int Second)[] splits,
        (int Part, int Document, int Partida, int Day, int Qty, int Flag, int Opening)[] lotRaw,
        (int, int, int, int, int, int, int, (int, int, int, int, int, int))[] movementRaw,
        int asOf)
    {
        var n = partRaw.Length;
        var parts = new PartDef[n];
        for (var i = 0; i < n; i++)
        {
            var p = partRaw[i];
            parts[i] = new PartDef(Clients[p.Client % clients], $"P{i}", (PartKind)p.Kind, p.National == 0);
        }

        var bom = BuildBom(shape, parts, partRaw, bomRaw, splits);
        var hasBom = new bool[n];
        foreach (var row in bom)
        {
            hasBom[row.Product] = true;
        }

        var lots = BuildLots(shape, parts, hasBom, lotRaw);
        var movements = BuildMovements(shape, bom, lots, n, movementRaw);
        return new GenLedger(parts, bom, lots, movements, asOf > 75 ? new DateOnly(2025, 12, 31) : Base.AddDays(asOf));
    }

    /// <summary>
    /// Rows go from a part to a part of the same client on a deeper level (0–3), so BOMs are acyclic and at most 3 levels deep. A
    /// product's rows fall into up to 3 consecutive versions: the first from <see cref="BomEpoch"/>, the last open, so a version is
    /// in force on every date and no (product, component) pair is in force twice on one date.
    /// </summary>
    private static BomLine[] BuildBom(
        LedgerShape shape,
        PartDef[] parts,
        (int Client, int Level, int Kind, int National)[] partRaw,
        (int Product, int Component, int Qty, int Style, int Merma, int Desperdicio, int Version)[] bomRaw,
        (int First, int Second)[] splits)
    {
        var n = parts.Length;
        var rows = new SortedDictionary<int, List<(int Component, decimal QtyPer, decimal Merma, decimal Desperdicio, int Version)>>();
        foreach (var raw in bomRaw)
        {
            var product = raw.Product % n;
            var deeper = Enumerable.Range(0, n)
                .Where(c => partRaw[c].Level > partRaw[product].Level && parts[c].Client == parts[product].Client)
                .ToArray();

            // Mostly the next level down, so 3-level chains are common.
            var next = deeper.Where(c => partRaw[c].Level == partRaw[product].Level + 1).ToArray();
            var candidates = raw.Component % 4 != 0 && next.Length > 0 ? next : deeper;
            if (candidates.Length == 0)
            {
                continue;
            }

            var component = candidates[raw.Component % candidates.Length];
            if (!rows.TryGetValue(product, out var list))
            {
                rows[product] = list = [];
            }

            if (list.Exists(r => r.Component == component && r.Version == raw.Version))
            {
                continue;
            }

            var (qtyPer, merma, desperdicio) = shape.ExactFactors
                ? raw.Style switch
                {
                    0 => (raw.Qty / 100m, 0m, 0m),
                    1 => ((decimal)Math.Max(1, raw.Qty / 100), raw.Merma, raw.Desperdicio),
                    _ => (raw.Qty / 10 / 10m, raw.Merma % 4 * 10m, raw.Desperdicio % 4 * 10m),
                }
                : raw.Style switch
                {
                    0 => (raw.Qty / 100m, raw.Merma, raw.Desperdicio <= 5 ? 0m : raw.Desperdicio),
                    1 => (raw.Qty / 1000m, raw.Merma * 0.5m, raw.Desperdicio * 1.5m),
                    _ => (decimal.Round(raw.Qty / 7m, 4), raw.Merma % 3, raw.Desperdicio % 4 * 2.5m),
                };
            list.Add((component, qtyPer, merma, desperdicio, raw.Version));
        }

        var result = new List<BomLine>();
        foreach (var (product, list) in rows)
        {
            var versions = list.Select(r => r.Version).Distinct().Order().ToList();
            var starts = new[] { BomEpoch, Base.AddDays(splits[product].First), Base.AddDays(splits[product].First + splits[product].Second) };
            foreach (var r in list)
            {
                var v = versions.IndexOf(r.Version);
                DateOnly? to = v + 1 < versions.Count ? starts[v + 1].AddDays(-1) : null;
                result.Add(new BomLine(product, r.Component, r.QtyPer, r.Merma, r.Desperdicio, starts[v], to));
            }
        }

        return [.. result];
    }

    /// <summary>
    /// Lots of imported parts without a BOM (national parts never get a lot, SPEC §3.4), one per (part, document, partida).
    /// Machinery and tooling lots are always fixed-asset; other parts get an AF lot now and then; NAC stock is never AF. Two lots
    /// in five open with a discharge before the records begin (SPEC §3.4 <c>discharged_before</c>): all of the lot, half of it,
    /// all but 0.01, or one micro-unit.
    /// </summary>
    private static LotDef[] BuildLots(
        LedgerShape shape,
        PartDef[] parts,
        bool[] hasBom,
        (int Part, int Document, int Partida, int Day, int Qty, int Flag, int Opening)[] lotRaw)
    {
        var leaves = Enumerable.Range(0, parts.Length).Where(p => !parts[p].National && !hasBom[p]).ToArray();
        var lots = new List<LotDef>();
        if (leaves.Length == 0)
        {
            return [];
        }

        foreach (var raw in lotRaw)
        {
            var part = leaves[raw.Part % leaves.Length];
            var nac = raw.Flag >= 8;
            var fixedAsset = parts[part].Kind is PartKind.Machinery or PartKind.Tooling || (!nac && raw.Flag <= 1);
            var document = nac ? NacDocuments[raw.Document % NacDocuments.Length] : Pedimentos[raw.Document % Pedimentos.Length];
            if (lots.Exists(l => l.Part == part && l.Document == document && l.Partida == raw.Partida))
            {
                continue;
            }

            var qty = shape.PlentifulLots ? 1_000_000m : raw.Qty / 100m;
            if (!shape.PlentifulLots && raw.Qty % 7 == 0)
            {
                qty += 0.0000004m; // below the 6-decimal precision: the lot closes when its balance is 0 at that precision
            }

            var whole = decimal.Round(qty, 6, MidpointRounding.ToZero); // discharged_before has at most 6 decimals
            var opening = raw.Opening switch
            {
                6 => whole,
                7 => decimal.Round(qty / 2, 6, MidpointRounding.ToZero),
                8 => Math.Max(0m, whole - 0.01m),
                9 => 0.000001m,
                _ => 0m,
            };
            lots.Add(new LotDef(part, document, raw.Partida, Base.AddDays(Cluster(raw.Day)), qty, fixedAsset, nac, opening));
        }

        return [.. lots];
    }

    /// <summary>
    /// Movements mostly of parts that have a BOM or lots, so that they discharge something; directed exits mostly name a lot of
    /// the part or of one of its components, sometimes any lot (another part or client) or a document no lot has.
    /// </summary>
    private static MovementDef[] BuildMovements(
        LedgerShape shape,
        BomLine[] bom,
        LotDef[] lots,
        int partCount,
        (int, int, int, int, int, int, int, (int, int, int, int, int, int))[] movementRaw)
    {
        var active = Enumerable.Range(0, partCount).Where(p => bom.Any(b => b.Product == p) || lots.Any(l => l.Part == p)).ToArray();
        var withLots = lots.Select(l => l.Part).Distinct().Order().ToArray();
        var result = new MovementDef[movementRaw.Length];
        for (var i = 0; i < movementRaw.Length; i++)
        {
            var (kindPick, partPick, docPick, partida, day, qtyRaw, modePick, (bomPick, back, directedPick, sourcePick, sourcePartida, extra)) =
                movementRaw[i];
            var date = Base.AddDays(Cluster(day));
            var qty = shape.ExactFactors ? (qtyRaw % 50) + 1 : qtyRaw / 100m;
            var part = partPick % 5 == 0 || active.Length == 0 ? partPick % partCount : active[partPick % active.Length];
            if (kindPick <= 5)
            {
                var directed = directedPick < 4;
                var named = NamedSource(bom, lots, part, sourcePick);
                result[i] = new MovementDef
                {
                    Kind = MovementKind.Exit,
                    Date = date,
                    Document = ExitDocuments[docPick % ExitDocuments.Length],
                    Partida = shape.UniqueMovementKeys ? i + 1 : partida,
                    Sequence = i,
                    Part = part,
                    Qty = qty,
                    Mode = ExitModes[modePick],
                    BomDate = bomPick < 3 ? date.AddDays(-back) : null,
                    SourceDocument = directed ? named?.Document ?? SourceDocuments[sourcePick % SourceDocuments.Length] : null,
                    SourcePartida = directed ? named?.Partida ?? sourcePartida : 0,
                };
                continue;
            }

            var type = kindPick switch
            {
                6 => EventType.Destruction,
                7 => EventType.Donation,
                8 => Moves[extra % Moves.Length],
                _ => EventType.Adjustment,
            };
            var waste = type.Discharges() && extra < 6;
            if (waste && withLots.Length > 0 && partPick % 5 != 0)
            {
                part = withLots[partPick % withLots.Length];
            }

            if (waste && !shape.ExactFactors)
            {
                qty /= 100; // waste balances are small: keep some disposals within them
            }

            if (type == EventType.Adjustment && extra < 5)
            {
                qty = -qty;
            }

            var reference = References[docPick % References.Length];
            result[i] = new MovementDef
            {
                Kind = MovementKind.Event,
                Date = date,
                Document = shape.UniqueMovementKeys ? reference + i.ToString("D2", CultureInfo.InvariantCulture) : reference,
                Partida = 0,
                Sequence = i,
                Part = part,
                Qty = qty,
                Mode = type.Discharges() ? (waste ? DischargeMode.WasteDisposal : DischargeMode.AllLots) : DischargeMode.None,
                EventType = type,
            };
        }

        return result;
    }

    /// <summary>Half the days fall on every tenth day, so lots tie on entry date and movements on lots' dates and on each other.</summary>
    private static int Cluster(int day) => day % 2 == 0 ? day / 10 * 10 : day;

    /// <summary>The lot a directed exit names: null (a random document) one time in four, else any lot, else a lot of the part or a component.</summary>
    private static (string Document, int Partida)? NamedSource(BomLine[] bom, LotDef[] lots, int part, int pick)
    {
        if (lots.Length == 0 || pick % 4 == 0)
        {
            return null;
        }

        if (pick % 4 == 1)
        {
            var any = lots[pick % lots.Length];
            return (any.Document, any.Partida);
        }

        var reach = new HashSet<int> { part };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var row in bom)
            {
                grew |= reach.Contains(row.Product) && reach.Add(row.Component);
            }
        }

        var own = lots.Where(l => reach.Contains(l.Part)).ToArray();
        var lot = own.Length > 0 ? own[pick % own.Length] : lots[pick % lots.Length];
        return (lot.Document, lot.Partida);
    }
}
