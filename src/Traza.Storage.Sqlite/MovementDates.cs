namespace Traza.Storage.Sqlite;

/// <summary>Date questions about the movements a discharge processes (exits and events).</summary>
public static class MovementDates
{
    /// <summary>
    /// Whether an exit or an event is dated after <paramref name="after"/> and on or before <paramref name="through"/>: when
    /// none is, a discharge as of <paramref name="through"/> processes exactly the movements of one as of
    /// <paramref name="after"/> (entries alone never discharge; SPEC §3.5), so a run stored as of the earlier date covers the
    /// later one (docs/architecture.md, "--as-of D on reports").
    /// </summary>
    public static bool AnyExitOrEventBetween(SqliteLedgerStore store, DateOnly after, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (through <= after)
        {
            return false;
        }

        // Exits through their date index (migration 0011; INDEXED BY, as SQLite otherwise walks the primary key's
        // program_id prefix); events are few and have no date index.
        using var cmd = store.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM exit INDEXED BY exit_date WHERE program_id = 1 AND date > $after AND date <= $through) " +
            "OR EXISTS (SELECT 1 FROM event WHERE program_id = 1 AND date > $after AND date <= $through)");
        cmd.Parameters.AddWithValue("$after", SqlText.Date(after));
        cmd.Parameters.AddWithValue("$through", SqlText.Date(through));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }
}
