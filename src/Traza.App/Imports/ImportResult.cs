using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>The outcome of importing one file (the failures are <see cref="AppException"/>s).</summary>
/// <param name="Layout">The §4.1 layout.</param>
/// <param name="FileName">The file's name.</param>
/// <param name="Batch">The batch written; for a file already imported, the batch that imported it.</param>
/// <param name="AlreadyImported">True when the same file (SHA-256) was imported before: nothing was done.</param>
/// <param name="Inserted">Rows written.</param>
/// <param name="Skipped">Rows whose key already held the same content (SPEC §4.1).</param>
public sealed record ImportResult(string Layout, string FileName, BatchRecord Batch, bool AlreadyImported, long Inserted, long Skipped)
{
    /// <summary>Warnings about rows accepted (<see cref="ImportContext.Warnings"/>), in file order.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string Describe() => AlreadyImported
        ? $"{FileName}: already imported as batch {Batch.Id} (same SHA-256); nothing to do"
        : $"{FileName}: imported {Inserted} {Layout} rows as batch {Batch.Id}" + (Skipped > 0 ? $" ({Skipped} already present, skipped)" : string.Empty);
}
