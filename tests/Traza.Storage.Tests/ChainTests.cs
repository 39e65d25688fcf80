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
        batches[1].ChainHash.ShouldBe(LedgerChain.ChainHash(batches[0].ChainHash, 2, "entries", "s2", batches[1].Digest,
            SqliteLedgerStore.OsUser(), "2025-12-31T12:00:00.0000000+00:00"));
        batches[1].Rows.ShouldBe(2);
        batches[1].ChainVersion.ShouldBe(2);
    }

    [Fact]
    public void A_batch_records_the_stores_operator_and_the_clock_time_inside_its_link()
    {
        using var store = db.Open();
        store.Operator = "ana";
        Seed(store);
        db.Clock.Advance(TimeSpan.FromHours(2));
        store.Operator = "beto";
        using (var batch = store.BeginBatch("parts", "more.csv", "s3"))
        {
            batch.AddPart(new PartRecord("", "MAT-2", null, "material", null, null, "6", "6", 1m, null, "imported"), 2);
            batch.Commit();
        }

        var batches = store.Batches();
        batches.Select(b => b.Operator).ShouldBe(["ana", "ana", "beto"]);
        batches[2].ImportedAt.ShouldBe("2025-12-31T14:00:00.0000000+00:00");
        batches[2].ChainHash.ShouldNotBe(LedgerChain.ChainHash(batches[1].ChainHash, 3, "parts", "s3", batches[2].Digest, "ana",
            batches[2].ImportedAt));
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("operator = 'mallory'")]
    [InlineData("imported_at = '2025-12-30T12:00:00.0000000+00:00'")]
    [InlineData("chain_version = 1")]
    [InlineData("operator = NULL")]
    [InlineData("chain_version = 3")]
    public void Changed_operator_time_or_version_breaks_the_batch(string change)
    {
        using var store = db.Open();
        Seed(store);
        Execute(store, $"UPDATE import_batch SET {change} WHERE id = 1");
        var check = store.VerifyChain();
        check.Intact.ShouldBeFalse();
        check.BrokenBatchId.ShouldBe(1);
    }

    /// <summary>
    /// Batches stored before migration 0026 (chain version 1: no operator, time outside the link) still verify, and new
    /// batches chain onto them as version 2; a version-1 batch after a version-2 one is a broken link.
    /// </summary>
    [Fact]
    public void Version_one_batches_of_an_older_database_still_verify_and_new_batches_chain_onto_them()
    {
        using var store = db.Open();
        Seed(store);
        var prev = LedgerChain.Genesis;
        foreach (var b in store.Batches())
        {
            var chain = Traza.Storage.Ledger.LedgerHashes.ChainHash(prev, b.Id, b.Layout, b.FileSha256, b.Digest);
            Execute(store, "UPDATE import_batch SET operator = NULL, chain_version = 1, " +
                $"prev_chain_hash = '{prev}', chain_hash = '{chain}' WHERE id = {b.Id}");
            prev = chain;
        }

        store.VerifyChain().Intact.ShouldBeTrue();
        Execute(store, "UPDATE import_batch SET imported_at = 'any time' WHERE id = 1"); // not covered by a version-1 link
        store.VerifyChain().Intact.ShouldBeTrue();

        using (var batch = store.BeginBatch("parts", "more.csv", "s3"))
        {
            batch.AddPart(new PartRecord("", "MAT-2", null, "material", null, null, "6", "6", 1m, null, "imported"), 2);
            batch.Commit();
        }

        var batches = store.Batches();
        batches.Select(b => b.ChainVersion).ShouldBe([1, 1, 2]);
        batches[2].PrevChainHash.ShouldBe(prev);
        store.VerifyChain().Intact.ShouldBeTrue();

        Execute(store, "UPDATE import_batch SET chain_version = 2, operator = 'x' WHERE id = 1");
        store.VerifyChain().BrokenBatchId.ShouldBe(1);
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
