using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

/// <summary>
/// Issue 11 item 9 (SPEC §9 "readers see a consistent snapshot"): a read snapshot on a store's connection does not see a batch
/// another connection commits meanwhile, and a second connection is handed out only when it sees the same snapshot.
/// </summary>
public sealed class ReadSnapshotTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public void A_batch_committed_during_a_read_snapshot_is_seen_only_after_it()
    {
        using var store = db.Open();
        Commit(store, "a.csv");
        var reading = store.BeginReadSnapshot();
        var mark = store.SnapshotMark();
        using (var same = store.OpenSnapshotReader(mark))
        {
            same.ShouldNotBeNull("nothing committed since the snapshot began");
        }

        using (var other = db.Open())
        {
            Commit(other, "b.csv");
        }

        store.Batches().Count.ShouldBe(1, "the snapshot's batch list");
        store.SnapshotMark().ShouldBe(mark);
        store.OpenSnapshotReader(mark).ShouldBeNull("a connection opened now sees the later batch");
        reading.Dispose();
        store.Batches().Count.ShouldBe(2);
        using var after = store.OpenSnapshotReader(store.SnapshotMark());
        after.ShouldNotBeNull();
    }

    [Fact]
    public void A_snapshot_inside_a_snapshot_or_a_batch_is_the_enclosing_one()
    {
        using var store = db.Open();
        using (store.BeginReadSnapshot())
        {
            using (store.BeginReadSnapshot())
            {
                store.Batches().Count.ShouldBe(0);
            }

            using var other = db.Open();
            Commit(other, "a.csv");
            store.Batches().Count.ShouldBe(0, "the inner scope's end did not end the outer snapshot");
        }

        using var batch = store.BeginBatch("parts", "b.csv", "b");
        using (store.BeginReadSnapshot())
        {
            store.Batches().Count.ShouldBe(1);
        }

        batch.Commit();
    }

    private static void Commit(SqliteLedgerStore store, string file)
    {
        using var batch = store.BeginBatch("parts", file, file);
        batch.AddPart(new PartRecord("", "P-" + file, "desc", "material", "72085101", "00", "6", "6", 1m, "US", "imported"), 2)
            .Outcome.ShouldBe(InsertOutcome.Inserted);
        batch.Commit();
    }
}
