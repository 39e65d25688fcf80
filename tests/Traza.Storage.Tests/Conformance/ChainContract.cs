using Traza.Storage.Ledger;

namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// The hash chain (docs/architecture.md Decision 1, SPEC §7): each batch's link covers the previous link, its layout, file,
/// the digest of its rows, operator and time; <see cref="ITrazaStore.VerifyChain"/> recomputes every digest and link and
/// names the first batch whose stored rows or batch row were changed behind the store's back.
/// </summary>
public abstract class ChainContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public void Each_batch_links_to_the_previous_one_and_the_chain_verifies()
    {
        using var store = Open();
        store.Operator = "ana";
        Seed(store);
        var batches = store.Batches();
        batches.Select(b => b.Id).ShouldBe([1L, 2L, 3L]);
        batches[0].PrevChainHash.ShouldBe(LedgerHashes.Genesis);
        for (var i = 1; i < batches.Count; i++)
        {
            batches[i].PrevChainHash.ShouldBe(batches[i - 1].ChainHash);
        }

        var b2 = batches[1];
        b2.ChainVersion.ShouldBe(2);
        b2.ChainHash.ShouldBe(LedgerHashes.ChainHash(b2.PrevChainHash, b2.Id, b2.Layout, b2.FileSha256, b2.Digest, "ana", b2.ImportedAt));
        var check = store.VerifyChain();
        check.ShouldBe(new ChainCheck(true, 3, null, check.Reason));
    }

    [Fact]
    public void The_digest_of_the_same_rows_is_the_same_in_any_store()
    {
        // The digest is the SHA-256 of the rows' canonical text (Decision 1): the same rows give the same digest whatever
        // the store, so chains of the same imports agree across stores.
        using var store = Open();
        var batch = Commit(store, "parts", "p.csv", b => b.AddPart(Part("MAT-1"), 2));
        using var hash = new HashWriter();
        hash.Append(System.Text.Encoding.UTF8.GetBytes(
            "#part\n1\u001f\u001fMAT-1\u001fSteel, \"cold\" ñ\u001fmaterial\u001f72085101\u001f00\u001f6\u001fKG\u001f1\u001fUS\u001fimported\u001f1\u001f2\n"));
        batch.Digest.ShouldBe(hash.Finish());
    }

    [Fact]
    public void Rows_of_one_batch_on_one_line_are_digested_in_key_order()
    {
        // The canonical order is the line, then the key: every store must break ties alike, or the same imports would give
        // different chains (issue 12: the streamed digest once hashed such rows in append order).
        using var store = Open();
        var batch = Commit(store, "rates", "r.csv", b =>
        {
            b.Insert(TableSpec.Rate, ["", "2025-01-02"], ["18.6"], 2);
            b.Insert(TableSpec.Rate, ["", "2025-01-01"], ["18.5"], 2);
        });
        using var hash = new HashWriter();
        hash.Append(System.Text.Encoding.UTF8.GetBytes(
            "#rate\n1\u001f\u001f2025-01-01\u001f18.5\u001f1\u001f2\n1\u001f\u001f2025-01-02\u001f18.6\u001f1\u001f2\n"));
        batch.Digest.ShouldBe(hash.Finish());
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("UPDATE entry SET qty = '10.1250001' WHERE pedimento = '254734565000123'", 2)]
    [InlineData("UPDATE entry SET line = 9 WHERE pedimento = '254734565000124'", 2)]
    [InlineData("DELETE FROM exit", 3)]
    [InlineData("UPDATE part SET source = 'national' WHERE part = 'MAT-2'", 1)]
    [InlineData("UPDATE import_batch SET operator = 'mallory' WHERE id = 2", 2)]
    [InlineData("UPDATE import_batch SET imported_at = '2025-12-30T12:00:00.0000000+00:00' WHERE id = 3", 3)]
    [InlineData("UPDATE import_batch SET file_sha256 = 'other' WHERE id = 1", 1)]
    [InlineData("UPDATE import_batch SET rows = 5 WHERE id = 2", 2)]
    public void A_change_behind_the_stores_back_breaks_the_chain_at_its_batch(string tamper, long broken)
    {
        using (var store = Open())
        {
            Seed(store);
            store.VerifyChain().Intact.ShouldBeTrue();
        }

        Fixture.Execute(Target, tamper);
        using var reopened = Open();
        var check = reopened.VerifyChain();
        check.Intact.ShouldBeFalse(tamper);
        check.BrokenBatchId.ShouldBe(broken);
        check.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_row_added_to_a_committed_batch_breaks_it()
    {
        using (var store = Open())
        {
            Seed(store);
        }

        Fixture.Execute(Target,
            "INSERT INTO count_row (program_id, client, date, part, site, qty, batch_id, line) VALUES (1, '', '2025-06-30', 'MAT-1', '', '9', 2, 4)");
        using var reopened = Open();
        reopened.VerifyChain().BrokenBatchId.ShouldBe(2);
    }
}
