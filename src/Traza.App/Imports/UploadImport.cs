using Traza.App.Government;
using Traza.Storage;

namespace Traza.App.Imports;

/// <summary>What an import gave, as <c>traza import</c> prints it: the result line and the notes before it.</summary>
public sealed record ImportOutcome(string Kind, string Result, IReadOnlyList<string> Notes);

/// <summary>
/// One import of any kind <c>traza import</c> offers — a §4.1 layout (<see cref="ImportService"/>), <c>datastage</c> or
/// <c>m3</c> — through the very services the CLI's commands call, so the API's upload validates and answers alike.
/// </summary>
public static class UploadImport
{
    public const string DataStage = "datastage";
    public const string M3 = "m3";

    /// <summary>Every kind, in the CLI's order.</summary>
    public static IReadOnlyList<string> Kinds => [.. ImportService.Layouts.Select(l => l.Layout), DataStage, M3];

    public static bool IsKind(string kind) => Kinds.Contains(kind, StringComparer.Ordinal);

    public static ImportOutcome Import(ITrazaStore store, string kind, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(kind);
        switch (kind)
        {
            case DataStage:
                var ds = DataStageImportService.Import(store, [path]);
                return new ImportOutcome(kind, ds.Describe(), ds.Notes);
            case M3:
                var m3 = M3ImportService.Import(store, [path]);
                return new ImportOutcome(kind, m3.Describe(), m3.Notes);
            default:
                var notes = new List<string>();
                var result = ImportService.Import(store, kind, path, note: notes.Add);
                return new ImportOutcome(kind, result.Describe(), notes);
        }
    }
}
