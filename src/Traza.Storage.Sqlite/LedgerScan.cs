using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Lean, streaming reads of the ledger for the discharge: only the columns the engine needs, no records of every
/// column, dates and decimals parsed without culture lookups. The full records stay with <see cref="SqliteLedgerStore"/>.
/// </summary>
public static class LedgerScan
{
    /// <summary>Every part, in (client, part) order; national as <see cref="PartRecord.IsNational"/>.</summary>
    public static List<PartScan> Parts(SqliteLedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<PartScan>(Count(store.CreateCommand, "part"));
        var clients = new Utf8StringPool();
        var kinds = new Utf8StringPool();
        var sources = new Utf8StringPool();
        Step(store, $"SELECT client, part, kind, source FROM part WHERE {SqliteDatabase.ProgramSql} ORDER BY client, part", stmt =>
            rows.Add(new PartScan(clients.Get(stmt.ColumnBytes(0)), Encoding.UTF8.GetString(stmt.ColumnBytes(1)),
                kinds.Get(stmt.ColumnBytes(2)), PartRecord.IsNationalSource(sources.Get(stmt.ColumnBytes(3))))));
        return rows;
    }

    /// <summary>How many part and BOM rows the program has (to check a stored catalog still describes them).</summary>
    public static (long Parts, long Bom) CatalogRows(SqliteLedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (Count(store.CreateCommand, "part"), Count(store.CreateCommand, "bom"));
    }

    /// <summary>Every BOM row, in file order (batch, line).</summary>
    public static List<BomScan> Bom(SqliteLedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var count = Count(store.CreateCommand, "bom");
        var rows = new List<BomScan>(count);
        var order = new List<long>(count);
        var clients = new Utf8StringPool();
        var products = new Utf8StringPool();
        var components = new Utf8StringPool();
        // Read in key order and sorted here by (batch, line): cheaper than SQLite's sorter copying every record.
        Step(store,
            "SELECT client, product, component, valid_from, qty_per, merma_pct, desperdicio_pct, valid_to, batch_id, line FROM bom " +
            $"WHERE {SqliteDatabase.ProgramSql}",
            stmt =>
            {
                var validFrom = stmt.ColumnBytes(3);
                rows.Add(new BomScan(clients.Get(stmt.ColumnBytes(0)), products.Get(stmt.ColumnBytes(1)),
                    components.Get(stmt.ColumnBytes(2)), validFrom.IsEmpty ? null : Date(validFrom),
                    Decimal(stmt.ColumnBytes(4)), Decimal(stmt.ColumnBytes(5)),
                    Decimal(stmt.ColumnBytes(6)),
                    stmt.IsNull(7) ? null : Date(stmt.ColumnBytes(7))));
                order.Add((stmt.ColumnInt64(8) << 32) | stmt.ColumnInt64(9));
            });
        CollectionsMarshal.AsSpan(order).Sort(CollectionsMarshal.AsSpan(rows));
        return rows;
    }

    /// <summary>
    /// Every entry (or exit) line of one client when given, in no particular order, for the pedimentos report: the
    /// document as stored (UTF-8, valid during the call), partida, clave, date and USD value — no record per row.
    /// </summary>
    public static void DocumentLines(SqliteLedgerStore store, bool exits, string? client, DocumentLineHandler line, string? document = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(line);
        var claves = new Utf8StringPool();
        Step(store,
            $"SELECT pedimento, partida, clave, date, value_usd FROM {(exits ? "exit" : "entry")} WHERE {SqliteDatabase.ProgramSql}" +
            (client is null ? string.Empty : " AND client = ?1") + (document is null ? string.Empty : " AND pedimento = ?2"),
            stmt => line(stmt.ColumnBytes(0), checked((int)stmt.ColumnInt64(1)),
                claves.Get(stmt.ColumnBytes(2)), Date(stmt.ColumnBytes(3)),
                stmt.IsNull(4) ? null : Decimal(stmt.ColumnBytes(4))),
            client,
            document);
    }

    /// <summary>
    /// Every entry (or exit) line of one client when given, dated on or before <paramref name="asOf"/>, with the columns
    /// reconciliation compares: stepped through SQLite directly, text read as UTF-8 in place and pooled, no full record.
    /// </summary>
    public static List<ReconcileLineScan> ReconcileLines(SqliteLedgerStore store, bool exits, string? client, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<ReconcileLineScan>();
        var (clients, pedimentos, parts, texts) = (new Utf8StringPool(), new Utf8StringPool(), new Utf8StringPool(), new Utf8StringPool());
        Step(store,
            $"SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, {(exits ? "NULL" : "origin")}, rectifies " +
            $"FROM {(exits ? "exit" : "entry")} WHERE {SqliteDatabase.ProgramSql}" + (client is null ? string.Empty : " AND client = ?1"),
            stmt =>
            {
                var date = Date(stmt.ColumnBytes(5));
                if (date <= asOf)
                {
                    rows.Add(new ReconcileLineScan(clients.Get(stmt.ColumnBytes(0)), pedimentos.Get(stmt.ColumnBytes(1)),
                        checked((int)stmt.ColumnInt64(2)), parts.Get(stmt.ColumnBytes(3)), texts.Get(stmt.ColumnBytes(4)), date,
                        Decimal(stmt.ColumnBytes(6)), stmt.IsNull(7) ? null : Decimal(stmt.ColumnBytes(7)),
                        stmt.IsNull(8) ? null : Decimal(stmt.ColumnBytes(8)), stmt.IsNull(9) ? null : texts.Get(stmt.ColumnBytes(9)),
                        stmt.IsNull(10) ? null : pedimentos.Get(stmt.ColumnBytes(10))));
                }
            },
            client);
        return rows;
    }

    /// <summary>
    /// Steps a query through SQLite directly on the store's connection (inside its open batch, if any), text read as UTF-8
    /// in place: for the discharge's catalog reads, tens of thousands of rows at a few hundred nanoseconds each.
    /// </summary>
    private static void Step(SqliteLedgerStore store, string sql, Action<NativeStatement> row, string? text1 = null, string? text2 = null)
    {
        using var stmt = new NativeStatement(store.Connection, sql);
        if (text1 is not null)
        {
            stmt.BindText(1, text1);
        }

        if (text2 is not null)
        {
            stmt.BindText(2, text2);
        }

        while (stmt.Step())
        {
            row(stmt);
        }
    }

    /// <summary>Every entry row (of the batches after <paramref name="afterBatch"/>), in no particular order.</summary>
    public static List<EntryScan> Entries(SqliteLedgerStore store, long afterBatch = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        return afterBatch > 0
            ? Entries(store.CreateCommand, $" INDEXED BY entry_batch WHERE {SqliteDatabase.ProgramSql} AND batch_id > $b", ("$b", afterBatch), 0)
            : Entries(store.CreateCommand, $" WHERE {SqliteDatabase.ProgramSql}", null, Count(store.CreateCommand, "entry"));
    }

    /// <summary>The entry rows of the given (client, part) pairs, in no particular order (filtered inside SQLite).</summary>
    public static List<EntryScan> Entries(SqliteLedgerStore store, IEnumerable<(string Client, string Part)> parts)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Entries(store.CreateCommand, $" WHERE {SqliteDatabase.ProgramSql} AND " + OfParts, ("$parts", PartsJson(parts)), 0);
    }

    /// <summary>Every entry row, read through another connection (see <see cref="SqliteLedgerStore.OpenReader"/>).</summary>
    public static List<EntryScan> Entries(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SqliteCommand Command(string sql)
        {
            var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return cmd;
        }

        return Entries(Command, $" WHERE {SqliteDatabase.ProgramSql}", null, Count(Command, "entry"));
    }

    /// <summary>
    /// Every lot's opening discharge (SPEC §3.4 <c>discharged_before</c>, migration 0027; of the batches after
    /// <paramref name="afterBatch"/>), by the lot's key; a lot without one has none. Only lots of a program that went live
    /// mid-way have one, so the table is small or empty.
    /// </summary>
    public static Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal> Openings(
        SqliteLedgerStore store, long afterBatch = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cmd = store.CreateCommand(
            $"SELECT client, pedimento, partida, part, discharged_before FROM entry_opening WHERE {SqliteDatabase.ProgramSql} AND batch_id > $b");
        cmd.Parameters.AddWithValue("$b", afterBatch);
        using var r = cmd.ExecuteReader();
        var openings = new Dictionary<(string Client, string Pedimento, int Partida, string Part), decimal>();
        while (r.Read())
        {
            openings[(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3))] = Decimal(r.GetString(4));
        }

        return openings;
    }

    /// <summary>
    /// Every lot's opening discharge by the batch and line of its entry row, lots in force and reversed alike (the
    /// listings show both; a reversed lot's opening moved to <c>entry_opening_reversed</c> with it).
    /// </summary>
    public static Dictionary<(long Batch, long Line), decimal> OpeningsByLine(SqliteLedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cmd = store.CreateCommand(
            $"SELECT batch_id, line, discharged_before FROM entry_opening WHERE {SqliteDatabase.ProgramSql} UNION ALL " +
            $"SELECT batch_id, line, discharged_before FROM entry_opening_reversed WHERE {SqliteDatabase.ProgramSql}");
        using var r = cmd.ExecuteReader();
        var openings = new Dictionary<(long, long), decimal>();
        while (r.Read())
        {
            openings[(r.GetInt64(0), r.GetInt64(1))] = Decimal(r.GetString(2));
        }

        return openings;
    }

    /// <summary>A row's (client, part) among the pairs bound to <c>$parts</c> as a JSON array of two-string arrays.</summary>
    private const string OfParts = "(client, part) IN (SELECT value ->> 0, value ->> 1 FROM json_each($parts))";

    private static string PartsJson(IEnumerable<(string Client, string Part)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return System.Text.Json.JsonSerializer.Serialize(parts.Select(p => new[] { p.Client, p.Part }));
    }

    private static List<EntryScan> Entries(
        Func<string, SqliteCommand> command, string where, (string Name, object Value)? parameter, int capacity)
    {
        using var cmd = command("SELECT client, part, pedimento, partida, clave, date, qty FROM entry" + where);
        if (parameter is { } p)
        {
            cmd.Parameters.AddWithValue(p.Name, p.Value);
        }

        using var r = cmd.ExecuteReader();
        var rows = new List<EntryScan>(capacity);
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new EntryScan(
                strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)), r.GetInt32(3),
                strings.Get(r.GetString(4)), Date(r.GetString(5)), Decimal(r.GetString(6))));
        }

        return rows;
    }

    /// <summary>
    /// Every exit row (dated on or after <paramref name="from"/> when given; of the given (client, part) pairs when given,
    /// filtered inside SQLite), in no particular order.
    /// </summary>
    public static List<ExitScan> Exits(
        SqliteLedgerStore store, DateOnly? from = null, IEnumerable<(string Client, string Part)>? parts = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cmd = store.CreateCommand(
            "SELECT client, part, pedimento, partida, clave, date, qty, bom_date, source_pedimento, source_partida, batch_id, line, exit_case " +
            "FROM exit" + (from is null ? $" WHERE {SqliteDatabase.ProgramSql}" : $" INDEXED BY exit_date WHERE {SqliteDatabase.ProgramSql} AND date >= $from") +
            (parts is null ? string.Empty : " AND " + OfParts));
        cmd.Parameters.AddWithValue("$from", from is { } f ? CanonicalText.Date(f) : string.Empty);
        if (parts is not null)
        {
            cmd.Parameters.AddWithValue("$parts", PartsJson(parts));
        }

        using var r = cmd.ExecuteReader();
        var rows = new List<ExitScan>(from is null && parts is null ? Count(store.CreateCommand, "exit") : 0);
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new ExitScan(
                strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)), r.GetInt32(3),
                strings.Get(r.GetString(4)), Date(r.GetString(5)), Decimal(r.GetString(6)), r.IsDBNull(7) ? null : Date(r.GetString(7)),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetInt32(9), r.GetInt64(10), r.GetInt64(11),
                r.IsDBNull(12) ? null : strings.Get(r.GetString(12))));
        }

        return rows;
    }

    /// <summary>
    /// The exit lines of <see cref="ILedgerScans.ExitMovements"/>: stepped through SQLite directly, documents, claves, parts
    /// and counterparties shared by their UTF-8 (a document's lines repeat it), no full record per line.
    /// </summary>
    public static List<ExitMovementScan> ExitMovements(SqliteLedgerStore store, string? client, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var stmt = new NativeStatement(store.Connection,
            "SELECT batch_id, line, pedimento, clave, date, part, counterparty FROM exit " +
            $"WHERE {SqliteDatabase.ProgramSql} AND (?1 IS NULL OR client = ?1) AND (?2 IS NULL OR date <= ?2)"); // a scan (as LoadExits)
        stmt.BindTextOrNull(1, client);
        stmt.BindText(2, CanonicalText.Date(asOf));
        var rows = new List<ExitMovementScan>();
        var (documents, claves) = (new Utf8StringPool(), new Utf8StringPool());
        var (parts, counterparties) = (new Utf8StringPool(), new Utf8StringPool());
        while (stmt.Step())
        {
            rows.Add(new ExitMovementScan(
                stmt.ColumnInt64(0), stmt.ColumnInt64(1), documents.Get(stmt.ColumnBytes(2)), claves.Get(stmt.ColumnBytes(3)),
                Date(stmt.ColumnBytes(4)), parts.Get(stmt.ColumnBytes(5)),
                stmt.IsNull(6) ? null : counterparties.Get(stmt.ColumnBytes(6))));
        }

        return rows;
    }

    /// <summary>
    /// Entry rows (of one client when given; dated on or before <paramref name="asOf"/> when given) with the columns lot
    /// reports read — client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, customs_value_mxn, site —
    /// and the others null; in no particular order.
    /// </summary>
    public static List<EntryRecord> EntriesForLots(SqliteLedgerStore store, string? client = null, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cmd = store.CreateCommand(
            "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, customs_value_mxn, site, batch_id, line, " +
            "exchange_rate, origin, preference " +
            $"FROM entry WHERE {SqliteDatabase.ProgramSql} AND ($client IS NULL OR client = $client) AND ($asof IS NULL OR date <= $asof)");
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$asof", asOf is { } d ? CanonicalText.Date(d) : DBNull.Value);
        using var r = cmd.ExecuteReader();
        var rows = new List<EntryRecord>();
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new EntryRecord(
                strings.Get(r.GetString(0)), r.GetString(1), r.GetInt32(2), strings.Get(r.GetString(3)), strings.Get(r.GetString(4)),
                Date(r.GetString(5)), Decimal(r.GetString(6)), r.IsDBNull(7) ? null : Decimal(r.GetString(7)),
                r.IsDBNull(8) ? null : Decimal(r.GetString(8)), r.IsDBNull(9) ? null : Decimal(r.GetString(9)),
                r.IsDBNull(13) ? null : Decimal(r.GetString(13)), r.IsDBNull(14) ? null : strings.Get(r.GetString(14)),
                r.IsDBNull(15) ? null : strings.Get(r.GetString(15)), null, null, r.IsDBNull(10) ? null : strings.Get(r.GetString(10)))
            { BatchId = r.GetInt64(11), Line = r.GetInt64(12) });
        }

        return rows;
    }

    /// <summary>
    /// The entry rows lot reports read (of one client when given; dated on or before <paramref name="asOf"/> when given) —
    /// client, part, clave, pedimento, partida, date, qty, qty_umt, value_usd — for a million lots in a fraction of a
    /// second (SPEC §8 balances): stepped through SQLite directly, text read as UTF-8 in place, no record or pedimento string
    /// per row, plain decimals parsed without culture lookups (the same values <see cref="decimal.Parse(string)"/> gives).
    /// </summary>
    public static LotEntryTable LotEntries(SqliteLedgerStore store, string? client = null, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var stmt = new NativeStatement(store.Connection,
            "SELECT client, part, clave, pedimento, partida, date, qty, qty_umt, value_usd FROM entry " +
            $"WHERE {SqliteDatabase.ProgramSql} AND (?1 IS NULL OR client = ?1) AND (?2 IS NULL OR date <= ?2)");
        stmt.BindTextOrNull(1, client);
        stmt.BindTextOrNull(2, asOf is { } d ? CanonicalText.Date(d) : null);
        var table = new LotEntryTable();
        new LotEntryReader().Read(stmt, table);
        return table;
    }

    /// <summary>
    /// The rows of <see cref="LotEntries"/> whose pedimento is one of <paramref name="pedimentos"/>: one primary-key seek
    /// (program, client, pedimento) per client and pedimento.
    /// </summary>
    public static LotEntryTable LotEntriesOf(
        SqliteLedgerStore store, IReadOnlyList<string> clients, IReadOnlyCollection<string> pedimentos, DateOnly? asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(pedimentos);
        using var stmt = new NativeStatement(store.Connection,
            LotEntryColumns + $"WHERE {SqliteDatabase.ProgramSql} AND client = ?1 AND pedimento = ?2 AND (?3 IS NULL OR date <= ?3)");
        var table = new LotEntryTable();
        var reader = new LotEntryReader();
        foreach (var client in clients)
        {
            foreach (var pedimento in pedimentos)
            {
                stmt.Reset();
                stmt.BindText(1, client);
                stmt.BindText(2, pedimento);
                stmt.BindTextOrNull(3, asOf is { } d ? CanonicalText.Date(d) : null);
                reader.Read(stmt, table);
            }
        }

        return table;
    }

    /// <summary>
    /// The rows of <see cref="LotEntries"/> in (date, pedimento, partida) order from <paramref name="from"/> on, through the
    /// index of migration 0035, whole keys (see <see cref="ILedgerScans.LotEntriesInOrder"/>): <paramref name="limit"/> rows,
    /// the last key's rows dropped and read again whole by their key.
    /// </summary>
    public static LotEntryTable LotEntriesInOrder(SqliteLedgerStore store, string? client, DateOnly? asOf, LotOrderStart? from, int limit)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = from is null ? string.Empty : from.Value.Inclusive ? "AND (date, pedimento, partida) >= (?3, ?4, ?5) " : "AND (date, pedimento, partida) > (?3, ?4, ?5) ";
        using var stmt = new NativeStatement(store.Connection,
            LotEntryColumns + $"INDEXED BY entry_order WHERE {SqliteDatabase.ProgramSql} AND (?1 IS NULL OR client = ?1) AND (?2 IS NULL OR date <= ?2) " +
            after + "ORDER BY date, pedimento, partida LIMIT ?6");
        stmt.BindTextOrNull(1, client);
        stmt.BindTextOrNull(2, asOf is { } d ? CanonicalText.Date(d) : null);
        if (from is { Key: var key })
        {
            stmt.BindText(3, CanonicalText.Date(key.Date));
            stmt.BindText(4, key.Pedimento);
            stmt.BindInt64(5, key.Partida);
        }

        stmt.BindInt64(6, limit);
        var first = new LotEntryTable();
        var reader = new LotEntryReader();
        reader.Read(stmt, first);
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

        using var group = new NativeStatement(store.Connection,
            LotEntryColumns + $"INDEXED BY entry_order WHERE {SqliteDatabase.ProgramSql} AND (?1 IS NULL OR client = ?1) AND date = ?2 " +
            "AND pedimento = ?3 AND partida = ?4");
        group.BindTextOrNull(1, client);
        group.BindText(2, CanonicalText.Date(last.Date));
        group.BindText(3, last.Pedimento);
        group.BindInt64(4, last.Partida);
        reader.Read(group, table);
        return table;
    }

    private const string LotEntryColumns = "SELECT client, part, clave, pedimento, partida, date, qty, qty_umt, value_usd FROM entry ";

    /// <summary>Steps a statement over <see cref="LotEntryColumns"/> into a table, client, part and clave strings shared.</summary>
    private sealed class LotEntryReader
    {
        private readonly Utf8StringPool clients = new();
        private readonly Utf8StringPool parts = new();
        private readonly Utf8StringPool claves = new();

        public void Read(NativeStatement stmt, LotEntryTable table)
        {
            while (stmt.Step())
            {
                table.Add(
                    clients.Get(stmt.ColumnBytes(0)), parts.Get(stmt.ColumnBytes(1)),
                    claves.Get(stmt.ColumnBytes(2)), stmt.ColumnBytes(3),
                    checked((int)stmt.ColumnInt64(4)), Date(stmt.ColumnBytes(5)),
                    Decimal(stmt.ColumnBytes(6)),
                    stmt.IsNull(7) ? null : Decimal(stmt.ColumnBytes(7)),
                    stmt.IsNull(8) ? null : Decimal(stmt.ColumnBytes(8)));
            }
        }
    }

    /// <summary>A stored <c>YYYY-MM-DD</c> date given as UTF-8, parsed by position.</summary>
    private static DateOnly Date(ReadOnlySpan<byte> text)
    {
        if (text.Length == 10 && text[4] == (byte)'-' && text[7] == (byte)'-')
        {
            var y = Digits(text[..4]);
            var m = Digits(text.Slice(5, 2));
            var d = Digits(text.Slice(8, 2));
            if (y > 0 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                return new DateOnly(y, m, d);
            }
        }

        return CanonicalText.ParseDate(Encoding.UTF8.GetString(text));
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var b in text)
        {
            var c = b - '0';
            if (unchecked((uint)c) > 9)
            {
                return -1;
            }

            value = (value * 10) + c;
        }

        return value;
    }

    /// <summary>
    /// A stored decimal given as UTF-8: plain digits with an optional fraction (up to 18 digits in all) directly, with the
    /// scale <see cref="decimal.Parse(string)"/> gives them (trailing zeros kept); anything else through decimal.Parse.
    /// </summary>
    private static decimal Decimal(ReadOnlySpan<byte> text)
    {
        long mantissa = 0;
        var digits = 0;
        var scale = -1;
        foreach (var b in text)
        {
            var c = b - '0';
            if (unchecked((uint)c) <= 9 && digits < 18)
            {
                mantissa = (mantissa * 10) + c;
                digits++;
                scale = scale < 0 ? scale : scale + 1;
            }
            else if (b == (byte)'.' && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
            }
        }

        return digits == 0 || scale == 0
            ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)
            : new decimal(unchecked((int)mantissa), (int)(mantissa >> 32), 0, false, (byte)Math.Max(scale, 0));
    }

    private static int Count(Func<string, SqliteCommand> command, string table)
    {
        using var cmd = command($"SELECT count(*) FROM {table} WHERE {SqliteDatabase.ProgramSql}");
        return checked((int)(long)cmd.ExecuteScalar()!);
    }

    /// <summary>A stored <c>YYYY-MM-DD</c> date, parsed by position.</summary>
    private static DateOnly Date(string text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-')
        {
            var y = Digits(text, 0, 4);
            var m = Digits(text, 5, 2);
            var d = Digits(text, 8, 2);
            if (y > 0 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                return new DateOnly(y, m, d);
            }
        }

        return CanonicalText.ParseDate(text);
    }

    private static int Digits(string text, int start, int length)
    {
        var value = 0;
        for (var i = start; i < start + length; i++)
        {
            var c = text[i] - '0';
            if ((uint)c > 9)
            {
                return -1;
            }

            value = (value * 10) + c;
        }

        return value;
    }

    private static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>
    /// Shares the distinct values of a repetitive UTF-8 column, decoding each value once; a value equal to the one before
    /// (a client, a clave) is not even looked up.
    /// </summary>
    private sealed class Utf8StringPool
    {
        private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;
        private char[] chars = new char[256];
        private byte[] lastUtf8 = new byte[64];
        private int lastLength;
        private string last = string.Empty;

        public Utf8StringPool() => lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.SequenceEqual(lastUtf8.AsSpan(0, lastLength)))
            {
                return last;
            }

            last = Decode(utf8);
            if (utf8.Length > lastUtf8.Length)
            {
                lastUtf8 = new byte[utf8.Length];
            }

            utf8.CopyTo(lastUtf8);
            lastLength = utf8.Length;
            return last;
        }

        private string Decode(ReadOnlySpan<byte> utf8)
        {
            if (Encoding.UTF8.GetMaxCharCount(utf8.Length) > chars.Length)
            {
                chars = new char[Encoding.UTF8.GetMaxCharCount(utf8.Length)];
            }

            var text = chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
            if (!lookup.TryGetValue(text, out var shared))
            {
                shared = new string(text);
                seen[shared] = shared;
            }

            return shared;
        }
    }

    /// <summary>
    /// Shares repeated values (client, part, clave; a pedimento over its partidas) instead of one string per row: surviving
    /// strings are what the GC copies, twice, while the ledger loads.
    /// </summary>
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
