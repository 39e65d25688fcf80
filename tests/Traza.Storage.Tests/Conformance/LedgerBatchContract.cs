namespace Traza.Storage.Tests.Conformance;

/// <summary>
/// <see cref="ILedgerBatch"/>: one transaction per import (docs/architecture.md Decision 1). A new key is inserted, the same
/// row again is identical and a row with other content is a conflict naming where the stored row came from (SPEC §4.1); a
/// batch disposed without commit writes nothing (SPEC §9); a file imported again is found by its layout and content.
/// </summary>
public abstract class LedgerBatchContract<TFixture>(TFixture fixture) : StoreContract<TFixture>(fixture)
    where TFixture : class, IStoreFixture
{
    [Fact]
    public void A_new_key_is_inserted_the_same_row_is_identical_and_other_content_conflicts()
    {
        using var store = Open();
        var first = Commit(store, "parts", "a.csv", b => b.AddPart(Part("MAT-1"), 2).Outcome.ShouldBe(InsertOutcome.Inserted));
        using var batch = store.BeginBatch("parts", "b.csv", "sha-b");
        batch.AddPart(Part("MAT-1"), 7).ShouldBe(new InsertResult(InsertOutcome.Identical, first.Id, 2));
        batch.AddPart(Part("MAT-1", umtPerUmc: 2m), 8).ShouldBe(new InsertResult(InsertOutcome.Conflict, first.Id, 2));
        batch.AddPart(Part("MAT-9"), 9).Outcome.ShouldBe(InsertOutcome.Inserted);
        batch.AddPart(Part("MAT-9"), 10).ShouldBe(new InsertResult(InsertOutcome.Identical, batch.BatchId, 9));
        batch.BatchFileName(first.Id).ShouldBe("a.csv");
        batch.BatchFileName(batch.BatchId).ShouldBe("b.csv");
        batch.Commit().Rows.ShouldBe(1, "identical rows are not stored again");
    }

    [Fact]
    public void A_trailing_zero_is_the_same_decimal_not_a_conflict()
    {
        using var store = Open();
        _ = Commit(store, "entries", "a.csv", b => b.AddEntry(Entry("254734565000123", 10.1m), 2));
        using var batch = store.BeginBatch("entries", "b.csv", "sha-b");
        batch.AddEntry(Entry("254734565000123", 10.100m), 2).Outcome.ShouldBe(InsertOutcome.Identical);
        batch.AddEntry(Entry("254734565000123", 10.1000001m), 3).Outcome.ShouldBe(InsertOutcome.Conflict);
    }

    [Fact]
    public void A_batch_disposed_without_commit_writes_nothing()
    {
        using var store = Open();
        using (var batch = store.BeginBatch("parts", "a.csv", "sha-a"))
        {
            store.InBatch.ShouldBeTrue();
            batch.EnsureClient("acme", 2).ShouldBeTrue();
            batch.AddPart(Part("MAT-1", "acme"), 2);
            store.LoadParts().Select(p => p.Part).ShouldBe(["MAT-1"], "reads during the batch see its rows");
        }

        store.InBatch.ShouldBeFalse();
        store.LoadParts().ShouldBeEmpty();
        store.LoadClients().ShouldBeEmpty();
        store.Batches().ShouldBeEmpty();
        store.FindBatch("parts", "sha-a").ShouldBeNull();
        store.VerifyChain().Intact.ShouldBeTrue();

        var committed = Commit(store, "parts", "a.csv", b => b.AddPart(Part("MAT-1"), 2));
        store.Batches().ShouldHaveSingleItem().ShouldBe(committed);
        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Fact]
    public void A_committed_file_is_found_by_layout_and_content_for_a_no_op_re_import()
    {
        using var store = Open();
        var committed = Commit(store, "parts", "parts.csv", b => b.AddPart(Part("MAT-1"), 2));
        store.FindBatch("parts", "sha-parts.csv").ShouldBe(committed);
        store.FindBatch("entries", "sha-parts.csv").ShouldBeNull("another layout");
        store.FindBatch("parts", "sha-other").ShouldBeNull("other content");
    }

    [Fact]
    public void A_commit_records_the_batch_and_its_rows()
    {
        using var store = Open();
        store.Operator = "ana";
        var batch = Commit(store, "entries", "entries.csv", b =>
        {
            b.AddEntry(Entry("254734565000123", 1m), 2);
            b.AddEntry(Entry("254734565000124", 2m), 3);
        });
        batch.Layout.ShouldBe("entries");
        batch.FileName.ShouldBe("entries.csv");
        batch.FileSha256.ShouldBe("sha-entries.csv");
        batch.Rows.ShouldBe(2);
        batch.Operator.ShouldBe("ana");
        batch.ImportedAt.ShouldBe("2025-12-31T12:00:00.0000000+00:00");
        store.Batches().ShouldBe([batch]);
        using var reopened = Open();
        reopened.Batches().ShouldBe([batch]);
    }

    [Fact]
    public void Clients_are_registered_once_and_known_to_the_batch()
    {
        using var store = Open();
        using var batch = store.BeginBatch("clients", "c.csv", "sha-c");
        batch.ClientExists("").ShouldBeTrue("the program's own");
        batch.ClientExists("acme").ShouldBeFalse();
        batch.EnsureClient("acme", 2).ShouldBeTrue();
        batch.EnsureClient("acme", 3).ShouldBeFalse();
        batch.ClientExists("acme").ShouldBeTrue();
        batch.AddClient(new ClientRecord("beta", "Beta, S.A.", "acme", new DateOnly(2025, 1, 1)), 4).Outcome.ShouldBe(InsertOutcome.Inserted);
        batch.AddClient(new ClientRecord("beta", "Other", null, null), 5).Outcome.ShouldBe(InsertOutcome.Conflict);
        batch.Commit();
        store.LoadClients().Select(c => c.Client).ShouldBe(["acme", "beta"], ignoreOrder: true);
    }

    [Fact]
    public void A_catalog_row_is_found_by_key_and_replaced_within_its_batch()
    {
        using var store = Open();
        using (var batch = store.BeginBatch("tariffs", "t.csv", "sha-t"))
        {
            object[] key = ["", "72085101", "00", "2025-01-01"];
            batch.Insert(TableSpec.Tariff, key, ["5", DBNull.Value], 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.Insert(TableSpec.Tariff, key, ["5", DBNull.Value], 3).Outcome.ShouldBe(InsertOutcome.Identical);
            batch.Insert(TableSpec.Tariff, key, ["7", DBNull.Value], 4).Outcome.ShouldBe(InsertOutcome.Conflict);
            var found = batch.Find(TableSpec.Tariff, key).ShouldNotBeNull();
            found.Content.ShouldBe(["5", DBNull.Value]);
            (found.BatchId, found.Line).ShouldBe((batch.BatchId, 2L));
            batch.Find(TableSpec.Tariff, ["", "72085101", "01", "2025-01-01"]).ShouldBeNull();
            batch.Replace(TableSpec.Tariff, key, [("mfn_pct", "7.5"), ("valid_to", "2025-12-31")]);
            batch.Commit();
        }

        store.LoadTariffs().ShouldHaveSingleItem()
            .ShouldBe(new TariffRecord("72085101", "00", 7.5m, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)) { BatchId = 1, Line = 2 });
        store.VerifyChain().Intact.ShouldBeTrue("a replaced row is covered by its batch digest");
    }

    [Fact]
    public void Encoded_rows_appended_with_a_digest_fed_ahead_read_back_as_records()
    {
        using var store = Open();
        EntryRecord[] entries = [Entry("254734565000123", 10.100m), Entry("254734565000124", 0.000001m), Entry("254734565000125", 7m)];
        using (var batch = store.BeginBatch("entries", "e.csv", "sha-e"))
        {
            var digest = batch.DigestAhead(TableSpec.Entry);
            var buffer = new RowBuffer(TableSpec.Entry.Columns);
            var rows = entries.Select(e => LedgerRows.Encode(e, buffer)).ToArray();
            for (var i = 0; i < rows.Length; i++)
            {
                digest.Add(rows[i], i + 2);
            }

            for (var i = 0; i < rows.Length; i++)
            {
                batch.Append(TableSpec.Entry, rows[i], i + 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            }

            batch.Commit().Rows.ShouldBe(3);
        }

        store.LoadEntries().ShouldBe(entries.Select((e, i) => e with { BatchId = 1, Line = i + 2 }));
        store.VerifyChain().Intact.ShouldBeTrue();
    }
}
