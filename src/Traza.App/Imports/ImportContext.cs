using System.Globalization;
using Traza.Formats.Layouts;
using Traza.Storage;
using Traza.Storage.Sqlite;

namespace Traza.App.Imports;

/// <summary>
/// What one layout import works with: the open batch, the file's name, the parts already in the ledger, and the
/// counters. Its helpers turn a bad field or a conflicting key into the <see cref="AppException"/> of SPEC §5.
/// </summary>
public sealed class ImportContext
{
    private Dictionary<(string Client, string Part), PartRecord>? parts;

    public ImportContext(SqliteLedgerStore store, BatchWriter batch, string fileName)
    {
        Store = store;
        Batch = batch;
        FileName = fileName;
    }

    public SqliteLedgerStore Store { get; }

    public BatchWriter Batch { get; }

    public string FileName { get; }

    public long Inserted { get; private set; }

    public long Skipped { get; private set; }

    /// <summary>Parts by (client, part), as of the start of this import plus the ones it adds.</summary>
    public Dictionary<(string Client, string Part), PartRecord> Parts
    {
        get
        {
            if (parts is null)
            {
                parts = [];
                foreach (var p in Store.LoadParts())
                {
                    parts[(p.Client, p.Part)] = p;
                }
            }

            return parts;
        }
    }

    /// <summary>Invalid input (exit 3) at a line and column.</summary>
    public AppException Invalid(long line, string? column, string expected) =>
        AppException.Invalid(new LayoutError(FileName, line, column, expected).ToString());

    /// <summary>Reads every row of <paramref name="reader"/>, throwing its first error as invalid input.</summary>
    public IEnumerable<TRow> Rows<TRow>(LayoutReader<TRow> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (reader.Read(out var row))
        {
            yield return row;
        }

        if (reader.Error is { } error)
        {
            throw AppException.Invalid(error.ToString());
        }
    }

    /// <summary>The part a row names for its client, else invalid input (SPEC §4.1: import parts first).</summary>
    public PartRecord RequirePart(string client, string part, long line, string column)
    {
        if (Parts.TryGetValue((client, part), out var found))
        {
            return found;
        }

        var owner = client.Length == 0 ? "the program (client empty)" : $"client '{client}'";
        throw Invalid(line, column, $"a part registered for {owner} (import parts first), found '{part}'");
    }

    /// <summary>Counts an insert; an existing key with other content is a conflict (SPEC §4.1, exit 4).</summary>
    public void Record(InsertResult result, long line, Func<string> key)
    {
        switch (result.Outcome)
        {
            case InsertOutcome.Inserted:
                Inserted++;
                break;
            case InsertOutcome.Identical:
                Skipped++;
                break;
            default:
                var where = result.ExistingBatchId == Batch.BatchId
                    ? $"line {result.ExistingLine.ToString(CultureInfo.InvariantCulture)} of this file"
                    : $"file {Batch.BatchFileName(result.ExistingBatchId)}, line {result.ExistingLine.ToString(CultureInfo.InvariantCulture)} " +
                      $"(batch {result.ExistingBatchId.ToString(CultureInfo.InvariantCulture)})";
                throw AppException.Conflict(
                    $"file {FileName}, line {line.ToString(CultureInfo.InvariantCulture)}: {key()} already exists with other content ({where}); " +
                    "corrections go through rectifications or reversals; nothing written");
        }
    }
}
