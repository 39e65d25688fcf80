using System.Globalization;
using System.Text;
using Traza.App.Generation;
using Traza.Formats.DataStage;

namespace Traza.App.Demo;

/// <summary>
/// The few things that went wrong in the demo's year, planted into the generated files so that the shortages and the
/// reconciliation tell a true story (issue 16 item 7). The generator writes a clean program — every material supplied
/// ahead of use, and a Data Stage package that agrees with the ledger — and this class then:
/// <list type="bullet">
/// <item>adds two retornos of a material as-is (ACME, KITE) dated three days before the only lot of that material arrived:
/// an exit before its material (a shortage each);</item>
/// <item>adds a destruction (NORD) of more than its lot holds: a shortage of the difference;</item>
/// <item>dates the rule 4.3.5 notice of every destruction of waste a week before it (on <c>reference</c>, <c>ACTA@YYYY-MM-DD</c>);</item>
/// <item>drops one entry partida from entries.csv that SAT's package declares (<c>partida_missing_in_ledger</c>);</item>
/// <item>gives one part (its UMC being its UMT) a wrong <c>umt_per_umc</c> of 10 in parts.csv and leaves its entries' <c>qty_umt</c> empty, so its
/// partidas differ from SAT's by one factor (<c>qty_umt_differs</c>, advice naming the part);</item>
/// <item>keys one entry's <c>value_usd</c> a tenth too high (<c>value_usd_differs</c>);</item>
/// <item>kits KITE's last shipment of a kitted product on a work order three days before it, two kits more than shipped
/// (`report work-orders`: two kits in stock, their components reserved);</item>
/// <item>writes a second, later package, <c>datastage-late.zip</c>, holding the two retornos and a rectification (R1 with
/// its 701 row) of one entry pedimento that the ledger does not know about (<c>rectification_pending</c>).</item>
/// </list>
/// Everything is chosen from the generated files by fixed rules, so the demo stays deterministic.
/// </summary>
internal static class DemoStory
{
    /// <summary>The second package's file name.</summary>
    public const string LatePackage = "datastage-late.zip";

    /// <summary>KITE's work order (story item 7).</summary>
    public const string WorkOrderReference = "WO-KITE-0001";

    private const string Aduana = "24";
    private const string Patente = "3420";

    /// <summary>
    /// Plants the story into the files of <paramref name="folder"/> (generated from <paramref name="start"/> to
    /// <paramref name="end"/>, the package requested for <paramref name="rfc"/>).
    /// </summary>
    public static void Plant(string folder, string rfc, string programName, DateOnly start, DateOnly end)
    {
        var parts = Csv.Read(Path.Combine(folder, "parts.csv"));
        var bom = Csv.Read(Path.Combine(folder, "bom.csv"));
        var entries = Csv.Read(Path.Combine(folder, "entries.csv"));
        var exits = Csv.Read(Path.Combine(folder, "exits.csv"));
        var events = Csv.Read(Path.Combine(folder, "events.csv"));
        var part = parts.Rows.ToDictionary(r => parts[r, "part"], StringComparer.Ordinal);
        // The parts some exit consumes: the exited products and, level by level, their BOM components.
        var children = bom.Rows.ToLookup(r => bom[r, "product"], r => bom[r, "component"], StringComparer.Ordinal);
        var consumed = exits.Rows.Select(r => exits[r, "part"]).ToHashSet(StringComparer.Ordinal);
        for (var frontier = consumed.ToList(); frontier.Count > 0;)
        {
            frontier = [.. frontier.SelectMany(p => children[p]).Where(consumed.Add)];
        }

        var used = new HashSet<string[]>(); // entry rows already part of the story
        var late = new List<LatePedimento>();

        // Slow movers: a material no exit consumes whose only lot was entered during the period.
        List<string[]> SlowLots(string client) => [.. entries.Rows
            .Where(r => entries[r, "client"] == client && !consumed.Contains(entries[r, "part"]))
            .GroupBy(r => entries[r, "part"]).Where(g => g.Count() == 1).Select(g => g.First())
            .Where(r => entries[r, "clave"] == "IN" && Date(entries[r, "date"]) >= start.AddDays(4) && parts[part[entries[r, "part"]], "kind"] == "material")
            .OrderBy(r => entries[r, "date"], StringComparer.Ordinal).ThenBy(r => entries[r, "part"], StringComparer.Ordinal)];

        // 1. Retornos as-is three days before their material arrived (ACME, KITE): a shortage each.
        var number = 0;
        foreach (var client in (string[])["ACME", "KITE"])
        {
            if (SlowLots(client) is not [var lot, ..])
            {
                continue;
            }

            var p = entries[lot, "part"];
            var date = Date(entries[lot, "date"]).AddDays(-3);
            var qty = 30m;
            var unit = Dec(entries[lot, "value_usd"]) / Dec(entries[lot, "qty"]);
            var pedimento = Pedimento(date, ++number);
            var row = exits.New();
            exits.Set(row, "pedimento", pedimento);
            exits.Set(row, "partida", "1");
            exits.Set(row, "clave", "RT");
            exits.Set(row, "date", Text(date));
            exits.Set(row, "part", p);
            exits.Set(row, "qty", Text(qty));
            exits.Set(row, "qty_umt", Text(decimal.Round(qty * Dec(parts[part[p], "umt_per_umc"]), 3)));
            exits.Set(row, "value_usd", Text(decimal.Round(qty * unit, 2)));
            exits.Set(row, "destination", "USA");
            exits.Set(row, "counterparty", $"Supplier of {client} (return as-is)");
            exits.Set(row, "client", client);
            exits.Rows.Add(row);
            late.Add(new LatePedimento(pedimento, date, "RT", [row], Export: true));
            used.Add(lot);
        }

        // 2. A destruction of more than the lot holds (NORD): a shortage of 25.
        if (SlowLots("NORD") is [var destroyed, ..])
        {
            var row = events.New();
            events.Set(row, "date", Text(end.AddDays(-10)));
            events.Set(row, "type", "destruction");
            events.Set(row, "part", entries[destroyed, "part"]);
            events.Set(row, "qty", Text(Dec(entries[destroyed, "qty"]) + 25m));
            events.Set(row, "waste", "no");
            events.Set(row, "reference", "ACTA-NORD-090");
            events.Set(row, "third_party", "Reciclados del Norte SA de CV");
            events.Set(row, "client", "NORD");
            events.Rows.Add(row);
            used.Add(destroyed);
        }

        // Ordinary entry partidas in mid-period, of materials with many lots, in pedimentos of three or more partidas.
        var lines = entries.Rows.GroupBy(r => entries[r, "part"]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var sizes = entries.Rows.GroupBy(r => entries[r, "pedimento"]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        IEnumerable<string[]> MidPeriod(string client) => entries.Rows.Where(r =>
            entries[r, "client"] == client && entries[r, "clave"] == "IN" && lines[entries[r, "part"]] >= 10 && sizes[entries[r, "pedimento"]] >= 3
            && Date(entries[r, "date"]) >= start.AddDays(150) && !used.Contains(r));

        // 3. A partida SAT declares that never reached the ledger (KITE).
        if (MidPeriod("KITE").FirstOrDefault() is { } dropped)
        {
            entries.Rows.Remove(dropped);
        }

        // 4. A value keyed a tenth too high (ACME).
        if (MidPeriod("ACME").FirstOrDefault(r => Dec(entries[r, "value_usd"]) >= 100m) is { } keyed)
        {
            entries.Set(keyed, "value_usd", Text(decimal.Round(Dec(entries[keyed, "value_usd"]) * 1.1m, 2)));
            used.Add(keyed);
        }

        // 5. A part whose UMC is its UMT but whose catalog says 10 UMT a unit, its entries giving no qty_umt: the first such
        //    part with two to four entry partidas, all of them pedimentos.
        var pieces = parts.Rows.Where(r => parts[r, "kind"] == "material" && parts[r, "umc"] == parts[r, "umt"]
                && parts[r, "source"] == "imported")
            .Select(r => parts[r, "part"])
            .Where(p => entries.Rows.Count(r => entries[r, "part"] == p) is >= 2 and <= 4
                && entries.Rows.Where(r => entries[r, "part"] == p).All(r => entries[r, "clave"] == "IN"))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (pieces is not null)
        {
            parts.Set(part[pieces], "umt_per_umc", "10");
            foreach (var r in entries.Rows.Where(r => entries[r, "part"] == pieces))
            {
                entries.Set(r, "qty_umt", string.Empty);
                used.Add(r);
            }
        }

        // 6. A rectification the broker filed and the ledger does not know (NORD).
        if (MidPeriod("NORD").FirstOrDefault(r => !used.Contains(r)) is { } rectified)
        {
            var original = entries[rectified, "pedimento"];
            var date = Date(entries[rectified, "date"]).AddDays(12);
            var rows = entries.Rows.Where(r => entries[r, "pedimento"] == original).Select(r => (string[])r.Clone()).ToList();
            late.Add(new LatePedimento(Pedimento(date, ++number, original[2..4], original[4..8]), date, "R1", rows, Export: false)
            {
                Rectifies = (original, Date(entries[rectified, "date"])),
            });
        }

        // 6. Every destruction of waste with its rule 4.3.5 notice, filed a week before it (`ACTA@YYYY-MM-DD`, docs/cli.md
        // "Waste"): a program that files its notices shows none missing in `report waste-disposals`.
        foreach (var row in events.Rows.Where(r => events[r, "type"] == "destruction" && events[r, "waste"] == "yes"
            && !events[r, "reference"].Contains('@', StringComparison.Ordinal)))
        {
            events.Set(row, "reference", $"{events[row, "reference"]}@{Text(Date(events[row, "date"]).AddDays(-7))}");
        }

        // 7. Kits made on a work order (KITE, docs/cli.md "Work orders"): its last shipment of a kitted product in the year
        // was made three days before it on WO-KITE-0001, two kits more than shipped since: they stay in stock at the year's
        // end, their components reserved (`report work-orders`).
        if (KitWorkOrder(exits, bom, children) is { } order)
        {
            var row = events.New();
            events.Set(row, "date", Text(order.Date));
            events.Set(row, "type", "work_order");
            events.Set(row, "part", order.Kit);
            events.Set(row, "qty", Text(order.Kits));
            events.Set(row, "reference", WorkOrderReference);
            events.Set(row, "client", "KITE");
            events.Rows.Add(row);
        }

        parts.Write();
        entries.Write();
        exits.Write();
        events.Write();
        WriteLatePackage(Path.Combine(folder, LatePackage), rfc, programName, start, part, parts, entries, exits, late);
    }

    /// <summary>
    /// KITE's work order: the kitted product (it has BOM rows) of its last exit in the year, made three days before that exit
    /// when a BOM version is in force then, for every kit of that product shipped from then on plus two; null when KITE
    /// ships no such product.
    /// </summary>
    private static (DateOnly Date, string Kit, decimal Kits)? KitWorkOrder(Csv exits, Csv bom, ILookup<string, string> children)
    {
        bool InForce(string product, DateOnly date) => bom.Rows.Any(r =>
            bom[r, "client"] == "KITE" && bom[r, "product"] == product
            && (bom[r, "valid_from"].Length == 0 || Date(bom[r, "valid_from"]) <= date)
            && (bom[r, "valid_to"].Length == 0 || Date(bom[r, "valid_to"]) >= date));
        var kite = exits.Rows.Where(r => exits[r, "client"] == "KITE" && children[exits[r, "part"]].Any() && exits[r, "clave"] != "F5").ToList();
        var last = kite.OrderByDescending(r => exits[r, "date"], StringComparer.Ordinal).ThenBy(r => exits[r, "pedimento"], StringComparer.Ordinal)
            .FirstOrDefault(r => InForce(exits[r, "part"], Date(exits[r, "date"]).AddDays(-3)));
        if (last is null)
        {
            return null;
        }

        var (kit, date) = (exits[last, "part"], Date(exits[last, "date"]).AddDays(-3));
        var shipped = kite.Where(r => exits[r, "part"] == kit && Date(exits[r, "date"]) >= date).Sum(r => Dec(exits[r, "qty"]));
        return (date, kit, shipped + 2);
    }

    /// <summary>A pedimento of the late package: its rows as the CSV file carries them (the rectification: the original's).</summary>
    private sealed record LatePedimento(string Pedimento, DateOnly Date, string Clave, List<string[]> Rows, bool Export)
    {
        /// <summary>For a rectification (R1, TipoPedimento 2): the pedimento it rectifies and that one's date.</summary>
        public (string Pedimento, DateOnly Date)? Rectifies { get; init; }
    }

    private static void WriteLatePackage(string path, string rfc, string programName, DateOnly start,
        Dictionary<string, string[]> part, Csv parts, Csv entries, Csv exits, List<LatePedimento> late)
    {
        if (late.Count == 0)
        {
            return;
        }

        var from = late.Min(l => l.Date);
        var to = late.Max(l => l.Date);
        using var writer = new DataStagePackageWriter("902026", new DataStageWriterOptions { DateStyle = DataStageDateStyle.Dash });
        writer.SetResumen(rfc, from, to, to.AddDays(3));
        foreach (var l in late.OrderBy(l => l.Date).ThenBy(l => l.Pedimento, StringComparer.Ordinal))
        {
            var (patente, n7, seccion) = Split(l.Pedimento);
            var rate = ProgramGenerator.SyntheticRate(start, l.Date);
            var csv = l.Export ? exits : entries;
            var weight = l.Rows.Sum(r => Dec(csv[r, "qty_umt"] is { Length: > 0 } u ? u : csv[r, "qty"]));
            writer.AddPedimento(new DataStagePedimento(patente, n7, seccion, l.Export ? 2 : 1, l.Clave, rfc, l.Date, rate, l.Rectifies is null ? 1 : 2,
                FechaEntrada: l.Export ? null : l.Date, NombreContribuyente: programName, PesoBruto: decimal.Round(weight, 3)));
            foreach (var r in l.Rows)
            {
                var p = part[csv[r, "part"]];
                var usd = Dec(csv[r, "value_usd"]);
                var qty = Dec(csv[r, "qty"]);
                var umt = csv[r, "qty_umt"] is { Length: > 0 } u ? Dec(u) : qty * Dec(parts[p, "umt_per_umc"]);
                var origin = l.Export ? parts[p, "origin"] : csv[r, "origin"];
                writer.AddPartida(new DataStagePartida(patente, n7, seccion, int.Parse(csv[r, "partida"], CultureInfo.InvariantCulture),
                    parts[p, "fraccion"], "00", parts[p, "description"].ToUpperInvariant(), usd,
                    decimal.Round(usd * rate, 0, MidpointRounding.AwayFromZero), qty, parts[p, "umc"], umt, parts[p, "umt"], origin,
                    l.Export ? "USA" : origin, l.Export ? 2 : 1, l.Clave, l.Date, Observaciones: [csv[r, "part"]]));
            }
        }

        foreach (var l in late)
        {
            if (l.Rectifies is not { } rectifies)
            {
                continue;
            }

            var (original, originalDate) = rectifies;

            var (patente, n7, seccion) = Split(l.Pedimento);
            var (patenteAnterior, n7Anterior, seccionAnterior) = Split(original);
            var date = l.Date;
            writer.AddRow("701", ("Patente", patente), ("Pedimento", n7), ("SeccionAduanera", seccion), ("ClaveDocumento", "R1"),
                ("FechaPago", writer.FormatDate(date, "701", true)), ("PedimentoAnterior", n7Anterior), ("PatenteAnterior", patenteAnterior),
                ("SeccionAduaneraAnterior", seccionAnterior), ("DocumentoAnterior", "IN"),
                ("FechaOperacionAnterior", writer.FormatDate(originalDate, "701", false)), ("PedimentoOriginal", "0"));
        }

        writer.WriteZip(path);
    }

    /// <summary>
    /// A story pedimento of <paramref name="date"/> (by default aduana 24, patente 3420; a rectification: the original's), consecutive
    /// 900000 + n (the generator's stay below).
    /// </summary>
    private static string Pedimento(DateOnly date, int n, string aduana = Aduana, string patente = Patente) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year % 100:D2}{aduana}{patente}{date.Year % 10}{900_000 + n:D6}");

    private static (string Patente, string Number, string Seccion) Split(string pedimento15) =>
        (pedimento15[4..8], pedimento15[8..], pedimento15[2..4] + "0");

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A generated CSV file (no quoted fields: the generator writes none), edited in place.</summary>
    private sealed class Csv
    {
        private readonly string path;
        private readonly string[] header;

        private Csv(string path, string[] header, List<string[]> rows) => (this.path, this.header, Rows) = (path, header, rows);

        public List<string[]> Rows { get; }

        public string this[string[] row, string column] => row[Index(column)];

        public static Csv Read(string path)
        {
            var lines = File.ReadAllLines(path);
            return new Csv(path, lines[0].Split(','), [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))]);
        }

        public string[] New() => [.. Enumerable.Repeat(string.Empty, header.Length)];

        public void Set(string[] row, string column, string value) => row[Index(column)] = value;

        public void Write() =>
            File.WriteAllText(path, string.Join('\n', Rows.Select(r => string.Join(',', r)).Prepend(string.Join(',', header))) + "\n",
                new UTF8Encoding(false));

        private int Index(string column) => Array.IndexOf(header, column) is >= 0 and var i
            ? i
            : throw new InvalidOperationException($"{Path.GetFileName(path)} has no column {column}");
    }
}
