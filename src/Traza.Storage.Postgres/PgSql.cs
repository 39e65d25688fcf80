using Traza.Domain.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

/// <summary>Small helpers every PostgreSQL class shares: typed parameters, nullable reads, scalar reads.</summary>
internal static class PgSql
{
    /// <summary>Adds a text parameter (typed, so a NULL still binds where PostgreSQL cannot infer the type).</summary>
    public static NpgsqlCommand Text(this NpgsqlCommand cmd, string? value)
    {
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
        return cmd;
    }

    public static NpgsqlCommand Int(this NpgsqlCommand cmd, long value)
    {
        cmd.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value });
        return cmd;
    }

    public static NpgsqlCommand Bytes(this NpgsqlCommand cmd, byte[]? value)
    {
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)value ?? DBNull.Value });
        return cmd;
    }

    public static string? TextOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static DateOnly? DateOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : CanonicalText.ParseDate(r.GetString(i));

    public static decimal Dec(this NpgsqlDataReader r, int i) => CanonicalText.ParseDecimal(r.GetString(i));

    public static decimal? DecOrNull(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : CanonicalText.ParseDecimal(r.GetString(i));

    public static int Int32(this NpgsqlDataReader r, int i) => checked((int)r.GetInt64(i));

    public static void Execute(NpgsqlConnection connection, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        cmd.ExecuteNonQuery();
    }

    public static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>A quoted identifier (table and column names come from code, never from input).</summary>
    public static string Q(string name) => "\"" + name + "\"";
}
