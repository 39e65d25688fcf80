using Microsoft.Extensions.Time.Testing;

namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// The base of every contract: a fresh target per test, stores opened through the port (<see cref="IStoreProvider.Open"/>)
/// with an injected clock, and the rows the contracts seed. Nothing here names a store's own types.
/// </summary>
public abstract class StoreContract<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IStoreFixture
{
    protected StoreContract(TFixture fixture)
    {
        Fixture = fixture ?? throw new ArgumentNullException(nameof(fixture));
        Target = fixture.NewTarget();
    }

    protected TFixture Fixture { get; }

    /// <summary>This test's own target.</summary>
    protected string Target { get; }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Opens (creating on first use) this test's store.</summary>
    protected ITrazaStore Open() => Fixture.Provider.Open(Target, Clock);

    protected static PartRecord Part(string part, string client = "", decimal umtPerUmc = 1m, string source = "imported") =>
        new(client, part, "Steel, \"cold\" ñ", "material", "72085101", "00", "6", "KG", umtPerUmc, "US", source);

    protected static EntryRecord Entry(string pedimento, decimal qty, string part = "MAT-1", string client = "", int partida = 1,
        DateOnly? date = null) =>
        new(client, pedimento, partida, part, "IN", date ?? new DateOnly(2025, 1, 5), qty, qty * 2, 10.50m, 190.25m, 18.1234m, "US", "TLCAN",
            "INV-1", null, "Plant 2");

    protected static ExitRecord Exit(string pedimento, decimal qty, string part = "MAT-1", string client = "", DateOnly? date = null) =>
        new(client, pedimento, 1, part, "H1", date ?? new DateOnly(2025, 2, 1), qty, 1.25m, 3.5m, "US", "Buyer, Inc.", "V",
            new DateOnly(2025, 1, 31), "254734565000123", 1, null);

    /// <summary>Runs <paramref name="rows"/> in one batch and commits it.</summary>
    protected static BatchRecord Commit(ITrazaStore store, string layout, string file, Action<ILedgerBatch> rows)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rows);
        using var batch = store.BeginBatch(layout, file, "sha-" + file);
        rows(batch);
        return batch.Commit();
    }

    /// <summary>Parts (batch 1), two entries (batch 2) and an exit (batch 3).</summary>
    protected static void Seed(ITrazaStore store)
    {
        _ = Commit(store, "parts", "parts.csv", b =>
        {
            b.AddPart(Part("MAT-1"), 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            b.AddPart(Part("MAT-2", umtPerUmc: 0.5m), 3).Outcome.ShouldBe(InsertOutcome.Inserted);
        });
        _ = Commit(store, "entries", "entries.csv", b =>
        {
            b.AddEntry(Entry("254734565000123", 10.125m), 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            b.AddEntry(Entry("254734565000124", 3m, "MAT-2", date: new DateOnly(2025, 1, 6)), 3).Outcome.ShouldBe(InsertOutcome.Inserted);
        });
        _ = Commit(store, "exits", "exits.csv", b => b.AddExit(Exit("254734565000200", 1.5m), 2).Outcome.ShouldBe(InsertOutcome.Inserted));
    }

    /// <summary>A run record as the discharge stores it; <paramref name="head"/> ties it to the chain (the last batch's hash).</summary>
    protected static DischargeRunRecord Run(long id, DateOnly asOf, long lastBatch = 0, string head = "head", long consumptions = 0) =>
        new(id, asOf, head, "2025-12-31T12:00:00Z", "2025-12-31T12:00:01Z", consumptions, consumptions, 0)
        {
            LastBatch = lastBatch,
            DayCounts = new Dictionary<int, (long, long)> { [asOf.DayNumber] = (consumptions, consumptions) },
        };

    /// <summary>One month's allocations of a pool, encoded as stored.</summary>
    protected static AllocationChunk Chunk(int period, PackedAllocation[] allocations)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        var buffer = new byte[AllocationCodec.MaxSize(allocations.Length)];
        var size = AllocationCodec.Encode(allocations, buffer);
        return new AllocationChunk(period, allocations.Length, buffer[..size]) { LastDay = allocations[^1].Day };
    }
}
