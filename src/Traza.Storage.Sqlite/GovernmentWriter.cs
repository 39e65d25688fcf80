using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// Writes government rows inside the caller's transaction: imported files, Data Stage packages (Resumen) and member
/// headers, and SAAI M3 rows (tables of migration 0002). M3 pedimentos/partidas merge by natural key (a later file
/// replaces the row), M3 records by content, so re-imports are idempotent (SPEC §4.2). Data Stage table rows go
/// through <see cref="DataStageBlockStore"/>.
/// </summary>
public sealed class GovernmentWriter : IGovernmentWriter
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public GovernmentWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>Rows written or merged so far.</summary>
    public long Rows { get; private set; }

    /// <summary>True when a file with this SHA-256 was imported before as <paramref name="kind"/> (datastage, m3).</summary>
    public bool FileSeen(string kind, string sha256)
    {
        var cmd = Command("file?", $"SELECT 1 FROM gov_file WHERE {SqliteDatabase.ProgramSql} AND kind = $k AND sha256 = $s", "$k", "$s");
        cmd.Parameters[0].Value = kind;
        cmd.Parameters[1].Value = sha256;
        return cmd.ExecuteScalar() is not null;
    }

    public void RecordFile(string kind, string sha256, string name, string importedAt)
    {
        var cmd = Command("file", $"INSERT INTO gov_file (program_id, kind, sha256, name, imported_at) VALUES ({SqliteDatabase.ProgramIdSql}, $k, $s, $n, $t) ON CONFLICT DO NOTHING",
            "$k", "$s", "$n", "$t");
        Set(cmd, kind, sha256, name, importedAt);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Upserts a package's Resumen.</summary>
    public void Package(string folio, string rfcOPatente, DateOnly? fechaInicial, DateOnly? fechaFinal, DateOnly? fechaEjecucion,
        long? totalFracciones, long? totalContribuciones, string source, string raw)
    {
        var cmd = Command("package", $"""
            INSERT INTO ds_package (program_id, folio, rfc_o_patente, fecha_inicial, fecha_final, fecha_ejecucion, total_fracciones,
                total_contribuciones, source, raw)
            VALUES ({SqliteDatabase.ProgramIdSql}, $f, $r, $i, $e, $x, $tf, $tc, $s, $raw)
            ON CONFLICT (program_id, folio) DO UPDATE SET rfc_o_patente = excluded.rfc_o_patente, fecha_inicial = excluded.fecha_inicial,
                fecha_final = excluded.fecha_final, fecha_ejecucion = excluded.fecha_ejecucion, total_fracciones = excluded.total_fracciones,
                total_contribuciones = excluded.total_contribuciones, source = excluded.source, raw = excluded.raw
            """, "$f", "$r", "$i", "$e", "$x", "$tf", "$tc", "$s", "$raw");
        Set(cmd, folio, rfcOPatente, SqlText.Value(fechaInicial), SqlText.Value(fechaFinal), SqlText.Value(fechaEjecucion),
            (object?)totalFracciones ?? DBNull.Value, (object?)totalContribuciones ?? DBNull.Value, source, raw);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Records a member's header row as delivered.</summary>
    public void Header(string folio, string tabla, string header, long rows)
    {
        var cmd = Command("header", $"""
            INSERT INTO ds_header (program_id, folio, tabla, header, rows) VALUES ({SqliteDatabase.ProgramIdSql}, $f, $t, $h, $n)
            ON CONFLICT (program_id, folio, tabla) DO UPDATE SET header = excluded.header, rows = excluded.rows
            """, "$f", "$t", "$h", "$n");
        Set(cmd, folio, tabla, header, rows);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Upserts an M3 pedimento (a later file replaces it).</summary>
    public void M3Pedimento(GovernmentKey key, string tipoMovimiento, string? operation, string? clave, string? rfc, DateOnly? fechaPago,
        string fileName, long line)
    {
        var cmd = Command("m3p", $"""
            INSERT INTO m3_pedimento (program_id, pedimento, patente, pedimento7, seccion, tipo_movimiento, operation, clave, rfc, fecha_pago,
                file_name, src_line)
            VALUES ({SqliteDatabase.ProgramIdSql}, $p, $pa, $n, $s, $tm, $op, $c, $r, $f, $fn, $l)
            ON CONFLICT (program_id, pedimento, patente, pedimento7, seccion) DO UPDATE SET tipo_movimiento = excluded.tipo_movimiento,
                operation = excluded.operation, clave = excluded.clave, rfc = excluded.rfc, fecha_pago = excluded.fecha_pago,
                file_name = excluded.file_name, src_line = excluded.src_line
            """, "$p", "$pa", "$n", "$s", "$tm", "$op", "$c", "$r", "$f", "$fn", "$l");
        Set(cmd, key.Pedimento, key.Patente, key.Pedimento7, key.Seccion, tipoMovimiento, SqlText.Value(operation), SqlText.Value(clave),
            SqlText.Value(rfc), SqlText.Value(fechaPago), fileName, line);
        cmd.ExecuteNonQuery();
        Rows++;
    }

    /// <summary>Upserts an M3 partida (register 551).</summary>
    public void M3Partida(GovernmentKey key, int partida, string? fraccion, string? nico, decimal? valueUsd, decimal? qtyUmc, string? umc,
        decimal? qtyUmt, string? umt, string? origin, string raw)
    {
        var cmd = Command("m3pp", $"""
            INSERT INTO m3_partida (program_id, pedimento, patente, pedimento7, seccion, partida, fraccion, nico, value_usd, qty_umc, umc,
                qty_umt, umt, origin, raw)
            VALUES ({SqliteDatabase.ProgramIdSql}, $p, $pa, $n, $s, $pt, $f, $ni, $v, $qc, $uc, $qt, $ut, $o, $raw)
            ON CONFLICT (program_id, pedimento, patente, pedimento7, seccion, partida) DO UPDATE SET fraccion = excluded.fraccion,
                nico = excluded.nico, value_usd = excluded.value_usd, qty_umc = excluded.qty_umc, umc = excluded.umc,
                qty_umt = excluded.qty_umt, umt = excluded.umt, origin = excluded.origin, raw = excluded.raw
            """, "$p", "$pa", "$n", "$s", "$pt", "$f", "$ni", "$v", "$qc", "$uc", "$qt", "$ut", "$o", "$raw");
        Set(cmd, key.Pedimento, key.Patente, key.Pedimento7, key.Seccion, (long)partida, SqlText.Value(fraccion), SqlText.Value(nico),
            SqlText.Value(valueUsd), SqlText.Value(qtyUmc), SqlText.Value(umc), SqlText.Value(qtyUmt), SqlText.Value(umt), SqlText.Value(origin), raw);
        cmd.ExecuteNonQuery();
        Rows++;
    }

    /// <summary>Writes an M3 record as delivered (identical records merge).</summary>
    public void M3Record(GovernmentKey key, string register, string rowHash, string fileName, long line, string raw)
    {
        var cmd = Command("m3r", $"""
            INSERT INTO m3_record (program_id, pedimento, patente, pedimento7, seccion, register, row_hash, file_name, src_line, raw)
            VALUES ({SqliteDatabase.ProgramIdSql}, $p, $pa, $n, $s, $r, $h, $f, $l, $raw) ON CONFLICT DO NOTHING
            """, "$p", "$pa", "$n", "$s", "$r", "$h", "$f", "$l", "$raw");
        Set(cmd, key.Pedimento, key.Patente, key.Pedimento7, key.Seccion, register, rowHash, fileName, line, raw);
        cmd.ExecuteNonQuery();
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

    private SqliteCommand Command(string name, string sql, params string[] parameters)
    {
        if (commands.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var p in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(p, null));
        }

        cmd.Prepare();
        commands[name] = cmd;
        return cmd;
    }

    private static void Set(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
