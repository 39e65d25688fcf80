using System.Globalization;
using Npgsql;

namespace Traza.Storage.Postgres;

/// <summary>
/// The API's keys and access log on PostgreSQL (migration 0034), as <c>SqliteAccessStore</c>: one statement per write, ids
/// the program's max + 1 taken inside the INSERT. Two servers logging at once may take the same id: the statement then
/// inserts nothing (ON CONFLICT DO NOTHING) and is run again.
/// </summary>
internal sealed class PostgresAccessStore(PostgresStore store) : IAccessStore
{
    private const string KeyColumns = "id, key_hash, role, client, created_at, created_by, revoked_at";
    private const string AccessColumns = "id, key_id, role, client, at, method, path, query, status, rows";
    private const int Attempts = 20;

    public ApiKeyRecord AddKey(string keyHash, string role, string client, DateTimeOffset createdAt, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var cmd = store.Command(
                $"INSERT INTO api_key (program_id, id, key_hash, role, client, created_at, created_by, revoked_at) " +
                $"SELECT {store.Program}, coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, NULL FROM api_key WHERE {store.ProgramFilter} " +
                "ON CONFLICT (program_id, id) DO NOTHING RETURNING id");
            cmd.Parameters.AddWithValue(keyHash);
            cmd.Parameters.AddWithValue(role);
            cmd.Parameters.AddWithValue(client);
            cmd.Parameters.AddWithValue(Text(createdAt));
            cmd.Parameters.AddWithValue(createdBy);
            if (cmd.ExecuteScalar() is long id)
            {
                return new ApiKeyRecord(id, keyHash, role, client, createdAt, createdBy, null);
            }
        }

        throw new InvalidOperationException("api_key: no free id after repeated attempts");
    }

    public IReadOnlyList<ApiKeyRecord> Keys() => ReadKeys(string.Empty, null);

    public ApiKeyRecord? FindKey(string keyHash) => ReadKeys(" AND key_hash = $1", keyHash) is [var key] ? key : null;

    public bool RevokeKey(long id, DateTimeOffset at)
    {
        using var cmd = store.Command($"UPDATE api_key SET revoked_at = $1 WHERE {store.ProgramFilter} AND id = $2 AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue(Text(at));
        cmd.Parameters.AddWithValue(id);
        return cmd.ExecuteNonQuery() == 1;
    }

    public void LogAccess(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var cmd = store.Command(
                $"INSERT INTO api_access (program_id, {AccessColumns}) " +
                $"SELECT {store.Program}, coalesce(max(id), 0) + 1, $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM api_access WHERE {store.ProgramFilter} " +
                "ON CONFLICT (program_id, id) DO NOTHING");
            cmd.Parameters.AddWithValue(record.KeyId);
            cmd.Parameters.AddWithValue(record.Role);
            cmd.Parameters.AddWithValue(record.Client);
            cmd.Parameters.AddWithValue(Text(record.At));
            cmd.Parameters.AddWithValue(record.Method);
            cmd.Parameters.AddWithValue(record.Path);
            cmd.Parameters.AddWithValue(record.Query);
            cmd.Parameters.AddWithValue((long)record.Status);
            cmd.Parameters.AddWithValue(record.Rows);
            if (cmd.ExecuteNonQuery() == 1)
            {
                return;
            }
        }

        throw new InvalidOperationException("api_access: no free id after repeated attempts");
    }

    public IReadOnlyList<AccessRecord> AccessLog(int? limit = null)
    {
        var sql = limit is { } n
            ? $"SELECT * FROM (SELECT {AccessColumns} FROM api_access WHERE {store.ProgramFilter} ORDER BY id DESC LIMIT {n.ToString(CultureInfo.InvariantCulture)}) last ORDER BY id"
            : $"SELECT {AccessColumns} FROM api_access WHERE {store.ProgramFilter} ORDER BY id";
        using var cmd = store.Command(sql);
        using var reader = cmd.ExecuteReader();
        var list = new List<AccessRecord>();
        while (reader.Read())
        {
            list.Add(new AccessRecord(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), Parse(reader.GetString(4)),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), checked((int)reader.GetInt64(8)), reader.GetInt64(9)));
        }

        return list;
    }

    private List<ApiKeyRecord> ReadKeys(string where, string? hash)
    {
        using var cmd = store.Command($"SELECT {KeyColumns} FROM api_key WHERE {store.ProgramFilter}{where} ORDER BY id");
        if (hash is not null)
        {
            cmd.Parameters.AddWithValue(hash);
        }

        using var reader = cmd.ExecuteReader();
        var list = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            list.Add(Key(reader));
        }

        return list;
    }

    private static ApiKeyRecord Key(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Parse(r.GetString(4)), r.GetString(5),
        r.IsDBNull(6) ? null : Parse(r.GetString(6)));

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
