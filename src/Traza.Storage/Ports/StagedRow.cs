namespace Traza.Storage;

/// <summary>One row of a chunk handed to <see cref="ILedgerBatch.Append(TableSpec, ReadOnlySpan{StagedRow}, List{AppendMiss})"/>.</summary>
/// <param name="Row">The row in stored form.</param>
/// <param name="Line">The file line it came from (part of the key for events).</param>
public readonly record struct StagedRow(EncodedRow Row, long Line);

/// <summary>
/// A row of a chunk that was not inserted because its key existed — before the chunk, or from an earlier row of the same
/// chunk: <paramref name="Existing"/> says whether the stored row is identical or a conflict and which batch and line
/// hold it, exactly as the one-row <c>Append</c> would have answered at that point (SPEC §4.1).
/// </summary>
/// <param name="Index">The row's position in the chunk.</param>
/// <param name="Line">The row's file line.</param>
/// <param name="Existing">The answer of the one-row append: <see cref="InsertOutcome.Identical"/> or <see cref="InsertOutcome.Conflict"/>.</param>
public readonly record struct AppendMiss(int Index, long Line, InsertResult Existing);

/// <summary>The plain twin of the chunked append: one row at a time (SQLite's path, and any store's for small chunks).</summary>
public static class StagedRows
{
    /// <summary>Appends <paramref name="rows"/> one by one, adding a miss for each row that was not inserted, in chunk order.</summary>
    public static void AppendEach(ILedgerBatch batch, TableSpec table, ReadOnlySpan<StagedRow> rows, List<AppendMiss> misses)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(misses);
        for (var i = 0; i < rows.Length; i++)
        {
            var result = batch.Append(table, rows[i].Row, rows[i].Line);
            if (result.Outcome != InsertOutcome.Inserted)
            {
                misses.Add(new AppendMiss(i, rows[i].Line, result));
            }
        }
    }
}
