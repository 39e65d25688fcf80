namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// Every ledger record reads back exactly as written, with its batch and line (SPEC §7: exact decimals, their trailing
/// zeros aside; dates; NULLs), filtered by client and as-of date where the port says so.
/// </summary>
public abstract class LedgerRecordsContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public void Program_clients_parts_and_bom_read_back_as_written()
    {
        using var store = Open();
        store.GetProgram().ShouldBeNull();
        var program = new ProgramRecord("AAA010101AAA", "Manufacturas, \"Norte\"", "2019-1234", "industrial", new DateOnly(2019, 1, 1), null);
        var acme = new ClientRecord("acme", "Acme, Inc.", null, new DateOnly(2024, 5, 1));
        var parts = new[] { Part("MAT-1"), Part("MAT-1", "acme", 0.000001m), Part("FG-1", source: "national") };
        var bom = new[]
        {
            new BomRecord("", "FG-1", "MAT-1", null, 2.5m, 1m, 0.25m, null),
            new BomRecord("", "FG-1", "MAT-1", new DateOnly(2026, 1, 1), 3m, 0m, 0m, new DateOnly(2026, 12, 31)),
        };
        _ = Commit(store, "program", "program", b => b.AddProgram(program, 1).Outcome.ShouldBe(InsertOutcome.Inserted));
        _ = Commit(store, "clients", "clients.csv", b => b.AddClient(acme, 2));
        _ = Commit(store, "parts", "parts.csv", b =>
        {
            for (var i = 0; i < parts.Length; i++)
            {
                b.AddPart(parts[i], i + 2);
            }
        });
        _ = Commit(store, "bom", "bom.csv", b =>
        {
            b.AddBom(bom[0], 2);
            b.AddBom(bom[1], 3);
        });

        store.GetProgram().ShouldBe(program with { BatchId = 1, Line = 1 });
        store.LoadClients().ShouldBe([acme with { BatchId = 2, Line = 2 }]);
        store.LoadParts().ShouldBe(parts.Select((p, i) => p with { BatchId = 3, Line = i + 2 }), ignoreOrder: true);
        store.LoadParts("acme").ShouldBe([parts[1] with { BatchId = 3, Line = 3 }]);
        store.LoadParts("acme")[0].UmtPerUmc.ShouldBe(0.000001m);
        store.LoadBom().ShouldBe([bom[0] with { BatchId = 4, Line = 2 }, bom[1] with { BatchId = 4, Line = 3 }], ignoreOrder: true);
        store.LoadBom("acme").ShouldBeEmpty();
    }

    [Fact]
    public void Movements_and_counts_read_back_as_written_by_client_and_date()
    {
        using var store = Open();
        var mine = Entry("254734565000123", 10.125m);
        var theirs = Entry("254734565000124", 0.000001m, client: "acme", date: new DateOnly(2025, 3, 1));
        var opening = Entry("254734565000125", 5m) with { DischargedBefore = 1.5m };
        var exit = Exit("254734565000200", 1.5m);
        var events = new[]
        {
            new EventRecord("", new DateOnly(2025, 3, 1), "adjustment", "MAT-1", "", -0.5m, false, null, null),
            new EventRecord("", new DateOnly(2025, 3, 1), "destruction", "MAT-1", "ACTA, 1", 1m, true, "Reciclados \"R\"", "P1"),
        };
        var count = new CountRecord("", new DateOnly(2025, 6, 30), "MAT-1", "", 9.5m);
        _ = Commit(store, "parts", "parts.csv", b =>
        {
            b.EnsureClient("acme", 3);
            b.AddPart(Part("MAT-1"), 2);
            b.AddPart(Part("MAT-1", "acme"), 3);
        });
        _ = Commit(store, "entries", "entries.csv", b =>
        {
            b.AddEntry(mine, 2);
            b.AddEntry(theirs, 3);
            b.AddEntry(opening, 4);
            b.AddOpening(opening, 4);
        });
        _ = Commit(store, "exits", "exits.csv", b => b.AddExit(exit, 2));
        _ = Commit(store, "events", "events.csv", b =>
        {
            b.AddEvent(events[0], 2);
            b.AddEvent(events[1], 3);
        });
        _ = Commit(store, "counts", "counts.csv", b => b.AddCount(count, 2));

        // The opening discharge is stored apart (entry_opening) and read through the scans, not with the entry record.
        store.LoadEntries().ShouldBe(
            [mine with { BatchId = 2, Line = 2 }, theirs with { BatchId = 2, Line = 3 }, opening with { BatchId = 2, Line = 4, DischargedBefore = null }],
            ignoreOrder: true);
        store.LoadEntries("acme").ShouldBe([theirs with { BatchId = 2, Line = 3 }]);
        store.LoadEntries(asOf: new DateOnly(2025, 2, 28)).Select(e => e.Pedimento).ShouldBe(["254734565000123", "254734565000125"], ignoreOrder: true);
        store.Scans.Openings().ShouldBe(new Dictionary<(string, string, int, string), decimal> { [("", "254734565000125", 1, "MAT-1")] = 1.5m });
        store.LoadExits().ShouldBe([exit with { BatchId = 3, Line = 2 }]);
        store.LoadExits(asOf: new DateOnly(2025, 1, 31)).ShouldBeEmpty();
        store.LoadEvents().ShouldBe(events.Select((e, i) => e with { BatchId = 4, Line = i + 2 }), ignoreOrder: true);
        store.LoadCounts().ShouldBe([count with { BatchId = 5, Line = 2 }]);
        store.LoadCounts(asOf: new DateOnly(2025, 6, 29)).ShouldBeEmpty();
    }

    [Fact]
    public void Catalogs_and_period_actions_read_back_as_written()
    {
        using var store = Open();
        _ = Commit(store, "tariffs", "t.csv", b =>
            b.Insert(TableSpec.Tariff, ["", "72085101", "", "2025-01-01"], ["5.50", DBNull.Value], 2));
        _ = Commit(store, "partners", "p.csv", b =>
            b.Insert(TableSpec.Partner, ["", "US", "T-MEC", "2020-07-01"], ["2030-06-30"], 2));
        _ = Commit(store, "rates", "r.csv", b => b.Insert(TableSpec.Rate, ["", "2025-01-02"], ["20.5123"], 2));
        _ = Commit(store, "inpc", "i.csv", b => b.Insert(TableSpec.Inpc, ["", "2025-01"], ["137.949"], 2));
        _ = Commit(store, "surcharges", "s.csv", b => b.Insert(TableSpec.Surcharge, ["", "2025-01"], ["1.47"], 2));
        _ = Commit(store, "terms", "terms.csv", b =>
            b.Insert(TableSpec.TermRule, ["", "clave", "IN", "2025-01-01"], ["18", DBNull.Value, "Ley Aduanera, art. 108"], 2));
        _ = Commit(store, "period", "close", b => b.AddPeriodAction(new PeriodActionRecord("close", "2025-01", "audit, \"Q1\""), 1));

        store.LoadTariffs().ShouldBe([new TariffRecord("72085101", "", 5.5m, new DateOnly(2025, 1, 1), null) { BatchId = 1, Line = 2 }]);
        store.LoadPartners().ShouldBe([new PartnerRecord("US", "T-MEC", new DateOnly(2020, 7, 1), new DateOnly(2030, 6, 30)) { BatchId = 2, Line = 2 }]);
        store.LoadRates().ShouldBe([new RateRecord(new DateOnly(2025, 1, 2), 20.5123m) { BatchId = 3, Line = 2 }]);
        store.LoadInpc().ShouldBe([new MonthlyRecord("2025-01", 137.949m) { BatchId = 4, Line = 2 }]);
        store.LoadSurcharges().ShouldBe([new MonthlyRecord("2025-01", 1.47m) { BatchId = 5, Line = 2 }]);
        store.LoadTermRules().ShouldBe(
            [new TermRuleRecord("clave", "IN", "18", new DateOnly(2025, 1, 1), null, "Ley Aduanera, art. 108") { BatchId = 6, Line = 2 }]);
        store.LoadPeriodActions().ShouldBe([new PeriodActionRecord("close", "2025-01", "audit, \"Q1\"") { BatchId = 7, Line = 1 }]);
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Fact]
    public void Program_terms_read_back_in_the_order_recorded_and_are_chained()
    {
        using var store = Open();
        store.LoadProgramTerms().ShouldBeEmpty();
        var first = new ProgramTermsRecord("oea_36_months,v1_6_months", "first_business_day", true, null, 60);
        var second = new ProgramTermsRecord("", "last_day", false, new DateOnly(2026, 3, 15), 180);
        _ = Commit(store, "program", "init", b =>
        {
            b.AddProgram(new ProgramRecord("AAA010101AAA", "A", "1", "industrial", null, null), 1);
            b.AddProgramTerms(first, 2).Outcome.ShouldBe(InsertOutcome.Inserted);
        });
        _ = Commit(store, "program", "program set", b => b.AddProgramTerms(second, 1).Outcome.ShouldBe(InsertOutcome.Inserted));

        store.LoadProgramTerms().ShouldBe([first with { BatchId = 1, Line = 2 }, second with { BatchId = 2, Line = 1 }]);
        store.Batches().Select(b => b.Rows).ShouldBe([2L, 1L]);
        store.VerifyChain().Intact.ShouldBeTrue();
    }
}
