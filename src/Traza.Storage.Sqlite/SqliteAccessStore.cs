using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Traza.Storage.Sqlite;

/// <summary>
/// The API's keys and access log on SQLite (migration 0034). Each write is one statement in its own implicit transaction;
/// ids are the program's max + 1, taken inside the INSERT, and a statement that met another writer's id tries again.
/// </summary>
internal sealed class SqliteAccessStore(SqliteLedgerStore store) : IAccessStore
{
    private const string KeyColumns = "id, key_hash, role, client, created_at, created_by, revoked_at";
    private const string AccessColumns = "id, key_id, role, client, at, method, path, query, status, rows";

    public ApiKeyRecord AddKey(string keyHash, string role, string client, DateTimeOffset createdAt, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(keyHash);
        using var cmd = store.CreateCommand(
            $"INSERT INTO api_key (program_id, id, key_hash, role, client, created_at, created_by, revoked_at) " +
            $"SELECT {SqliteDatabase.ProgramIdSql}, coalesce(max(id), 0) + 1, $h, $r, $c, $t, $b, NULL FROM api_key WHERE {SqliteDatabase.ProgramSql} " +
            "RETURNING id");
        cmd.Parameters.AddWithValue("$h", keyHash);
        cmd.Parameters.AddWithValue("$r", role);
        cmd.Parameters.AddWithValue("$c", client);
        cmd.Parameters.AddWithValue("$t", Text(createdAt));
        cmd.Parameters.AddWithValue("$b", createdBy);
        var id = (long)cmd.ExecuteScalar()!;
        return new ApiKeyRecord(id, keyHash, role, client, createdAt, createdBy, null);
    }

    public IReadOnlyList<ApiKeyRecord> Keys() => ReadKeys(string.Empty, null);

    public ApiKeyRecord? FindKey(string keyHash) => ReadKeys(" AND key_hash = $h", keyHash) is [var key] ? key : null;

    public bool RevokeKey(long id, DateTimeOffset at)
    {
        using var cmd = store.CreateCommand($"UPDATE api_key SET revoked_at = $t WHERE {SqliteDatabase.ProgramSql} AND id = $id AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue("$t", Text(at));
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteNonQuery() == 1;
    }

    public void LogAccess(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var cmd = store.CreateCommand(
            $"INSERT INTO api_access (program_id, {AccessColumns}) " +
            $"SELECT {SqliteDatabase.ProgramIdSql}, coalesce(max(id), 0) + 1, $k, $r, $c, $t, $m, $p, $q, $s, $n FROM api_access WHERE {SqliteDatabase.ProgramSql}");
        cmd.Parameters.AddWithValue("$k", record.KeyId);
        cmd.Parameters.AddWithValue("$r", record.Role);
        cmd.Parameters.AddWithValue("$c", record.Client);
        cmd.Parameters.AddWithValue("$t", Text(record.At));
        cmd.Parameters.AddWithValue("$m", record.Method);
        cmd.Parameters.AddWithValue("$p", record.Path);
        cmd.Parameters.AddWithValue("$q", record.Query);
        cmd.Parameters.AddWithValue("$s", (long)record.Status);
        cmd.Parameters.AddWithValue("$n", record.Rows);
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<AccessRecord> AccessLog(int? limit = null)
    {
        var sql = limit is { } n
            ? $"SELECT * FROM (SELECT {AccessColumns} FROM api_access WHERE {SqliteDatabase.ProgramSql} ORDER BY id DESC LIMIT {n.ToString(CultureInfo.InvariantCulture)}) ORDER BY id"
            : $"SELECT {AccessColumns} FROM api_access WHERE {SqliteDatabase.ProgramSql} ORDER BY id";
        using var cmd = store.CreateCommand(sql);
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
        using var cmd = store.CreateCommand($"SELECT {KeyColumns} FROM api_key WHERE {SqliteDatabase.ProgramSql}{where} ORDER BY id");
        if (hash is not null)
        {
            cmd.Parameters.AddWithValue("$h", hash);
        }

        using var reader = cmd.ExecuteReader();
        var list = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            list.Add(Key(reader));
        }

        return list;
    }

    private static ApiKeyRecord Key(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Parse(r.GetString(4)), r.GetString(5),
        r.IsDBNull(6) ? null : Parse(r.GetString(6)));

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
