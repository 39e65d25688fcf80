using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

/// <summary>
/// Government data as the reports read it, on PostgreSQL: the plain ds_501/ds_551 tables (one row per record; SQLite reads
/// the same columns out of its blocks) and the M3 tables, in SQLite's order.
/// </summary>
internal sealed class PostgresGovernmentReader(PostgresStore store) : IGovernmentReader
{
    public IReadOnlyList<GovernmentPedimento> DataStagePedimentos(string? pedimento = null) => Read(
        $"SELECT pedimento, clave, operation, coalesce(fecha_pago, fecha_recepcion) FROM ds_501 WHERE {store.ProgramFilter} AND pedimento <> ''" +
        $"{One(pedimento)} ORDER BY pedimento, patente, pedimento7, seccion",
        $"SELECT pedimento, partida, value_usd FROM ds_551 WHERE {store.ProgramFilter} AND pedimento <> ''{One(pedimento)} ORDER BY pedimento, partida",
        pedimento);

    public IReadOnlyList<GovernmentPedimento> M3Pedimentos(string? pedimento = null) => Read(
        $"SELECT pedimento, clave, operation, fecha_pago FROM m3_pedimento WHERE {store.ProgramFilter} AND pedimento <> ''" +
        $"{One(pedimento)} ORDER BY pedimento, patente, pedimento7, seccion",
        $"SELECT pedimento, partida, value_usd FROM m3_partida WHERE {store.ProgramFilter} AND pedimento <> ''{One(pedimento)} ORDER BY pedimento, partida",
        pedimento);

    /// <summary>The condition on one pedimento ($1, through the tables' keys that begin with it), or none.</summary>
    private static string One(string? pedimento) => pedimento is null ? string.Empty : " AND pedimento = $1";

    private static NpgsqlCommand Bound(NpgsqlCommand cmd, string? pedimento) => pedimento is null ? cmd : cmd.Text(pedimento);

    /// <inheritdoc/>
    public IReadOnlyList<GovernmentRow> DataStageRows(string table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!GovernmentSchema.Tables.TryGetValue(table, out var schema))
        {
            throw new ArgumentException($"no Data Stage table '{table}'", nameof(table));
        }

        foreach (var c in columns)
        {
            if (!schema.Typed.Contains(c))
            {
                throw new ArgumentException($"Data Stage table {table} has no typed column '{c}'", nameof(columns));
            }
        }

        var selected = string.Concat(columns.Select(c => $", {PgSql.Q(c)}::text"));
        var result = new List<GovernmentRow>();
        using var cmd = store.Command(
            $"SELECT pedimento, {(schema.HasPartida ? "partida" : "0::bigint")}{selected} FROM {PgSql.Q(schema.SqlTable)} WHERE {store.ProgramFilter}");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var values = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.TextOrNull(i + 2);
            }

            result.Add(new GovernmentRow(r.GetString(0), checked((int)r.GetInt64(1)), values));
        }

        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyList<GovernmentRow> M3Rows(string register, IReadOnlyList<string> columns)
    {
        var result = new List<GovernmentRow>();
        using var cmd = store.Command(M3Sql.Query(register, columns, store.ProgramFilter, "::text"));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var values = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.TextOrNull(i + 2);
            }

            result.Add(new GovernmentRow(r.GetString(0), checked((int)Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), values));
        }

        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyList<GovernmentPackage> DataStagePackages()
    {
        using var cmd = store.Command($"SELECT folio, fecha_inicial, fecha_final FROM ds_package WHERE {store.ProgramFilter} ORDER BY folio");
        using var r = cmd.ExecuteReader();
        var result = new List<GovernmentPackage>();
        while (r.Read())
        {
            result.Add(new GovernmentPackage(r.GetString(0), r.DateOrNull(1), r.DateOrNull(2)));
        }

        return result;
    }

    private List<GovernmentPedimento> Read(string heads, string partidas, string? pedimento)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var cmd = Bound(store.Command(partidas), pedimento))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var ped = r.GetString(0);
                if (!values.TryGetValue(ped, out var list))
                {
                    values[ped] = list = [];
                }

                list.Add(r.IsDBNull(2) ? string.Empty : r.GetString(2));
            }
        }

        var result = new List<GovernmentPedimento>();
        using (var cmd = Bound(store.Command(heads), pedimento))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var ped = r.GetString(0);
                result.Add(new GovernmentPedimento(ped, r.TextOrNull(1), r.TextOrNull(2), r.DateOrNull(3), values.TryGetValue(ped, out var v) ? v : []));
            }
        }

        return result;
    }
}

/// <summary>
/// Government rows of a batch on PostgreSQL, in its transaction: SQLite's upserts (M3 pedimentos and partidas merge by key, a
/// later file replacing the row; M3 records by content), so re-imports are idempotent (SPEC §4.2).
/// </summary>
internal sealed class PostgresGovernmentWriter(PostgresBatch batch) : IGovernmentWriter
{
    private readonly Dictionary<string, NpgsqlCommand> commands = new(StringComparer.Ordinal);

    private long Program => batch.Store.Program.Value;

    public long Rows { get; private set; }

    public bool FileSeen(string kind, string sha256) =>
        Command("file?", "SELECT 1 FROM gov_file WHERE program_id = $1 AND kind = $2 AND sha256 = $3", "itt", Program, kind, sha256)
            .ExecuteScalar() is not null;

    public void RecordFile(string kind, string sha256, string name, string importedAt) =>
        Command("file", "INSERT INTO gov_file (program_id, kind, sha256, name, imported_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            "itttt", Program, kind, sha256, name, importedAt).ExecuteNonQuery();

    public void Package(string folio, string rfcOPatente, DateOnly? fechaInicial, DateOnly? fechaFinal, DateOnly? fechaEjecucion,
        long? totalFracciones, long? totalContribuciones, string source, string raw) =>
        Command("package", """
            INSERT INTO ds_package (program_id, folio, rfc_o_patente, fecha_inicial, fecha_final, fecha_ejecucion, total_fracciones,
                total_contribuciones, source, raw)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (program_id, folio) DO UPDATE SET rfc_o_patente = excluded.rfc_o_patente, fecha_inicial = excluded.fecha_inicial,
                fecha_final = excluded.fecha_final, fecha_ejecucion = excluded.fecha_ejecucion, total_fracciones = excluded.total_fracciones,
                total_contribuciones = excluded.total_contribuciones, source = excluded.source, raw = excluded.raw
            """, "itttttiitt", Program, folio, rfcOPatente, SqlText.Value(fechaInicial), SqlText.Value(fechaFinal), SqlText.Value(fechaEjecucion),
            (object?)totalFracciones ?? DBNull.Value, (object?)totalContribuciones ?? DBNull.Value, source, raw).ExecuteNonQuery();

    public void Header(string folio, string tabla, string header, long rows) =>
        Command("header", """
            INSERT INTO ds_header (program_id, folio, tabla, header, rows) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (program_id, folio, tabla) DO UPDATE SET header = excluded.header, rows = excluded.rows
            """, "ittti", Program, folio, tabla, header, rows).ExecuteNonQuery();

    public void M3Pedimento(GovernmentKey key, string tipoMovimiento, string? operation, string? clave, string? rfc, DateOnly? fechaPago,
        string fileName, long line)
    {
        Command("m3p", """
            INSERT INTO m3_pedimento (program_id, pedimento, patente, pedimento7, seccion, tipo_movimiento, operation, clave, rfc, fecha_pago,
                file_name, src_line)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (program_id, pedimento, patente, pedimento7, seccion) DO UPDATE SET tipo_movimiento = excluded.tipo_movimiento,
                operation = excluded.operation, clave = excluded.clave, rfc = excluded.rfc, fecha_pago = excluded.fecha_pago,
                file_name = excluded.file_name, src_line = excluded.src_line
            """, "itttttttttti", Program, key.Pedimento, key.Patente, key.Pedimento7, key.Seccion, tipoMovimiento, SqlText.Value(operation),
            SqlText.Value(clave), SqlText.Value(rfc), SqlText.Value(fechaPago), fileName, line).ExecuteNonQuery();
        Rows++;
    }

    public void M3Partida(GovernmentKey key, int partida, string? fraccion, string? nico, decimal? valueUsd, decimal? qtyUmc, string? umc,
        decimal? qtyUmt, string? umt, string? origin, string raw)
    {
        Command("m3pp", """
            INSERT INTO m3_partida (program_id, pedimento, patente, pedimento7, seccion, partida, fraccion, nico, value_usd, qty_umc, umc,
                qty_umt, umt, origin, raw)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (program_id, pedimento, patente, pedimento7, seccion, partida) DO UPDATE SET fraccion = excluded.fraccion,
                nico = excluded.nico, value_usd = excluded.value_usd, qty_umc = excluded.qty_umc, umc = excluded.umc,
                qty_umt = excluded.qty_umt, umt = excluded.umt, origin = excluded.origin, raw = excluded.raw
            """, "ittttittttttttt", Program, key.Pedimento, key.Patente, key.Pedimento7, key.Seccion, (long)partida, SqlText.Value(fraccion),
            SqlText.Value(nico), SqlText.Value(valueUsd), SqlText.Value(qtyUmc), SqlText.Value(umc), SqlText.Value(qtyUmt), SqlText.Value(umt),
            SqlText.Value(origin), raw).ExecuteNonQuery();
        Rows++;
    }

    public void M3Record(GovernmentKey key, string register, string rowHash, string fileName, long line, string raw)
    {
        Command("m3r", """
            INSERT INTO m3_record (program_id, pedimento, patente, pedimento7, seccion, register, row_hash, file_name, src_line, raw)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
            """, "itttttttit", Program, key.Pedimento, key.Patente, key.Pedimento7, key.Seccion, register, rowHash, fileName, line, raw)
            .ExecuteNonQuery();
        Rows++;
    }

    public void Dispose()
    {
        foreach (var c in commands.Values)
        {
            c.Dispose();
        }

        commands.Clear();
    }

    /// <summary>A prepared command of the batch with its values set; <paramref name="types"/> holds 'i' (bigint) or 't' (text) per value.</summary>
    private NpgsqlCommand Command(string name, string sql, string types, params object?[] values)
    {
        if (!commands.TryGetValue(name, out var cmd))
        {
            cmd = batch.Command(sql);
            foreach (var type in types)
            {
                cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type == 'i' ? NpgsqlDbType.Bigint : NpgsqlDbType.Text });
            }

            cmd.Prepare();
            commands[name] = cmd;
        }

        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                int n => (long)n,
                var v => v,
            };
        }

        return cmd;
    }
}
