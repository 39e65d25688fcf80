using System.Globalization;
using System.Text;
using Traza.App.Generation.DataStage;
using Traza.Domain.Discharge;
using Traza.Domain.Model;

namespace Traza.App.Generation;

/// <summary>
/// What <see cref="ProgramGenerator"/> wrote; <paramref name="DataStagePedimentos"/> and <paramref name="DataStagePartidas"/> are
/// the contents of datastage.zip (0 when no package was asked for).
/// </summary>
public sealed record GeneratedSummary(
    int Parts, int BomRows, int EntryLines, int ExitLines, int Events, long PlannedConsumptions, int DataStagePedimentos = 0, long DataStagePartidas = 0);

/// <summary>
/// Writes a believable IMMEX program as the five §4.1 CSV files (parts, bom, entries, exits, events): skewed part
/// usage, BOMs 1–3 levels deep with merma and desperdicio, BOM versions over time, daily pedimentos with several
/// partidas, daily exits, national parts, fixed assets — and, when <see cref="GeneratorOptions.DataStageRfc"/> is set,
/// the matching SAT Data Stage package <c>datastage.zip</c> built from the same pedimento lines. Output depends only
/// on the options (seed included). Used by <c>traza demo</c> and <c>traza gen</c>.
/// </summary>
public static class ProgramGenerator
{
    // Sample tariff lines (fracción, UMT, description stem) typical of an electronics/automotive maquila.
    // Illustrative data for demos and benchmarks, not a tariff schedule.
    private static readonly (string Fraccion, int Umt, string Stem)[] Tariff =
    [
        ("85444299", 1, "Cable harness"), ("85369099", 6, "Connector"), ("85340001", 6, "Printed circuit board"),
        ("85322499", 6, "Ceramic capacitor"), ("85411099", 6, "Diode"), ("73181599", 1, "Screw"),
        ("73182299", 1, "Washer"), ("39269099", 1, "Plastic housing"), ("40169399", 6, "Gasket"),
        ("76169999", 1, "Aluminium bracket"), ("85045099", 6, "Inductor"), ("85331099", 6, "Resistor"),
        ("85423199", 6, "Microcontroller"), ("39211399", 1, "Foam sheet"), ("74081999", 1, "Copper wire"),
        ("90318099", 6, "Sensor"), ("85366999", 6, "Terminal"), ("83024999", 1, "Metal clip"),
    ];

    private static readonly (string Fraccion, int Umt, string Stem)[] PackagingTariff =
    [
        ("48191001", 1, "Corrugated box"), ("39232999", 1, "Plastic bag"), ("48211001", 6, "Label"),
    ];

    private static readonly string[] Origins = ["USA", "CHN", "KOR", "JPN", "DEU", "TWN", "MYS", "USA", "USA", "CHN"];
    private static readonly string[] Aduanas = ["24", "07", "40", "30"];
    private static readonly string[] Patentes = ["3420", "1695", "3912"];

    public static GeneratedSummary Write(string directory, GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(directory);
        var state = new State(options);
        state.BuildCatalog();
        state.PlanExits();
        state.PlanEntries();
        state.PlanEvents();

        using var package = options.DataStageRfc is { } rfc
            ? new GeneratedPackage(Folio(options.Seed), rfc, options.ProgramName, options.ImmexNumber, options.Start, options.End)
            : null;
        state.WriteParts(Path.Combine(directory, "parts.csv"));
        state.WriteBom(Path.Combine(directory, "bom.csv"));
        state.WriteEntries(Path.Combine(directory, "entries.csv"), package);
        state.WriteExits(Path.Combine(directory, "exits.csv"), package);
        state.WriteDescargos(package);
        state.WriteEvents(Path.Combine(directory, "events.csv"));
        if (package is null)
        {
            return state.Summary();
        }

        package.WriteZip(Path.Combine(directory, DataStageFile));
        return state.Summary() with { DataStagePedimentos = package.Pedimentos, DataStagePartidas = package.Partidas };
    }

    /// <summary>
    /// The synthetic MXN/USD rate of <paramref name="date"/> for a program generated from <paramref name="start"/> (about 20.3
    /// falling 1.8 a year, with a small day-to-day wobble): the rate entries.csv and Data Stage carry, and the DOF table
    /// <c>traza demo</c> loads.
    /// </summary>
    public static decimal SyntheticRate(DateOnly start, DateOnly date)
    {
        var wobble = unchecked((uint)date.DayNumber * 2654435761u) % 1000u;
        return decimal.Round(20.3m - (1.8m * (date.DayNumber - start.DayNumber) / 365m) + (wobble / 10_000m), 4);
    }

    /// <summary>The package's file name in the output folder (SPEC §5).</summary>
    public const string DataStageFile = "datastage.zip";

    /// <summary>A 6-digit SAT request folio derived from the seed (the package's members are {folio}_{tabla}.asc).</summary>
    private static string Folio(int seed) =>
        (100_000 + (int)((uint)seed % 900_000u)).ToString(CultureInfo.InvariantCulture);

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string F(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StreamWriter Open(string path) => new(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };

    private sealed class GenPart
    {
        public required string Client { get; init; }

        public required string Number { get; init; }

        public required string Kind { get; init; }

        public required string Description { get; init; }

        public string Fraccion { get; init; } = string.Empty;

        public int Umc { get; init; } = 6;

        public int Umt { get; init; } = 6;

        public decimal UmtPerUmc { get; init; } = 1m;

        public string Origin { get; init; } = "USA";

        public bool National { get; init; }

        public decimal UnitPriceUsd { get; init; }

        public bool Short { get; set; }

        public double Need { get; set; }

        public double Waste { get; set; }

        public double NeedEarly { get; set; }

        /// <summary>The last exit date that consumes this part (for <see cref="GeneratorOptions.SupplyFollowsUse"/>).</summary>
        public DateOnly LastUse { get; set; }
    }

    private sealed record GenBom(GenPart Product, GenPart Component, decimal QtyPer, decimal Merma, decimal Desperdicio, DateOnly From, DateOnly? To);

    private sealed record GenExit(GenPart Product, DateOnly Date, decimal Qty, DateOnly? BomDate);

    private sealed record GenEntry(GenPart Part, DateOnly Date, decimal Qty, string Clave);

    private sealed record GenEvent(DateOnly Date, string Type, GenPart Part, decimal Qty, bool Waste, string Reference, string ThirdParty);

    private sealed class State(GeneratorOptions o)
    {
        private readonly Random rng = new(o.Seed);
        private readonly List<GenPart> parts = [];
        private readonly List<GenBom> bom = [];
        private readonly List<GenExit> exits = [];
        private readonly List<GenEntry> entries = [];
        private readonly List<GenEvent> events = [];
        private readonly Dictionary<string, List<GenPart>> materials = [];
        private readonly Dictionary<string, List<GenPart>> products = [];
        private readonly Dictionary<GenPart, List<GenBom>> rowsOf = [];
        private long plannedConsumptions;
        private GeneratedDescargos? descargos;
        private Dictionary<GenPart, int> partIndex = [];

        private DateOnly Mid => o.Start.AddDays((o.End.DayNumber - o.Start.DayNumber) / 2);

        public void BuildCatalog()
        {
            for (var c = 0; c < o.Clients.Count; c++)
            {
                var client = o.Clients[c];
                var prefix = client.Length == 0 ? string.Empty : client[..Math.Min(3, client.Length)].ToUpperInvariant() + "-";
                var mats = new List<GenPart>();
                for (var i = 0; i < o.MaterialsPerClient; i++)
                {
                    var packaging = rng.NextDouble() < 0.06;
                    var (fraccion, umt, stem) = packaging ? Pick(PackagingTariff) : Pick(Tariff);
                    var byWeight = umt == 1 && rng.NextDouble() < 0.7;
                    var part = new GenPart
                    {
                        Client = client,
                        Number = $"{prefix}M{i + 1:D5}",
                        Kind = packaging ? "packaging" : rng.NextDouble() < 0.03 ? "consumable" : "material",
                        Description = $"{stem} {i + 1}",
                        Fraccion = fraccion,
                        Umc = byWeight ? 1 : 6,
                        Umt = umt,
                        UmtPerUmc = byWeight || umt == 6 ? 1m : decimal.Round((decimal)(0.001 + (rng.NextDouble() * 0.8)), 4),
                        Origin = Pick(Origins),
                        National = rng.NextDouble() < o.NationalShare,
                        UnitPriceUsd = decimal.Round((decimal)(0.02 + (Math.Pow(rng.NextDouble(), 3) * 40)), 4),
                    };
                    mats.Add(part);
                    parts.Add(part);
                }

                for (var i = 0; i < o.ShortMaterialsPerClient && i < mats.Count; i++)
                {
                    mats[(mats.Count / 3) + i].Short = true; // moderately used materials, under-supplied: a few shortages late in the period
                }

                materials[client] = mats;
                var subassemblies = new List<GenPart>();
                for (var i = 0; i < o.SubassembliesPerClient; i++)
                {
                    var sa = new GenPart { Client = client, Number = $"{prefix}SA{i + 1:D4}", Kind = "finished", Description = $"Subassembly {i + 1}" };
                    parts.Add(sa);
                    subassemblies.Add(sa);
                    var leaves = SampleMaterials(mats, 3 + rng.Next(4), []);
                    if (i > 0 && rng.NextDouble() < 0.3)
                    {
                        AddRow(sa, subassemblies[rng.Next(i)], 1m, 0m, 0m, o.Start, null); // a third level
                    }

                    foreach (var leaf in leaves)
                    {
                        AddRow(sa, leaf, QtyPer(leaf), Merma(), Desperdicio(), o.Start, null);
                    }
                }

                var finished = new List<GenPart>();
                for (var i = 0; i < o.ProductsPerClient; i++)
                {
                    var fg = new GenPart { Client = client, Number = $"{prefix}FG{i + 1:D4}", Kind = "finished", Description = $"Finished good {i + 1}", Fraccion = "85371099", Origin = "MEX" };
                    parts.Add(fg);
                    finished.Add(fg);
                    var used = new HashSet<GenPart>();
                    var leafCount = 0;
                    if (subassemblies.Count > 0 && rng.NextDouble() < 0.6)
                    {
                        var sa = subassemblies[rng.Next(subassemblies.Count)];
                        AddRow(fg, sa, 1 + rng.Next(2), 0m, Desperdicio() / 2, o.Start, null);
                        foreach (var leaf in LeavesOf(sa))
                        {
                            used.Add(leaf);
                        }

                        leafCount = used.Count;
                    }

                    var direct = SampleMaterials(mats, Math.Max(1, o.LeavesPerProduct - leafCount), used);
                    foreach (var leaf in direct)
                    {
                        AddRow(fg, leaf, QtyPer(leaf), Merma(), Desperdicio(), o.Start, null);
                    }

                    if (rng.NextDouble() < o.BomVersionShare && direct.Count > 1)
                    {
                        // A second version from mid-period: one component replaced by another.
                        var old = rowsOf[fg].First(r => r.Component == direct[^1]);
                        rowsOf[fg].Remove(old);
                        bom.Remove(old);
                        AddRow(fg, old.Component, old.QtyPer, old.Merma, old.Desperdicio, old.From, Mid.AddDays(-1));
                        foreach (var d in direct)
                        {
                            used.Add(d);
                        }

                        var replacement = SampleMaterials(mats, 1, used);
                        AddRow(fg, replacement[0], QtyPer(replacement[0]), Merma(), Desperdicio(), Mid, null);
                    }
                }

                products[client] = finished;
                for (var i = 0; i < o.MachineryPerClient; i++)
                {
                    parts.Add(new GenPart
                    {
                        Client = client, Number = $"{prefix}MQ{i + 1:D3}", Kind = i % 3 == 2 ? "tooling" : "machinery",
                        Description = i % 3 == 2 ? $"Injection mold {i + 1}" : $"SMT line machine {i + 1}",
                        Fraccion = i % 3 == 2 ? "84807199" : "84795099", Origin = Pick(Origins),
                        UnitPriceUsd = 20_000 + rng.Next(250_000),
                    });
                }
            }
        }

        public void PlanExits()
        {
            var first = o.Start.AddDays(14);
            var days = o.End.DayNumber - first.DayNumber + 1;
            for (var ci = 0; ci < o.Clients.Count; ci++)
            {
                var client = o.Clients[ci];
                var share = Share(o.ExitLines, ci);
                var fgs = products[client];
                if (fgs.Count == 0)
                {
                    continue;
                }

                for (var i = 0; i < share; i++)
                {
                    var date = first.AddDays(i * days / share);
                    var product = fgs[Skewed(fgs.Count)];
                    var qty = (decimal)(1 + (int)(Math.Pow(rng.NextDouble(), 2) * 300));
                    DateOnly? bomDate = rng.NextDouble() < 0.05 ? date.AddDays(-1 - rng.Next(10)) : null;
                    if (bomDate < o.Start)
                    {
                        bomDate = null;
                    }

                    exits.Add(new GenExit(product, date, qty, bomDate));
                    var versionDate = bomDate ?? date;
                    var early = date.DayNumber < o.End.DayNumber - 7;
                    foreach (var (leaf, factor, waste) in Explode(product, versionDate))
                    {
                        leaf.Need += (double)(qty * factor);
                        leaf.LastUse = date > leaf.LastUse ? date : leaf.LastUse;
                        leaf.Waste += (double)(qty * waste);
                        if (early)
                        {
                            leaf.NeedEarly += (double)(qty * waste);
                        }

                        plannedConsumptions++;
                    }
                }
            }
        }

        public void PlanEntries()
        {
            var last = o.End.AddDays(-30);
            var span = last.DayNumber - o.Start.DayNumber + 1;
            for (var ci = 0; ci < o.Clients.Count; ci++)
            {
                var client = o.Clients[ci];
                var mats = materials[client].Where(m => !m.National).ToList();
                var totalNeed = mats.Sum(m => m.Need);
                var used = mats.Where(m => m.Need > 0).ToList();
                var unused = mats.Where(m => m.Need == 0).ToList();

                // The client's share of the entry lines (SPEC §8 volumes, exactly), less the fixed-asset and slow-mover
                // lines added below, spread over the used materials in proportion to their need.
                var fixedAssets = parts.Count(p => p.Client == client && p.Kind is "machinery" or "tooling");
                var slowMovers = unused.Count > 0 ? 2 * o.OldLotsPerClient : 0;
                var perMaterial = Distribute(used, Math.Max(0, Share(o.EntryLines, ci) - fixedAssets - slowMovers), totalNeed);

                for (var i = 0; i < used.Count; i++)
                {
                    var m = used[i];
                    var supply = m.Need * (m.Short ? o.ShortSupplyRatio : o.SupplyRatio);
                    var n = perMaterial[i];
                    var window = o.SupplyFollowsUse ? Math.Clamp(m.LastUse.DayNumber - 30 - o.Start.DayNumber + 1, 7, span) : span;
                    for (var k = 0; k < n; k++)
                    {
                        // Spread evenly with jitter; the first lot arrives before the first exit and carries a double share
                        // (opening stock), so ordinary materials are not short while supply catches up.
                        var day = k == 0 ? rng.Next(7) : (int)((k + (o.EntryJitter * rng.NextDouble())) * window / n);
                        var share = n == 1 ? 1.0 : k == 0 ? 2.0 / (n + 1) : 1.0 / (n + 1);
                        var qty = Round(m, supply * share);
                        var clave = rng.NextDouble() < 0.01 ? "NAC" : rng.NextDouble() < 0.02 ? "V1" : "IN";
                        entries.Add(new GenEntry(m, o.Start.AddDays(Math.Min(day, span - 1)), qty, clave));
                    }
                }

                // Slow movers: a large early lot of a rarely used material (it nears its deadline).
                for (var i = 0; i < o.OldLotsPerClient && unused.Count > 0; i++)
                {
                    var m = unused[rng.Next(unused.Count)];
                    entries.Add(new GenEntry(m, o.Start.AddDays(-o.OldLotsDaysBeforeStart + rng.Next(20)), 50 + rng.Next(500), "IN"));
                    var slow = unused[rng.Next(unused.Count)];
                    entries.Add(new GenEntry(slow, o.Start.AddDays(o.SlowLotsDaysAfterStart + rng.Next(o.SlowLotsSpreadDays)), 100 + rng.Next(900), "IN"));
                }

                foreach (var mq in parts.Where(p => p.Client == client && p.Kind is "machinery" or "tooling"))
                {
                    entries.Add(new GenEntry(mq, o.Start.AddDays(rng.Next(60)), 1 + rng.Next(2), "AF"));
                }
            }

            entries.Sort((a, b) => a.Date.CompareTo(b.Date));
        }

        public void PlanEvents()
        {
            foreach (var client in o.Clients)
            {
                var candidates = materials[client].Where(m => m.NeedEarly > 1 && !m.Short && !m.National).OrderByDescending(m => m.NeedEarly).ToList();
                for (var i = 0; i < o.WasteEventsPerClient && i < candidates.Count; i++)
                {
                    var m = candidates[i];
                    var qty = Round(m, m.NeedEarly / 5);
                    if (qty > 0)
                    {
                        events.Add(new GenEvent(o.End.AddDays(-5), "destruction", m, qty, true, $"ACTA-{client}-{i + 1:D3}", "Reciclados del Norte SA de CV"));
                    }
                }

                var mats = materials[client].Where(m => m.Need > 0 && !m.National).ToList();
                if (mats.Count > 0)
                {
                    var m = mats[rng.Next(mats.Count)];
                    var when = Mid.AddDays(10);
                    events.Add(new GenEvent(when, "submanufacture_out", m, 10, false, $"SUB-{client}-001", "Maquinados Especiales SA de CV"));
                    events.Add(new GenEvent(when.AddDays(20), "submanufacture_in", m, 10, false, $"SUB-{client}-001", "Maquinados Especiales SA de CV"));
                }
            }

            events.Sort((a, b) => a.Date.CompareTo(b.Date));
        }

        public void WriteParts(string path)
        {
            using var w = Open(path);
            w.WriteLine("part,description,kind,fraccion,nico,umc,umt,umt_per_umc,origin,source,client");
            foreach (var p in parts)
            {
                w.WriteLine($"{p.Number},{p.Description},{p.Kind},{p.Fraccion},{(p.Fraccion.Length > 0 ? "00" : string.Empty)},{p.Umc},{p.Umt},{F(p.UmtPerUmc)},{p.Origin},{(p.National ? "national" : "imported")},{p.Client}");
            }
        }

        public void WriteBom(string path)
        {
            using var w = Open(path);
            w.WriteLine("product,component,qty_per,merma_pct,desperdicio_pct,valid_from,valid_to,client");
            foreach (var b in bom)
            {
                w.WriteLine($"{b.Product.Number},{b.Component.Number},{F(b.QtyPer)},{F(b.Merma)},{F(b.Desperdicio)},{F(b.From)},{(b.To is { } to ? F(to) : string.Empty)},{b.Product.Client}");
            }
        }

        public void WriteEntries(string path, GeneratedPackage? package)
        {
            if (package is not null && o.TransferEvery > 0)
            {
                StartDescargos();
            }

            using var w = Open(path);
            w.WriteLine("pedimento,partida,clave,date,part,qty,qty_umt,value_usd,customs_value_mxn,exchange_rate,origin,preference,invoice,rectifies,client,site");
            var numbers = new Numbering();
            var nac = 0;
            foreach (var group in entries.GroupBy(e => (e.Date, e.Part.Client, e.Clave)))
            {
                var rate = Rate(group.Key.Date);
                var partida = 0;
                var pedimento = string.Empty;
                var batch = 0;
                foreach (var e in group)
                {
                    if (partida == 0 || partida >= batch)
                    {
                        pedimento = group.Key.Clave == "NAC" ? $"CFDI-{++nac:D8}" : numbers.Next(group.Key.Date);
                        batch = 5 + rng.Next(36);
                        partida = 0;
                    }

                    partida++;
                    var umt = e.Part.Umc == e.Part.Umt ? e.Qty : decimal.Round(e.Qty * e.Part.UmtPerUmc * (decimal)(0.98 + (rng.NextDouble() * 0.04)), 3);
                    var usd = decimal.Round(e.Qty * e.Part.UnitPriceUsd, 2);
                    var site = e.Part.Client.Length == 0 ? "PLANTA-1" : $"NAVE-{e.Part.Client}";
                    w.WriteLine($"{pedimento},{partida},{e.Clave},{F(e.Date)},{e.Part.Number},{F(e.Qty)},{F(umt)},{F(usd)},{F(decimal.Round(usd * rate, 2))},{F(rate)},{e.Part.Origin},,INV-{pedimento[^6..]}-{partida},,{e.Part.Client},{site}");
                    descargos?.Lot(partIndex[e.Part], pedimento, partida, e.Clave, e.Date, e.Qty, umt);
                    if (group.Key.Clave != "NAC")
                    {
                        package?.Line(new GeneratedLine(pedimento, partida, e.Clave, false, e.Date, rate, e.Part.Number, e.Part.Description,
                            e.Part.Fraccion, "00", e.Qty, Unit(e.Part.Umc), umt, Unit(e.Part.Umt), usd, e.Part.Origin, e.Part.Origin,
                            $"INV-{pedimento[^6..]}"));
                    }
                }
            }
        }

        public void WriteExits(string path, GeneratedPackage? package)
        {
            using var w = Open(path);
            w.WriteLine("pedimento,partida,clave,date,part,qty,qty_umt,value_usd,destination,counterparty,case,bom_date,source_pedimento,source_partida,rectifies,client");
            var numbers = new Numbering(5_000);
            var count = 0;
            foreach (var group in exits.GroupBy(e => (e.Date, e.Product.Client)))
            {
                var partida = 0;
                var pedimento = string.Empty;
                var clave = "RT";
                foreach (var e in group)
                {
                    if (partida == 0 || partida >= 30)
                    {
                        pedimento = numbers.Next(group.Key.Date);
                        clave = ExitClave(count++);
                        partida = 0;
                    }

                    partida++;
                    var usd = decimal.Round(e.Qty * 85.5m, 2);
                    var (destination, counterparty) = clave switch
                    {
                        "V1" => ("MEX", Transferees[count % Transferees.Length]),
                        "V5" => ("MEX", CertifiedBuyers[count % CertifiedBuyers.Length]),
                        _ => ("USA", "Customer of " + (e.Product.Client.Length == 0 ? "program" : e.Product.Client)),
                    };
                    package?.Line(new GeneratedLine(pedimento, partida, clave, true, e.Date, Rate(e.Date), e.Product.Number, e.Product.Description,
                        e.Product.Fraccion, "00", e.Qty, Unit(e.Product.Umc), e.Qty, Unit(e.Product.Umt), usd, e.Product.Origin, destination,
                        $"EXP-{pedimento[^6..]}"));
                    descargos?.Exit(partIndex[e.Product], pedimento, partida, clave, e.Date, e.Qty, e.BomDate, clave != "RT", clave == "V5");
                    w.WriteLine($"{pedimento},{partida},{clave},{F(e.Date)},{e.Product.Number},{F(e.Qty)},{F(e.Qty)},{F(usd)},{destination},{counterparty},,{(e.BomDate is { } bd ? F(bd) : string.Empty)},,,,{e.Product.Client}");
                }
            }
        }

        /// <summary>
        /// Receiving IMMEX companies of the V1 transfers, by IMMEX number or RFC (identifier V1, RGCE 4.3.21); illustrative.
        /// </summary>
        private static readonly string[] Transferees = ["TME980312AB1", "IMMEX 1234-2006", "ENS050607KL2"];

        /// <summary>Certified buyers of the V5 transfers (their RFC); illustrative.</summary>
        private static readonly string[] CertifiedBuyers = ["CRE010203XY9", "AMO110415QR7"];

        /// <summary>
        /// The clave of the <paramref name="index"/>-th exit pedimento: of every <see cref="GeneratorOptions.TransferEvery"/>, one
        /// V1 and, half a run later, one V5; the rest RT.
        /// </summary>
        private string ExitClave(int index)
        {
            if (o.TransferEvery <= 0)
            {
                return "RT";
            }

            var k = index % o.TransferEvery;
            return k == 7 % o.TransferEvery ? "V1" : k == ((o.TransferEvery / 2) + 7) % o.TransferEvery ? "V5" : "RT";
        }

        /// <summary>The 512 rows of the transfers, once every lot and exit is known (<see cref="GeneratedDescargos"/>).</summary>
        public void WriteDescargos(GeneratedPackage? package)
        {
            if (package is not null)
            {
                descargos?.Write(package, o.End);
            }
        }

        private void StartDescargos()
        {
            partIndex = parts.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
            var defs = parts.Select(p => new PartDef(p.Client, p.Number, PartKinds.TryParse(p.Kind, out var kind) ? kind : PartKind.Material, p.National)).ToList();
            var lines = bom.Select(b => new BomLine(partIndex[b.Product], partIndex[b.Component], b.QtyPer, b.Merma, b.Desperdicio, b.From, b.To))
                .ToList();
            descargos = new GeneratedDescargos(defs, lines, [.. parts.Select(p => (p.Fraccion, Unit(p.Umt)))]);
        }

        public void WriteEvents(string path)
        {
            using var w = Open(path);
            w.WriteLine("date,type,part,qty,waste,reference,third_party,client,site");
            foreach (var e in events)
            {
                w.WriteLine($"{F(e.Date)},{e.Type},{e.Part.Number},{F(e.Qty)},{(e.Waste ? "yes" : "no")},{e.Reference},{e.ThirdParty},{e.Part.Client},");
            }
        }

        public GeneratedSummary Summary() => new(parts.Count, bom.Count, entries.Count, exits.Count, events.Count, plannedConsumptions);

        private readonly Dictionary<(GenPart, bool), (GenPart Leaf, decimal Factor, decimal Waste)[]> explosions = [];

        /// <summary>Leaf needs of one unit; BOM versions change only at <see cref="Mid"/>, so two cached versions per product.</summary>
        private (GenPart Leaf, decimal Factor, decimal Waste)[] Explode(GenPart product, DateOnly date)
        {
            var key = (product, date >= Mid);
            if (!explosions.TryGetValue(key, out var leaves))
            {
                var acc = new Dictionary<GenPart, (decimal, decimal)>();
                Walk(product, date, 1m, 1m, acc);
                explosions[key] = leaves = [.. acc.Select(kv => (kv.Key, kv.Value.Item1, kv.Value.Item2))];
            }

            return leaves;
        }

        private void Walk(GenPart product, DateOnly date, decimal full, decimal noWaste, Dictionary<GenPart, (decimal, decimal)> acc)
        {
            foreach (var row in rowsOf[product])
            {
                if (row.From > date || (row.To is { } to && date > to) || row.Component.National)
                {
                    continue;
                }

                var f = full * row.QtyPer * (1 + ((row.Merma + row.Desperdicio) / 100));
                var n = noWaste * row.QtyPer * (1 + (row.Merma / 100));
                if (rowsOf.ContainsKey(row.Component))
                {
                    Walk(row.Component, date, f, n, acc);
                }
                else
                {
                    var (a, b) = acc.GetValueOrDefault(row.Component);
                    acc[row.Component] = (a + f, b + (f - n));
                }
            }
        }

        private IEnumerable<GenPart> LeavesOf(GenPart sa) =>
            rowsOf[sa].SelectMany(r => rowsOf.ContainsKey(r.Component) ? LeavesOf(r.Component) : [r.Component]);

        private void AddRow(GenPart product, GenPart component, decimal qtyPer, decimal merma, decimal desperdicio, DateOnly from, DateOnly? to)
        {
            var row = new GenBom(product, component, qtyPer, merma, desperdicio, from, to);
            bom.Add(row);
            if (!rowsOf.TryGetValue(product, out var list))
            {
                rowsOf[product] = list = [];
            }

            list.Add(row);
        }

        private List<GenPart> SampleMaterials(List<GenPart> mats, int count, HashSet<GenPart> exclude)
        {
            var result = new List<GenPart>(count);
            var seen = new HashSet<GenPart>(exclude);
            var attempts = 0;
            while (result.Count < count && attempts++ < count * 50)
            {
                var m = mats[Skewed(mats.Count)];
                if (seen.Add(m))
                {
                    result.Add(m);
                }
            }

            return result;
        }

        /// <summary>A Zipf-like index: low indexes are used far more often (skewed part usage).</summary>
        private int Skewed(int n) => Math.Min(n - 1, (int)(n * Math.Pow(rng.NextDouble(), 2.2)));

        private decimal QtyPer(GenPart leaf) =>
            leaf.Umc == 1 ? decimal.Round((decimal)(0.01 + (rng.NextDouble() * 2)), 3) : 1 + rng.Next(rng.NextDouble() < 0.8 ? 4 : 12);

        private decimal Merma() => rng.NextDouble() < 0.5 ? 0m : rng.Next(7) / 2m;

        private decimal Desperdicio() => rng.NextDouble() < 0.5 ? 0m : rng.Next(11) / 2m;

        private static decimal Round(GenPart m, double qty) =>
            m.Umc == 1 ? decimal.Round((decimal)qty, 3) : Math.Max(1m, decimal.Ceiling((decimal)qty));

        private T Pick<T>(T[] items) => items[rng.Next(items.Length)];

        /// <summary>
        /// A smooth synthetic MXN/USD rate (about 20.3 falling to 18.5 over 2025) with a small day-to-day wobble: one rate
        /// per day, as the DOF publishes it, the same in entries.csv and in the Data Stage 501.TipoCambio.
        /// </summary>
        private decimal Rate(DateOnly date) => SyntheticRate(o.Start, date);

        private static string Unit(int code) => code.ToString(CultureInfo.InvariantCulture);

        /// <summary>Client <paramref name="index"/>'s share of <paramref name="total"/>: equal shares, the remainder to the first clients.</summary>
        private int Share(int total, int index) => (total / o.Clients.Count) + (index < total % o.Clients.Count ? 1 : 0);

        /// <summary>
        /// Splits <paramref name="lines"/> over materials: one each, the rest in proportion to need, rounding by largest
        /// remainder so the counts add up to <paramref name="lines"/> exactly.
        /// </summary>
        private static int[] Distribute(List<GenPart> used, int lines, double totalNeed)
        {
            var counts = new int[used.Count];
            if (used.Count == 0)
            {
                return counts;
            }

            var ones = Math.Min(lines, used.Count);
            for (var i = 0; i < ones; i++)
            {
                counts[i] = 1;
            }

            var remaining = lines - ones;
            if (remaining == 0 || totalNeed <= 0)
            {
                return counts;
            }

            var fractions = new double[used.Count];
            var given = 0;
            for (var i = 0; i < used.Count; i++)
            {
                var exact = remaining * (used[i].Need / totalNeed);
                var whole = (int)Math.Floor(exact);
                counts[i] += whole;
                given += whole;
                fractions[i] = exact - whole;
            }

            var order = Enumerable.Range(0, used.Count).OrderByDescending(i => fractions[i]).ThenBy(i => i).ToArray();
            for (var k = 0; given < remaining; k = (k + 1) % order.Length)
            {
                counts[order[k]]++;
                given++;
            }

            return counts;
        }
    }

    /// <summary>Pedimento numbers YY AA PPPP NNNNNNN with the year digit first in the consecutive (Anexo 22).</summary>
    private sealed class Numbering(int offset = 0)
    {
        private readonly Dictionary<(int Year, string Aduana, string Patente), int> next = [];

        public string Next(DateOnly date)
        {
            var aduana = Aduanas[date.DayNumber % Aduanas.Length];
            var patente = Patentes[date.DayNumber / 7 % Patentes.Length];
            var key = (date.Year, aduana, patente);
            var n = next.GetValueOrDefault(key, offset) + 1;
            next[key] = n;
            return string.Create(CultureInfo.InvariantCulture, $"{date.Year % 100:D2}{aduana}{patente}{date.Year % 10}{n:D6}");
        }
    }
}
