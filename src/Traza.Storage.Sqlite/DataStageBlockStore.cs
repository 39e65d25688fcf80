using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Writes <see cref="DataStageBlock"/>s into <c>ds_block</c> inside the caller's transaction, merging as SPEC §4.2 and
/// docs/cli.md say: 501 and 551 rows by their natural key (a package executed later replaces the row — the old one is
/// marked dead in its block —, an older one never does, an identical one changes nothing), every other table by
/// content (pedimento key + row hash), so re-imports and overlapping packages store each row once. The keys of rows
/// already stored are read once per overlapping block (found by key range), never per row; a table with no stored
/// rows reads nothing.
/// </summary>
public sealed class DataStageBlockStore : IDataStageBlockWriter
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly SqliteCommand insert;
    private readonly SqliteCommand overlapping;
    private readonly Dictionary<string, TableState> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<int>> deadMarks = [];
    private byte[] scratch = new byte[DataStageBlock.TargetBytes * 2];
    private byte[] kept = new byte[DataStageBlock.TargetBytes * 2];
    private readonly long firstNewId;
    private long nextId;

    public DataStageBlockStore(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        this.connection = connection;
        this.transaction = transaction;
        using (var max = Command($"SELECT COALESCE(MAX(id), 0) FROM ds_block WHERE {SqliteDatabase.ProgramSql}"))
        {
            nextId = (long)max.ExecuteScalar()! + 1;
            firstNewId = nextId;
        }

        insert = Command($"""
            INSERT INTO ds_block (program_id, id, tabla, folio, first_line, rows, min_key, max_key, dead, data)
            VALUES ({SqliteDatabase.ProgramIdSql}, $id, $t, $f, $l, $n, $min, $max, $dead, $data)
            """, "$id", "$t", "$f", "$l", "$n", "$min", "$max", "$dead", "$data");
        overlapping = Command($"""
            SELECT id, dead, data FROM ds_block
            WHERE {SqliteDatabase.ProgramSql} AND tabla = $t AND min_key <= $max AND max_key >= $min AND id < $first
            """, "$t", "$min", "$max", "$first");
    }

    /// <summary>Rows offered (stored or merged into stored ones).</summary>
    public long Rows { get; private set; }

    /// <summary>Rows actually stored (new content).</summary>
    public long Stored { get; private set; }

    /// <summary>Merges and writes a block; the block can be cleared and reused afterwards.</summary>
    public void Write(DataStageBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Count == 0)
        {
            return;
        }

        Rows += block.Count;
        var state = State(block.Spec);
        if (state.HasStored)
        {
            LoadOverlapping(block, state);
        }

        var id = nextId;
        var keptBytes = 2; // the version and typed-count bytes
        var keptRows = 0;
        var copying = false; // false while every row so far is kept: the block's own bytes are the stored form
        long firstLine = -1;
        List<int>? ownDead = null;
        var previous = default(DataStageBlock.RowHeader);
        for (var r = 0; r < block.Count; r++)
        {
            var key = block.Key(r);
            var hash = block.Hash(r);
            if (!Keep(block, state, r, key, hash, id, keptRows, ref ownDead))
            {
                if (!copying)
                {
                    // The first row left out: copy the rows before it as they are, then re-encode from here on.
                    copying = true;
                    keptBytes = block.Offset(r);
                    Reserve(keptBytes + 64);
                    block.Data[..keptBytes].CopyTo(kept);
                    previous = r == 0 ? default : new DataStageBlock.RowHeader(true, block.Line(r - 1), block.Key(r - 1).Pedimento,
                        block.Key(r - 1).Split, block.Executed(r - 1));
                }

                continue;
            }

            if (firstLine < 0)
            {
                firstLine = block.Line(r);
            }

            keptRows++;
            if (copying)
            {
                // Row headers are written relative to the previous kept row: re-encode the header, copy the rest as is.
                var tail = block.Tail(r);
                var length = block.End(r) - tail;
                Reserve(keptBytes + length + 64);
                keptBytes += DataStageBlock.WriteHeader(kept.AsSpan(keptBytes), ref previous, block.Line(r), key, hash, block.Executed(r));
                block.Data.Slice(tail, length).CopyTo(kept.AsSpan(keptBytes));
                keptBytes += length;
            }
        }

        if (keptRows == 0)
        {
            return;
        }

        nextId++;
        Stored += keptRows;
        var data = copying ? kept.AsSpan(0, keptBytes) : block.Data;
        var p = insert.Parameters;
        p[0].Value = id;
        p[1].Value = block.Spec.Name;
        p[2].Value = block.Folio;
        p[3].Value = firstLine;
        p[4].Value = (long)keptRows;
        p[5].Value = block.MinKey;
        p[6].Value = block.MaxKey;
        p[7].Value = ownDead is null ? DBNull.Value : Bitmap(ownDead, keptRows);
        p[8].Value = DataStageBlockCodec.Compress(data, ref scratch);
        insert.ExecuteNonQuery();
    }

    /// <summary>Writes the dead marks of replaced rows into their blocks; call once, after the last block.</summary>
    public void Complete()
    {
        if (deadMarks.Count == 0)
        {
            return;
        }

        using var read = Command($"SELECT rows, dead FROM ds_block WHERE {SqliteDatabase.ProgramSql} AND id = $id", "$id");
        using var update = Command($"UPDATE ds_block SET dead = $dead WHERE {SqliteDatabase.ProgramSql} AND id = $id", "$dead", "$id");
        foreach (var (id, rows) in deadMarks)
        {
            read.Parameters[0].Value = id;
            int count;
            byte[]? dead;
            using (var r = read.ExecuteReader())
            {
                if (!r.Read())
                {
                    continue;
                }

                count = r.GetInt32(0);
                dead = r.IsDBNull(1) ? null : (byte[])r.GetValue(1);
            }

            var bitmap = new byte[(count + 7) / 8];
            dead?.AsSpan(0, Math.Min(dead.Length, bitmap.Length)).CopyTo(bitmap);
            foreach (var row in rows)
            {
                bitmap[row >> 3] |= (byte)(1 << (row & 7));
            }

            update.Parameters[0].Value = bitmap;
            update.Parameters[1].Value = id;
            update.ExecuteNonQuery();
        }

        deadMarks.Clear();
    }

    public void Dispose()
    {
        insert.Dispose();
        overlapping.Dispose();
    }

    /// <summary>
    /// The merge rule for one row: 501/551 by natural key — an identical row or one from an older package is left out, a
    /// newer one marks the stored row dead —, every other table by content. Records the kept row's key.
    /// </summary>
    private bool Keep(DataStageBlock block, TableState state, int r, DataStageKey key, ulong hash, long id, int keptRows, ref List<int>? ownDead)
    {
        if (!block.Spec.NaturalKey)
        {
            return state.Content.Add((key, hash));
        }

        var exec = block.Executed(r);
        if (state.Natural.TryGetValue(key, out var old))
        {
            // As the SQL merge did: replace when the stored row has no Fecha_Ejecucion or this one is the same or later.
            if (old.Hash == hash || (old.Executed >= 0 && (exec < 0 || exec < old.Executed)))
            {
                return false;
            }

            if (old.Block == id)
            {
                (ownDead ??= []).Add(old.Row);
            }
            else
            {
                MarkDead(old.Block, old.Row);
            }
        }

        state.Natural[key] = new NaturalRow(id, keptRows, exec, hash);
        return true;
    }

    private void Reserve(int bytes)
    {
        if (bytes > kept.Length)
        {
            Array.Resize(ref kept, Math.Max(kept.Length * 2, bytes));
        }
    }

    private static byte[] Bitmap(List<int> rows, int count)
    {
        var bitmap = new byte[(count + 7) / 8];
        foreach (var row in rows)
        {
            bitmap[row >> 3] |= (byte)(1 << (row & 7));
        }

        return bitmap;
    }

    private void MarkDead(long block, int row)
    {
        if (!deadMarks.TryGetValue(block, out var list))
        {
            deadMarks[block] = list = [];
        }

        list.Add(row);
    }

    private TableState State(GovernmentSchema.DsTable spec)
    {
        if (!tables.TryGetValue(spec.Name, out var state))
        {
            using var any = Command($"SELECT EXISTS (SELECT 1 FROM ds_block WHERE {SqliteDatabase.ProgramSql} AND tabla = $t AND id < $first)", "$t", "$first");
            any.Parameters[0].Value = spec.Name;
            any.Parameters[1].Value = firstNewId;
            state = new TableState((long)any.ExecuteScalar()! != 0);
            tables[spec.Name] = state;
        }

        return state;
    }

    /// <summary>Reads the keys of stored blocks (from earlier imports) whose key range meets this block's.</summary>
    private void LoadOverlapping(DataStageBlock block, TableState state)
    {
        var p = overlapping.Parameters;
        p[0].Value = block.Spec.Name;
        p[1].Value = block.MinKey;
        p[2].Value = block.MaxKey;
        p[3].Value = firstNewId;
        using var r = overlapping.ExecuteReader();
        while (r.Read())
        {
            var id = r.GetInt64(0);
            if (!state.Loaded.Add(id))
            {
                continue;
            }

            var dead = r.IsDBNull(1) ? null : (byte[])r.GetValue(1);
            var plain = DataStageBlockCodec.Decompress((byte[])r.GetValue(2));
            var rows = new DataStageBlockCodec.RowReader(plain);
            var row = 0;
            while (rows.Next())
            {
                var index = row++;
                if (DataStageBlockCodec.IsDead(dead, index))
                {
                    continue;
                }

                if (block.Spec.NaturalKey)
                {
                    state.Natural[rows.Key] = new NaturalRow(id, index, rows.Executed, rows.Hash);
                }
                else
                {
                    state.Content.Add((rows.Key, rows.Hash));
                }
            }
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(name, null));
        }

        return cmd;
    }

    private readonly record struct NaturalRow(long Block, int Row, int Executed, ulong Hash);

    private sealed class TableState(bool hasStored)
    {
        public bool HasStored { get; } = hasStored;

        public HashSet<long> Loaded { get; } = [];

        public HashSet<(DataStageKey, ulong)> Content { get; } = [];

        public Dictionary<DataStageKey, NaturalRow> Natural { get; } = [];
    }
}
