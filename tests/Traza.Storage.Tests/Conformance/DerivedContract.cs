namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// <see cref="IDerivedStore"/> (docs/architecture.md Decision 2): a saved run reads back whole — pools as head and tail with
/// their allocation chunks, shortages, waste disposals, findings, the catalog — a new save replaces it, an incremental save
/// appends to a pool's tail, and <see cref="ITrazaStore.VerifyDerived"/> ties the stored rows to their digest and the run to
/// the chain.
/// </summary>
public abstract class DerivedContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    private static readonly int Jan = new DateOnly(2025, 1, 20).DayNumber;
    private static readonly int Feb = new DateOnly(2025, 2, 3).DayNumber;

    private static readonly PackedAllocation[] JanAllocations = [new(PackedAllocation.MovementId(3, 2), Jan, 0, 4_000_000, 120_000)];
    private static readonly PackedAllocation[] FebAllocations = [new(PackedAllocation.MovementId(3, 9), Feb, 1, 1_250_000, 0)];

    private static StoredPool Pool(string client = "acme, \"inc\"") => new()
    {
        Client = client,
        Part = "MAT-1",
        LotKeys = [new PoolLotKey("254734565000123", 1), new PoolLotKey("CFDI A-1\tñ", 2)],
        LotTotals =
        [
            new PoolLotTotals(4_000_000, 4_000_000, 120_000, 50_000, Jan - 5, PoolLotTotals.FixedAssetFlag),
            new PoolLotTotals(9_000_000, 1_250_000, 0, 0, Jan, PoolLotTotals.NationalStockFlag) { Opening = 250_000 },
        ],
        Chunks = [Chunk(202501, JanAllocations), Chunk(202502, FebAllocations)],
    };

    private static readonly StoredShortage[] Shortages =
        [new("acme, \"inc\"", PackedAllocation.MovementId(3, 4), "MAT-9", "exit", "254734565000200", new DateOnly(2025, 2, 1), 0.000001m)];

    private static readonly StoredWasteDisposal[] Disposals =
    [
        new("acme, \"inc\"", PackedAllocation.MovementId(4, 2), "MAT-1", "254734565000123", 1, new DateOnly(2025, 1, 25), 0.05m),
        new("", PackedAllocation.MovementId(4, 3), "MAT-1", "254734565000123", 1, new DateOnly(2025, 2, 25), 1m),
    ];

    private static readonly StoredFinding[] Findings =
    [
        new("", "directed_source_short", PackedAllocation.MovementId(3, 5), "DOC, 1", new DateOnly(2025, 2, 2), "MAT-1", "254734565000123", 1,
            1.5m, "detail \"x\"\nline"),
        new("acme, \"inc\"", "negative_adjustment", PackedAllocation.MovementId(4, 9), "", new DateOnly(2025, 2, 3), "MAT-1", "", null, 2m, ""),
    ];

    private (ITrazaStore Store, BatchRecord Head) SavedRun()
    {
        var store = Open();
        Seed(store);
        var head = store.Batches()[^1];
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 28), head.Id, head.ChainHash, 2), [Pool(), Pool("")], Shortages, Disposals, Findings,
            [1, 2, 3, 0, 255]);
        return (store, head);
    }

    [Fact]
    public void A_saved_run_reads_back_whole()
    {
        var (store, head) = SavedRun();
        using var _ = store;
        var run = store.Derived.LatestRun().ShouldNotBeNull();
        (run.Id, run.AsOf, run.LedgerHead, run.LastBatch, run.Consumptions).ShouldBe((1L, new DateOnly(2025, 2, 28), head.ChainHash, head.Id, 2L));
        run.DayCounts[new DateOnly(2025, 2, 28).DayNumber].ShouldBe((2L, 2L));
        store.Derived.Catalog().ShouldBe([1, 2, 3, 0, 255]);

        var pool = store.Derived.Pools("acme, \"inc\"").ShouldHaveSingleItem();
        pool.LotKeys.ShouldBe(Pool().LotKeys);
        pool.LotTotals.ShouldBe(Pool().LotTotals);
        pool.DecodeAllocations().ShouldBe([.. JanAllocations, .. FebAllocations]);
        store.Derived.Pools().Count().ShouldBe(2);
        store.Derived.Pools(withAllocations: false).SelectMany(p => p.Chunks).ShouldBeEmpty();
        store.Derived.Pool("", "MAT-1").ShouldNotBeNull().LotTotals.ShouldBe(Pool().LotTotals);
        store.Derived.Pool("", "MAT-2").ShouldBeNull();
        store.Derived.PoolsOf([("", "MAT-1")], 202502).ShouldHaveSingleItem().DecodeAllocations().ShouldBe(FebAllocations);
        store.Derived.PoolsAllocatedFrom(DateOnly.FromDayNumber(Feb)).ShouldBe([("", "MAT-1"), ("acme, \"inc\"", "MAT-1")], ignoreOrder: true);
        store.Derived.PoolsAllocatedFrom(DateOnly.FromDayNumber(Feb + 1)).ShouldBeEmpty();

        store.Derived.Shortages().ShouldBe(Shortages);
        store.Derived.Shortages("").ShouldBeEmpty();
        store.Derived.WasteDisposals().ShouldBe(Disposals, ignoreOrder: true);
        store.Derived.WasteDisposals("", null).ShouldBe([Disposals[1]]);
        store.Derived.WasteDisposals(null, new DateOnly(2025, 2, 1)).ShouldBe([Disposals[1]]);
        store.Derived.Findings().ShouldBe(Findings, ignoreOrder: true);
        store.Derived.Findings("acme, \"inc\"").ShouldBe([Findings[1]]);

        var totals = new List<(string, string, string, int, PoolLotTotals)>();
        store.Derived.ScanLotTotals("", (c, p, ped, partida, in t) => totals.Add((c, p, System.Text.Encoding.UTF8.GetString(ped), partida, t)));
        totals.ShouldBe([("", "MAT-1", "254734565000123", 1, Pool().LotTotals[0]), ("", "MAT-1", "CFDI A-1\tñ", 2, Pool().LotTotals[1])],
            ignoreOrder: true);
        store.VerifyDerived().Intact.ShouldBeTrue();
    }

    /// <summary>
    /// <see cref="IDerivedStore.EachPoolOf"/> (read pool by pool; reconciliation's descargos) gives what
    /// <see cref="IDerivedStore.PoolsOf"/> gives, in its order: many pools (past the point read), a few, keys not stored, from
    /// a period on or whole.
    /// </summary>
    [Fact]
    public void Pools_read_one_at_a_time_are_PoolsOf()
    {
        using var store = Open();
        Seed(store);
        var head = store.Batches()[^1];
        var pools = Enumerable.Range(0, 90).Select(i => new StoredPool
        {
            Client = i % 3 == 0 ? "" : $"c{i % 4}",
            Part = $"MAT-{i:D3}{(i % 7 == 0 ? " ñ" : "")}",
            LotKeys = Pool().LotKeys,
            LotTotals = Pool().LotTotals,
            Chunks = i % 5 == 0 ? [] : i % 2 == 0 ? [Chunk(202501, JanAllocations), Chunk(202502, FebAllocations)] : [Chunk(202502, FebAllocations)],
        }).ToList();
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 28), head.Id, head.ChainHash, 2), pools, [], [], []);
        var all = pools.Select(p => (p.Client, p.Part)).ToList();
        foreach (var keys in (List<(string, string)>[])[all, [.. all.Where((_, i) => i % 9 != 4), ("x", "none")], [.. all.Take(10), ("", "none")], []])
        {
            foreach (var from in (int[])[0, 202502, 202503])
            {
                Shape(store.Derived.EachPoolOf(keys, from)).ShouldBe(Shape(store.Derived.PoolsOf(keys, from)), $"{keys.Count} keys from {from}");
            }
        }

        static List<string> Shape(IEnumerable<StoredPool> pools) =>
        [
            .. pools.Select(p => $"{p.Client}|{p.Part}|{string.Join(",", p.LotKeys)}|{string.Join(",", p.LotTotals)}|" +
                string.Join(",", p.Chunks.Select(c => $"{c.Period}:{c.Count}:{Convert.ToHexString(c.Data)}"))),
        ];
    }

    /// <summary>
    /// The lot totals of some pools (issue 16 item 6: a lot lookup, a page of balances) are what the whole scan visits for
    /// those pools, and nothing for a pool not stored.
    /// </summary>
    [Fact]
    public void Lot_totals_of_some_pools_are_the_whole_scans_of_those_pools()
    {
        var (store, _) = SavedRun();
        using var _ = store;
        var all = new List<(string, string, string, int, PoolLotTotals)>();
        store.Derived.ScanLotTotals(null, (c, p, ped, partida, in t) => all.Add((c, p, System.Text.Encoding.UTF8.GetString(ped), partida, t)));
        all.Select(t => t.Item1).Distinct().Count().ShouldBe(2);
        foreach (var pools in (List<(string, string)>[])[[("", "MAT-1")], [("acme, \"inc\"", "MAT-1"), ("", "MAT-2")], [("", "MAT-1"), ("acme, \"inc\"", "MAT-1")], []])
        {
            var some = new List<(string, string, string, int, PoolLotTotals)>();
            store.Derived.ScanLotTotalsOf(pools, (c, p, ped, partida, in t) => some.Add((c, p, System.Text.Encoding.UTF8.GetString(ped), partida, t)));
            some.ShouldBe(all.Where(t => pools.Contains((t.Item1, t.Item2))), ignoreOrder: true);
        }
    }

    /// <summary>
    /// A NAC document is stored as written (SPEC §3.3), and a quoted CSV field may hold a line break: the pool's lot keys must
    /// read back whatever their text. SQLite keeps them as lines, so such a document breaks the pool's reads and
    /// <c>report balances</c> (found by the balances CSV property, issue 12).
    /// </summary>
    [Fact(Skip = "SQLite keeps discharge_pool.lot_keys newline-separated; guarded at import instead: a NAC document with a line break is invalid input (ImportEntriesTests)")]
    public void Lot_keys_with_a_line_break_read_back()
    {
        using var store = Open();
        var pool = Pool("") is var p ? new StoredPool
        {
            Client = p.Client, Part = p.Part, LotTotals = p.LotTotals, Chunks = p.Chunks,
            LotKeys = [new PoolLotKey("CFDI\nA-1", 1), new PoolLotKey("CFDI A-2\r\n", 2)],
        } : null!;
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 28)), [pool], [], [], []);
        store.Derived.Pool("", "MAT-1").ShouldNotBeNull().LotKeys.ShouldBe(pool.LotKeys);
        var keys = new List<string>();
        store.Derived.ScanLotTotals(null, (_, _, pedimento, _, in _) => keys.Add(System.Text.Encoding.UTF8.GetString(pedimento)));
        keys.ShouldBe(["CFDI\nA-1", "CFDI A-2\r\n"]);
    }

    [Fact]
    public void A_new_save_replaces_the_stored_run()
    {
        var (store, head) = SavedRun();
        using var _ = store;
        store.Derived.Save(Run(2, new DateOnly(2025, 3, 31), head.Id, head.ChainHash), [Pool("")], [], [], []);
        store.Derived.LatestRun().ShouldNotBeNull().Id.ShouldBe(2);
        store.Derived.Pools().ShouldHaveSingleItem().Client.ShouldBe("");
        store.Derived.Shortages().ShouldBeEmpty();
        store.Derived.WasteDisposals().ShouldBeEmpty();
        store.Derived.Findings().ShouldBeEmpty();
        store.Derived.Catalog().ShouldBeNull();
        store.VerifyDerived().Intact.ShouldBeTrue();
    }

    [Fact]
    public void An_incremental_save_appends_to_a_pools_tail_and_replaces_what_is_dated_from_its_day()
    {
        var (store, head) = SavedRun();
        using var _ = store;
        var stored = Pool("");
        var mar = new DateOnly(2025, 3, 3).DayNumber;
        PackedAllocation[] added = [new(PackedAllocation.MovementId(5, 2), mar, 1, 1_000_000, 0)];
        var tail = new StoredPool
        {
            Client = "", Part = "MAT-1", LotKeys = stored.LotKeys.Skip(1).ToArray(), FirstLot = 1, TailOnly = true,
            LotTotals = [stored.LotTotals[1] with { Discharged = 2_250_000 }],
            Chunks = [Chunk(202503, added)],
        };
        var from = new DateOnly(2025, 2, 15);
        store.Derived.SaveIncremental(Run(2, new DateOnly(2025, 3, 31), head.Id, head.ChainHash, 3), [(tail, 202503)], from, [], [], []);

        var read = store.Derived.Pool("", "MAT-1").ShouldNotBeNull();
        read.LotTotals.ShouldBe([stored.LotTotals[0], stored.LotTotals[1] with { Discharged = 2_250_000 }]);
        read.DecodeAllocations().ShouldBe([.. JanAllocations, .. FebAllocations, .. added]);
        store.Derived.Pool("acme, \"inc\"", "MAT-1").ShouldNotBeNull().DecodeAllocations().ShouldBe([.. JanAllocations, .. FebAllocations]);
        store.Derived.WasteDisposals().ShouldBe([Disposals[0]], "dated before the incremental run's first day");
        store.Derived.LatestRun().ShouldNotBeNull().Id.ShouldBe(2);
        store.VerifyDerived().Intact.ShouldBeTrue();
    }

    [Fact]
    public void A_derived_row_changed_behind_the_stores_back_fails_verification()
    {
        var (store, _) = SavedRun();
        store.Dispose();
        Fixture.Execute(Target, "UPDATE discharge_shortage SET qty = '0.000002'");
        using var reopened = Open();
        reopened.VerifyDerived().Intact.ShouldBeFalse();
    }

    [Fact]
    public void A_run_that_names_another_chain_head_fails_verification()
    {
        using var store = Open();
        Seed(store);
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 28), 3, "not the chain hash"), [], [], [], []);
        store.VerifyDerived().Intact.ShouldBeFalse();
    }

    [Fact]
    public void A_stored_reconciliation_reads_back_one_per_scope_and_survives_a_new_run()
    {
        var (store, head) = SavedRun();
        using (store)
        {
            store.Derived.Reconciliation("").ShouldBeNull();
            store.Derived.Reconciliations().ShouldBeEmpty();
            var whole = new StoredReconciliation("", new DateOnly(2025, 12, 31), "qty-tolerance=0.001;value-tolerance=1", "batch 3 x; run 1",
                "2025-12-31T12:00:00Z", 2, "[[\"a\",\"ñ \\\"q\\\"\"]]", "d1");
            var client = whole with { Scope = "acme, \"inc\"", Rows = 0, Findings = "[]", Digest = "d2" };
            store.Derived.SaveReconciliation(whole);
            store.Derived.SaveReconciliation(client);
            store.Derived.Reconciliation("").ShouldBe(whole);
            store.Derived.Reconciliations().ShouldBe([whole, client]);

            var later = whole with { AsOf = new DateOnly(2026, 1, 31), Stamp = "batch 4 y; run 2", Rows = 0, Findings = "[]", Digest = "d3" };
            store.Derived.SaveReconciliation(later);
            store.Derived.Reconciliations().ShouldBe([later, client], "one row per scope: the later one replaces it");

            // Not part of the discharge's derived data: a new run keeps it (its stamp tells the application it is stale).
            store.Derived.Save(Run(2, new DateOnly(2025, 3, 31), head.Id, head.ChainHash, 2), [], [], [], []);
            store.Derived.Reconciliation("acme, \"inc\"").ShouldBe(client);
            store.VerifyDerived().Intact.ShouldBeTrue();
        }
    }
    private static readonly StoredReservation[] Reservations =
    [
        new("acme, \"inc\"", PackedAllocation.MovementId(4, 7), 0, "MAT-1", "254734565000123", 1, new DateOnly(2025, 1, 22), 12.5m, 0.625m),
        new("acme, \"inc\"", PackedAllocation.MovementId(4, 7), 1, "MAT-2", "CFDI A-1\tñ", 2, new DateOnly(2025, 1, 22), 0.000001m, 0m),
        new("", PackedAllocation.MovementId(4, 8), 0, "MAT-1", "254734565000123", 1, new DateOnly(2025, 2, 1), 3m, 0m),
    ];

    private static readonly StoredKitDraw[] KitDraws =
    [
        new("acme, \"inc\"", PackedAllocation.MovementId(4, 7), PackedAllocation.MovementId(3, 2), "KIT-1", new DateOnly(2025, 1, 25), 2.5m),
        new("acme, \"inc\"", PackedAllocation.MovementId(4, 7), PackedAllocation.MovementId(3, 9), "KIT-1", new DateOnly(2025, 2, 3), 0.000001m),
    ];

    /// <summary>
    /// Work orders (migration 0036, docs/cli.md "Work orders"): a full save stores what each reserved and the kits exits took,
    /// under the digest; a new save replaces them; an incremental save replaces those dated from its resume date on.
    /// </summary>
    [Fact]
    public void Work_order_reservations_and_kit_draws_read_back_and_are_covered_by_the_digest()
    {
        using var store = Open();
        Seed(store);
        var head = store.Batches()[^1];
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 28), head.Id, head.ChainHash, 2), [Pool(), Pool("")], Shortages, Disposals, Findings,
            null, Reservations, KitDraws);
        store.Derived.Reservations().ShouldBe([Reservations[2], Reservations[0], Reservations[1]]);
        store.Derived.Reservations("").ShouldBe([Reservations[2]]);
        store.Derived.KitDraws().ShouldBe(KitDraws);
        store.Derived.KitDraws("").ShouldBeEmpty();
        store.VerifyDerived().Intact.ShouldBeTrue();

        // An incremental save from 2025-02-01 replaces the reservations (dated at their work order) and draws dated from then on.
        var again = Reservations[2] with { Qty = 2.5m };
        var draw = new StoredKitDraw("", PackedAllocation.MovementId(4, 8), PackedAllocation.MovementId(5, 1), "KIT-2", new DateOnly(2025, 3, 2), 1m);
        store.Derived.SaveIncremental(Run(2, new DateOnly(2025, 3, 31), head.Id, head.ChainHash, 2), [], new DateOnly(2025, 2, 1), [], [], [],
            [again], [draw]);
        store.Derived.Reservations().ShouldBe([again, Reservations[0], Reservations[1]]);
        store.Derived.KitDraws().ShouldBe([draw, KitDraws[0]]);
        store.VerifyDerived().Intact.ShouldBeTrue();

        store.Derived.Save(Run(3, new DateOnly(2025, 3, 31), head.Id, head.ChainHash, 2), [], [], [], [], null, Reservations[..1], KitDraws[..1]);
        store.Derived.Reservations().ShouldBe(Reservations[..1]);
        store.Derived.KitDraws().ShouldBe(KitDraws[..1]);
        store.Derived.Save(Run(4, new DateOnly(2025, 3, 31), head.Id, head.ChainHash, 2), [], [], [], []);
        store.Derived.Reservations().ShouldBeEmpty();
        store.Derived.KitDraws().ShouldBeEmpty();
        store.VerifyDerived().Intact.ShouldBeTrue();
    }

    [Fact]
    public void A_reservation_changed_behind_the_stores_back_fails_verification()
    {
        using (var store = Open())
        {
            Seed(store);
            var head = store.Batches()[^1];
            store.Derived.Save(Run(1, new DateOnly(2025, 2, 28), head.Id, head.ChainHash, 2), [], [], [], [], null, Reservations, KitDraws);
            store.VerifyDerived().Intact.ShouldBeTrue();
        }

        Fixture.Execute(Target, "UPDATE discharge_reservation SET qty = '12.4' WHERE qty = '12.5'");
        using var reopened = Open();
        reopened.VerifyDerived().Intact.ShouldBeFalse();
    }
}
