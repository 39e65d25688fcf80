using Microsoft.Extensions.Time.Testing;
using Traza.Storage.Sqlite;

namespace Traza.Storage.Tests;

/// <summary>A real SQLite file in a fresh temp folder.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "traza-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path_ = Path.Combine(Folder, "ledger.db");
    }

    public string Folder { get; }

    public string Path_ { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero));

    public SqliteLedgerStore Open() => SqliteLedgerStore.Open(Path_, Clock);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
