using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

/// <summary>
/// The batch digest streamed while rows are appended (SPEC §8 import throughput) equals the digest recomputed from the
/// stored rows, whatever was appended; when it cannot hold (rows of two tables, a row replaced) the batch falls back
/// to recomputing, so <c>audit verify</c> stays intact (SPEC §7).
/// </summary>
public sealed class StreamedDigestTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    private static EntryRecord Entry(string pedimento, decimal qty, string? site = null) =>
        new("", pedimento, 1, "MAT-1", "IN", new DateOnly(2025, 1, 5), qty, qty * 2, 10.50m, null, 20.1m, "US", null, "INV-1", null, site);

    private static void Parts(SqliteLedgerStore store, params string[] clients)
    {
        using var batch = store.BeginBatch("parts", "parts.csv", "p");
        var line = 2;
        foreach (var client in clients)
        {
            batch.EnsureClient(client, line);
            batch.AddPart(new PartRecord(client, "MAT-1", "Steel, \"cold\" ñ", "material", "72085101", "00", "6", "6", 0.5m, null, "imported"), line++);
        }

        batch.Commit();
    }

    private static void ShouldMatchStoredRows(SqliteLedgerStore store)
    {
        foreach (var batch in store.Batches())
        {
            var (digest, rows) = LedgerChain.ComputeDigest(store.Connection, null, batch.Id);
            digest.ShouldBe(batch.Digest, $"batch {batch.Id}");
            rows.ShouldBe(batch.Rows, $"batch {batch.Id}");
        }

        store.VerifyChain().Intact.ShouldBeTrue();
    }

    [Fact]
    public void Streamed_digest_of_every_layout_equals_the_digest_of_the_stored_rows()
    {
        using var store = db.Open();
        Parts(store, "");
        using (var batch = store.BeginBatch("entries", "e.csv", "e"))
        {
            batch.AddEntry(Entry("254734565000123", 10.100m), 2);
            batch.AddEntry(Entry("254734565000124", 0.000001m, "Plant 2"), 3);
            batch.AddEntry(Entry("254734565000124", 0.000001m, "Plant 2"), 4).Outcome.ShouldBe(InsertOutcome.Identical);
            batch.Commit();
        }

        using (var batch = store.BeginBatch("exits", "x.csv", "x"))
        {
            batch.AddExit(new ExitRecord("", "254734565000200", 1, "MAT-1", "H1", new DateOnly(2025, 2, 1), 1.5m, null, null, "US", null, "V",
                new DateOnly(2025, 1, 31), "254734565000123", 1, null), 2);
            batch.Commit();
        }

        using (var batch = store.BeginBatch("events", "v.csv", "v"))
        {
            batch.AddEvent(new EventRecord("", new DateOnly(2025, 3, 1), "adjustment", "MAT-1", "", -0.5m, false, null, null), 2);
            batch.AddEvent(new EventRecord("", new DateOnly(2025, 3, 1), "destruction", "MAT-1", "ACTA", 1m, true, "Reciclados", "P1"), 3);
            batch.Commit();
        }

        using (var batch = store.BeginBatch("bom", "b.csv", "b"))
        {
            batch.AddBom(new BomRecord("", "FG-1", "MAT-1", null, 2m, 1m, 0.5m, null), 2);
            batch.AddBom(new BomRecord("", "FG-1", "MAT-1", new DateOnly(2026, 1, 1), 2m, 0m, 0m, new DateOnly(2026, 12, 31)), 3);
            batch.Commit();
        }

        using (var batch = store.BeginBatch("counts", "c.csv", "c"))
        {
            batch.AddCount(new CountRecord("", new DateOnly(2025, 6, 30), "MAT-1", "", 9m), 2);
            batch.Commit();
        }

        ShouldMatchStoredRows(store);
    }

    [Fact]
    public void Rows_of_two_tables_in_one_batch_fall_back_to_the_stored_rows()
    {
        using var store = db.Open();
        Parts(store, "", "acme", "beta");
        ShouldMatchStoredRows(store);
        store.Batches()[0].Rows.ShouldBe(5);
    }

    [Fact]
    public void A_replaced_row_falls_back_to_the_stored_rows()
    {
        using var store = db.Open();
        Parts(store, "");
        using (var batch = store.BeginBatch("entries", "e.csv", "e"))
        {
            batch.AddEntry(Entry("254734565000123", 10m), 2);
            batch.Replace(TableSpec.Entry, ["", "254734565000123", 1L, "MAT-1"], [("qty", "12.5")]);
            batch.Commit();
        }

        ShouldMatchStoredRows(store);
        store.LoadEntries()[0].Qty.ShouldBe(12.5m);
    }

    [Fact]
    public void A_changed_qty_after_a_streamed_batch_is_detected()
    {
        using var store = db.Open();
        Parts(store, "");
        using (var batch = store.BeginBatch("entries", "e.csv", "e"))
        {
            batch.AddEntry(Entry("254734565000123", 10m), 2);
            batch.Commit();
        }

        using (var cmd = store.Connection.CreateCommand())
        {
            cmd.CommandText = "UPDATE entry SET qty = '10.000001'";
            cmd.ExecuteNonQuery();
        }

        var check = store.VerifyChain();
        check.Intact.ShouldBeFalse();
        check.BrokenBatchId.ShouldBe(2);
    }

    [Fact]
    public void A_digest_fed_ahead_equals_the_digest_of_the_stored_rows()
    {
        using var store = db.Open();
        Parts(store, "");
        using (var batch = store.BeginBatch("entries", "e.csv", "e"))
        {
            var digest = batch.DigestAhead(TableSpec.Entry);
            var buffer = new RowBuffer(TableSpec.Entry.Columns);
            EntryRecord[] entries =
                [Entry("254734565000123", 10.100m), Entry("254734565000124", 0.000001m, "Plant 2"), Entry("254734565000125", 7m)];
            var rows = entries
                .Select(e => LedgerRows.Encode(e, buffer))
                .ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                digest.Add(rows[i], i + 2);
            }

            for (var i = 0; i < rows.Count; i++)
            {
                batch.Append(TableSpec.Entry, rows[i], i + 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            }

            batch.Commit().Rows.ShouldBe(3);
        }

        ShouldMatchStoredRows(store);
    }

    [Theory]
    [InlineData("identical row")]
    [InlineData("row not fed")]
    [InlineData("row fed but not appended")]
    [InlineData("another table")]
    public void A_digest_fed_ahead_that_does_not_cover_the_stored_rows_falls_back_to_them(string mismatch)
    {
        using var store = db.Open();
        Parts(store, "");
        using (var batch = store.BeginBatch("entries", "e.csv", "e"))
        {
            var digest = batch.DigestAhead(TableSpec.Entry);
            var buffer = new RowBuffer(TableSpec.Entry.Columns);
            var first = LedgerRows.Encode(Entry("254734565000123", 10m), buffer);
            var second = LedgerRows.Encode(Entry("254734565000124", 3m), buffer);
            digest.Add(first, 2);
            batch.Append(TableSpec.Entry, first, 2);
            switch (mismatch)
            {
                case "identical row":
                    digest.Add(first, 3);
                    batch.Append(TableSpec.Entry, first, 3).Outcome.ShouldBe(InsertOutcome.Identical);
                    break;
                case "row not fed":
                    batch.Append(TableSpec.Entry, second, 3);
                    break;
                case "row fed but not appended":
                    digest.Add(second, 3);
                    break;
                default:
                    batch.EnsureClient("acme", 3);
                    break;
            }

            batch.Commit();
        }

        ShouldMatchStoredRows(store);
    }
}
