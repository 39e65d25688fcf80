using Traza.Domain.Common;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>The full-record loads of <see cref="ITrazaStore"/>: the same queries and orders as SQLite's.</summary>
public sealed partial class PostgresStore
{
    /// <summary>$1 is the client (NULL for all), $2 the as-of date (NULL for no limit).</summary>
    private const string ClientFilter = " AND ($1::text IS NULL OR client = $1)";

    private const string AsOfFilter = " AND ($2::text IS NULL OR date <= $2)";

    public ProgramRecord? GetProgram()
    {
        using var cmd = Command($"SELECT rfc, name, immex, modality, valid_from, valid_to, batch_id, line FROM program WHERE {ProgramFilter}");
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new ProgramRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.DateOrNull(4), r.DateOrNull(5))
            { BatchId = r.GetInt64(6), Line = r.GetInt64(7) }
            : null;
    }

    public IReadOnlyList<ClientRecord> LoadClients() => Read(
        $"SELECT client, name, parent, since, batch_id, line FROM client WHERE {ProgramFilter} ORDER BY client",
        null,
        null,
        r => new ClientRecord(r.GetString(0), r.TextOrNull(1), r.TextOrNull(2), r.DateOrNull(3)) { BatchId = r.GetInt64(4), Line = r.GetInt64(5) });

    public IReadOnlyList<PartRecord> LoadParts(string? client = null) => Read(
        "SELECT client, part, description, kind, fraccion, nico, umc, umt, umt_per_umc, origin, source, batch_id, line FROM part " +
        $"WHERE {ProgramFilter}{ClientFilter} ORDER BY client, part",
        client,
        null,
        r => new PartRecord(r.GetString(0), r.GetString(1), r.TextOrNull(2), r.GetString(3), r.TextOrNull(4), r.TextOrNull(5), r.GetString(6),
            r.GetString(7), r.Dec(8), r.TextOrNull(9), r.GetString(10))
        { BatchId = r.GetInt64(11), Line = r.GetInt64(12) });

    public IReadOnlyList<BomRecord> LoadBom(string? client = null) => Read(
        "SELECT client, product, component, valid_from, qty_per, merma_pct, desperdicio_pct, valid_to, batch_id, line FROM bom " +
        $"WHERE {ProgramFilter}{ClientFilter} ORDER BY batch_id, line",
        client,
        null,
        r => new BomRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3).Length == 0 ? null : CanonicalText.ParseDate(r.GetString(3)),
            r.Dec(4), r.Dec(5), r.Dec(6), r.DateOrNull(7))
        { BatchId = r.GetInt64(8), Line = r.GetInt64(9) });

    public IReadOnlyList<EntryRecord> LoadEntries(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadEntriesFrom("entry", client, asOf, pedimento);

    public IReadOnlyList<EntryRecord> LoadReversedEntries(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadEntriesFrom("entry_reversed", client, asOf, pedimento);

    /// <summary>$3 is one document (through the <c>entry_pedimento</c>/<c>exit_pedimento</c> index); no condition without one.</summary>
    private static string PedimentoFilter(string? pedimento) => pedimento is null ? string.Empty : " AND pedimento = $3";

    private List<EntryRecord> LoadEntriesFrom(string table, string? client, DateOnly? asOf, string? pedimento) => Read(
        "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, customs_value_mxn, exchange_rate, origin, preference, " +
        $"invoice, rectifies, site, batch_id, line FROM {table} WHERE {ProgramFilter}{ClientFilter}{AsOfFilter}{PedimentoFilter(pedimento)} " +
        "ORDER BY batch_id, line",
        client,
        asOf,
        r => new EntryRecord(r.GetString(0), r.GetString(1), r.Int32(2), r.GetString(3), r.GetString(4), CanonicalText.ParseDate(r.GetString(5)),
            r.Dec(6), r.DecOrNull(7), r.DecOrNull(8), r.DecOrNull(9), r.DecOrNull(10), r.TextOrNull(11), r.TextOrNull(12), r.TextOrNull(13),
            r.TextOrNull(14), r.TextOrNull(15))
        { BatchId = r.GetInt64(16), Line = r.GetInt64(17) },
        pedimento);

    public IReadOnlyList<ExitRecord> LoadExits(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadExitsFrom("exit", client, asOf, pedimento);

    public IReadOnlyList<ExitRecord> LoadReversedExits(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadExitsFrom("exit_reversed", client, asOf, pedimento);

    private List<ExitRecord> LoadExitsFrom(string table, string? client, DateOnly? asOf, string? pedimento) => Read(
        "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, destination, counterparty, exit_case, bom_date, " +
        $"source_pedimento, source_partida, rectifies, batch_id, line FROM {table} WHERE {ProgramFilter}{ClientFilter}{AsOfFilter}" +
        $"{PedimentoFilter(pedimento)} ORDER BY batch_id, line",
        client,
        asOf,
        r => new ExitRecord(r.GetString(0), r.GetString(1), r.Int32(2), r.GetString(3), r.GetString(4), CanonicalText.ParseDate(r.GetString(5)),
            r.Dec(6), r.DecOrNull(7), r.DecOrNull(8), r.TextOrNull(9), r.TextOrNull(10), r.TextOrNull(11), r.DateOrNull(12), r.TextOrNull(13),
            r.IsDBNull(14) ? null : r.Int32(14), r.TextOrNull(15))
        { BatchId = r.GetInt64(16), Line = r.GetInt64(17) },
        pedimento);

    public IReadOnlyList<EventRecord> LoadEvents(string? client = null, DateOnly? asOf = null) => Read(
        "SELECT client, date, type, part, reference, qty, waste, third_party, site, batch_id, line FROM event " +
        $"WHERE {ProgramFilter}{ClientFilter}{AsOfFilter} ORDER BY batch_id, line",
        client,
        asOf,
        r => new EventRecord(r.GetString(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.Dec(5),
            r.GetInt64(6) != 0, r.TextOrNull(7), r.TextOrNull(8))
        { BatchId = r.GetInt64(9), Line = r.GetInt64(10) });

    public IReadOnlyList<CountRecord> LoadCounts(string? client = null, DateOnly? asOf = null) => Read(
        $"SELECT client, date, part, site, qty, batch_id, line FROM count_row WHERE {ProgramFilter}{ClientFilter}{AsOfFilter} ORDER BY batch_id, line",
        client,
        asOf,
        r => new CountRecord(r.GetString(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.Dec(4))
        { BatchId = r.GetInt64(5), Line = r.GetInt64(6) });

    public IReadOnlyList<ReversalRecord> LoadReversals(string? client = null) => Read(
        $"SELECT client, target_batch, target_line, reason, batch_id, line FROM reversal WHERE {ProgramFilter}{ClientFilter} ORDER BY batch_id, line",
        client,
        null,
        r => new ReversalRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)) { BatchId = r.GetInt64(4), Line = r.GetInt64(5) });

    public IReadOnlyList<string> ReversedLayouts(long reversalBatch)
    {
        using var cmd = Command(
            $"SELECT DISTINCT b.layout FROM reversal r JOIN import_batch b ON b.program_id = r.program_id AND b.id = r.target_batch " +
            $"WHERE r.{ProgramFilter} AND r.batch_id = $1").Int(reversalBatch);
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    public DateOnly? ReversedMovementsFrom(long reversalBatch)
    {
        using var cmd = Command(
            "SELECT min(d) FROM (" +
            "SELECT x.date AS d FROM reversal r JOIN exit_reversed x ON x.program_id = r.program_id AND x.batch_id = r.target_batch " +
            $"AND x.line = r.target_line WHERE r.{ProgramFilter} AND r.batch_id = $1 UNION ALL " +
            "SELECT v.date FROM reversal r JOIN event_reversed v ON v.program_id = r.program_id AND v.batch_id = r.target_batch " +
            $"AND v.line = r.target_line WHERE r.{ProgramFilter} AND r.batch_id = $1) m").Int(reversalBatch);
        return cmd.ExecuteScalar() is string text ? CanonicalText.ParseDate(text) : null;
    }

    public IReadOnlyList<PeriodActionRecord> LoadPeriodActions() => Read(
        $"SELECT action, period, reason, batch_id, line FROM period_close WHERE {ProgramFilter} ORDER BY seq",
        null,
        null,
        r => new PeriodActionRecord(r.GetString(0), r.GetString(1), r.TextOrNull(2)) { BatchId = r.GetInt64(3), Line = r.GetInt64(4) });

    public IReadOnlyList<ProgramTermsRecord> LoadProgramTerms() => Read(
        "SELECT term_sets, missing_day, business_day, cancelled_on, cancellation_days, batch_id, line FROM program_terms " +
        $"WHERE {ProgramFilter} ORDER BY seq",
        null,
        null,
        r => new ProgramTermsRecord(r.GetString(0), r.GetString(1), r.GetString(2) == "yes", r.DateOrNull(3), checked((int)r.GetInt64(4)))
        { BatchId = r.GetInt64(5), Line = r.GetInt64(6) });

    public IReadOnlyList<TariffRecord> LoadTariffs() => Read(
        $"SELECT fraccion, nico, mfn_pct, valid_from, valid_to, batch_id, line FROM tariff WHERE {ProgramFilter} ORDER BY fraccion, nico, valid_from",
        null,
        null,
        r => new TariffRecord(r.GetString(0), r.GetString(1), r.Dec(2), CanonicalText.ParseDate(r.GetString(3)), r.DateOrNull(4))
        { BatchId = r.GetInt64(5), Line = r.GetInt64(6) });

    public IReadOnlyList<PartnerRecord> LoadPartners() => Read(
        $"SELECT country, agreement, valid_from, valid_to, batch_id, line FROM partner WHERE {ProgramFilter} ORDER BY country, agreement, valid_from",
        null,
        null,
        r => new PartnerRecord(r.GetString(0), r.GetString(1), CanonicalText.ParseDate(r.GetString(2)), r.DateOrNull(3))
        { BatchId = r.GetInt64(4), Line = r.GetInt64(5) });

    public IReadOnlyList<RateRecord> LoadRates() => Read(
        $"SELECT date, mxn_per_usd, batch_id, line FROM rate WHERE {ProgramFilter} ORDER BY date",
        null,
        null,
        r => new RateRecord(CanonicalText.ParseDate(r.GetString(0)), r.Dec(1)) { BatchId = r.GetInt64(2), Line = r.GetInt64(3) });

    public IReadOnlyList<MonthlyRecord> LoadInpc() => Read(
        $"SELECT month, idx, batch_id, line FROM inpc WHERE {ProgramFilter} ORDER BY month",
        null,
        null,
        r => new MonthlyRecord(r.GetString(0), r.Dec(1)) { BatchId = r.GetInt64(2), Line = r.GetInt64(3) });

    public IReadOnlyList<MonthlyRecord> LoadSurcharges() => Read(
        $"SELECT month, pct, batch_id, line FROM surcharge WHERE {ProgramFilter} ORDER BY month",
        null,
        null,
        r => new MonthlyRecord(r.GetString(0), r.Dec(1)) { BatchId = r.GetInt64(2), Line = r.GetInt64(3) });

    public IReadOnlyList<TermRuleRecord> LoadTermRules() => Read(
        $"SELECT rule_on, rule_key, months, valid_from, valid_to, note, batch_id, line FROM term_rule WHERE {ProgramFilter} " +
        "ORDER BY rule_on, rule_key, valid_from",
        null,
        null,
        r => new TermRuleRecord(r.GetString(0), r.GetString(1), r.GetString(2), CanonicalText.ParseDate(r.GetString(3)), r.DateOrNull(4), r.TextOrNull(5))
        { BatchId = r.GetInt64(6), Line = r.GetInt64(7) });

    /// <summary>Runs a load; $1 (client) and $2 (as-of) are bound when the SQL names them.</summary>
    private List<T> Read<T>(string sql, string? client, DateOnly? asOf, Func<NpgsqlDataReader, T> map, string? pedimento = null)
    {
        using var cmd = Command(sql);
        if (sql.Contains("$1", StringComparison.Ordinal))
        {
            cmd.Text(client);
        }

        if (sql.Contains("$2", StringComparison.Ordinal))
        {
            cmd.Text(asOf is { } d ? CanonicalText.Date(d) : null);
        }

        if (sql.Contains("$3", StringComparison.Ordinal))
        {
            cmd.Text(pedimento);
        }

        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}
