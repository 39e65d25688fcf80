namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// <see cref="ILedgerScans"/>: the lean reads of the discharge and the large reports give the same rows as the full
/// records, filtered as the port says (by client, as-of date, pool, batch).
/// </summary>
public abstract class LedgerScansContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private void SeedTwoClients(ITrazaStore store)
    {
        _ = Commit(store, "parts", "parts.csv", b =>
        {
            b.EnsureClient("acme", 4);
            b.AddPart(Part("MAT-1"), 2);
            b.AddPart(Part("MAT-2", source: "national"), 3);
            b.AddPart(Part("MAT-1", "acme"), 4);
        });
        _ = Commit(store, "bom", "bom.csv", b => b.AddBom(new BomRecord("", "MAT-2", "MAT-1", new DateOnly(2025, 1, 1), 2m, 1m, 0.5m, null), 2));
        _ = Commit(store, "entries", "entries.csv", b =>
        {
            b.AddEntry(Entry("254734565000123", 10m), 2);
            b.AddEntry(Entry("254734565000124", 4m, client: "acme", date: new DateOnly(2025, 2, 1)), 3);
        });
        _ = Commit(store, "entries", "more.csv", b => b.AddEntry(Entry("254734565000125", 6m, partida: 2, date: new DateOnly(2025, 3, 1)), 2));
        _ = Commit(store, "exits", "exits.csv", b =>
        {
            b.AddExit(Exit("254734565000200", 1.5m), 2);
            b.AddExit(Exit("254734565000201", 2m, client: "acme", date: new DateOnly(2025, 4, 1)), 3);
        });
        _ = Commit(store, "events", "events.csv", b =>
            b.AddEvent(new EventRecord("", new DateOnly(2025, 5, 1), "destruction", "MAT-1", "ACTA-1", 1m, false, null, null), 2));
    }

    [Fact]
    public void Parts_and_bom_scans_match_the_records()
    {
        using var store = Open();
        SeedTwoClients(store);
        store.Scans.Parts().ShouldBe(
            [new PartScan("", "MAT-1", "material", false), new PartScan("", "MAT-2", "material", true), new PartScan("acme", "MAT-1", "material", false)],
            ignoreOrder: true);
        store.Scans.Bom().ShouldBe([new BomScan("", "MAT-2", "MAT-1", new DateOnly(2025, 1, 1), 2m, 1m, 0.5m, null)]);
        store.Scans.CatalogRows().ShouldBe((3L, 1L));
    }

    [Fact]
    public void Entry_scans_match_the_records_by_batch_and_pool()
    {
        using var store = Open();
        SeedTwoClients(store);
        var all = store.Scans.Entries();
        all.ShouldBe(store.LoadEntries().Select(e => new EntryScan(e.Client, e.Part, e.Pedimento, e.Partida, e.Clave, e.Date, e.Qty)), ignoreOrder: true);
        store.Scans.Entries(afterBatch: 3).Select(e => e.Pedimento).ShouldBe(["254734565000125"]);
        store.Scans.Entries([("acme", "MAT-1")]).Select(e => e.Pedimento).ShouldBe(["254734565000124"]);
        // Lots carry the columns lot reports read (key, clave, date, quantities, values, exchange rate, origin, preference, site),
        // not the invoice and rectifies.
        static object Lot(EntryRecord e) => (e.Client, e.Pedimento, e.Partida, e.Part, e.Clave, e.Date, e.Qty, e.QtyUmt, e.ValueUsd,
            e.CustomsValueMxn, e.ExchangeRate, e.Origin, e.Preference, e.Site, e.BatchId, e.Line);
        store.Scans.EntriesForLots("acme").Select(Lot).ShouldBe(store.LoadEntries("acme").Select(Lot));
        store.Scans.EntriesForLots(asOf: new DateOnly(2025, 1, 31)).Select(e => e.Pedimento).ShouldBe(["254734565000123"]);
        var lots = store.Scans.LotEntries(null, new DateOnly(2025, 2, 15));
        Enumerable.Range(0, lots.Count).Select(i => (lots.PedimentoText(i), lots[i].Client, lots[i].Qty, lots[i].ValueUsd))
            .ShouldBe([("254734565000123", "", 10m, (decimal?)10.50m), ("254734565000124", "acme", 4m, 10.50m)], ignoreOrder: true);
        store.Scans.Entry("acme", "254734565000124", 1, "MAT-1").ShouldNotBeNull().Qty.ShouldBe(4m);
        store.Scans.Entry("", "254734565000124", 1, "MAT-1").ShouldBeNull();
        (string, string, int, string)[] keys =
            [("acme", "254734565000124", 1, "MAT-1"), ("", "254734565000124", 1, "MAT-1"), ("", "254734565000123", 1, "MAT-1"), ("", "254734565000125", 2, "MAT-1")];
        static object Lean(EntryRecord e) => (e.Client, e.Pedimento, e.Partida, e.Part, e.Clave, e.Date, e.Qty, e.QtyUmt, e.ValueUsd);
        store.Scans.EntriesAt(keys).Select(Lean).ShouldBe(
            keys.Select(k => store.Scans.Entry(k.Item1, k.Item2, k.Item3, k.Item4)).OfType<EntryRecord>().Select(Lean), ignoreOrder: true,
            "the set read gives what the point reads give, and nothing for a key without an entry");
        store.Scans.EntriesAt([]).ShouldBeEmpty();
        store.Scans.PoolsOfEntry(null, "254734565000124", null).ShouldBe([("acme", "MAT-1")]);
        store.Scans.PoolsOfEntry("", "254734565000125", 1).ShouldBeEmpty();
    }

    /// <summary>
    /// The reads of a lot lookup and a page of balances (issue 16 item 6) are <see cref="ILedgerScans.LotEntries"/>' rows:
    /// by pedimento; in (date, pedimento, partida) order from a key, inclusive or not, whole keys, at least the limit; and the
    /// part rows of some keys are <see cref="ITrazaStore.LoadParts"/>' rows.
    /// </summary>
    [Fact]
    public void Lot_entries_by_pedimento_and_in_order_are_the_lot_entries()
    {
        using var store = Open();
        SeedTwoClients(store);
        _ = Commit(store, "entries", "same-key.csv", b =>
        {
            b.AddEntry(Entry("254734565000125", 3m, partida: 2, date: new DateOnly(2025, 3, 1), client: "acme"), 2);
            b.AddEntry(Entry("254734565000126", 3m, partida: 1, date: new DateOnly(2025, 3, 1)), 3);
        });
        static List<(string, string, string, int, DateOnly, decimal, decimal?, decimal?, string)> Rows(LotEntryTable t) =>
            [.. Enumerable.Range(0, t.Count).Select(i => (t[i].Client, t.PedimentoText(i), t[i].Part, t[i].Partida, t[i].Date, t[i].Qty, t[i].QtyUmt, t[i].ValueUsd, t[i].Clave))];
        var all = Rows(store.Scans.LotEntries());
        all.Count.ShouldBe(5);
        foreach (var client in new string?[] { null, "", "acme" })
        {
            foreach (var asOf in new DateOnly?[] { null, new DateOnly(2025, 2, 15) })
            {
                var lots = Rows(store.Scans.LotEntries(client, asOf));
                Rows(store.Scans.LotEntriesOf(client, ["254734565000125", "254734565000124", "999999999999999"], asOf))
                    .ShouldBe(lots.Where(r => r.Item2 is "254734565000125" or "254734565000124"), ignoreOrder: true);
                store.Scans.LotEntriesOf(client, [], asOf).Count.ShouldBe(0);

                // In order, every limit, from every key: whole keys, in order, exactly the rows at or after (after) the key.
                var ordered = lots.OrderBy(r => (r.Item5, r.Item2, r.Item4)).ToList();
                for (var limit = 1; limit <= 6; limit++)
                {
                    var read = Rows(store.Scans.LotEntriesInOrder(client, asOf, null, limit));
                    read.Count.ShouldBeGreaterThanOrEqualTo(Math.Min(limit, ordered.Count));
                    read.Select(r => (r.Item5, r.Item2, r.Item4)).ShouldBe(ordered.Take(read.Count).Select(r => (r.Item5, r.Item2, r.Item4)));
                    read.ShouldBe(ordered.Take(read.Count), ignoreOrder: true);
                    (read.Count == ordered.Count || (ordered[read.Count].Item5, ordered[read.Count].Item2, ordered[read.Count].Item4)
                        != (read[^1].Item5, read[^1].Item2, read[^1].Item4)).ShouldBeTrue("a key is never split");
                    foreach (var from in ordered.Select(r => new LotOrderKey(r.Item5, r.Item2, r.Item4)).Distinct())
                    {
                        foreach (var inclusive in new[] { true, false })
                        {
                            var rest = ordered.Where(r => Compare((r.Item5, r.Item2, r.Item4), from) is var c && (inclusive ? c >= 0 : c > 0)).ToList();
                            var page = Rows(store.Scans.LotEntriesInOrder(client, asOf, new LotOrderStart(from, inclusive), limit));
                            page.ShouldBe(rest.Take(page.Count), ignoreOrder: true);
                            page.Count.ShouldBeGreaterThanOrEqualTo(Math.Min(limit, rest.Count));
                        }
                    }
                }
            }
        }

        (string, string)[] keys = [("", "MAT-1"), ("acme", "MAT-1"), ("", "NOPE")];
        store.Scans.PartsAt(keys).ShouldBe(store.LoadParts().Where(p => keys.Contains((p.Client, p.Part))), ignoreOrder: true);
        store.Scans.PartsAt([]).ShouldBeEmpty();
    }

    private static int Compare((DateOnly Date, string Pedimento, int Partida) row, LotOrderKey key)
    {
        var c = row.Date.CompareTo(key.Date);
        c = c != 0 ? c : string.CompareOrdinal(row.Pedimento, key.Pedimento);
        return c != 0 ? c : row.Partida.CompareTo(key.Partida);
    }

    [Fact]
    public void Exit_and_movement_scans_match_the_records()
    {
        using var store = Open();
        SeedTwoClients(store);
        store.Scans.Exits().Select(x => (x.Pedimento, x.BatchId, x.Line, x.BomDate, x.SourcePedimento, x.SourcePartida, x.Case))
            .ShouldBe([("254734565000200", 5L, 2L, (DateOnly?)new DateOnly(2025, 1, 31), "254734565000123", (int?)1, "V"),
                ("254734565000201", 5L, 3L, new DateOnly(2025, 1, 31), "254734565000123", 1, "V")], ignoreOrder: true);
        store.Scans.Exits(new DateOnly(2025, 3, 1)).Select(x => x.Pedimento).ShouldBe(["254734565000201"]);
        store.Scans.Exits(parts: [("", "MAT-1")]).Select(x => x.Pedimento).ShouldBe(["254734565000200"]);
        store.Scans.AnyExitOrEventBetween(new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30)).ShouldBeFalse();
        store.Scans.AnyExitOrEventBetween(new DateOnly(2025, 4, 1), new DateOnly(2025, 5, 1)).ShouldBeTrue();
        store.Scans.EarliestDate(MovementTable.Entries, 3).ShouldBe(new DateOnly(2025, 1, 5));
        store.Scans.EarliestDate(MovementTable.Exits, 5).ShouldBe(new DateOnly(2025, 2, 1));
        store.Scans.EarliestDate(MovementTable.Events, 5).ShouldBeNull();
        var movement = store.Scans.MovementsOf("acme", "254734565000201").ShouldHaveSingleItem();
        (movement.BatchId, movement.Line, movement.Date, movement.Product).ShouldBe((5L, 3L, new DateOnly(2025, 4, 1), "MAT-1"));
        store.Scans.Movement(5, 2).ShouldBe(("254734565000200", "H1", new DateOnly(2025, 2, 1), "MAT-1"));
        store.Scans.Movement(5, 99).ShouldBeNull();
        (long, long)[] ids = [(5, 2), (5, 3), (6, 2), (5, 99), (1, 2)];
        store.Scans.MovementsAt(ids).ShouldBe(
            ids.Where(i => store.Scans.Movement(i.Item1, i.Item2) is not null)
                .ToDictionary(i => i, i => store.Scans.Movement(i.Item1, i.Item2)!.Value),
            ignoreOrder: true, "exits and events, as the point reads give them; ids of neither are absent");
        store.Scans.MovementsAt(ids).Count.ShouldBe(3);
        store.Scans.MovementsAt([]).ShouldBeEmpty();

        var lines = new List<(string, int, string)>();
        store.Scans.DocumentLines(exits: false, "acme", (doc, partida, clave, _, _) =>
            lines.Add((System.Text.Encoding.UTF8.GetString(doc), partida, clave)));
        lines.ShouldBe([("254734565000124", 1, "IN")]);
    }

    [Fact]
    public void Reconcile_line_scans_match_the_records_by_client_and_date()
    {
        using var store = Open();
        SeedTwoClients(store);
        _ = Commit(store, "entries", "rect.csv", b =>
            b.AddEntry(Entry("254734565000300", 9m, date: new DateOnly(2025, 6, 1)) with { Rectifies = "254734565000123", Origin = "CHN", QtyUmt = 4.5m }, 2));
        _ = Commit(store, "exits", "rect-x.csv", b =>
            b.AddExit(Exit("254734565000400", 1m, date: new DateOnly(2025, 7, 1)) with { Rectifies = "254734565000200", ValueUsd = null }, 2));

        foreach (var client in new[] { null, "", "acme" })
        {
            foreach (var asOf in new[] { new DateOnly(2025, 1, 31), new DateOnly(2025, 6, 1), new DateOnly(2025, 12, 31) })
            {
                store.Scans.ReconcileLines(exits: false, client, asOf).ShouldBe(
                    store.LoadEntries(client, asOf).Select(e =>
                        new ReconcileLineScan(e.Client, e.Pedimento, e.Partida, e.Part, e.Clave, e.Date, e.Qty, e.QtyUmt, e.ValueUsd, e.Origin, e.Rectifies)),
                    ignoreOrder: true, $"entries of {client ?? "all"} at {asOf}");
                store.Scans.ReconcileLines(exits: true, client, asOf).ShouldBe(
                    store.LoadExits(client, asOf).Select(x =>
                        new ReconcileLineScan(x.Client, x.Pedimento, x.Partida, x.Part, x.Clave, x.Date, x.Qty, x.QtyUmt, x.ValueUsd, null, x.Rectifies)),
                    ignoreOrder: true, $"exits of {client ?? "all"} at {asOf}");
            }
        }

        store.Scans.ReconcileLines(exits: false, null, new DateOnly(2025, 12, 31)).ShouldContain(
            l => l.Rectifies == "254734565000123" && l.Origin == "CHN" && l.QtyUmt == 4.5m);
    }

    [Fact]
    public void Rectification_scans_name_each_rectification_with_both_dates_and_its_batch()
    {
        using var store = Open();
        SeedTwoClients(store);
        store.Scans.Rectifications(MovementTable.Entries).ShouldBeEmpty();
        _ = Commit(store, "entries", "rect.csv", b =>
        {
            b.AddEntry(Entry("254734565000300", 9m, date: new DateOnly(2025, 6, 1)) with { Rectifies = "254734565000123" }, 2);
            b.AddEntry(Entry("254734565000300", 1m, partida: 2, date: new DateOnly(2025, 6, 2)) with { Rectifies = "254734565000123" }, 3);
            b.AddEntry(Entry("254734565000301", 4m, client: "acme", date: new DateOnly(2025, 6, 3)) with { Rectifies = "254734565000999" }, 4);
        });
        _ = Commit(store, "exits", "rect-x.csv", b =>
            b.AddExit(Exit("254734565000400", 1m, date: new DateOnly(2025, 7, 1)) with { Rectifies = "254734565000200" }, 2));

        // SPEC §3.8: one row per (client, rectification, original), the earliest date of each side; an original the table lacks
        // has no date.
        store.Scans.Rectifications(MovementTable.Entries).ShouldBe(
        [
            new RectificationScan("", "254734565000300", "254734565000123", new DateOnly(2025, 6, 1), new DateOnly(2025, 1, 5), 7),
            new RectificationScan("acme", "254734565000301", "254734565000999", new DateOnly(2025, 6, 3), null, 7),
        ]);
        store.Scans.Rectifications(MovementTable.Exits).ShouldBe(
            [new RectificationScan("", "254734565000400", "254734565000200", new DateOnly(2025, 7, 1), new DateOnly(2025, 2, 1), 8)]);
    }
}
