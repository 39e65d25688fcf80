using Npgsql;
using NpgsqlTypes;

namespace Traza.Storage.Postgres;

/// <summary>
/// Array parameters, so that one statement reads or writes a set of rows (<c>unnest($1::text[], $2::bigint[])</c>) where a
/// statement per row would cost a round trip each: what SQLite does in process, PostgreSQL does in one statement.
/// </summary>
internal static class PgArrays
{
    /// <summary>Adds a <c>text[]</c> parameter.</summary>
    public static NpgsqlCommand TextArray(this NpgsqlCommand cmd, string[] values)
    {
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values });
        return cmd;
    }

    /// <summary>Adds a <c>bigint[]</c> parameter.</summary>
    public static NpgsqlCommand IntArray(this NpgsqlCommand cmd, long[] values)
    {
        cmd.Parameters.Add(new NpgsqlParameter<long[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, TypedValue = values });
        return cmd;
    }

    /// <summary>Adds the clients and the parts of <paramref name="keys"/> as two <c>text[]</c> parameters, in the keys' order.</summary>
    public static NpgsqlCommand PoolKeys(this NpgsqlCommand cmd, IReadOnlyCollection<(string Client, string Part)> keys)
    {
        var clients = new string[keys.Count];
        var parts = new string[keys.Count];
        var i = 0;
        foreach (var (client, part) in keys)
        {
            (clients[i], parts[i]) = (client, part);
            i++;
        }

        return cmd.TextArray(clients).TextArray(parts);
    }
}
