namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// Reversals (SPEC §4.1, docs/architecture.md Decision 4): taking back a row appends a <c>reversal</c> row and moves the row
/// unchanged out of force, where its own batch's digest still covers it — the chain stays valid, the row reads back among the
/// reversed, and a batch whose every row was taken back is wholly reversed.
/// </summary>
public abstract class ReversalContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public void A_reversed_entry_leaves_the_ledger_in_force_and_the_chain_stays_valid()
    {
        using var store = Open();
        Seed(store);
        var entries = store.LoadEntries();
        var reversal = Commit(store, "reversals", "rev.csv", batch =>
        {
            var writer = batch.Reversals();
            writer.LayoutOf(2).ShouldBe("entries");
            writer.LayoutOf(99).ShouldBeNull();
            writer.Find(TableSpec.Entry, 2, 99).ShouldBeNull();
            var target = writer.Find(TableSpec.Entry, 2, 2).ShouldNotBeNull();
            (target.Batch, target.Line, target.Client, target.Date).ShouldBe((2L, 2L, "", (DateOnly?)new DateOnly(2025, 1, 5)));
            writer.ReversedBy(2, 2).ShouldBeNull();
            writer.Reverse(target, "wrong pedimento, \"typo\"", 2);
            writer.ReversedBy(2, 2).ShouldBe((batch.BatchId, 2L));
            writer.Find(TableSpec.Entry, 2, 2).ShouldBeNull("a reversed row is no longer in force");
        });

        reversal.Rows.ShouldBe(1, "the reversal row");
        store.LoadEntries().ShouldBe([entries[1]]);
        store.LoadReversedEntries().ShouldBe([entries[0]]);
        store.LoadReversals().ShouldBe([new ReversalRecord("", 2, 2, "wrong pedimento, \"typo\"") { BatchId = reversal.Id, Line = 2 }]);
        store.ReversedLayouts(reversal.Id).ShouldBe(["entries"]);
        store.ReversedMovementsFrom(reversal.Id).ShouldBeNull("movements are exits and events; an entry reversal calls for a full run");
        store.WhollyReversed(store.Batches()[1]).ShouldBeFalse();
        store.Scans.Entries().Select(e => e.Pedimento).ShouldBe(["254734565000124"]);
        store.VerifyChain().Intact.ShouldBeTrue("the moved row is still covered by its batch's digest");
    }

    [Fact]
    public void A_batch_whose_rows_are_all_reversed_is_wholly_reversed_and_its_key_can_be_imported_again()
    {
        using var store = Open();
        Seed(store);
        var exits = store.LoadExits();
        var reversal = Commit(store, "reversals", "rev.csv", batch =>
        {
            var writer = batch.Reversals();
            var line = 1L;
            foreach (var target in writer.RowsOf(TableSpec.Exit, 3))
            {
                writer.Reverse(target, "duplicate file", line++);
            }
        });

        store.WhollyReversed(store.Batches()[2]).ShouldBeTrue();
        store.LoadExits().ShouldBeEmpty();
        store.LoadReversedExits().ShouldBe(exits);
        store.ReversedMovementsFrom(reversal.Id).ShouldBe(new DateOnly(2025, 2, 1));

        var again = Commit(store, "exits", "exits-fixed.csv", b => b.AddExit(exits[0] with { Qty = 2m }, 2).Outcome.ShouldBe(InsertOutcome.Inserted));
        store.LoadExits().ShouldBe([exits[0] with { Qty = 2m, BatchId = again.Id }]);
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Fact]
    public void A_part_in_use_is_known_to_the_reversal_side()
    {
        using var store = Open();
        Seed(store);
        using var batch = store.BeginBatch("reversals", "rev.csv", "sha-rev");
        var writer = batch.Reversals();
        writer.PartsInUse().ShouldBe([("", "MAT-1"), ("", "MAT-2")], ignoreOrder: true);
        var part = writer.Find(TableSpec.Part, 1, 3).ShouldNotBeNull();
        writer.PartOf(part).ShouldBe("MAT-2");
        part.Date.ShouldBeNull("a catalog row has no movement date");
    }
}
