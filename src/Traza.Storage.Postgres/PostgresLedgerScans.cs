using Traza.Domain.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

/// <summary>
/// <see cref="ILedgerScans"/> on PostgreSQL: SQLite's queries, with pool filters as <c>unnest</c> of two text arrays instead
/// of <c>json_each</c>, and an explicit ORDER BY where SQLite returns rows in its key or index order, so both stores hand
/// the engine the same sequence.
/// </summary>
internal sealed class PostgresLedgerScans(PostgresStore store) : ILedgerScans
{
    /// <summary>
    /// A row's (client, part) among the pairs bound as two text arrays. <c>IS TRUE</c> keeps the IN from being pulled up into
    /// a semi-join: it stays a hashed subplan, one hash probe per row whatever the planner believes of the table's size. As a
    /// semi-join, a table whose statistics lag a large import (an events import right after the entries and exits of
    /// <c>large</c>) could be planned as a nested loop over thousands of pairs per row — the suspected cause of 23.9 s of server CPU for 7 events on `large`
    /// (docs/benchmarks.md "Chunked appends": not reproduced on `medium`).
    /// </summary>
    private const string OfParts = "((client, part) IN (SELECT * FROM unnest($1::text[], $2::text[]))) IS TRUE";

    private string P => store.ProgramFilter;

    public List<PartScan> Parts()
    {
        var rows = new List<PartScan>();
        var strings = new StringPool();
        Read($"SELECT client, part, kind, source FROM part WHERE {P} ORDER BY client, part", null, r =>
            rows.Add(new PartScan(strings.Get(r.GetString(0)), r.GetString(1), strings.Get(r.GetString(2)),
                PartRecord.IsNationalSource(r.GetString(3)))));
        return rows;
    }

    public (long Parts, long Bom) CatalogRows() => (Count("part"), Count("bom"));

    public List<BomScan> Bom()
    {
        var rows = new List<BomScan>();
        var strings = new StringPool();
        Read(
            "SELECT client, product, component, valid_from, qty_per, merma_pct, desperdicio_pct, valid_to FROM bom " +
            $"WHERE {P} ORDER BY batch_id, line",
            null,
            r => rows.Add(new BomScan(strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)),
                r.GetString(3).Length == 0 ? null : CanonicalText.ParseDate(r.GetString(3)), r.Dec(4), r.Dec(5), r.Dec(6), r.DateOrNull(7))));
        return rows;
    }

    public void DocumentLines(bool exits, string? client, DocumentLineHandler line, string? document = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var strings = new StringPool();
        Read(
            $"SELECT pedimento, partida, clave, date, value_usd FROM {(exits ? "exit" : "entry")} WHERE {P}" +
            (client is null ? " AND $1::text IS NULL" : " AND client = $1") + (document is null ? string.Empty : " AND pedimento = $2") +
            " ORDER BY client, pedimento, partida, part",
            cmd =>
            {
                cmd.Text(client);
                if (document is not null)
                {
                    cmd.Text(document);
                }
            },
            r => line(Encoding.UTF8.GetBytes(r.GetString(0)), r.Int32(1), strings.Get(r.GetString(2)), CanonicalText.ParseDate(r.GetString(3)),
                r.DecOrNull(4)));
    }

    public List<ReconcileLineScan> ReconcileLines(bool exits, string? client, DateOnly asOf)
    {
        var rows = new List<ReconcileLineScan>();
        var strings = new StringPool();
        Read(
            $"SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, {(exits ? "NULL::text" : "origin")}, rectifies " +
            $"FROM {(exits ? "exit" : "entry")} WHERE {P} AND ($1::text IS NULL OR client = $1) AND date <= $2",
            cmd => cmd.Text(client).Text(CanonicalText.Date(asOf)),
            r => rows.Add(new ReconcileLineScan(strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), r.Int32(2), strings.Get(r.GetString(3)),
                strings.Get(r.GetString(4)), CanonicalText.ParseDate(r.GetString(5)), r.Dec(6), r.DecOrNull(7), r.DecOrNull(8),
                r.IsDBNull(9) ? null : strings.Get(r.GetString(9)), r.IsDBNull(10) ? null : strings.Get(r.GetString(10)))));
        return rows;
    }

    public List<EntryScan> Entries(long afterBatch = 0) => afterBatch > 0
        ? EntryScans($" WHERE {P} AND batch_id > $1 ORDER BY batch_id, line", cmd => cmd.Int(afterBatch))
        : EntryScans($" WHERE {P} ORDER BY client, pedimento, partida, part", null);

    public List<EntryScan> Entries(IEnumerable<(string Client, string Part)> parts) =>
        EntryScans($" WHERE {P} AND {OfParts} ORDER BY client, pedimento, partida, part", cmd => BindParts(cmd, parts));

    public Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal> Openings(long afterBatch = 0)
    {
        var openings = new Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal>();
        Read($"SELECT client, pedimento, partida, part, discharged_before FROM entry_opening WHERE {P} AND batch_id > $1",
            cmd => cmd.Int(afterBatch),
            r => openings[(r.GetString(0), r.GetString(1), r.Int32(2), r.GetString(3))] = r.Dec(4));
        return openings;
    }

    public Dictionary<(long Batch, long Line), decimal> OpeningsByLine()
    {
        var openings = new Dictionary<(long, long), decimal>();
        Read(
            $"SELECT batch_id, line, discharged_before FROM entry_opening WHERE {P} UNION ALL " +
            $"SELECT batch_id, line, discharged_before FROM entry_opening_reversed WHERE {P}",
            null,
            r => openings[(r.GetInt64(0), r.GetInt64(1))] = r.Dec(2));
        return openings;
    }

    public List<ExitMovementScan> ExitMovements(string? client, DateOnly asOf)
    {
        var rows = new List<ExitMovementScan>();
        var strings = new StringPool();
        Read(
            "SELECT batch_id, line, pedimento, clave, date, part, counterparty FROM exit " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) AND date <= $2",
            cmd => cmd.Text(client).Text(CanonicalText.Date(asOf)),
            r => rows.Add(new ExitMovementScan(r.GetInt64(0), r.GetInt64(1), strings.Get(r.GetString(2)), strings.Get(r.GetString(3)),
                CanonicalText.ParseDate(r.GetString(4)), strings.Get(r.GetString(5)), r.IsDBNull(6) ? null : strings.Get(r.GetString(6)))));
        return rows;
    }

    public List<ExitScan> Exits(DateOnly? from = null, IEnumerable<(string Client, string Part)>? parts = null)
    {
        var rows = new List<ExitScan>();
        var strings = new StringPool();
        Read(
            "SELECT client, part, pedimento, partida, clave, date, qty, bom_date, source_pedimento, source_partida, batch_id, line, exit_case " +
            "FROM exit " +
            $"WHERE {P}" + (from is null ? string.Empty : " AND date >= $3") + (parts is null ? string.Empty : " AND " + OfParts) +
            (from is null ? " ORDER BY client, pedimento, partida, part" : " ORDER BY date, client, pedimento, partida, part"),
            cmd =>
            {
                BindParts(cmd, parts ?? []);
                cmd.Text(from is { } f ? CanonicalText.Date(f) : null);
            },
            r => rows.Add(new ExitScan(strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)), r.Int32(3),
                strings.Get(r.GetString(4)), CanonicalText.ParseDate(r.GetString(5)), r.Dec(6), r.DateOrNull(7), r.TextOrNull(8),
                r.IsDBNull(9) ? null : r.Int32(9), r.GetInt64(10), r.GetInt64(11), r.IsDBNull(12) ? null : strings.Get(r.GetString(12)))));
        return rows;
    }

    public List<EntryRecord> EntriesForLots(string? client = null, DateOnly? asOf = null)
    {
        var rows = new List<EntryRecord>();
        var strings = new StringPool();
        Read(
            "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, customs_value_mxn, site, batch_id, line, " +
            "exchange_rate, origin, preference " +
            $"FROM entry WHERE {P} AND ($1::text IS NULL OR client = $1) AND ($2::text IS NULL OR date <= $2) " +
            "ORDER BY client, pedimento, partida, part",
            cmd => cmd.Text(client).Text(asOf is { } d ? CanonicalText.Date(d) : null),
            r => rows.Add(new EntryRecord(strings.Get(r.GetString(0)), r.GetString(1), r.Int32(2), strings.Get(r.GetString(3)),
                strings.Get(r.GetString(4)), CanonicalText.ParseDate(r.GetString(5)), r.Dec(6), r.DecOrNull(7), r.DecOrNull(8), r.DecOrNull(9),
                r.DecOrNull(13), r.IsDBNull(14) ? null : strings.Get(r.GetString(14)), r.IsDBNull(15) ? null : strings.Get(r.GetString(15)),
                null, null, r.IsDBNull(10) ? null : strings.Get(r.GetString(10)))
            { BatchId = r.GetInt64(11), Line = r.GetInt64(12) }));
        return rows;
    }

    public LotEntryTable LotEntries(string? client = null, DateOnly? asOf = null)
    {
        var table = new LotEntryTable();
        var strings = new StringPool();
        Read(
            LotEntryColumns +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) AND ($2::text IS NULL OR date <= $2) ORDER BY client, pedimento, partida, part",
            cmd => cmd.Text(client).Text(asOf is { } d ? CanonicalText.Date(d) : null),
            r => AddLotEntry(table, strings, r));
        return table;
    }

    /// <summary>Through the pedimento index (migration 0031), one statement for every pedimento.</summary>
    public LotEntryTable LotEntriesOf(string? client, IReadOnlyCollection<string> pedimentos, DateOnly? asOf)
    {
        ArgumentNullException.ThrowIfNull(pedimentos);
        var table = new LotEntryTable();
        var strings = new StringPool();
        Read(
            LotEntryColumns + $"WHERE {P} AND pedimento = ANY($3::text[]) AND ($1::text IS NULL OR client = $1) " +
            "AND ($2::text IS NULL OR date <= $2) ORDER BY client, pedimento, partida, part",
            cmd => cmd.Text(client).Text(asOf is { } d ? CanonicalText.Date(d) : null).TextArray([.. pedimentos]),
            r => AddLotEntry(table, strings, r));
        return table;
    }

    /// <summary>
    /// Through the index of migration 0035: <paramref name="limit"/> rows in key order, the last key's rows dropped and read
    /// again whole by their key (see <see cref="ILedgerScans.LotEntriesInOrder"/>).
    /// </summary>
    public LotEntryTable LotEntriesInOrder(string? client, DateOnly? asOf, LotOrderStart? from, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = from is null ? string.Empty
            : from.Value.Inclusive ? "AND (date, pedimento, partida) >= ($3, $4, $5) " : "AND (date, pedimento, partida) > ($3, $4, $5) ";
        var first = new LotEntryTable();
        var strings = new StringPool();
        Read(
            LotEntryColumns + $"WHERE {P} AND ($1::text IS NULL OR client = $1) AND ($2::text IS NULL OR date <= $2) " + after +
            $"ORDER BY date, pedimento, partida LIMIT {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            cmd =>
            {
                cmd.Text(client).Text(asOf is { } d ? CanonicalText.Date(d) : null);
                if (from is { Key: var key })
                {
                    cmd.Text(CanonicalText.Date(key.Date)).Text(key.Pedimento).Int(key.Partida);
                }
            },
            r => AddLotEntry(first, strings, r));
        if (first.Count < limit)
        {
            return first;
        }

        var last = first.OrderKey(first.Count - 1);
        var table = new LotEntryTable();
        for (var r = 0; r < first.Count && first.OrderKey(r) != last; r++)
        {
            table.Append(first, r);
        }

        Read(
            LotEntryColumns + $"WHERE {P} AND ($1::text IS NULL OR client = $1) AND date = $2 AND pedimento = $3 AND partida = $4",
            cmd => cmd.Text(client).Text(CanonicalText.Date(last.Date)).Text(last.Pedimento).Int(last.Partida),
            r => AddLotEntry(table, strings, r));
        return table;
    }

    /// <summary>One statement: the keys as two text arrays joined on the primary key.</summary>
    public List<PartRecord> PartsAt(IReadOnlyCollection<(string Client, string Part)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<PartRecord>(keys.Count);
        Read(
            "SELECT p.client, p.part, p.description, p.kind, p.fraccion, p.nico, p.umc, p.umt, p.umt_per_umc, p.origin, p.source, p.batch_id, " +
            $"p.line FROM unnest($1::text[], $2::text[]) AS w (c, t) JOIN part p ON p.{P} AND p.client = w.c AND p.part = w.t ORDER BY p.client, p.part",
            cmd => cmd.PoolKeys(keys),
            r => found.Add(new PartRecord(r.GetString(0), r.GetString(1), r.TextOrNull(2), r.GetString(3), r.TextOrNull(4), r.TextOrNull(5),
                r.GetString(6), r.GetString(7), r.Dec(8), r.TextOrNull(9), r.GetString(10))
            { BatchId = r.GetInt64(11), Line = r.GetInt64(12) }));
        return found;
    }

    private const string LotEntryColumns = "SELECT client, part, clave, pedimento, partida, date, qty, qty_umt, value_usd FROM entry ";

    private static void AddLotEntry(LotEntryTable table, StringPool strings, NpgsqlDataReader r) =>
        table.Add(strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)),
            Encoding.UTF8.GetBytes(r.GetString(3)), r.Int32(4), CanonicalText.ParseDate(r.GetString(5)), r.Dec(6), r.DecOrNull(7), r.DecOrNull(8));

    public bool AnyExitOrEventBetween(DateOnly after, DateOnly through)
    {
        if (through <= after)
        {
            return false;
        }

        using var cmd = store.Command(
            $"SELECT EXISTS (SELECT 1 FROM exit WHERE {P} AND date > $1 AND date <= $2) " +
            $"OR EXISTS (SELECT 1 FROM event WHERE {P} AND date > $1 AND date <= $2)").Text(CanonicalText.Date(after)).Text(CanonicalText.Date(through));
        return (bool)cmd.ExecuteScalar()!;
    }

    public DateOnly? EarliestDate(MovementTable table, long batchId)
    {
        var name = table switch
        {
            MovementTable.Entries => "entry",
            MovementTable.Exits => "exit",
            _ => "event",
        };

        using var cmd = store.Command($"SELECT min(date) FROM {name} WHERE {P} AND batch_id = $1").Int(batchId);
        return cmd.ExecuteScalar() is string text ? CanonicalText.ParseDate(text) : null;
    }

    public List<(string Client, string Part)> PoolsOfEntry(string? client, string pedimento, int? partida)
    {
        var result = new List<(string, string)>();
        Read(
            $"SELECT DISTINCT client, part FROM entry WHERE {P} AND ($1::text IS NULL OR client = $1) AND pedimento = $2 " +
            "AND ($3::bigint IS NULL OR partida = $3) ORDER BY client, part",
            cmd =>
            {
                cmd.Text(client).Text(pedimento);
                cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = partida is { } n ? (long)n : DBNull.Value });
            },
            r => result.Add((r.GetString(0), r.GetString(1))));
        return result;
    }

    public List<DocumentMovement> MovementsOf(string? client, string document)
    {
        var result = new List<DocumentMovement>();
        Read(
            // SQLite's order: per client, exits by key (partida, part), then events by key (date, type, part, line).
            "SELECT batch_id, line, pedimento, clave, date, part, bom_date, client, 0 AS source, '' AS k1, partida AS k2, part AS k3, " +
            $"0::bigint AS k4 FROM exit WHERE {P} AND ($1::text IS NULL OR client = $1) AND pedimento = $2 " +
            "UNION ALL SELECT batch_id, line, reference, type, date, part, NULL, client, 1, date, 0, type || chr(31) || part, line FROM event " +
            $"WHERE {P} AND ($1::text IS NULL OR client = $1) AND reference = $2 ORDER BY client, source, k1, k2, k3, k4",
            cmd => cmd.Text(client).Text(document),
            r => result.Add(new DocumentMovement(r.GetInt64(0), r.GetInt64(1), r.GetString(7), r.GetString(2), r.GetString(3),
                CanonicalText.ParseDate(r.GetString(4)), r.GetString(5), r.DateOrNull(6))));
        return result;
    }

    public (string Document, string Clave, DateOnly Date, string Product)? Movement(long batchId, long line)
    {
        using var cmd = store.Command(
            $"SELECT pedimento, clave, date, part FROM exit WHERE {P} AND batch_id = $1 AND line = $2 " +
            $"UNION ALL SELECT reference, type, date, part FROM event WHERE {P} AND batch_id = $1 AND line = $2").Int(batchId).Int(line);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetString(1), CanonicalText.ParseDate(r.GetString(2)), r.GetString(3)) : null;
    }

    public EntryRecord? Entry(string client, string pedimento, int partida, string part)
    {
        using var cmd = store.Command(
            $"SELECT date, qty, qty_umt, value_usd, clave FROM entry WHERE {P} AND client = $1 AND pedimento = $2 AND partida = $3 AND part = $4")
            .Text(client).Text(pedimento).Int(partida).Text(part);
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new EntryRecord(client, pedimento, partida, part, r.GetString(4), CanonicalText.ParseDate(r.GetString(0)), r.Dec(1), r.DecOrNull(2),
                r.DecOrNull(3), null, null, null, null, null, null, null)
            : null;
    }

    public List<RectificationScan> Rectifications(MovementTable table)
    {
        var rows = new List<RectificationScan>();
        Read(RectificationSql.Query(RectificationSql.Table(table), P, string.Empty), null, r =>
            rows.Add(new RectificationScan(r.GetString(0), r.GetString(1), r.GetString(2), CanonicalText.ParseDate(r.GetString(3)),
                r.IsDBNull(5) ? null : CanonicalText.ParseDate(r.GetString(5)), r.GetInt64(4))));
        return rows;
    }

    /// <summary>One statement for every id: the exit and event rows joined to the ids' <c>unnest</c> through their (batch_id, line) indexes.</summary>
    public Dictionary<(long Batch, long Line), (string Document, string Clave, DateOnly Date, string Product)> MovementsAt(
        IReadOnlyCollection<(long Batch, long Line)> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<(long, long), (string, string, DateOnly, string)>(ids.Count);
        if (ids.Count == 0)
        {
            return found;
        }

        Read(
            $"SELECT x.batch_id, x.line, x.pedimento, x.clave, x.date, x.part FROM unnest($1::bigint[], $2::bigint[]) AS w (b, l) " +
            $"JOIN exit x ON x.batch_id = w.b AND x.line = w.l AND x.{P} UNION ALL " +
            $"SELECT e.batch_id, e.line, e.reference, e.type, e.date, e.part FROM unnest($1::bigint[], $2::bigint[]) AS w (b, l) " +
            $"JOIN event e ON e.batch_id = w.b AND e.line = w.l AND e.{P}",
            cmd => cmd.IntArray([.. ids.Select(i => i.Batch)]).IntArray([.. ids.Select(i => i.Line)]),
            r => found.TryAdd((r.GetInt64(0), r.GetInt64(1)), (r.GetString(2), r.GetString(3), CanonicalText.ParseDate(r.GetString(4)), r.GetString(5))));
        return found;
    }

    /// <summary>One statement for every key, through the entry table's primary key.</summary>
    public List<EntryRecord> EntriesAt(IReadOnlyCollection<(string Client, string Pedimento, int Partida, string Part)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<EntryRecord>(keys.Count);
        if (keys.Count == 0)
        {
            return found;
        }

        Read(
            "SELECT e.client, e.pedimento, e.partida, e.part, e.date, e.qty, e.qty_umt, e.value_usd, e.clave " +
            "FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS w (c, p, n, t) " +
            $"JOIN entry e ON e.{P} AND e.client = w.c AND e.pedimento = w.p AND e.partida = w.n AND e.part = w.t",
            cmd => cmd.TextArray([.. keys.Select(k => k.Client)]).TextArray([.. keys.Select(k => k.Pedimento)])
                .IntArray([.. keys.Select(k => (long)k.Partida)]).TextArray([.. keys.Select(k => k.Part)]),
            r => found.Add(new EntryRecord(r.GetString(0), r.GetString(1), r.Int32(2), r.GetString(3), r.GetString(8),
                CanonicalText.ParseDate(r.GetString(4)), r.Dec(5), r.DecOrNull(6), r.DecOrNull(7), null, null, null, null, null, null, null)));
        return found;
    }

    private List<EntryScan> EntryScans(string where, Action<NpgsqlCommand>? bind)
    {
        var rows = new List<EntryScan>();
        var strings = new StringPool();
        Read("SELECT client, part, pedimento, partida, clave, date, qty FROM entry" + where, bind, r =>
            rows.Add(new EntryScan(strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)), r.Int32(3),
                strings.Get(r.GetString(4)), CanonicalText.ParseDate(r.GetString(5)), r.Dec(6))));
        return rows;
    }

    private static void BindParts(NpgsqlCommand cmd, IEnumerable<(string Client, string Part)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts as IReadOnlyCollection<(string Client, string Part)> ?? parts.ToList();
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = list.Select(p => p.Client).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = list.Select(p => p.Part).ToArray() });
    }

    private long Count(string table)
    {
        using var cmd = store.Command($"SELECT count(*) FROM {table} WHERE {P}");
        return (long)cmd.ExecuteScalar()!;
    }

    private void Read(string sql, Action<NpgsqlCommand>? bind, Action<NpgsqlDataReader> row)
    {
        using var cmd = store.Command(sql);
        bind?.Invoke(cmd);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            row(r);
        }
    }

    /// <summary>Shares repeated values (client, part, clave) instead of one string per row.</summary>
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);

        public string Get(string value)
        {
            if (seen.TryGetValue(value, out var shared))
            {
                return shared;
            }

            seen[value] = value;
            return value;
        }
    }
}
