namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// SPEC §9 "readers see a consistent snapshot": a read snapshot does not see a batch another connection commits meanwhile,
/// and a second reader is handed out only when it sees the same snapshot.
/// </summary>
public abstract class ReadSnapshotContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public void A_batch_committed_by_another_store_during_a_snapshot_is_seen_only_after_it()
    {
        using var store = Open();
        _ = Commit(store, "entries", "a.csv", b => b.AddEntry(Entry("254734565000123", 1m), 2));
        var reading = store.BeginReadSnapshot();
        var mark = store.SnapshotMark();
        using (var side = store.OpenSnapshotSide(mark))
        {
            if (Fixture.SnapshotSides == SnapshotSides.None)
            {
                side.ShouldBeNull();
            }
            else
            {
                side.ShouldNotBeNull("nothing committed since the snapshot began").Entries().Count.ShouldBe(1);
            }
        }

        using (var other = Open())
        {
            _ = Commit(other, "entries", "b.csv", b => b.AddEntry(Entry("254734565000124", 2m), 2));
        }

        store.Batches().Count.ShouldBe(1, "the snapshot's batch list");
        store.LoadEntries().Count.ShouldBe(1, "the snapshot's rows");
        store.Scans.Entries().Count.ShouldBe(1);
        store.SnapshotMark().ShouldBe(mark);
        using (var late = store.OpenSnapshotSide(mark))
        {
            if (Fixture.SnapshotSides == SnapshotSides.Pinned)
            {
                late.ShouldNotBeNull("pinned to the snapshot").Entries().Count.ShouldBe(1, "the snapshot's rows, not the later batch's");
                late.Tails().ShouldBeEmpty();
            }
            else
            {
                late.ShouldBeNull("a reader opened now sees the later batch");
            }
        }

        reading.Dispose();

        store.OpenSnapshotSide(mark).ShouldBeNull("the snapshot the mark named has ended, and a batch was committed since");
        store.Batches().Count.ShouldBe(2);
        store.LoadEntries().Count.ShouldBe(2);
        using var after = store.OpenSnapshotSide(store.SnapshotMark());
        if (Fixture.SnapshotSides == SnapshotSides.None)
        {
            after.ShouldBeNull();
        }
        else
        {
            after.ShouldNotBeNull("a mark taken outside a snapshot, nothing committed since").Entries().Count.ShouldBe(2);
        }
    }

    [Fact]
    public void A_side_reads_the_stored_tails_of_its_snapshot()
    {
        using var store = Open();
        Seed(store);
        var pool = new StoredPool
        {
            Client = "C1",
            Part = "MAT-1",
            LotKeys = [new PoolLotKey("254734565000123", 1), new PoolLotKey("254734565000124", 2)],
            LotTotals = [new PoolLotTotals(2_000_000, 2_000_000, 0, 0, 45_000, 0), new PoolLotTotals(3_000_000, 1_000_000, 0, 0, 45_001, 0)],
        };
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 1)), [pool], [], [], []);
        using (store.BeginReadSnapshot())
        {
            var mark = store.SnapshotMark();
            using (var other = Open())
            {
                other.Derived.Save(Run(2, new DateOnly(2025, 3, 1)), [], [], [], []);
            }

            using var side = store.OpenSnapshotSide(mark);
            if (Fixture.SnapshotSides == SnapshotSides.Pinned)
            {
                var tails = side.ShouldNotBeNull().Tails();
                tails.Count.ShouldBe(1, "the tail of the run the snapshot began with");
                tails[0].FirstLot.ShouldBe(1);
                tails[0].LotKeys.ShouldBe([new PoolLotKey("254734565000124", 2)]);
            }
            else
            {
                side.ShouldBeNull("a run was stored since the mark");
            }
        }
    }

    [Fact]
    public void A_snapshot_inside_a_snapshot_or_a_batch_is_the_enclosing_one()
    {
        using var store = Open();
        using (store.BeginReadSnapshot())
        {
            using (store.BeginReadSnapshot())
            {
                store.Batches().Count.ShouldBe(0);
            }

            using var other = Open();
            _ = Commit(other, "parts", "a.csv", b => b.AddPart(Part("MAT-1"), 2));
            store.Batches().Count.ShouldBe(0, "the inner scope's end did not end the outer snapshot");
        }

        using var batch = store.BeginBatch("parts", "b.csv", "sha-b");
        batch.AddPart(Part("MAT-2"), 2);
        using (store.BeginReadSnapshot())
        {
            store.Batches().Count.ShouldBe(1);
            store.LoadParts().Count.ShouldBe(2, "the batch's own rows");
        }

        batch.Commit();
    }

    [Fact]
    public void A_snapshot_sees_the_stored_run_it_began_with()
    {
        using var store = Open();
        Seed(store);
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 1)), [], [], [], []);
        using (store.BeginReadSnapshot())
        {
            using (var other = Open())
            {
                other.Derived.Save(Run(2, new DateOnly(2025, 3, 1)), [], [], [], []);
            }

            store.Derived.LatestRun().ShouldNotBeNull().AsOf.ShouldBe(new DateOnly(2025, 2, 1));
        }

        store.Derived.LatestRun().ShouldNotBeNull().AsOf.ShouldBe(new DateOnly(2025, 3, 1));
    }

    [Fact]
    public void A_store_is_at_rest_only_with_no_batch_snapshot_or_reader_left_open()
    {
        using var store = Open();
        store.AtRest.ShouldBeTrue("just opened");
        using (var batch = store.BeginBatch("entries", "a.csv", "sha-a"))
        {
            batch.AddEntry(Entry("254734565000123", 1m), 2);
            store.AtRest.ShouldBeFalse("inside a batch");
            batch.Commit();
        }

        store.AtRest.ShouldBeTrue("after the batch");
        var pools = new[] { "MAT-1", "MAT-2" }.Select(part => new StoredPool
        {
            Client = "C1",
            Part = part,
            LotKeys = [new PoolLotKey("254734565000123", 1)],
            LotTotals = [new PoolLotTotals(2_000_000, 1_000_000, 0, 0, 45_000, 0)],
        });
        store.Derived.Save(Run(1, new DateOnly(2025, 2, 1)), pools, [], [], []);
        store.AtRest.ShouldBeTrue("after a save");
        using (store.BeginReadSnapshot())
        {
            store.AtRest.ShouldBeFalse("inside a read snapshot");
        }

        store.AtRest.ShouldBeTrue("after the snapshot");
        var reading = ReaderLeftOpen(store);
        store.AtRest.ShouldBeFalse("a reader stopped after its first row");
        reading.Dispose();
        store.AtRest.ShouldBeTrue("the reader disposed");
        store.Derived.Pools().Count().ShouldBe(2);
        store.AtRest.ShouldBeTrue("pools read to their end");
    }

    /// <summary>A reader on <paramref name="store"/>'s own connection that has read one row of a longer result and is left open.</summary>
    protected abstract IDisposable ReaderLeftOpen(ITrazaStore store);

    /// <summary>Disposes a reader, then its command.</summary>
    protected static IDisposable Together(IDisposable reader, IDisposable command) => new Both(reader, command);

    private sealed class Both(IDisposable reader, IDisposable command) : IDisposable
    {
        public void Dispose()
        {
            reader.Dispose();
            command.Dispose();
        }
    }
}
