using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>A pedimento as a government source declares it (Data Stage 501 or M3 500/501), with its partidas' USD values.</summary>
public sealed record GovernmentPedimento(string Pedimento, string? Clave, string? Operation, DateOnly? Date, IReadOnlyList<string> PartidaValuesUsd);

/// <summary>Reads of the government tables (migration 0002) for reports and reconciliation.</summary>
public static class GovernmentQueries
{
    /// <summary>Every Data Stage pedimento (501) with a known 15-digit number, with its 551 partidas' ValorDolares.</summary>
    public static IReadOnlyList<GovernmentPedimento> DataStagePedimentos(SqliteConnection connection, SqliteTransaction? tx) =>
        Read(connection, tx,
            "SELECT pedimento, clave, operation, COALESCE(fecha_pago, fecha_recepcion) FROM ds_501 WHERE program_id = 1 AND pedimento <> ''",
            "SELECT pedimento, partida, value_usd FROM ds_551 WHERE program_id = 1 AND pedimento <> '' ORDER BY pedimento, partida");

    /// <summary>Every M3 pedimento with a known 15-digit number, with its 551 partidas' USD values.</summary>
    public static IReadOnlyList<GovernmentPedimento> M3Pedimentos(SqliteConnection connection, SqliteTransaction? tx) =>
        Read(connection, tx,
            "SELECT pedimento, clave, operation, fecha_pago FROM m3_pedimento WHERE program_id = 1 AND pedimento <> ''",
            "SELECT pedimento, partida, value_usd FROM m3_partida WHERE program_id = 1 AND pedimento <> '' ORDER BY pedimento, partida");

    private static List<GovernmentPedimento> Read(SqliteConnection connection, SqliteTransaction? tx, string heads, string partidas)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = partidas;
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
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var ped = r.GetString(0);
                result.Add(new GovernmentPedimento(
                    ped,
                    r.IsDBNull(1) ? null : r.GetString(1),
                    r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : SqlText.ParseDate(r.GetString(3)),
                    values.TryGetValue(ped, out var v) ? v : []));
            }
        }

        return result;
    }
}
