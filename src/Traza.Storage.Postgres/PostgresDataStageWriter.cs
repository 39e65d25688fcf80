using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

/// <summary>
/// Data Stage rows of a batch on PostgreSQL, written to the plain ds tables (one row per record, docs/architecture.md
/// "PostgreSQL store") with SQLite's merge rules (SPEC §4.2, <c>DataStageBlockStore.Keep</c>): 501 and 551 rows by natural
/// key — a package executed the same day or later replaces the row, an older one never does, an identical one (same
/// content hash) changes nothing —, every other table by content (key and row hash).
/// <para>
/// Each block is decoded in place (no row objects) into PostgreSQL's binary COPY format in one reused buffer and sent in
/// one COPY. The merge is folded in C#: rows of the import already seen by content are dropped; a natural key met again in
/// the same import is settled at <see cref="Complete"/> by walking its rows in order exactly as <c>Keep</c> does. A table
/// with no rows of the program yet (the first import) takes its rows by COPY directly; otherwise they go by COPY into a
/// temporary staging table and into the table with one <c>INSERT … ON CONFLICT</c> per table — <c>DO NOTHING</c> for
/// content tables, <c>DO UPDATE … WHERE</c> the stored row differs by hash and is not newer for 501/551.
/// </para>
/// </summary>
internal sealed class PostgresDataStageWriter(PostgresBatch batch) : IDataStageBlockWriter
{
    private readonly Dictionary<string, TableState> tables = new(StringComparer.Ordinal);
    private readonly PgCopyBuffer main = new();
    private readonly PgCopyBuffer side = new();
    private TypedValue[] typed = new TypedValue[16];
    private int[] bars = new int[64];
    private int barCount;
    private long nextSeq;

    public long Rows { get; private set; }

    public long Stored { get; private set; }

    /// <summary>Stages every table, even an empty one (tests hold the direct path against the staged one).</summary>
    internal bool AlwaysStage { get; init; }

    /// <summary>Keeps the indexes of an empty table during its first load (tests hold both ways to one result).</summary>
    internal bool KeepIndexes { get; init; }

    public void Write(DataStageBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Count == 0)
        {
            return;
        }

        Rows += block.Count;
        var state = State(block.Spec);
        var folio = Encoding.UTF8.GetBytes(block.Folio);
        main.Reset();
        side.Reset();
        var reader = new DataStageBlockCodec.RowReader(block.Data);
        long direct = 0;
        while (reader.Next())
        {
            var key = reader.Key;
            if (!state.Spec.NaturalKey)
            {
                if (!state.Content.Add((key, reader.Hash)))
                {
                    continue;
                }

                Encode(main, state, ref reader, folio, state.Direct ? -1 : 0);
                direct++;
                continue;
            }

            var row = new Candidate(nextSeq++, reader.Executed, reader.Hash);
            if (state.Natural.TryGetValue(key, out var first))
            {
                // The key again in this import: staged, and settled at Complete by walking its rows in order.
                if (!state.Chains.TryGetValue(key, out var chain))
                {
                    state.Chains[key] = chain = [first];
                }

                chain.Add(row);
                Encode(state.Direct ? side : main, state, ref reader, folio, row.Seq);
                continue;
            }

            state.Natural[key] = row;
            Encode(main, state, ref reader, folio, state.Direct ? -1 : row.Seq);
            direct++;
        }

        if (!main.Empty)
        {
            if (!state.Direct)
            {
                EnsureStaging(state);
            }

            main.Send(batch.Store.Connection, state.Direct ? state.CopyTable : state.CopyStaging);
        }

        if (!side.Empty)
        {
            EnsureStaging(state);
            side.Send(batch.Store.Connection, state.CopyStaging);
        }

        if (state.Direct)
        {
            Stored += direct;
        }
    }

    /// <summary>Settles the keys met more than once and merges the staged rows into the tables.</summary>
    public void Complete()
    {
        RestoreIndexes();
        foreach (var state in tables.Values)
        {
            if (state.Staged)
            {
                Merge(state);
            }
        }

        tables.Clear();
    }

    /// <summary>Puts back indexes dropped for a first load even when <see cref="Complete"/> was not called.</summary>
    public void Dispose()
    {
        try
        {
            RestoreIndexes();
        }
        catch (PostgresException)
        {
            // The batch failed (its transaction is aborted): the rollback restores the dropped indexes itself.
        }
    }

    /// <summary>
    /// Builds the indexes dropped before a table's first load (<see cref="State"/>): one sort of the loaded rows costs the
    /// server about a third less than keeping the btrees while the rows arrive (docs/benchmarks.md, "Data Stage on
    /// PostgreSQL"). The C# fold already made the keys unique, so the unique indexes build; the merges of keys met again
    /// then find them.
    /// </summary>
    private void RestoreIndexes()
    {
        foreach (var state in tables.Values)
        {
            foreach (var definition in state.DroppedIndexes)
            {
                PgSql.Execute(batch.Store.Connection, definition);
            }

            state.DroppedIndexes.Clear();
        }
    }

    /// <summary>
    /// <c>DataStageBlockStore.Keep</c>'s rule for a natural-key row against the one it would replace: an identical row
    /// (same hash) or one from an older package is left out; a stored row without Fecha_Ejecucion is always replaced.
    /// A stored row without a hash (stored before migration 0030) counts as different.
    /// </summary>
    internal static bool Replaces(Candidate row, Candidate old) =>
        !(old.Hash == row.Hash && old.HashKnown) && (old.Executed < 0 || (row.Executed >= 0 && row.Executed >= old.Executed));

    private void Merge(TableState state)
    {
        var table = PgSql.Q(state.Spec.SqlTable);
        var staging = PgSql.Q(state.Staging);
        var columns = string.Join(", ", state.Columns.Select(c => PgSql.Q(c.Name)));
        if (!state.Spec.NaturalKey)
        {
            using var insert = batch.Command($"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} ON CONFLICT DO NOTHING");
            Stored += insert.ExecuteNonQuery();
            Drop(state);
            return;
        }

        var (losers, forced, kept) = Settle(state);
        Stored += kept;
        if (losers.Count > 0)
        {
            using var delete = batch.Command($"DELETE FROM {staging} WHERE seq = ANY($1)");
            delete.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = losers.ToArray() });
            _ = delete.ExecuteNonQuery();
        }

        var key = "program_id, pedimento, patente, pedimento7, seccion" + (state.Spec.HasPartida ? ", partida" : string.Empty);
        var keyColumns = key.Split(", ");
        var set = string.Join(", ", state.Columns.Select(c => c.Name).Where(c => !keyColumns.Contains(c)).Select(c => $"{PgSql.Q(c)} = excluded.{PgSql.Q(c)}"));
        var upsert = $"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} WHERE seq {{0}} ON CONFLICT ({key}) DO UPDATE SET {set}";
        if (!state.Direct)
        {
            // Keys met once in this import: the stored row decides, as Keep would. The rule is a join filter, not the
            // upsert's WHERE: ON CONFLICT DO UPDATE locks (and so writes) every conflicting row even when its WHERE is false,
            // which made a re-import rewrite the whole table.
            var on = string.Join(" AND ", keyColumns.Select(c => $"t.{PgSql.Q(c)} = s.{PgSql.Q(c)}"));
            using var conditional = batch.Command(
                $"INSERT INTO {table} ({columns}) SELECT {string.Join(", ", state.Columns.Select(c => "s." + PgSql.Q(c.Name)))} " +
                $"FROM {staging} s LEFT JOIN {table} t ON {on} WHERE s.seq <> ALL($1) AND (t.program_id IS NULL OR " +
                "((t.row_hash IS NULL OR t.row_hash <> s.row_hash) AND " +
                "(t.executed IS NULL OR (s.executed IS NOT NULL AND s.executed >= t.executed)))) " +
                $"ON CONFLICT ({key}) DO UPDATE SET {set}");
            conditional.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = forced.ToArray() });
            Stored += conditional.ExecuteNonQuery();
        }

        if (forced.Count > 0)
        {
            // Winners Keep's walk chose (against the stored row when there was one): they replace it unconditionally.
            using var replace = batch.Command(string.Format(CultureInfo.InvariantCulture, upsert, "= ANY($1)"));
            replace.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = forced.ToArray() });
            _ = replace.ExecuteNonQuery();
        }

        Drop(state);
    }

    /// <summary>
    /// Walks the rows of every key met more than once, in import order, from the row stored before this import (the first
    /// of the import's rows when the table was empty): the last row <see cref="Replaces"/> accepts wins.
    /// </summary>
    private (List<long> Losers, List<long> Forced, long Kept) Settle(TableState state)
    {
        var losers = new List<long>();
        var forced = new List<long>();
        long kept = 0;
        if (state.Chains.Count == 0)
        {
            return (losers, forced, kept);
        }

        var stored = state.Direct ? null : StoredRows(state);
        foreach (var (key, chain) in state.Chains)
        {
            // Direct: the import's first row is in the table already and plays the stored row.
            var start = state.Direct ? 1 : 0;
            Candidate? current = state.Direct ? chain[0] : stored!.TryGetValue(key, out var s) ? s : null;
            Candidate? winner = null;
            for (var i = start; i < chain.Count; i++)
            {
                if (current is { } old && !Replaces(chain[i], old))
                {
                    continue;
                }

                current = winner = chain[i];
                kept++;
            }

            foreach (var row in chain.Skip(start))
            {
                if (winner is not { } w || w.Seq != row.Seq)
                {
                    losers.Add(row.Seq);
                }
            }

            if (winner is { } won)
            {
                forced.Add(won.Seq);
            }
        }

        return (losers, forced, kept);
    }

    /// <summary>The stored rows (Fecha_Ejecucion and hash) of the keys this import met more than once.</summary>
    private Dictionary<DataStageKey, Candidate> StoredRows(TableState state)
    {
        var n = state.Chains.Count;
        var (peds, patentes, pedimentos7, secciones, partidas) = (new string[n], new string[n], new string[n], new string[n], new long[n]);
        var i = 0;
        foreach (var key in state.Chains.Keys)
        {
            peds[i] = key.Pedimento < 0 ? string.Empty : key.Pedimento.ToString("D15", CultureInfo.InvariantCulture);
            var split = key.Split.ToString("D14", CultureInfo.InvariantCulture);
            (patentes[i], pedimentos7[i], secciones[i], partidas[i]) = (split[..4], split[4..11], split[11..], key.Partida);
            i++;
        }

        var partida = state.Spec.HasPartida;
        using var cmd = batch.Command(
            $"SELECT t.pedimento, t.patente, t.pedimento7, t.seccion, {(partida ? "t.partida" : "-1::bigint")}, t.executed, t.row_hash " +
            $"FROM {PgSql.Q(state.Spec.SqlTable)} t JOIN unnest($2, $3, $4, $5, $6) AS k(pedimento, patente, pedimento7, seccion, partida) " +
            "ON t.pedimento = k.pedimento AND t.patente = k.patente AND t.pedimento7 = k.pedimento7 AND t.seccion = k.seccion" +
            (partida ? " AND t.partida = k.partida" : string.Empty) + " WHERE t.program_id = $1");
        _ = cmd.Int(batch.Store.Program.Value);
        foreach (var values in new object[] { peds, patentes, pedimentos7, secciones })
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values });
        }

        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = partidas });
        var result = new Dictionary<DataStageKey, Candidate>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var ped = r.GetString(0);
            var key = new DataStageKey(ped.Length == 0 ? -1 : long.Parse(ped, CultureInfo.InvariantCulture),
                long.Parse(r.GetString(1) + r.GetString(2) + r.GetString(3), CultureInfo.InvariantCulture), checked((int)r.GetInt64(4)));
            var executed = r.IsDBNull(5) ? -1 : DateOnly.ParseExact(r.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
            var hash = r.IsDBNull(6) ? 0 : ulong.Parse(r.GetString(6), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            result[key] = new Candidate(-1, executed, hash, !r.IsDBNull(6));
        }

        return result;
    }

    private void Drop(TableState state)
    {
        PgSql.Execute(batch.Store.Connection, $"DROP TABLE {PgSql.Q(state.Staging)}");
        state.Staged = false;
    }

    private void EnsureStaging(TableState state)
    {
        if (state.Staged)
        {
            return;
        }

        // A temporary table is not written to the WAL; LIKE copies the column types and collations, not the indexes.
        var staging = PgSql.Q(state.Staging);
        PgSql.Execute(batch.Store.Connection,
            $"DROP TABLE IF EXISTS {staging}; CREATE TEMP TABLE {staging} (LIKE {PgSql.Q(state.Spec.SqlTable)}) ON COMMIT DROP; " +
            $"ALTER TABLE {staging} ADD COLUMN seq bigint");
        state.Staged = true;
    }

    /// <summary>One row as a COPY tuple, in the table's column order (plus <paramref name="seq"/> last when it is not -1).</summary>
    private void Encode(PgCopyBuffer copy, TableState state, ref DataStageBlockCodec.RowReader reader, byte[] folio, long seq)
    {
        var typedSpan = reader.TypedSpan();
        var raw = reader.Raw;
        DecodeTyped(typedSpan);
        barCount = -1;
        var key = reader.Key;
        copy.BeginTuple(state.Sources.Length + (seq >= 0 ? 1 : 0));
        foreach (var source in state.Sources)
        {
            switch (source.Kind)
            {
                case SourceKind.Program:
                    copy.Int64(batch.Store.Program.Value);
                    break;
                case SourceKind.Pedimento:
                    if (key.Pedimento < 0)
                    {
                        copy.Text(ReadOnlySpan<byte>.Empty);
                    }
                    else
                    {
                        copy.Digits(key.Pedimento, 15);
                    }

                    break;
                case SourceKind.Patente:
                    copy.Digits(key.Split / 10_000_000_000, 4);
                    break;
                case SourceKind.Pedimento7:
                    copy.Digits(key.Split / 1000 % 10_000_000, 7);
                    break;
                case SourceKind.Seccion:
                    copy.Digits(key.Split % 1000, 3);
                    break;
                case SourceKind.Partida:
                    if (key.Partida < 0)
                    {
                        copy.Null();
                    }
                    else
                    {
                        copy.Int64(key.Partida);
                    }

                    break;
                case SourceKind.RowHash:
                    copy.Hex16(reader.Hash);
                    break;
                case SourceKind.Folio:
                    copy.Text(folio);
                    break;
                case SourceKind.Line:
                    copy.Int64(reader.Line);
                    break;
                case SourceKind.Executed:
                    if (reader.Executed < 0)
                    {
                        copy.Null();
                    }
                    else
                    {
                        copy.Date(DateOnly.FromDayNumber(reader.Executed));
                    }

                    break;
                case SourceKind.Raw:
                    copy.Text(raw);
                    break;
                default:
                    Typed(copy, typed[source.Typed], typedSpan, raw, source.Integer);
                    break;
            }
        }

        if (seq >= 0)
        {
            copy.Int64(seq);
        }
    }

    private void DecodeTyped(ReadOnlySpan<byte> span)
    {
        var p = 0;
        for (var i = 0; p < span.Length; i++)
        {
            if (i == typed.Length)
            {
                Array.Resize(ref typed, typed.Length * 2);
            }

            var tag = span[p++];
            switch (tag)
            {
                case DataStageBlock.TagText:
                    var n = (int)DataStageBlockCodec.ReadVarint(span, ref p);
                    typed[i] = new TypedValue(tag, 0, p, n);
                    p += n;
                    break;
                case DataStageBlock.TagNull:
                    typed[i] = new TypedValue(tag, 0, 0, 0);
                    break;
                default:
                    typed[i] = new TypedValue(tag, (long)DataStageBlockCodec.ReadVarint(span, ref p), 0, 0);
                    break;
            }
        }
    }

    private void Typed(PgCopyBuffer copy, TypedValue value, ReadOnlySpan<byte> typedSpan, ReadOnlySpan<byte> raw, bool integer)
    {
        switch (value.Tag)
        {
            case DataStageBlock.TagInt:
                var z = (ulong)value.Value;
                var n = unchecked((long)(z >> 1) ^ -(long)(z & 1));
                if (integer)
                {
                    copy.Int64(n);
                }
                else
                {
                    copy.IntegerText(n);
                }

                break;
            case DataStageBlock.TagText:
                TextValue(copy, typedSpan.Slice(value.Start, value.Length), integer);
                break;
            case DataStageBlock.TagField:
                var field = Field(raw, (int)value.Value);
                if (field.IsEmpty)
                {
                    copy.Null();
                }
                else if (field[0] >= 0x80 || field[^1] >= 0x80)
                {
                    // A non-ASCII character at an end: string.Trim's idea of white space decides, as the views' decoder does.
                    var text = Encoding.UTF8.GetString(field).Trim();
                    if (text.Length == 0)
                    {
                        copy.Null();
                    }
                    else
                    {
                        TextValue(copy, Encoding.UTF8.GetBytes(text), integer);
                    }
                }
                else
                {
                    TextValue(copy, field, integer);
                }

                break;
            case DataStageBlock.TagDate when !integer:
                copy.Date(DateOnly.FromDayNumber((int)value.Value));
                break;
            case DataStageBlock.TagNull:
                copy.Null();
                break;
            default:
                throw new InvalidDataException($"a Data Stage typed value of tag {value.Tag} where a {(integer ? "bigint" : "text")} column is");
        }
    }

    private static void TextValue(PgCopyBuffer copy, ReadOnlySpan<byte> utf8, bool integer)
    {
        if (integer)
        {
            copy.Int64(long.Parse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }
        else
        {
            copy.Text(utf8);
        }
    }

    /// <summary>
    /// Column <paramref name="index"/> of a pipe-delimited line with ASCII white space trimmed. The bars of the row's line
    /// are found once, on its first field reference (a 551 row refers to several columns).
    /// </summary>
    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> raw, int index)
    {
        if (barCount < 0)
        {
            barCount = 0;
            var from = 0;
            while (from < raw.Length)
            {
                var bar = raw[from..].IndexOf((byte)'|');
                if (bar < 0)
                {
                    break;
                }

                if (barCount == bars.Length)
                {
                    Array.Resize(ref bars, bars.Length * 2);
                }

                bars[barCount++] = from + bar;
                from += bar + 1;
            }
        }

        if (index > barCount)
        {
            return [];
        }

        var start = index == 0 ? 0 : bars[index - 1] + 1;
        var end = index < barCount ? bars[index] : raw.Length;
        return raw[start..end].Trim(" \t\r\n\v\f"u8);
    }

    private TableState State(GovernmentSchema.DsTable spec)
    {
        if (tables.TryGetValue(spec.Name, out var state))
        {
            return state;
        }

        var columns = batch.Store.Columns(spec.SqlTable);
        var sources = new Source[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var (name, integer) = columns[i];
            sources[i] = name switch
            {
                "program_id" => new Source(SourceKind.Program, 0, true),
                "pedimento" => new Source(SourceKind.Pedimento, 0, false),
                "patente" => new Source(SourceKind.Patente, 0, false),
                "pedimento7" => new Source(SourceKind.Pedimento7, 0, false),
                "seccion" => new Source(SourceKind.Seccion, 0, false),
                "partida" => new Source(SourceKind.Partida, 0, true),
                "row_hash" => new Source(SourceKind.RowHash, 0, false),
                "folio" => new Source(SourceKind.Folio, 0, false),
                "src_line" => new Source(SourceKind.Line, 0, true),
                "raw" => new Source(SourceKind.Raw, 0, false),
                "executed" when spec.NaturalKey => new Source(SourceKind.Executed, 0, false),
                _ => new Source(SourceKind.Typed, TypedIndex(spec, name), integer),
            };
        }

        bool empty;
        using (var any = batch.Command($"SELECT NOT EXISTS (SELECT 1 FROM {PgSql.Q(spec.SqlTable)} WHERE program_id = $1)"))
        {
            empty = (bool)any.Int(batch.Store.Program.Value).ExecuteScalar()!;
        }

        state = new TableState(spec, columns, sources, empty && !AlwaysStage);
        tables[spec.Name] = state;
        if (state.Direct && !KeepIndexes)
        {
            DropIndexesOfEmptyTable(state);
        }

        return state;
    }

    /// <summary>
    /// When no program has a row in the table yet, drops its indexes for the load (in the batch's transaction: a failed
    /// import rolls the drop back); <see cref="RestoreIndexes"/> builds them again from their definitions.
    /// </summary>
    private void DropIndexesOfEmptyTable(TableState state)
    {
        var table = PgSql.Q(state.Spec.SqlTable);
        using (var any = batch.Command($"SELECT NOT EXISTS (SELECT 1 FROM {table})"))
        {
            if (!(bool)any.ExecuteScalar()!)
            {
                return;
            }
        }

        var indexes = new List<(string Name, string Definition)>();
        using (var cmd = batch.Command("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1")
            .Text(state.Spec.SqlTable))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                indexes.Add((r.GetString(0), r.GetString(1)));
            }
        }

        foreach (var (name, definition) in indexes)
        {
            PgSql.Execute(batch.Store.Connection, $"DROP INDEX {PgSql.Q(name)}");
            state.DroppedIndexes.Add(definition);
        }
    }

    private static int TypedIndex(GovernmentSchema.DsTable spec, string name)
    {
        for (var i = 0; i < spec.Typed.Count; i++)
        {
            if (string.Equals(spec.Typed[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidDataException($"Data Stage column {spec.SqlTable}.{name} is not among the table's typed values");
    }

    /// <summary>A natural-key row of this import (or the stored one, Seq -1): its order, Fecha_Ejecucion day and content hash.</summary>
    internal readonly record struct Candidate(long Seq, int Executed, ulong Hash, bool HashKnown = true);

    private enum SourceKind : byte
    {
        Typed,
        Program,
        Pedimento,
        Patente,
        Pedimento7,
        Seccion,
        Partida,
        RowHash,
        Folio,
        Line,
        Executed,
        Raw,
    }

    private readonly record struct Source(SourceKind Kind, int Typed, bool Integer);

    private readonly record struct TypedValue(byte Tag, long Value, int Start, int Length);

    private sealed class TableState(GovernmentSchema.DsTable spec, IReadOnlyList<(string Name, bool Integer)> columns, Source[] sources, bool direct)
    {
        public GovernmentSchema.DsTable Spec { get; } = spec;

        public IReadOnlyList<(string Name, bool Integer)> Columns { get; } = columns;

        public Source[] Sources { get; } = sources;

        /// <summary>The table held no row of the program when the import met it: rows go in by COPY directly.</summary>
        public bool Direct { get; } = direct;

        public string Staging { get; } = "traza_stage_" + spec.SqlTable;

        public string CopyTable { get; } =
            $"COPY {PgSql.Q(spec.SqlTable)} ({string.Join(", ", columns.Select(c => PgSql.Q(c.Name)))}) FROM STDIN (FORMAT BINARY)";

        public string CopyStaging { get; } =
            $"COPY {PgSql.Q("traza_stage_" + spec.SqlTable)} ({string.Join(", ", columns.Select(c => PgSql.Q(c.Name)))}, seq) FROM STDIN (FORMAT BINARY)";

        public bool Staged { get; set; }

        /// <summary>Definitions of the indexes dropped for a first load, built again at the end.</summary>
        public List<string> DroppedIndexes { get; } = [];

        public HashSet<(DataStageKey, ulong)> Content { get; } = [];

        public Dictionary<DataStageKey, Candidate> Natural { get; } = [];

        public Dictionary<DataStageKey, List<Candidate>> Chains { get; } = [];
    }
}
