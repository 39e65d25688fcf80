using System.Globalization;
using Traza.Storage.Ledger;

namespace Traza.Storage.Postgres;

/// <summary>
/// The reversal side of a batch on PostgreSQL (SPEC §4.1 reversals, docs/architecture.md Decision 4): as SQLite's, one
/// <c>reversal</c> row appended through the batch and the row moved unchanged to <c>T_reversed</c> — here in one statement,
/// <c>DELETE … RETURNING</c> feeding the insert, so the row cannot be lost or doubled between the two.
/// </summary>
internal sealed class PostgresReversalWriter(PostgresBatch batch) : IReversalWriter
{
    private static readonly HashSet<string> Dated = new(StringComparer.Ordinal) { "entry", "exit", "event", "count_row" };

    private static readonly HashSet<string> Versioned = new(StringComparer.Ordinal) { "bom", "term_rule" };

    private string P => batch.Store.ProgramFilter;

    private static string DateColumn(TableSpec table) =>
        Dated.Contains(table.Name) ? "date" : Versioned.Contains(table.Name) ? "NULLIF(valid_from, '')" : "NULL::text";

    public string? LayoutOf(long id)
    {
        using var cmd = batch.Command($"SELECT layout FROM import_batch WHERE {P} AND id = $1").Int(id);
        return cmd.ExecuteScalar() as string;
    }

    public ReversalTarget? Find(TableSpec table, long id, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var cmd = batch.Command($"SELECT client, {DateColumn(table)} FROM {PgSql.Q(table.Name)} WHERE {P} AND batch_id = $1 AND line = $2")
            .Int(id).Int(line);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Target(table, id, line, r.GetString(0), r.DateOrNull(1)) : null;
    }

    public IReadOnlyList<ReversalTarget> RowsOf(TableSpec table, long id)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var cmd = batch.Command(
            $"SELECT client, {DateColumn(table)}, line FROM {PgSql.Q(table.Name)} WHERE {P} AND batch_id = $1 ORDER BY line").Int(id);
        using var r = cmd.ExecuteReader();
        var rows = new List<ReversalTarget>();
        while (r.Read())
        {
            rows.Add(Target(table, id, r.GetInt64(2), r.GetString(0), r.DateOrNull(1)));
        }

        return rows;
    }

    public (long Batch, long Line)? ReversedBy(long id, long line)
    {
        using var cmd = batch.Command($"SELECT batch_id, line FROM reversal WHERE {P} AND target_batch = $1 AND target_line = $2").Int(id).Int(line);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetInt64(1)) : null;
    }

    public HashSet<(string Client, string Part)> PartsInUse()
    {
        var used = new HashSet<(string, string)>();
        using var cmd = batch.Command(
            $"SELECT client, part FROM entry WHERE {P} UNION SELECT client, part FROM exit WHERE {P} UNION SELECT client, part FROM event WHERE {P} " +
            $"UNION SELECT client, part FROM count_row WHERE {P} UNION SELECT client, product FROM bom WHERE {P} " +
            $"UNION SELECT client, component FROM bom WHERE {P}");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            used.Add((r.GetString(0), r.GetString(1)));
        }

        return used;
    }

    public string PartOf(ReversalTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var cmd = batch.Command($"SELECT part FROM part WHERE {P} AND batch_id = $1 AND line = $2").Int(target.Batch).Int(target.Line);
        return (string)cmd.ExecuteScalar()!;
    }

    public void Reverse(ReversalTarget target, string reason, long line)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(reason);
        var result = batch.Insert(TableSpec.Reversal, [target.Client, target.Batch, target.Line], [reason], line);
        if (result.Outcome != InsertOutcome.Inserted)
        {
            throw new InvalidOperationException(
                $"Row {target.Line.ToString(CultureInfo.InvariantCulture)} of batch {target.Batch.ToString(CultureInfo.InvariantCulture)} is already reversed.");
        }

        Move(target.Table.Name, target);
        if (ReferenceEquals(target.Table, TableSpec.Entry))
        {
            Move("entry_opening", target); // the lot's opening balance (migration 0029), when it has one
        }
    }

    private void Move(string table, ReversalTarget target)
    {
        using var move = batch.Command(
            $"WITH moved AS (DELETE FROM {PgSql.Q(table)} WHERE {P} AND batch_id = $1 AND line = $2 RETURNING *) " +
            $"INSERT INTO {PgSql.Q(table + LedgerHashes.ReversedSuffix)} SELECT * FROM moved").Int(target.Batch).Int(target.Line);
        move.ExecuteNonQuery();
    }

    private static ReversalTarget Target(TableSpec table, long id, long line, string client, DateOnly? date) =>
        new(table, id, line, client, date) { IsVersion = Versioned.Contains(table.Name) };
}
