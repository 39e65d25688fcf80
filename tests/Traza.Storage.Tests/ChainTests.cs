using Traza.Storage.Ledger;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

public sealed class ChainTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    private void Seed(SqliteLedgerStore store)
    {
        using (var batch = store.BeginBatch("parts", "parts.csv", "s1"))
        {
            batch.AddPart(new PartRecord("", "MAT-1", null, "material", null, null, "6", "6", 1m, null, "imported"), 2);
            batch.Commit();
        }

        using (var batch = store.BeginBatch("entries", "entries.csv", "s2"))
        {
            batch.AddEntry(new EntryRecord("", "254734565000123", 1, "MAT-1", "IN", new DateOnly(2025, 1, 5), 10m, null, null, null, null, null, null,
                null, null, null), 2);
            batch.AddEntry(new EntryRecord("", "254734565000124", 1, "MAT-1", "IN", new DateOnly(2025, 1, 6), 3m, null, null, null, null, null, null,
                null, null, null), 3);
            batch.Commit();
        }
    }

    private void Execute(SqliteLedgerStore store, string sql)
    {
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void Chain_links_each_batch_to_the_previous()
    {
        using var store = db.Open();
        Seed(store);
        var batches = store.Batches();
        batches[0].PrevChainHash.ShouldBe(LedgerChain.Genesis);
        batches[1].PrevChainHash.ShouldBe(batches[0].ChainHash);
        batches[1].ChainHash.ShouldBe(LedgerChain.ChainHash(batches[0].ChainHash, 2, "entries", "s2", batches[1].Digest));
        batches[1].Rows.ShouldBe(2);
    }

    [Fact]
    public void Digest_recomputed_from_stored_rows_matches()
    {
        using var store = db.Open();
        Seed(store);
        foreach (var batch in store.Batches())
        {
            LedgerChain.ComputeDigest(store.Connection, null, batch.Id).Digest.ShouldBe(batch.Digest);
        }

        store.VerifyChain().Intact.ShouldBeTrue();
        store.VerifyChain().BatchesChecked.ShouldBe(2);
    }

    [Fact]
    public void Changed_qty_breaks_its_batch()
    {
        using var store = db.Open();
        Seed(store);
        Execute(store, "UPDATE entry SET qty = '10.5' WHERE pedimento = '254734565000123'");
        var check = store.VerifyChain();
        check.Intact.ShouldBeFalse();
        check.BrokenBatchId.ShouldBe(2);
    }

    [Fact]
    public void Deleted_row_breaks_its_batch()
    {
        using var store = db.Open();
        Seed(store);
        Execute(store, "DELETE FROM entry WHERE pedimento = '254734565000124'");
        store.VerifyChain().BrokenBatchId.ShouldBe(2);
    }

    [Fact]
    public void Rewritten_batch_digest_breaks_the_link()
    {
        using var store = db.Open();
        Seed(store);
        Execute(store, "UPDATE part SET kind = 'finished'");
        var (digest, _) = LedgerChain.ComputeDigest(store.Connection, null, 1);
        Execute(store, $"UPDATE import_batch SET digest = '{digest}' WHERE id = 1");
        var check = store.VerifyChain();
        check.Intact.ShouldBeFalse();
        check.BrokenBatchId.ShouldBe(1);
    }

    [Fact]
    public void Same_rows_give_the_same_digest_in_two_files()
    {
        string first;
        using (var store = db.Open())
        {
            Seed(store);
            first = store.Batches()[1].Digest;
        }

        using var other = new TempDatabase();
        using var store2 = other.Open();
        Seed(store2);
        store2.Batches()[1].Digest.ShouldBe(first);
    }
}
