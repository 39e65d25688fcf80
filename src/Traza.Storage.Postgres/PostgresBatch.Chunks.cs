using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

// PostgresBatch: chunked appends (SPEC §8 import throughput, issue 12). A chunk goes to a temporary staging table by binary
// COPY; then one statement reads the stored rows that already hold any staged key and inserts the first row of each other
// key, and the stage is emptied — one round trip. Which row is a miss, and what the one-row append would have answered for
// it, follows: a key stored before the chunk is compared with the stored row, a key repeated within the chunk with the
// chunk's first row of that key. No ON CONFLICT: the rows that would conflict are already known (it would double the
// insert's cost, docs/benchmarks.md "Chunked appends"), and the ledger lock keeps other batches of the program out.
public sealed partial class PostgresBatch
{
    /// <summary>Chunks smaller than this go row by row: staging costs a few round trips of its own.</summary>
    public const int StagedChunkMinimum = 16;

    private readonly Dictionary<string, ChunkStage> stages = new(StringComparer.Ordinal);

    public void Append(TableSpec table, ReadOnlySpan<StagedRow> rows, List<AppendMiss> misses)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(misses);
        if (rows.Length < StagedChunkMinimum)
        {
            StagedRows.AppendEach(this, table, rows, misses);
            return;
        }

        var writer = Writer(table);
        var stage = Stage(writer);
        var missesBefore = misses.Count;
        var first = FirstOfKey(stage, rows);
        Copy(stage, rows, first);

        var existing = new Dictionary<int, InsertResult>();
        using (var batch = new NpgsqlBatch(store.Connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(stage.Resolve));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(stage.Truncate));
            using (var r = batch.ExecuteReader())
            {
                var content = table.Content.Count;
                while (r.Read())
                {
                    var seq = r.GetInt32(0);
                    var same = true;
                    for (var i = 0; i < content && same; i++)
                    {
                        var stored = r.IsDBNull(i + 1) ? string.Empty : r.GetString(i + 1);
                        same = Encoding.UTF8.GetBytes(stored).AsSpan().SequenceEqual(rows[seq].Row.Utf8(table.Key.Count + i));
                    }

                    existing[seq] = new InsertResult(same ? InsertOutcome.Identical : InsertOutcome.Conflict,
                        r.GetInt64(content + 1), r.GetInt64(content + 2));
                }
            }
        }

        var digestedAhead = ReferenceEquals(table, ahead?.Table);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (existing.TryGetValue(i, out var found))
            {
                misses.Add(new AppendMiss(i, row.Line, found));
            }
            else if (first[i] != i)
            {
                var earlier = rows[first[i]];
                var same = SameContent(stage, earlier.Row, row.Row);
                misses.Add(new AppendMiss(i, row.Line,
                    new InsertResult(same ? InsertOutcome.Identical : InsertOutcome.Conflict, BatchId, earlier.Line)));
            }
            else if (digestedAhead)
            {
                aheadAppended++;
            }
            else
            {
                RowDigest.StreamRow(digest, table, writer.DeclarationOrder, BatchId, row.Row, row.Line);
            }
        }

        aheadBroken |= digestedAhead && misses.Count > missesBefore;
    }

    /// <summary>For each row, the index of the chunk's first row with the same key (itself when it is the first).</summary>
    private static int[] FirstOfKey(ChunkStage stage, ReadOnlySpan<StagedRow> rows)
    {
        var first = new int[rows.Length];
        var seen = new Dictionary<string, int>(rows.Length, StringComparer.Ordinal);
        var key = new StringBuilder();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i].Row;
            if (row.IsEmpty || row.Count != stage.Integer.Length)
            {
                throw new ArgumentException($"A row of {stage.Table.Name} has {stage.Integer.Length} columns.", nameof(rows));
            }

            key.Clear();
            for (var c = 0; c < stage.Table.Key.Count; c++)
            {
                // Equal as PostgreSQL compares them: text byte for byte ("C"), integers by value.
                var value = Canonical(stage, row, c);
                key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(Encoding.Latin1.GetString(value));
            }

            first[i] = seen.TryAdd(key.ToString(), i) ? i : seen[key.ToString()];
        }

        return first;
    }

    /// <summary>
    /// The canonical text the one-row path compares a stored value by (SqlText.Canonical, NULL as ""): an integer column's
    /// value in invariant digits whatever the row held, a text column's bytes as stored.
    /// </summary>
    private static byte[] Canonical(ChunkStage stage, EncodedRow row, int column)
    {
        if (row.Kind(column) == ValueKind.Null)
        {
            return [];
        }

        return stage.Integer[column]
            ? Encoding.UTF8.GetBytes(IntegerOf(row, column).ToString(CultureInfo.InvariantCulture))
            : row.Utf8(column).ToArray();
    }

    /// <summary>A later row of the chunk compared with the chunk's stored first row of its key, as the one-row path compares.</summary>
    private static bool SameContent(ChunkStage stage, EncodedRow stored, EncodedRow row)
    {
        for (var c = stage.Table.Key.Count; c < stage.Integer.Length; c++)
        {
            if (!Canonical(stage, stored, c).AsSpan().SequenceEqual(row.Utf8(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static long IntegerOf(EncodedRow row, int column) => row.Kind(column) == ValueKind.Integer
        ? row.Integer(column)
        : long.Parse(Encoding.UTF8.GetString(row.Utf8(column)), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private void Copy(ChunkStage stage, ReadOnlySpan<StagedRow> rows, int[] first)
    {
        using var importer = store.Connection.BeginBinaryImport(stage.Copy);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i].Row;
            importer.StartRow();
            importer.Write(i, NpgsqlDbType.Integer);
            for (var c = 0; c < row.Count; c++)
            {
                if (row.Kind(c) == ValueKind.Null)
                {
                    importer.WriteNull();
                }
                else if (stage.Integer[c])
                {
                    importer.Write(IntegerOf(row, c), NpgsqlDbType.Bigint);
                }
                else
                {
                    importer.Write(Encoding.UTF8.GetString(row.Utf8(c)), NpgsqlDbType.Text);
                }
            }

            if (!stage.Table.LineInKey)
            {
                importer.Write(rows[i].Line, NpgsqlDbType.Bigint);
            }

            importer.Write(first[i] == i, NpgsqlDbType.Boolean);
        }

        _ = importer.Complete();
    }

    /// <summary>
    /// The table's staging table — temporary, emptied at commit, created once per session (a rolled-back batch takes it
    /// with it, hence IF NOT EXISTS) — and the statements over it.
    /// </summary>
    private ChunkStage Stage(TableWriter writer)
    {
        var table = writer.Table;
        if (stages.TryGetValue(table.Name, out var found))
        {
            return found;
        }

        var integer = store.Columns(table.Name).ToDictionary(d => d.Name, d => d.Integer, StringComparer.Ordinal);
        var columns = table.Key.Concat(table.Content).ToArray();
        var name = PgSql.Q("traza_stage_" + table.Name);
        string Type(string column) => integer[column] ? "bigint" : "text COLLATE \"C\"";
        var staged = columns.Select(c => $"{PgSql.Q(c)} {Type(c)}").ToList();
        if (!table.LineInKey)
        {
            staged.Add("line bigint");
        }

        Execute($"CREATE TEMP TABLE IF NOT EXISTS {name} (seq integer NOT NULL, {string.Join(", ", staged)}, first boolean NOT NULL) " +
                "ON COMMIT DELETE ROWS");
        var copied = string.Join(", ", columns.Select(PgSql.Q).Prepend("seq").Concat(table.LineInKey ? [] : ["line"]).Append("first"));
        var byKey = string.Join(" AND ", table.Key.Select(k => $"t.{PgSql.Q(k)} = s.{PgSql.Q(k)}"));
        var content = string.Join(", ", table.Content.Select(c => $"t.{PgSql.Q(c)}::text").Append("t.batch_id").Append("t.line"));
        var target = PgSql.Q(table.Name);

        // LIMIT 1 keeps the lateral subquery a probe of the primary key per staged row, whatever the table's size: the stage
        // has no statistics, and a hash join would read the whole table for every chunk.
        var existing = $"SELECT s.seq, {content} FROM {name} s CROSS JOIN LATERAL " +
                       $"(SELECT * FROM {target} t WHERE t.{store.ProgramFilter} AND {byKey} LIMIT 1) t";
        var inserted = columns.Select(PgSql.Q).Prepend("program_id").Append("batch_id").Concat(table.LineInKey ? [] : ["line"]);
        var values = columns.Select(c => "s." + PgSql.Q(c)).Prepend(store.Program.Value.ToString(CultureInfo.InvariantCulture))
            .Append(BatchId.ToString(CultureInfo.InvariantCulture)).Concat(table.LineInKey ? [] : ["s.line"]);
        // One snapshot for both parts: the rows read are those stored before the chunk.
        var resolve = $"WITH existing AS MATERIALIZED ({existing}), inserted AS (INSERT INTO {target} ({string.Join(", ", inserted)}) " +
                      $"SELECT {string.Join(", ", values)} FROM {name} s WHERE s.first AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.seq = s.seq) " +
                      "ORDER BY s.seq) SELECT * FROM existing";
        var stage = new ChunkStage(table, [.. columns.Select(c => integer[c])], $"COPY {name} ({copied}) FROM STDIN (FORMAT BINARY)",
            resolve, $"TRUNCATE {name}");
        stages[table.Name] = stage;
        return stage;
    }

    /// <summary>A table's staging statements and which of its key and content columns are integers.</summary>
    private sealed record ChunkStage(TableSpec Table, bool[] Integer, string Copy, string Resolve, string Truncate);
}
