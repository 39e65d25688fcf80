using Traza.Storage.Postgres;

namespace Traza.Storage.Tests.Postgres;

/// <summary>SPEC §9 on PostgreSQL: a read snapshot sees the database as of its first read, whatever commits meanwhile.</summary>
public sealed class PostgresSnapshotTests
{
    [Fact]
    public void A_read_snapshot_does_not_see_a_batch_another_process_commits_during_it()
    {
        using var pg = new TempPostgres();
        var provider = new PostgresStoreProvider();
        using var reader = provider.Open(pg.ConnectionString, pg.Clock);
        using var writer = provider.Open(pg.ConnectionString, pg.Clock);
        Import(writer, "MAT-1", "s1");
        string mark;
        using (reader.BeginReadSnapshot())
        {
            mark = reader.SnapshotMark();
            Import(writer, "MAT-2", "s2");
            reader.LoadParts().Select(p => p.Part).ShouldBe(["MAT-1"]);
            reader.Batches().Count.ShouldBe(1);
            reader.SnapshotMark().ShouldBe(mark);
            using (var side = reader.OpenSnapshotSide(mark).ShouldNotBeNull("pinned to the snapshot (pg_export_snapshot)"))
            {
                side.Entries().ShouldBeEmpty();
            }

            reader.Batches().Count.ShouldBe(1, "the side's reads left the snapshot as it was");
        }

        reader.OpenSnapshotSide(mark).ShouldBeNull("the snapshot ended, and a batch was committed since");

        reader.LoadParts().Select(p => p.Part).ShouldBe(["MAT-1", "MAT-2"]);
        reader.SnapshotMark().ShouldNotBe(mark);
    }

    [Fact]
    public void A_snapshot_inside_a_batch_is_the_batch_itself()
    {
        using var pg = new TempPostgres();
        using var store = new PostgresStoreProvider().Open(pg.ConnectionString, pg.Clock);
        using var batch = store.BeginBatch("parts", "parts.csv", "s1");
        batch.AddPart(new PartRecord("", "MAT-1", null, "material", null, null, "6", "6", 1m, null, "imported"), 2);
        using (store.BeginReadSnapshot())
        {
            store.LoadParts().Count.ShouldBe(1);
        }

        batch.Commit();
        store.Batches().Count.ShouldBe(1);
    }

    private static void Import(ITrazaStore store, string part, string sha)
    {
        using var batch = store.BeginBatch("parts", "parts.csv", sha);
        batch.AddPart(new PartRecord("", part, null, "material", null, null, "6", "6", 1m, null, "imported"), 2);
        batch.Commit();
    }
}
