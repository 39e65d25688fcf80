using System.Globalization;

namespace Traza.Storage.Sqlite;

// BatchWriter: the batch digest streamed as rows are inserted, or fed ahead by the reading thread, and whether it
// still stands for the stored rows at commit (else LedgerChain recomputes it).
public sealed partial class BatchWriter
{
    /// <summary>
    /// Appends a stored row's canonical bytes to the batch digest — program_id, key, content, batch_id, line, as
    /// <see cref="LedgerChain.ComputeDigest"/> reads them back — or invalidates it when the table's columns are in
    /// another order.
    /// </summary>
    private void Stream(TableWriter writer, EncodedRow row, long line) =>
        RowDigest.StreamRow(digest, writer.Table, writer.DeclarationOrder, BatchId, row, line);

    /// <summary>
    /// A digest of <paramref name="table"/>'s rows that the caller feeds — on its reading thread, as it encodes them —
    /// with every row it will <see cref="Append(TableSpec, EncodedRow, long)"/>, in the same order; this writer then hashes none of them. It stands
    /// for the batch at commit only if every append to the table inserted its row, nothing else was streamed or
    /// replaced, and the counts agree; otherwise the digest is recomputed from the stored rows.
    /// </summary>
    public RowDigest DigestAhead(TableSpec table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (ahead is not null)
        {
            throw new InvalidOperationException("A batch has at most one digest fed ahead.");
        }

        ahead = new RowDigest(table, Writer(table).DeclarationOrder, BatchId);
        return ahead;
    }

    /// <summary>
    /// The digest streamed at insert time (or fed ahead) with its row count, when it covers exactly the batch's stored
    /// rows: every ledger table holds as many rows of this batch as were streamed to it (none for the others), none
    /// changed since, and every row fed ahead was inserted; else null.
    /// </summary>
    private (string Digest, long Rows)? StreamedDigest()
    {
        var streamed = digest;
        if (ahead is not null)
        {
            if (aheadBroken || digest.Rows > 0 || ahead.Digest.Rows != aheadAppended)
            {
                return null;
            }

            streamed = ahead.Digest;
        }

        if (!digest.Valid || !streamed.Valid)
        {
            return null;
        }

        foreach (var (table, _) in LedgerChain.LedgerTables(connection, Transaction))
        {
            using var cmd = Command($"SELECT COUNT(*) FROM \"{table}\" WHERE batch_id = $b");
            cmd.Parameters.AddWithValue("$b", BatchId);
            var count = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            var expected = string.Equals(table, streamed.Table, StringComparison.Ordinal) ? streamed.Rows : 0;
            if (count != expected)
            {
                return null;
            }
        }

        return (streamed.Finish(), streamed.Rows);
    }
}
