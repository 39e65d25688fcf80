
namespace Traza.Storage.Tests;

public sealed class LedgerStoreTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    private static PartRecord Part(string client, string part, decimal factor = 1m) =>
        new(client, part, "desc", "material", "72085101", "00", "6", "6", factor, "US", "imported");

    private static EntryRecord Entry(string pedimento, decimal qty, string client = "") =>
        new(client, pedimento, 1, "MAT-1", "IN", new DateOnly(2025, 1, 5), qty, 5.5m, 100.25m, null, 17.5m, "US", null, "INV-1", null, "P1");

    [Fact]
    public void Batch_round_trip_keeps_every_field_and_line()
    {
        using (var store = db.Open())
        {
            using var batch = store.BeginBatch("parts", "parts.csv", "sha-1");
            batch.EnsureClient("acme", 3).ShouldBeTrue();
            batch.AddPart(Part("", "MAT-1", 0.5m), 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.AddPart(Part("acme", "MAT-1"), 3).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.Commit().Rows.ShouldBe(3);
        }

        using (var store = db.Open())
        {
            using var batch = store.BeginBatch("entries", "entries.csv", "sha-2");
            batch.AddEntry(Entry("254734565000123", 10.125m), 2).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.AddExit(new ExitRecord("", "254734565000200", 1, "MAT-1", "H1", new DateOnly(2025, 2, 1), 1.5m, null, null, "US", null, "V",
                new DateOnly(2025, 1, 31), "254734565000123", 1, null), 3).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.AddEvent(new EventRecord("", new DateOnly(2025, 3, 1), "adjustment", "MAT-1", "", -0.5m, false, null, null), 4)
                .Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.AddCount(new CountRecord("", new DateOnly(2025, 6, 30), "MAT-1", "", 9m), 5).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.AddBom(new BomRecord("", "FG-1", "MAT-1", null, 2m, 1m, 0.5m, null), 6).Outcome.ShouldBe(InsertOutcome.Inserted);
            batch.Commit();
        }

        using (var store = db.Open())
        {
            store.LoadParts().Count.ShouldBe(2);
            store.LoadParts("acme").Single().Client.ShouldBe("acme");
            store.LoadParts("")[0].UmtPerUmc.ShouldBe(0.5m);
            store.LoadClients().Single().Client.ShouldBe("acme");
            var entry = store.LoadEntries().Single();
            entry.ShouldBe(Entry("254734565000123", 10.125m) with { BatchId = 2, Line = 2 });
            var exit = store.LoadExits().Single();
            exit.Case.ShouldBe("V");
            exit.SourcePartida.ShouldBe(1);
            exit.BomDate.ShouldBe(new DateOnly(2025, 1, 31));
            exit.Line.ShouldBe(3);
            store.LoadEvents().Single().Qty.ShouldBe(-0.5m);
            store.LoadCounts().Single().Qty.ShouldBe(9m);
            store.LoadBom().Single().DesperdicioPct.ShouldBe(0.5m);
            store.LoadEntries(asOf: new DateOnly(2025, 1, 4)).ShouldBeEmpty();
            store.LoadEntries(client: "acme").ShouldBeEmpty();
            store.Batches().Select(b => b.Layout).ShouldBe(["parts", "entries"]);
        }
    }

    [Fact]
    public void Quantities_are_stored_as_exact_normalized_text()
    {
        using var store = db.Open();
        using (var batch = store.BeginBatch("entries", "e.csv", "sha"))
        {
            batch.AddEntry(Entry("254734565000123", 10.1000m), 2);
            batch.AddEntry(Entry("254734565000124", 0.1234567890123456789m), 3);
            batch.Commit();
        }

        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = "SELECT qty, typeof(qty) FROM entry ORDER BY line";
        using var reader = cmd.ExecuteReader();
        reader.Read().ShouldBeTrue();
        reader.GetString(0).ShouldBe("10.1");
        reader.GetString(1).ShouldBe("text");
        reader.Read().ShouldBeTrue();
        reader.GetString(0).ShouldBe("0.1234567890123456789");
    }

    [Fact]
    public void Existing_key_identical_is_skipped_and_different_conflicts()
    {
        using var store = db.Open();
        using (var batch = store.BeginBatch("entries", "a.csv", "a"))
        {
            batch.AddEntry(Entry("254734565000123", 10m), 2);
            batch.Commit();
        }

        using var second = store.BeginBatch("entries", "b.csv", "b");
        second.AddEntry(Entry("254734565000123", 10.0m), 7).Outcome.ShouldBe(InsertOutcome.Identical);
        var conflict = second.AddEntry(Entry("254734565000123", 11m), 8);
        conflict.Outcome.ShouldBe(InsertOutcome.Conflict);
        conflict.ExistingBatchId.ShouldBe(1);
        conflict.ExistingLine.ShouldBe(2);
        second.BatchFileName(1).ShouldBe("a.csv");
    }

    [Fact]
    public void Batch_disposed_without_commit_writes_nothing()
    {
        using (var store = db.Open())
        {
            using var batch = store.BeginBatch("parts", "p.csv", "sha");
            batch.EnsureClient("acme", 2);
            batch.AddPart(Part("acme", "X"), 2);
        }

        using var reopened = db.Open();
        reopened.LoadParts().ShouldBeEmpty();
        reopened.LoadClients().ShouldBeEmpty();
        reopened.Batches().ShouldBeEmpty();
    }

    [Fact]
    public void Find_batch_by_layout_and_sha()
    {
        using var store = db.Open();
        using (var batch = store.BeginBatch("parts", "p.csv", "abc"))
        {
            batch.Commit();
        }

        store.FindBatch("parts", "abc")!.Id.ShouldBe(1);
        store.FindBatch("bom", "abc").ShouldBeNull();
    }

    [Fact]
    public void Program_round_trip()
    {
        using var store = db.Open();
        store.GetProgram().ShouldBeNull();
        using (var batch = store.BeginBatch("program", "init", "p"))
        {
            batch.AddProgram(new ProgramRecord("ABC010101AB1", "Acme", "123", "shelter", new DateOnly(2020, 1, 1), null), 1);
            batch.Commit();
        }

        var program = store.GetProgram()!;
        program.Modality.ShouldBe("shelter");
        program.ValidFrom.ShouldBe(new DateOnly(2020, 1, 1));
        program.ValidTo.ShouldBeNull();
    }

    [Fact]
    public void Loads_inside_an_open_batch_see_its_rows()
    {
        using var store = db.Open();
        using var batch = store.BeginBatch("parts", "p.csv", "sha");
        batch.AddPart(Part("", "X"), 2);
        store.LoadParts().Count.ShouldBe(1);
    }
}
