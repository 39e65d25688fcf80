using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>The columns of an entry row the discharge needs.</summary>
public readonly record struct EntryScan(string Client, string Part, string Pedimento, int Partida, string Clave, DateOnly Date, decimal Qty);

/// <summary>The columns of an exit row the discharge needs, with its movement identity.</summary>
public readonly record struct ExitScan(
    string Client, string Part, string Pedimento, int Partida, string Clave, DateOnly Date, decimal Qty, DateOnly? BomDate,
    string? SourcePedimento, int? SourcePartida, long BatchId, long Line);

/// <summary>The columns of a part row the discharge needs.</summary>
public readonly record struct PartScan(string Client, string Part, string Kind, bool National);

/// <summary>The columns of a BOM row the discharge needs (<paramref name="ValidFrom"/> null when the row has none).</summary>
public readonly record struct BomScan(
    string Client, string Product, string Component, DateOnly? ValidFrom, decimal QtyPer, decimal MermaPct, decimal DesperdicioPct,
    DateOnly? ValidTo);

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
        using var cmd = store.CreateCommand("SELECT client, part, kind, source FROM part WHERE program_id = 1 ORDER BY client, part");
        using var r = cmd.ExecuteReader();
        var rows = new List<PartScan>(Count(store.CreateCommand, "part"));
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new PartScan(strings.Get(r.GetString(0)), r.GetString(1), strings.Get(r.GetString(2)),
                PartRecord.IsNationalSource(r.GetString(3))));
        }

        return rows;
    }

    /// <summary>Every BOM row, in file order (batch, line).</summary>
    public static List<BomScan> Bom(SqliteLedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cmd = store.CreateCommand(
            "SELECT client, product, component, valid_from, qty_per, merma_pct, desperdicio_pct, valid_to FROM bom WHERE program_id = 1 " +
            "ORDER BY batch_id, line");
        using var r = cmd.ExecuteReader();
        var rows = new List<BomScan>(Count(store.CreateCommand, "bom"));
        var strings = new StringPool();
        while (r.Read())
        {
            var validFrom = r.GetString(3);
            rows.Add(new BomScan(strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), strings.Get(r.GetString(2)),
                validFrom.Length == 0 ? null : Date(validFrom), SqlText.ParseDecimal(r.GetString(4)), SqlText.ParseDecimal(r.GetString(5)),
                SqlText.ParseDecimal(r.GetString(6)), r.IsDBNull(7) ? null : Date(r.GetString(7))));
        }

        return rows;
    }

    /// <summary>Every entry row (of the batches after <paramref name="afterBatch"/>), in no particular order.</summary>
    public static List<EntryScan> Entries(SqliteLedgerStore store, long afterBatch = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Entries(store.CreateCommand, afterBatch);
    }

    /// <summary>Every entry row, read through another connection (see <see cref="SqliteLedgerStore.OpenReader"/>).</summary>
    public static List<EntryScan> Entries(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Entries(
            sql =>
            {
                var cmd = connection.CreateCommand();
                cmd.CommandText = sql;
                return cmd;
            },
            0);
    }

    private static List<EntryScan> Entries(Func<string, SqliteCommand> command, long afterBatch)
    {
        using var cmd = command(
            "SELECT client, part, pedimento, partida, clave, date, qty FROM entry" +
            (afterBatch > 0 ? " INDEXED BY entry_batch WHERE program_id = 1 AND batch_id > $b" : " WHERE program_id = 1"));
        cmd.Parameters.AddWithValue("$b", afterBatch);
        using var r = cmd.ExecuteReader();
        var rows = new List<EntryScan>(afterBatch > 0 ? 0 : Count(command, "entry"));
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new EntryScan(
                strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), r.GetString(2), r.GetInt32(3), strings.Get(r.GetString(4)),
                Date(r.GetString(5)), Decimal(r.GetString(6))));
        }

        return rows;
    }

    /// <summary>Every exit row (dated on or after <paramref name="from"/> when given), in no particular order.</summary>
    public static List<ExitScan> Exits(SqliteLedgerStore store, DateOnly? from = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var cmd = store.CreateCommand(
            "SELECT client, part, pedimento, partida, clave, date, qty, bom_date, source_pedimento, source_partida, batch_id, line " +
            "FROM exit" + (from is null ? " WHERE program_id = 1" : " INDEXED BY exit_date WHERE program_id = 1 AND date >= $from"));
        cmd.Parameters.AddWithValue("$from", from is { } f ? f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);
        using var r = cmd.ExecuteReader();
        var rows = new List<ExitScan>(from is null ? Count(store.CreateCommand, "exit") : 0);
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new ExitScan(
                strings.Get(r.GetString(0)), strings.Get(r.GetString(1)), r.GetString(2), r.GetInt32(3), strings.Get(r.GetString(4)),
                Date(r.GetString(5)), Decimal(r.GetString(6)), r.IsDBNull(7) ? null : Date(r.GetString(7)),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetInt32(9), r.GetInt64(10), r.GetInt64(11)));
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
            "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, customs_value_mxn, site, batch_id, line FROM entry " +
            "WHERE program_id = 1 AND ($client IS NULL OR client = $client) AND ($asof IS NULL OR date <= $asof)");
        cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$asof", asOf is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value);
        using var r = cmd.ExecuteReader();
        var rows = new List<EntryRecord>();
        var strings = new StringPool();
        while (r.Read())
        {
            rows.Add(new EntryRecord(
                strings.Get(r.GetString(0)), r.GetString(1), r.GetInt32(2), strings.Get(r.GetString(3)), strings.Get(r.GetString(4)),
                Date(r.GetString(5)), Decimal(r.GetString(6)), r.IsDBNull(7) ? null : Decimal(r.GetString(7)),
                r.IsDBNull(8) ? null : Decimal(r.GetString(8)), r.IsDBNull(9) ? null : Decimal(r.GetString(9)), null, null, null, null, null,
                r.IsDBNull(10) ? null : strings.Get(r.GetString(10)))
            { BatchId = r.GetInt64(11), Line = r.GetInt64(12) });
        }

        return rows;
    }

    private static int Count(Func<string, SqliteCommand> command, string table)
    {
        using var cmd = command($"SELECT count(*) FROM {table} WHERE program_id = 1");
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

        return SqlText.ParseDate(text);
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

    /// <summary>Shares the few distinct values of repetitive columns (client, part, clave) instead of one string per row.</summary>
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
