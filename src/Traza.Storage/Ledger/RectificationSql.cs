namespace Traza.Storage;

/// <summary>The one query both stores run for <see cref="ILedgerScans.Rectifications"/> (plain SQL both dialects read alike).</summary>
public static class RectificationSql
{
    /// <summary>The table of entries or exits.</summary>
    public static string Table(MovementTable table) => table switch
    {
        MovementTable.Entries => "entry",
        MovementTable.Exits => "exit",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "only entries and exits carry rectifies"),
    };

    /// <summary>
    /// client, pedimento, rectifies, the rectification's earliest date, its last batch, the original's earliest date (NULL when
    /// the table lacks it) — the subquery's unqualified <c>program_id</c> is the original's row, in the same program.
    /// </summary>
    public static string Query(string table, string programFilter, string indexHint) =>
        $"SELECT r.client, r.pedimento, r.rectifies, min(r.date), max(r.batch_id), " +
        $"(SELECT min(o.date) FROM {table} o WHERE o.{programFilter} AND o.client = r.client AND o.pedimento = r.rectifies) " +
        $"FROM {table} r{indexHint} WHERE r.{programFilter} AND r.rectifies IS NOT NULL AND r.rectifies <> '' " +
        "GROUP BY r.client, r.pedimento, r.rectifies ORDER BY r.client, r.pedimento, r.rectifies";
}
