
namespace Traza.Storage.Tests;

/// <summary>
/// What only SQLite shows: the stored form of a quantity. The port-level behaviour of batches and records (outcomes, rollback,
/// re-import, round trips) is in the conformance contracts (Conformance/, run on every store).
/// </summary>
public sealed class LedgerStoreTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    private static EntryRecord Entry(string pedimento, decimal qty, string client = "") =>
        new(client, pedimento, 1, "MAT-1", "IN", new DateOnly(2025, 1, 5), qty, 5.5m, 100.25m, null, 17.5m, "US", null, "INV-1", null, "P1");

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
}
