using Traza.Domain.Catalogs;
using Traza.Domain.Discharge;
using Traza.Domain.Model;
using Traza.Domain.Values;
using Traza.Storage;

namespace Traza.App.Discharge;

/// <summary>
/// The ledger loaded from storage and mapped to the engine's input, with what it takes to map results back:
/// part, lot and movement identities.
/// </summary>
public sealed class LedgerSnapshot
{
    private LedgerSnapshot()
    {
    }

    public required DischargeInput Input { get; init; }

    /// <summary>Per movement of <see cref="Input"/>: its id (batch_id &lt;&lt; 32 | line).</summary>
    public required long[] MovementIds { get; init; }

    /// <summary>Loads every part, BOM row, lot and movement (movements of every date: the engine applies the as-of).</summary>
    public static LedgerSnapshot Load(ITrazaStore store, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var reading = store.BeginReadSnapshot(); // SPEC §9: one snapshot (a no-op inside the caller's)

        // Entries (the largest table) are read on a second connection while this one reads the rest — when it sees the same
        // snapshot (else here, after the rest); not inside an import batch, whose uncommitted rows only this connection sees.
        var mark = store.InBatch ? null : store.SnapshotMark();
        var entriesRead = mark is null
            ? Task.FromResult<List<EntryScan>?>(null)
            : Task.Run(() =>
            {
                using var side = store.OpenSnapshotSide(mark);
                return side?.Entries();
            });
        var (partDefs, index, bom) = LoadCatalog(store);
        var rectifications = LedgerRectifications.Read(store, asOf);
        var (movements, ids) = LoadMovements(store, index, new ClaveCache(), null, rectifications.Exits);
        var claves = new ClaveCache();
        var openings = store.Scans.Openings();
        var entries = entriesRead.GetAwaiter().GetResult() ?? store.Scans.Entries();
        var lots = new List<LotDef>(entries.Count);
        foreach (var e in entries)
        {
            if (ToLot(e, index, partDefs, claves, openings, rectifications.Entries) is { } lot)
            {
                lots.Add(lot);
            }
        }

        entries = null;
        return new LedgerSnapshot
        {
            Input = new DischargeInput { Parts = partDefs, Bom = bom, Lots = lots, Movements = movements, AsOf = asOf },
            MovementIds = [.. ids],
        };
    }

    /// <summary>
    /// A snapshot of part of the ledger over <paramref name="catalog"/>: the lots of the parts in
    /// <paramref name="lotParts"/> and the exits and events of the parts in <paramref name="movementParts"/> (part indexes),
    /// read filtered inside SQLite — for a question about a few parts (the waste check of <c>import events</c>) without
    /// loading the whole ledger. Movement ids stay aligned with the movements.
    /// </summary>
    internal static LedgerSnapshot LoadPartial(
        ITrazaStore store, DateOnly asOf, Catalog catalog, IReadOnlySet<int> lotParts, IReadOnlySet<int> movementParts)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        var claves = new ClaveCache();
        var lots = new List<LotDef>();
        var openings = store.Scans.Openings();
        var rectifications = LedgerRectifications.Read(store, asOf);
        foreach (var e in store.Scans.Entries(Keys(catalog, lotParts)))
        {
            if (ToLot(e, catalog.Index, catalog.PartDefs, claves, openings, rectifications.Entries) is { } lot && lotParts.Contains(lot.Part))
            {
                lots.Add(lot);
            }
        }

        var (movements, ids) = LoadMovements(
            store, catalog.Index, claves, null, rectifications.Exits, movementParts, Keys(catalog, movementParts));
        return new LedgerSnapshot
        {
            Input = new DischargeInput { Parts = catalog.PartDefs, Bom = catalog.Bom, Lots = lots, Movements = movements, AsOf = asOf },
            MovementIds = [.. ids],
        };
    }

    private static List<(string Client, string Part)> Keys(Catalog catalog, IReadOnlySet<int> parts) =>
        [.. parts.Select(i => (catalog.PartDefs[i].Client, catalog.PartDefs[i].Part))];

    /// <summary>
    /// A snapshot that resumes from stored state (incremental discharge): the given lots with their starting state, and
    /// only the movements dated on or after <paramref name="from"/>.
    /// </summary>
    internal static LedgerSnapshot Resume(
        ITrazaStore store, DateOnly asOf, DateOnly from, Catalog catalog, List<LotDef> lots, List<LotStart> start,
        RectificationMap exitRectifications)
    {
        var (movements, ids) = LoadMovements(store, catalog.Index, new ClaveCache(), from, exitRectifications);
        return new LedgerSnapshot
        {
            Input = new DischargeInput
            {
                Parts = catalog.PartDefs, Bom = catalog.Bom, Lots = lots, Movements = movements, AsOf = asOf, Start = start,
            },
            MovementIds = [.. ids],
        };
    }

    /// <summary>The same movements with other lots (and the caller's explosion of the same parts and BOM, when given).</summary>
    internal LedgerSnapshot WithLots(List<LotDef> lots, List<LotStart> start, BomExplosion? explosion = null) => new()
    {
        Input = new DischargeInput
        {
            Parts = Input.Parts, Bom = Input.Bom, Lots = lots, Movements = Input.Movements, AsOf = Input.AsOf, Start = start,
            Explosion = explosion,
        },
        MovementIds = MovementIds,
    };

    /// <summary>Parts and BOM rows mapped to the engine's indexes.</summary>
    internal sealed record Catalog(PartDef[] PartDefs, Dictionary<(string Client, string Part), int> Index, List<BomLine> Bom);

    /// <summary>
    /// The catalog a full run stored (<see cref="CatalogCodec"/>) when it still describes the tables — no parts or BOM
    /// import since, which the caller checks (such an import forces a full run), and the same row counts — else the tables'.
    /// </summary>
    internal static Catalog LoadCatalog(ITrazaStore store, byte[]? stored)
    {
        if (stored is null)
        {
            return LoadCatalog(store);
        }

        var (parts, bom, partRows, bomRows) = CatalogCodec.Decode(stored);
        if ((partRows, bomRows) != store.Scans.CatalogRows())
        {
            return LoadCatalog(store);
        }

        var index = new Dictionary<(string Client, string Part), int>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            index[(parts[i].Client, parts[i].Part)] = i;
        }

        return new Catalog(parts, index, bom);
    }

    /// <summary>The catalog as a blob for <see cref="LoadCatalog(ITrazaStore, byte[])"/>.</summary>
    internal static byte[] StoredCatalog(ITrazaStore store, DischargeInput input)
    {
        var (partRows, bomRows) = store.Scans.CatalogRows();
        return CatalogCodec.Encode(input.Parts, input.Bom, partRows, bomRows);
    }

    internal static Catalog LoadCatalog(ITrazaStore store)
    {
        var parts = store.Scans.Parts();
        var index = new Dictionary<(string Client, string Part), int>(parts.Count);
        var partDefs = new PartDef[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            index[(p.Client, p.Part)] = i;
            _ = PartKinds.TryParse(p.Kind, out var kind);
            partDefs[i] = new PartDef(p.Client, p.Part, kind, p.National);
        }

        var rows = store.Scans.Bom();
        var bom = new List<BomLine>(rows.Count);
        foreach (var b in rows)
        {
            if (index.TryGetValue((b.Client, b.Product), out var product) && index.TryGetValue((b.Client, b.Component), out var component))
            {
                bom.Add(new BomLine(product, component, b.QtyPer, b.MermaPct, b.DesperdicioPct, b.ValidFrom ?? DateOnly.MinValue,
                    b.ValidTo));
            }
        }

        return new Catalog(partDefs, index, bom);
    }

    /// <summary>
    /// An entry row as a lot, with its opening discharge from <paramref name="openings"/> (<see cref="ILedgerScans.Openings"/>),
    /// or null when it never makes one (unknown or national part, clave without a lot).
    /// </summary>
    internal static LotDef? ToLot(
        in EntryScan e,
        Dictionary<(string Client, string Part), int> index,
        PartDef[] partDefs,
        ClaveCache claves,
        Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal> openings,
        RectificationMap rectifications)
    {
        if (!index.TryGetValue((e.Client, e.Part), out var part) || partDefs[part].National)
        {
            return null; // SPEC §3.4: a national part never gets a pedimento lot.
        }

        var lot = ClaveRules.EntryLotOf(claves.Find(MovementFile.Entries, e.Clave, e.Date), e.Clave, partDefs[part].Kind);
        if (lot == EntryLot.None)
        {
            return null;
        }

        // SPEC §3.8: a replaced pedimento's rows make no lot; a rectification's rows make the lot under the original's number
        // and entry date (its FIFO position), with the rectification's clave and quantity.
        var (document, entered) = (e.Pedimento, e.Date);
        switch (rectifications.RoleOf(e.Client, e.Pedimento))
        {
            case RectifiedRole.Skipped:
                return null;
            case RectifiedRole.Rebased:
                (document, entered) = rectifications.Root(e.Client, e.Pedimento);
                break;
        }

        var opening = openings.Count == 0 ? 0m : openings.GetValueOrDefault((e.Client, e.Pedimento, e.Partida, e.Part));
        return new LotDef(part, document, e.Partida, entered, e.Qty, lot == EntryLot.FixedAsset, lot == EntryLot.National, opening);
    }

    /// <summary>
    /// Exits and events (dated on or after <paramref name="from"/> when given; of the parts in <paramref name="only"/>, whose
    /// keys are <paramref name="onlyKeys"/>, when given) as movements, with their ids.
    /// </summary>
    private static (List<MovementDef> Movements, List<long> Ids) LoadMovements(
        ITrazaStore store,
        Dictionary<(string Client, string Part), int> index,
        ClaveCache claves,
        DateOnly? from,
        RectificationMap rectifications,
        IReadOnlySet<int>? only = null,
        List<(string Client, string Part)>? onlyKeys = null)
    {
        var exits = store.Scans.Exits(from, onlyKeys);
        var movements = new List<MovementDef>(exits.Count);
        var ids = new List<long>(exits.Count);
        foreach (var x in exits)
        {
            if (!index.TryGetValue((x.Client, x.Part), out var part) || (only is not null && !only.Contains(part)))
            {
                continue;
            }

            // SPEC §3.8: a replaced exit no longer runs; a rectification runs in the original's place (number and date) with
            // its own clave and quantities. Resumed from a date, one placed before it is already in the stored state.
            var (document, date) = (x.Pedimento, x.Date);
            switch (rectifications.RoleOf(x.Client, x.Pedimento))
            {
                case RectifiedRole.Skipped:
                    continue;
                case RectifiedRole.Rebased:
                    (document, date) = rectifications.Root(x.Client, x.Pedimento);
                    if (from is { } start && date < start)
                    {
                        continue;
                    }

                    break;
            }

            // docs/cli.md "Waste": an RT/H1/F4/A3 exit with case DE disposes of the part's waste balance, never its lots.
            var mode = WasteDisposals.IsWasteExit(x.Clave, x.Case)
                ? DischargeMode.WasteDisposal
                : ClaveRules.ExitModeOf(claves.Find(MovementFile.Exits, x.Clave, x.Date));
            movements.Add(new MovementDef
            {
                Kind = MovementKind.Exit,
                Date = date,
                Document = document,
                Partida = x.Partida,
                Sequence = PackedAllocation.MovementId(x.BatchId, x.Line),
                Part = part,
                Qty = x.Qty,
                Mode = mode,
                BomDate = x.BomDate,
                SourceDocument = string.IsNullOrWhiteSpace(x.SourcePedimento) ? null : Normalize(x.SourcePedimento),
                SourcePartida = x.SourcePartida ?? 0,
            });
            ids.Add(PackedAllocation.MovementId(x.BatchId, x.Line));
        }

        foreach (var ev in store.LoadEvents())
        {
            if ((from is { } f && ev.Date < f) || !index.TryGetValue((ev.Client, ev.Part), out var part)
                || (only is not null && !only.Contains(part)) || !EventTypes.TryParse(ev.Type, out var type))
            {
                continue;
            }

            // docs/cli.md "Work orders": a work order reserves the kit's components (leaves take regular lots only, like any explosion).
            var mode = type == EventType.WorkOrder ? DischargeMode.RegularLotsOnly
                : type.Discharges() ? (ev.Waste ? DischargeMode.WasteDisposal : DischargeMode.AllLots) : DischargeMode.None;
            movements.Add(new MovementDef
            {
                Kind = type == EventType.WorkOrder ? MovementKind.WorkOrder : MovementKind.Event,
                Date = ev.Date,
                Document = ev.Reference,
                Partida = 0,
                Sequence = PackedAllocation.MovementId(ev.BatchId, ev.Line),
                Part = part,
                Qty = ev.Qty,
                Mode = mode,
                EventType = type,
            });
            ids.Add(PackedAllocation.MovementId(ev.BatchId, ev.Line));
        }

        return (movements, ids);
    }

    /// <summary>The 15-digit form of a pedimento, or the text as written for another document.</summary>
    public static string Normalize(string document)
    {
        var parsed = PedimentoNumber.Parse(document);
        return parsed.IsOk ? parsed.Value.Digits15 : document.Trim();
    }

    /// <summary>ClaveTable lookups memoized per (file, clave, date): a ledger repeats few claves over few dates.</summary>
    internal sealed class ClaveCache
    {
        private readonly Dictionary<(MovementFile, string, DateOnly), ClaveRule?> cache = [];

        public ClaveRule? Find(MovementFile file, string clave, DateOnly date)
        {
            if (!cache.TryGetValue((file, clave, date), out var rule))
            {
                cache[(file, clave, date)] = rule = ClaveTable.Find(file, clave, date);
            }

            return rule;
        }
    }
}
