using System.Globalization;
using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The storage side of a reversal batch (SPEC §4.1 reversals, migration 0025, docs/architecture.md Decision 4): looks
/// up the rows of earlier batches and takes them back — one <c>reversal</c> row appended through the batch, and the row
/// moved unchanged from its table <c>T</c> to <c>T_reversed</c>, where its own batch's digest still covers it.
/// </summary>
public sealed class ReversalWriter : IReversalWriter
{
    /// <summary>The layouts whose rows may be reversed, with the table that holds them.</summary>
    /// <summary>Tables whose rows carry a movement date (the date a closed period is checked against).</summary>
    private static readonly HashSet<string> Dated = new(StringComparer.Ordinal) { "entry", "exit", "event", "count_row" };

    /// <summary>Tables of dated versions: their valid_from says from when a reversal changes the past.</summary>
    private static readonly HashSet<string> Versioned = new(StringComparer.Ordinal) { "bom", "term_rule" };

    private static string DateColumn(TableSpec table) =>
        Dated.Contains(table.Name) ? "date" : Versioned.Contains(table.Name) ? "NULLIF(valid_from, '')" : "NULL";

    private static ReversalTarget Target(TableSpec table, long id, long line, SqliteDataReader r) =>
        new(table, id, line, r.GetString(0), r.IsDBNull(1) ? null : CanonicalText.ParseDate(r.GetString(1)))
        {
            IsVersion = Versioned.Contains(table.Name),
        };

    private readonly BatchWriter batch;

    public ReversalWriter(BatchWriter batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        this.batch = batch;
    }

    /// <summary>The layouts whose rows may be reversed, in import order.</summary>
    public static IReadOnlyCollection<string> ReversibleLayouts => Reversibility.Layouts;

    /// <summary>The table holding the rows of <paramref name="layout"/>'s batches, or null when they cannot be reversed.</summary>
    public static TableSpec? TableOf(string layout) => Reversibility.TableOf(layout);

    /// <summary>The layout of batch <paramref name="id"/> (committed before this one), or null when there is none.</summary>
    public string? LayoutOf(long id)
    {
        using var cmd = batch.Command($"SELECT layout FROM import_batch WHERE {SqliteDatabase.ProgramSql} AND id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>The row in force at <paramref name="line"/> of batch <paramref name="id"/> in <paramref name="table"/>, or null.</summary>
    public ReversalTarget? Find(TableSpec table, long id, long line)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var cmd = batch.Command($"SELECT client, {DateColumn(table)} FROM \"{table.Name}\" WHERE batch_id = $b AND line = $l");
        cmd.Parameters.AddWithValue("$b", id);
        cmd.Parameters.AddWithValue("$l", line);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Target(table, id, line, r) : null;
    }

    /// <summary>Every row in force of batch <paramref name="id"/> in <paramref name="table"/>, in line order.</summary>
    public IReadOnlyList<ReversalTarget> RowsOf(TableSpec table, long id)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var cmd = batch.Command($"SELECT client, {DateColumn(table)}, line FROM \"{table.Name}\" WHERE batch_id = $b ORDER BY line");
        cmd.Parameters.AddWithValue("$b", id);
        using var r = cmd.ExecuteReader();
        var rows = new List<ReversalTarget>();
        while (r.Read())
        {
            rows.Add(Target(table, id, r.GetInt64(2), r));
        }

        return rows;
    }

    /// <summary>The reversal (its batch and line) that already took back the row at <paramref name="line"/> of batch <paramref name="id"/>.</summary>
    public (long Batch, long Line)? ReversedBy(long id, long line)
    {
        using var cmd = batch.Command(
            $"SELECT batch_id, line FROM reversal WHERE {SqliteDatabase.ProgramSql} AND target_batch = $b AND target_line = $l");
        cmd.Parameters.AddWithValue("$b", id);
        cmd.Parameters.AddWithValue("$l", line);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetInt64(1)) : null;
    }

    /// <summary>
    /// The parts (client, part) that rows in force of the movement and BOM tables name: a part they name cannot be
    /// reversed (they would name a part the ledger no longer has).
    /// </summary>
    public HashSet<(string Client, string Part)> PartsInUse()
    {
        var used = new HashSet<(string, string)>();
        foreach (var sql in new[]
        {
            "SELECT DISTINCT client, part FROM entry", "SELECT DISTINCT client, part FROM exit", "SELECT DISTINCT client, part FROM event",
            "SELECT DISTINCT client, part FROM count_row", "SELECT DISTINCT client, product FROM bom", "SELECT DISTINCT client, component FROM bom",
        })
        {
            using var cmd = batch.Command(sql);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                used.Add((r.GetString(0), r.GetString(1)));
            }
        }

        return used;
    }

    /// <summary>The part of a <c>part</c> row in force (for <see cref="PartsInUse"/>).</summary>
    public string PartOf(ReversalTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var cmd = batch.Command("SELECT part FROM part WHERE batch_id = $b AND line = $l");
        cmd.Parameters.AddWithValue("$b", target.Batch);
        cmd.Parameters.AddWithValue("$l", target.Line);
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Takes back <paramref name="target"/>: appends the reversal row at <paramref name="line"/> of this batch and moves
    /// the row to its table's <c>_reversed</c> companion, unchanged.
    /// </summary>
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
            $"INSERT INTO \"{table}{LedgerChain.ReversedSuffix}\" SELECT * FROM \"{table}\" WHERE batch_id = $b AND line = $l; " +
            $"DELETE FROM \"{table}\" WHERE batch_id = $b AND line = $l");
        move.Parameters.AddWithValue("$b", target.Batch);
        move.Parameters.AddWithValue("$l", target.Line);
        move.ExecuteNonQuery();
    }
}
