using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The SQLite ledger store: opens (and migrates) a database file, appends import batches and loads the ledger
/// for discharge and reports. One program per database (<see cref="SqliteDatabase.ProgramId"/>, docs/architecture.md Decision 3).
/// </summary>
public sealed partial class SqliteLedgerStore : ITrazaStore
{
    private const string ClientFilter = " AND ($client IS NULL OR client = $client)";

    private BatchWriter? activeBatch;

    /// <summary>True while a <see cref="BeginReadSnapshot"/> scope holds a read transaction on the connection.</summary>
    private bool inSnapshot;

    private SqliteLedgerStore(SqliteConnection connection, TimeProvider clock, string path)
    {
        Connection = connection;
        Clock = clock;
        Path = path;
    }

    /// <summary>The open connection, for engineers adding their own tables (migrations 0002+).</summary>
    public SqliteConnection Connection { get; }

    public TimeProvider Clock { get; }

    public string Path { get; }

    /// <summary>
    /// Who every batch begun on this store is recorded as (issue 11 item 7): the CLI sets <c>--user</c>, else
    /// <c>TRAZA_USER</c>, else the OS user; the default is the OS user.
    /// </summary>
    public string Operator
    {
        get => field;
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = OsUser();

    /// <summary>The operating system's user name, or <c>unknown</c> when it has none.</summary>
    public static string OsUser() => string.IsNullOrWhiteSpace(Environment.UserName) ? "unknown" : Environment.UserName.Trim();

    /// <summary>Opens the file at <paramref name="path"/>, creating and migrating it as needed.</summary>
    public static SqliteLedgerStore Open(string path, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new SqliteLedgerStore(SqliteDatabase.Open(path, clock), clock, path);
    }

    /// <summary>Starts an import batch (one transaction). Dispose without <see cref="BatchWriter.Commit"/> to roll back.</summary>
    public BatchWriter BeginBatch(string layout, string fileName, string fileSha256)
    {
        if (activeBatch is not null)
        {
            throw new InvalidOperationException("An import batch is already open on this store.");
        }

        activeBatch = new BatchWriter(Connection, Clock, Operator, layout, fileName, fileSha256, () => activeBatch = null);
        return activeBatch;
    }

    /// <summary>
    /// A command on this store's connection, enlisted in the open batch's transaction when there is one (the load
    /// methods below see the batch's own uncommitted rows).
    /// </summary>
    /// <summary>True while an import batch is open (its rows are visible only to this connection).</summary>
    public bool InBatch => activeBatch is not null;

    /// <inheritdoc/>
    public bool AtRest => activeBatch is null && !inSnapshot && Connection.State == System.Data.ConnectionState.Open
        && SqliteConnectionState.AtRest(Connection);

    /// <summary>
    /// A second, read-only connection to the same file, for reading in parallel with this one (WAL readers never block).
    /// It sees only committed data: never use it while <see cref="InBatch"/>.
    /// </summary>
    public SqliteConnection OpenReader()
    {
        var reader = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        reader.Open();
        using var pragma = reader.CreateCommand();
        pragma.CommandText = "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=4294967296;";
        pragma.ExecuteNonQuery();
        return reader;
    }

    /// <summary>
    /// Starts a read transaction on this store's connection: until the returned scope is disposed, every read through it sees
    /// the database as of the first one, whatever other connections commit meanwhile (SPEC §9 "readers see a consistent
    /// snapshot"). A discharge holds one from its batch list to its last ledger read, so the batch it records as the last it
    /// saw is the last whose rows it took. A no-op inside an import batch (already a transaction) or another scope.
    /// Dispose it before beginning a write transaction on the connection.
    /// </summary>
    public IDisposable BeginReadSnapshot()
    {
        if (activeBatch is not null || inSnapshot)
        {
            return NoScope.Instance;
        }

        Execute(Connection, "BEGIN");
        inSnapshot = true;
        try
        {
            _ = MarkOf(Connection); // the first read fixes the snapshot
        }
        catch
        {
            EndReadSnapshot();
            throw;
        }

        return new SnapshotScope(this);
    }

    /// <summary>
    /// What two connections compare to know they read the same snapshot: the last import batch (the ledger is append-only,
    /// one batch per change) and the stored discharge run (derived data changes only with it).
    /// </summary>
    public string SnapshotMark() => MarkOf(Connection);

    /// <summary>
    /// A second read-only connection (<see cref="OpenReader"/>) inside a read transaction that sees the same snapshot as
    /// this one — the same <see cref="SnapshotMark()"/> — or null when something was committed in between; then read on this
    /// connection instead. Call <see cref="SnapshotMark()"/> on this connection's thread first (it is not thread-safe).
    /// </summary>
    public SqliteConnection? OpenSnapshotReader(string mark)
    {
        var reader = OpenReader();
        try
        {
            Execute(reader, "BEGIN");
            if (string.Equals(MarkOf(reader), mark, StringComparison.Ordinal))
            {
                return reader; // its read transaction ends when it is disposed
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        reader.Dispose();
        return null;
    }

    private void EndReadSnapshot()
    {
        if (inSnapshot)
        {
            inSnapshot = false;
            Execute(Connection, "COMMIT");
        }
    }

    private static string MarkOf(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT (SELECT coalesce(max(id), 0) FROM import_batch WHERE {SqliteDatabase.ProgramSql}) || '|' || " +
            $"coalesce((SELECT id || '|' || finished_at FROM discharge_run WHERE {SqliteDatabase.ProgramSql} ORDER BY id DESC LIMIT 1), '')";
        return (string)cmd.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private sealed class SnapshotScope(SqliteLedgerStore store) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                store.EndReadSnapshot();
            }
        }
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }

    public SqliteCommand CreateCommand(string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = activeBatch?.Transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    /// <summary>The batch that already imported a file with this SHA-256 as this layout, if any (SPEC §4.1 no-op).</summary>
    /// <remarks>
    /// A batch whose every row was reversed does not count: the same file may then be imported again (an import
    /// reversed by mistake is restored that way; docs/architecture.md Decision 4).
    /// </remarks>
    public BatchRecord? FindBatch(string layout, string fileSha256)
    {
        foreach (var batch in ReadBatches(Connection, activeBatch?.Transaction, " AND layout = $layout AND file_sha256 = $sha", ("$layout", layout), ("$sha", fileSha256)))
        {
            if (!WhollyReversed(batch))
            {
                return batch;
            }
        }

        return null;
    }

    /// <summary>True when rows of <paramref name="batch"/> were reversed and none is left in force.</summary>
    public bool WhollyReversed(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (ReversalWriter.TableOf(batch.Layout) is not { } table)
        {
            return false;
        }

        using var cmd = CreateCommand(
            $"SELECT NOT EXISTS (SELECT 1 FROM \"{table.Name}\" WHERE batch_id = $b) " +
            $"AND EXISTS (SELECT 1 FROM \"{table.Name}{LedgerChain.ReversedSuffix}\" WHERE batch_id = $b)");
        cmd.Parameters.AddWithValue("$b", batch.Id);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Every batch in chain order.</summary>
    public IReadOnlyList<BatchRecord> Batches() => ReadBatches(Connection, activeBatch?.Transaction, null);

    /// <summary>Recomputes digests and walks the chain (docs/architecture.md Decision 1).</summary>
    public ChainCheck VerifyChain() => LedgerChain.Verify(Connection);

    /// <summary>Recomputes the digest of the stored derived data and ties it to the chain (<see cref="DerivedAudit"/>).</summary>
    public DerivedCheck VerifyDerived() => DerivedAudit.Verify(Connection);

    public ProgramRecord? GetProgram()
    {
        using var cmd = CreateCommand(string.Empty);
        cmd.CommandText = $"SELECT rfc, name, immex, modality, valid_from, valid_to, batch_id, line FROM program WHERE {SqliteDatabase.ProgramSql}";
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new ProgramRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Date(r, 4), Date(r, 5))
            { BatchId = r.GetInt64(6), Line = r.GetInt64(7) }
            : null;
    }

    public IReadOnlyList<ClientRecord> LoadClients() => Read(
        $"SELECT client, name, parent, since, batch_id, line FROM client WHERE {SqliteDatabase.ProgramSql} ORDER BY client",
        null,
        r => new ClientRecord(r.GetString(0), Text(r, 1), Text(r, 2), Date(r, 3)) { BatchId = r.GetInt64(4), Line = r.GetInt64(5) });

    /// <summary>All parts (of one client when given), by client and part.</summary>
    public IReadOnlyList<PartRecord> LoadParts(string? client = null) => Read(
        "SELECT client, part, description, kind, fraccion, nico, umc, umt, umt_per_umc, origin, source, batch_id, line FROM part " +
        $"WHERE {SqliteDatabase.ProgramSql}" + ClientFilter + " ORDER BY client, part",
        client,
        PartOf);

    /// <summary>One part row by its key, as <see cref="LoadParts"/> reads it, or null.</summary>
    internal PartRecord? LoadPart(string client, string part)
    {
        using var cmd = CreateCommand(
            "SELECT client, part, description, kind, fraccion, nico, umc, umt, umt_per_umc, origin, source, batch_id, line FROM part " +
            $"WHERE {SqliteDatabase.ProgramSql} AND client = $c AND part = $p");
        cmd.Parameters.AddWithValue("$c", client);
        cmd.Parameters.AddWithValue("$p", part);
        using var r = cmd.ExecuteReader();
        return r.Read() ? PartOf(r) : null;
    }

    /// <summary>
    /// The part rows of the given keys that exist, in the keys' order: one statement prepared once and stepped per key (a
    /// command per key prepared its SQL each time — 40 % of a balances page's CPU).
    /// </summary>
    internal List<PartRecord> LoadPartsAt(IReadOnlyCollection<(string Client, string Part)> keys)
    {
        var found = new List<PartRecord>(keys.Count);
        using var cmd = CreateCommand(
            "SELECT client, part, description, kind, fraccion, nico, umc, umt, umt_per_umc, origin, source, batch_id, line FROM part " +
            $"WHERE {SqliteDatabase.ProgramSql} AND client = $c AND part = $p");
        var c = cmd.Parameters.Add("$c", SqliteType.Text);
        var t = cmd.Parameters.Add("$p", SqliteType.Text);
        foreach (var (client, part) in keys)
        {
            c.Value = client;
            t.Value = part;
            using var r = cmd.ExecuteReader();
            if (r.Read())
            {
                found.Add(PartOf(r));
            }
        }

        return found;
    }

    private static PartRecord PartOf(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Text(r, 2), r.GetString(3), Text(r, 4), Text(r, 5), r.GetString(6), r.GetString(7),
            Dec(r, 8), Text(r, 9), r.GetString(10))
        { BatchId = r.GetInt64(11), Line = r.GetInt64(12) };

    /// <summary>All BOM rows (of one client when given), in file order (batch, line).</summary>
    public IReadOnlyList<BomRecord> LoadBom(string? client = null) => Read(
        "SELECT client, product, component, valid_from, qty_per, merma_pct, desperdicio_pct, valid_to, batch_id, line FROM bom " +
        $"WHERE {SqliteDatabase.ProgramSql}" + ClientFilter + " ORDER BY batch_id, line",
        client,
        r => new BomRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3).Length == 0 ? null : CanonicalText.ParseDate(r.GetString(3)),
            Dec(r, 4), Dec(r, 5), Dec(r, 6), Date(r, 7))
        { BatchId = r.GetInt64(8), Line = r.GetInt64(9) });

    /// <summary>All entry lots (of one client when given; dated ≤ <paramref name="asOf"/> when given), in file order.</summary>
    public IReadOnlyList<EntryRecord> LoadEntries(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadEntriesFrom("entry", client, asOf, pedimento);

    /// <summary>The entry lots reversals took back (SPEC §4.1 reversals; migration 0025), as <see cref="LoadEntries"/>.</summary>
    public IReadOnlyList<EntryRecord> LoadReversedEntries(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadEntriesFrom("entry_reversed", client, asOf, pedimento);

    private List<EntryRecord> LoadEntriesFrom(string table, string? client, DateOnly? asOf, string? pedimento) => Read(
        "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, customs_value_mxn, exchange_rate, origin, preference, " +
        $"invoice, rectifies, site, batch_id, line FROM {table} WHERE {SqliteDatabase.ProgramSql}" + ClientFilter + PedimentoFilter(pedimento) +
        " AND ($asof IS NULL OR date <= $asof) ORDER BY batch_id, line",
        client,
        r => new EntryRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), CanonicalText.ParseDate(r.GetString(5)),
            Dec(r, 6), NDec(r, 7), NDec(r, 8), NDec(r, 9), NDec(r, 10), Text(r, 11), Text(r, 12), Text(r, 13), Text(r, 14), Text(r, 15))
        { BatchId = r.GetInt64(16), Line = r.GetInt64(17) },
        asOf,
        PedimentoParameter(pedimento));

    /// <summary>All exit lines (of one client when given; dated ≤ <paramref name="asOf"/> when given; of one document when given), in file order.</summary>
    public IReadOnlyList<ExitRecord> LoadExits(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadExitsFrom("exit", client, asOf, pedimento);

    /// <summary>The exit lines reversals took back (SPEC §4.1 reversals; migration 0025), as <see cref="LoadExits"/>.</summary>
    public IReadOnlyList<ExitRecord> LoadReversedExits(string? client = null, DateOnly? asOf = null, string? pedimento = null) =>
        LoadExitsFrom("exit_reversed", client, asOf, pedimento);

    private List<ExitRecord> LoadExitsFrom(string table, string? client, DateOnly? asOf, string? pedimento) => Read(
        "SELECT client, pedimento, partida, part, clave, date, qty, qty_umt, value_usd, destination, counterparty, exit_case, bom_date, " +
        $"source_pedimento, source_partida, rectifies, batch_id, line FROM {table} WHERE {SqliteDatabase.ProgramSql}" + ClientFilter +
        PedimentoFilter(pedimento) +
        " AND ($asof IS NULL OR date <= $asof) ORDER BY batch_id, line",
        client,
        r => new ExitRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), CanonicalText.ParseDate(r.GetString(5)),
            Dec(r, 6), NDec(r, 7), NDec(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), Date(r, 12), Text(r, 13),
            r.IsDBNull(14) ? null : r.GetInt32(14), Text(r, 15))
        { BatchId = r.GetInt64(16), Line = r.GetInt64(17) },
        asOf,
        PedimentoParameter(pedimento));

    /// <summary>The condition on one document (through the <c>entry_pedimento</c>/<c>exit_pedimento</c> index), or none.</summary>
    private static string PedimentoFilter(string? pedimento) => pedimento is null ? string.Empty : " AND pedimento = $pedimento";

    private static (string Name, object Value)[] PedimentoParameter(string? pedimento) => pedimento is null ? [] : [("$pedimento", pedimento)];

    /// <summary>All events (of one client when given; dated ≤ <paramref name="asOf"/> when given), in file order.</summary>
    public IReadOnlyList<EventRecord> LoadEvents(string? client = null, DateOnly? asOf = null) => Read(
        $"SELECT client, date, type, part, reference, qty, waste, third_party, site, batch_id, line FROM event WHERE {SqliteDatabase.ProgramSql}" +
        ClientFilter + " AND ($asof IS NULL OR date <= $asof) ORDER BY batch_id, line",
        client,
        r => new EventRecord(r.GetString(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), Dec(r, 5),
            r.GetInt64(6) != 0, Text(r, 7), Text(r, 8))
        { BatchId = r.GetInt64(9), Line = r.GetInt64(10) },
        asOf);

    /// <summary>All physical counts (of one client when given; dated ≤ <paramref name="asOf"/> when given), in file order.</summary>
    public IReadOnlyList<CountRecord> LoadCounts(string? client = null, DateOnly? asOf = null) => Read(
        $"SELECT client, date, part, site, qty, batch_id, line FROM count_row WHERE {SqliteDatabase.ProgramSql}" + ClientFilter +
        " AND ($asof IS NULL OR date <= $asof) ORDER BY batch_id, line",
        client,
        r => new CountRecord(r.GetString(0), CanonicalText.ParseDate(r.GetString(1)), r.GetString(2), r.GetString(3), Dec(r, 4))
        { BatchId = r.GetInt64(5), Line = r.GetInt64(6) },
        asOf);

    /// <summary>Every reversal (of one client when given), in chain order (SPEC §4.1 reversals).</summary>
    public IReadOnlyList<ReversalRecord> LoadReversals(string? client = null) => Read(
        $"SELECT client, target_batch, target_line, reason, batch_id, line FROM reversal WHERE {SqliteDatabase.ProgramSql}" + ClientFilter +
        " ORDER BY batch_id, line",
        client,
        r => new ReversalRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3)) { BatchId = r.GetInt64(4), Line = r.GetInt64(5) });

    /// <summary>The layouts of the batches whose rows reversal batch <paramref name="reversalBatch"/> took back.</summary>
    public IReadOnlyList<string> ReversedLayouts(long reversalBatch) => Read(
        $"SELECT DISTINCT b.layout FROM reversal r INDEXED BY reversal_batch JOIN import_batch b ON b.program_id = {SqliteDatabase.ProgramIdSql} AND b.id = r.target_batch " +
        "WHERE r.batch_id = $batch",
        null,
        r => r.GetString(0),
        parameters: ("$batch", reversalBatch));

    /// <summary>The earliest date of the exits and events reversal batch <paramref name="reversalBatch"/> took back, or null.</summary>
    public DateOnly? ReversedMovementsFrom(long reversalBatch)
    {
        using var cmd = CreateCommand(
            "SELECT min(d) FROM (" +
            "SELECT x.date AS d FROM reversal r INDEXED BY reversal_batch JOIN exit_reversed x ON x.batch_id = r.target_batch " +
            "AND x.line = r.target_line WHERE r.batch_id = $b UNION ALL " +
            "SELECT v.date FROM reversal r INDEXED BY reversal_batch JOIN event_reversed v ON v.batch_id = r.target_batch " +
            "AND v.line = r.target_line WHERE r.batch_id = $b)");
        cmd.Parameters.AddWithValue("$b", reversalBatch);
        return cmd.ExecuteScalar() is string text ? CanonicalText.ParseDate(text) : null;
    }

    /// <summary>Every period close and reopen (migration 0026), in the order they were recorded.</summary>
    public IReadOnlyList<PeriodActionRecord> LoadPeriodActions() => Read(
        $"SELECT action, period, reason, batch_id, line FROM period_close WHERE {SqliteDatabase.ProgramSql} ORDER BY seq",
        null,
        r => new PeriodActionRecord(r.GetString(0), r.GetString(1), Text(r, 2)) { BatchId = r.GetInt64(3), Line = r.GetInt64(4) });

    /// <summary>Every record of the program's term options (migration 0033), in the order they were recorded.</summary>
    public IReadOnlyList<ProgramTermsRecord> LoadProgramTerms() => Read(
        "SELECT term_sets, missing_day, business_day, cancelled_on, cancellation_days, batch_id, line FROM program_terms " +
        $"WHERE {SqliteDatabase.ProgramSql} ORDER BY seq",
        null,
        r => new ProgramTermsRecord(r.GetString(0), r.GetString(1), r.GetString(2) == "yes", Date(r, 3), checked((int)r.GetInt64(4)))
        { BatchId = r.GetInt64(5), Line = r.GetInt64(6) });

    /// <summary>The loaded tariff schedule (SPEC §4.1 tariffs), by fracción, NICO and valid_from.</summary>
    public IReadOnlyList<TariffRecord> LoadTariffs() => Read(
        $"SELECT fraccion, nico, mfn_pct, valid_from, valid_to, batch_id, line FROM tariff WHERE {SqliteDatabase.ProgramSql} ORDER BY fraccion, nico, valid_from",
        null,
        r => new TariffRecord(r.GetString(0), r.GetString(1), Dec(r, 2), CanonicalText.ParseDate(r.GetString(3)), Date(r, 4))
        { BatchId = r.GetInt64(5), Line = r.GetInt64(6) });

    /// <summary>The loaded trade agreements by country (SPEC §4.1 partners).</summary>
    public IReadOnlyList<PartnerRecord> LoadPartners() => Read(
        $"SELECT country, agreement, valid_from, valid_to, batch_id, line FROM partner WHERE {SqliteDatabase.ProgramSql} ORDER BY country, agreement, valid_from",
        null,
        r => new PartnerRecord(r.GetString(0), r.GetString(1), CanonicalText.ParseDate(r.GetString(2)), Date(r, 3))
        { BatchId = r.GetInt64(4), Line = r.GetInt64(5) });

    /// <summary>The loaded DOF exchange rates by date (SPEC §4.1 rates).</summary>
    public IReadOnlyList<RateRecord> LoadRates() => Read(
        $"SELECT date, mxn_per_usd, batch_id, line FROM rate WHERE {SqliteDatabase.ProgramSql} ORDER BY date",
        null,
        r => new RateRecord(CanonicalText.ParseDate(r.GetString(0)), Dec(r, 1)) { BatchId = r.GetInt64(2), Line = r.GetInt64(3) });

    /// <summary>The loaded INPC by month (SPEC §4.1 inpc; CFF art. 17-A).</summary>
    public IReadOnlyList<MonthlyRecord> LoadInpc() => Read(
        $"SELECT month, idx, batch_id, line FROM inpc WHERE {SqliteDatabase.ProgramSql} ORDER BY month",
        null,
        r => new MonthlyRecord(r.GetString(0), Dec(r, 1)) { BatchId = r.GetInt64(2), Line = r.GetInt64(3) });

    /// <summary>The loaded monthly recargos rates (SPEC §4.1 surcharges).</summary>
    public IReadOnlyList<MonthlyRecord> LoadSurcharges() => Read(
        $"SELECT month, pct, batch_id, line FROM surcharge WHERE {SqliteDatabase.ProgramSql} ORDER BY month",
        null,
        r => new MonthlyRecord(r.GetString(0), Dec(r, 1)) { BatchId = r.GetInt64(2), Line = r.GetInt64(3) });

    /// <summary>The loaded term rules (SPEC §4.1 terms, §3.7).</summary>
    public IReadOnlyList<TermRuleRecord> LoadTermRules() => Read(
        $"SELECT rule_on, rule_key, months, valid_from, valid_to, note, batch_id, line FROM term_rule WHERE {SqliteDatabase.ProgramSql} " +
        "ORDER BY rule_on, rule_key, valid_from",
        null,
        r => new TermRuleRecord(r.GetString(0), r.GetString(1), r.GetString(2), CanonicalText.ParseDate(r.GetString(3)), Date(r, 4), Text(r, 5))
        { BatchId = r.GetInt64(6), Line = r.GetInt64(7) });

    public void Dispose() => Connection.Dispose();

    internal static List<BatchRecord> ReadBatches(
        SqliteConnection connection, SqliteTransaction? tx, string? where, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT id, layout, file_name, file_sha256, rows, digest, prev_chain_hash, chain_hash, imported_at, operator, " +
            "chain_version FROM import_batch " +
            $"WHERE {SqliteDatabase.ProgramSql}" + where + " ORDER BY id";
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        using var r = cmd.ExecuteReader();
        var list = new List<BatchRecord>();
        while (r.Read())
        {
            list.Add(new BatchRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetInt32(10)));
        }

        return list;
    }

    private List<T> Read<T>(
        string sql, string? client, Func<SqliteDataReader, T> map, DateOnly? asOf = null, params (string Name, object Value)[] parameters)
    {
        using var cmd = CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        if (sql.Contains("$client", StringComparison.Ordinal))
        {
            cmd.Parameters.AddWithValue("$client", (object?)client ?? DBNull.Value);
        }

        if (sql.Contains("$asof", StringComparison.Ordinal))
        {
            cmd.Parameters.AddWithValue("$asof", SqlText.Value(asOf));
        }

        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? Date(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : CanonicalText.ParseDate(r.GetString(i));

    private static decimal Dec(SqliteDataReader r, int i) => CanonicalText.ParseDecimal(r.GetString(i));

    private static decimal? NDec(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : CanonicalText.ParseDecimal(r.GetString(i));
}
