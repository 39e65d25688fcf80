namespace Traza.Storage;

/// <summary>The query both stores run for <see cref="IGovernmentReader.M3Rows"/> (plain SQL both dialects read alike).</summary>
public static class M3Sql
{
    /// <summary>The typed columns of the M3 pedimento heads (register 500 with its 501 and 506 payment date).</summary>
    public static readonly IReadOnlySet<string> PedimentoColumns =
        new HashSet<string>(StringComparer.Ordinal) { "tipo_movimiento", "operation", "clave", "rfc", "fecha_pago" };

    /// <summary>The typed columns of the M3 partidas (register 551).</summary>
    public static readonly IReadOnlySet<string> PartidaColumns =
        new HashSet<string>(StringComparer.Ordinal) { "fraccion", "nico", "value_usd", "qty_umc", "umc", "qty_umt", "umt", "origin" };

    /// <summary>
    /// pedimento, partida (0 at pedimento level) and the requested columns as text: register <c>500</c> reads the heads,
    /// <c>551</c> the partidas, any other register its records' raw text (one column, <c>raw</c>); pedimentos whose year is
    /// unknown ('' number) are left out. Columns and register are checked here, so no caller text reaches the SQL.
    /// </summary>
    public static string Query(string register, IReadOnlyList<string> columns, string programFilter, string textCast)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(columns);
        if (register.Length != 3 || !register.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"an M3 register of 3 digits, found '{register}'", nameof(register));
        }

        var (table, partida, allowed) = register switch
        {
            "500" => ("m3_pedimento", "0", PedimentoColumns),
            "551" => ("m3_partida", "partida", PartidaColumns),
            _ => ("m3_record", "0", (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal) { "raw" }),
        };
        foreach (var c in columns)
        {
            if (!allowed.Contains(c))
            {
                throw new ArgumentException($"M3 register {register} has no column '{c}' here", nameof(columns));
            }
        }

        var selected = string.Concat(columns.Select(c => $", {c}{textCast}"));
        var onlyRegister = table == "m3_record" ? $" AND register = '{register}'" : string.Empty;
        return $"SELECT pedimento, {partida}{selected} FROM {table} WHERE {programFilter} AND pedimento <> ''{onlyRegister} " +
            $"ORDER BY pedimento{(table == "m3_pedimento" ? string.Empty : table == "m3_record" ? ", src_line" : ", partida")}";
    }
}
