using System.Text;

namespace Traza.Storage.Ledger;

/// <summary>
/// The digest of docs/architecture.md Decision 1 computed while the rows are appended, instead of re-reading them at
/// commit: the same bytes <c>LedgerChain.ComputeDigest</c> hashes (<c>#table</c>, then each row's stored
/// columns in declaration order joined with U+001F). It holds only while every row of the batch goes to one table, in
/// strictly ascending line order, and no row changes after it was appended; otherwise <see cref="Valid"/> is false and
/// the batch recomputes its digest from the stored rows. Lines must not repeat: the stored rows are read back by line,
/// and rows on one line come back in the store's key order, not in the order they were appended (issue 12).
/// </summary>
public sealed class BatchDigest : IDisposable
{
    private readonly HashWriter hash = new();
    private string? table;
    private long lastLine = long.MinValue;

    /// <summary>False once the streamed bytes may differ from the stored rows' canonical text.</summary>
    public bool Valid { get; private set; } = true;

    /// <summary>The table the rows went to (null before the first row).</summary>
    public string? Table => table;

    /// <summary>Rows appended.</summary>
    public long Rows { get; private set; }

    /// <summary>Gives up streaming: the digest will be recomputed from the stored rows.</summary>
    public void Invalidate() => Valid = false;

    /// <summary>
    /// Starts a row of <paramref name="tableName"/> at <paramref name="line"/>; false (and the digest no longer valid) for
    /// a row of another table or a line not after the previous row's.
    /// </summary>
    public bool BeginRow(string tableName, long line)
    {
        if (!Valid)
        {
            return false;
        }

        if (table is null)
        {
            table = tableName;
            Append(Encoding.UTF8.GetBytes("#" + tableName + "\n"));
        }
        else if (!string.Equals(table, tableName, StringComparison.Ordinal) || line <= lastLine)
        {
            Valid = false;
            return false;
        }

        lastLine = line;
        Rows++;
        return true;
    }

    /// <summary>Appends one column's canonical bytes, preceded by the separator unless it is the row's first.</summary>
    public void Column(ReadOnlySpan<byte> value, bool first)
    {
        if (!first)
        {
            Append("\u001f"u8);
        }

        Append(value);
    }

    public void EndRow() => Append("\n"u8);

    /// <summary>The lowercase hex SHA-256 of everything appended.</summary>
    public string Finish() => hash.Finish();

    public void Dispose() => hash.Dispose();

    private void Append(ReadOnlySpan<byte> bytes) => hash.Append(bytes);
}
