using System.Globalization;
using Microsoft.Data.Sqlite;
using Traza.Domain.Common;

namespace Traza.Storage.Sqlite;


/// <summary>Reads of the government tables (migration 0002) for reports and reconciliation.</summary>
public static class GovernmentQueries
{
    /// <summary>
    /// Every Data Stage pedimento (501) with a known 15-digit number, with its 551 partidas' ValorDolares (in partida
    /// order). Reads the blocks of migration 0020 directly (the typed values of GovernmentSchema's 501 and 551 lists).
    /// </summary>
    public static IReadOnlyList<GovernmentPedimento> DataStagePedimentos(SqliteConnection connection, SqliteTransaction? tx,
        string? pedimento = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        List<(DataStageKey Key, string?[] Values)> Rows(string table, IReadOnlyList<int> columns) => pedimento is null
            ? DataStageSql.ReadRows(connection, tx, table, columns)
            : DataStageSql.ReadRowsOf(connection, tx, table, columns, pedimento);
        var partidas = Rows("551", [3]) // value_usd
            .Where(r => r.Key.Pedimento >= 0)
            .OrderBy(r => r.Key.Pedimento).ThenBy(r => r.Key.Partida)
            .GroupBy(r => r.Key.Pedimento)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Values[0] ?? string.Empty)]);
        var result = new List<GovernmentPedimento>();
        foreach (var (key, values) in Rows("501", [1, 0, 6, 5])) // clave, operation, fecha_pago, fecha_recepcion
        {
            if (key.Pedimento < 0)
            {
                continue;
            }

            var date = values[2] ?? values[3];
            result.Add(new GovernmentPedimento(
                key.Pedimento.ToString("D15", CultureInfo.InvariantCulture),
                values[0],
                values[1],
                date is null ? null : CanonicalText.ParseDate(date),
                partidas.TryGetValue(key.Pedimento, out var v) ? v : []));
        }

        return result;
    }

    /// <summary>The live rows of one Data Stage table with the named typed columns (<see cref="IGovernmentReader.DataStageRows"/>).</summary>
    public static IReadOnlyList<GovernmentRow> DataStageRows(SqliteConnection connection, SqliteTransaction? tx, string table,
        IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!GovernmentSchema.Tables.TryGetValue(table, out var schema))
        {
            throw new ArgumentException($"no Data Stage table '{table}'", nameof(table));
        }

        var indexes = Indexes(schema, table, columns);
        var rows = DataStageSql.ReadRows(connection, tx, schema.Name, indexes);
        var result = new List<GovernmentRow>(rows.Count);
        var (last, text) = (-1L, string.Empty);
        foreach (var (key, values) in rows)
        {
            // A pedimento's rows follow one another: one string for all of them.
            if (key.Pedimento != last)
            {
                (last, text) = (key.Pedimento, key.Pedimento >= 0 ? key.Pedimento.ToString("D15", CultureInfo.InvariantCulture) : string.Empty);
            }

            result.Add(new GovernmentRow(text, Math.Max(key.Partida, 0), values));
        }

        return result;
    }

    /// <summary>The live rows of one Data Stage table in runs (<see cref="IGovernmentReader.DataStageRuns"/>), read from the blocks.</summary>
    public static IReadOnlyList<DataStageRun> DataStageRuns(SqliteConnection connection, SqliteTransaction? tx, string table,
        IReadOnlyList<string> texts, IReadOnlyList<string> numbers)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(numbers);
        var schema = GovernmentSchema.Tables.TryGetValue(table, out var s) ? s : throw new ArgumentException($"no Data Stage table '{table}'", nameof(table));
        return DataStageSql.ReadRuns(connection, tx, schema.Name, Indexes(schema, table, texts), Indexes(schema, table, numbers));
    }

    private static int[] Indexes(GovernmentSchema.DsTable schema, string table, IReadOnlyList<string> columns) =>
        [.. columns.Select(c => schema.Typed.ToList().IndexOf(c) is >= 0 and var i
            ? i
            : throw new ArgumentException($"Data Stage table {table} has no typed column '{c}'", nameof(columns)))];

    /// <summary>Every loaded package's folio and Resumen period.</summary>
    public static IReadOnlyList<GovernmentPackage> DataStagePackages(SqliteConnection connection, SqliteTransaction? tx)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT folio, fecha_inicial, fecha_final FROM ds_package WHERE program_id = 1 ORDER BY folio";
        using var r = cmd.ExecuteReader();
        var result = new List<GovernmentPackage>();
        while (r.Read())
        {
            result.Add(new GovernmentPackage(
                r.GetString(0),
                r.IsDBNull(1) ? null : CanonicalText.ParseDate(r.GetString(1)),
                r.IsDBNull(2) ? null : CanonicalText.ParseDate(r.GetString(2))));
        }

        return result;
    }

    /// <summary>Every M3 pedimento with a known 15-digit number, with its 551 partidas' USD values.</summary>
    /// <summary>See <see cref="IGovernmentReader.M3Rows"/>.</summary>
    public static IReadOnlyList<GovernmentRow> M3Rows(SqliteConnection connection, SqliteTransaction? tx, string register, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(columns);
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = M3Sql.Query(register, columns, SqliteDatabase.ProgramSql, string.Empty);
        using var r = cmd.ExecuteReader();
        var result = new List<GovernmentRow>();
        while (r.Read())
        {
            var values = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = r.IsDBNull(i + 2) ? null : Convert.ToString(r.GetValue(i + 2), CultureInfo.InvariantCulture);
            }

            result.Add(new GovernmentRow(r.GetString(0), checked((int)r.GetInt64(1)), values));
        }

        return result;
    }

    public static IReadOnlyList<GovernmentPedimento> M3Pedimentos(SqliteConnection connection, SqliteTransaction? tx, string? pedimento = null)
    {
        var one = pedimento is null ? string.Empty : " AND pedimento = $p";
        return Read(connection, tx,
            $"SELECT pedimento, clave, operation, fecha_pago FROM m3_pedimento WHERE {SqliteDatabase.ProgramSql} AND pedimento <> ''{one}",
            $"SELECT pedimento, partida, value_usd FROM m3_partida WHERE {SqliteDatabase.ProgramSql} AND pedimento <> ''{one} ORDER BY pedimento, partida",
            pedimento);
    }

    private static List<GovernmentPedimento> Read(SqliteConnection connection, SqliteTransaction? tx, string heads, string partidas, string? pedimento)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = partidas;
            Bind(cmd, pedimento);
            using var r = cmd.ExecuteReader();
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
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = heads;
            Bind(cmd, pedimento);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var ped = r.GetString(0);
                result.Add(new GovernmentPedimento(
                    ped,
                    r.IsDBNull(1) ? null : r.GetString(1),
                    r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : CanonicalText.ParseDate(r.GetString(3)),
                    values.TryGetValue(ped, out var v) ? v : []));
            }
        }

        return result;
    }

    private static void Bind(SqliteCommand cmd, string? pedimento)
    {
        if (pedimento is not null)
        {
            cmd.Parameters.AddWithValue("$p", pedimento);
        }
    }
}
