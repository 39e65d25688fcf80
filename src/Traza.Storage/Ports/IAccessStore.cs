namespace Traza.Storage;

/// <summary>
/// One API key as stored (migration 0034): never the key itself, only its SHA-256 (<paramref name="KeyHash"/>, lowercase
/// hex). <paramref name="Client"/> is <c>''</c> for a program-wide key.
/// </summary>
public sealed record ApiKeyRecord(
    long Id, string KeyHash, string Role, string Client, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>One logged API request (migration 0034, <c>api_access</c>): who, when, what was asked and how many rows it got.</summary>
public sealed record AccessRecord(
    long Id, long KeyId, string Role, string Client, DateTimeOffset At, string Method, string Path, string Query, int Status, long Rows);

/// <summary>
/// The API's keys and its access log (docs/api.md). Not part of the ledger: nothing here is digested or chained, and no
/// call opens a batch. Each write is its own short transaction.
/// </summary>
public interface IAccessStore
{
    /// <summary>Stores a new key (its hash only) and returns it with its id (the next one of the program).</summary>
    ApiKeyRecord AddKey(string keyHash, string role, string client, DateTimeOffset createdAt, string createdBy);

    /// <summary>Every key, in id order (revoked ones included).</summary>
    IReadOnlyList<ApiKeyRecord> Keys();

    /// <summary>The key with this hash, revoked or not; null when none.</summary>
    ApiKeyRecord? FindKey(string keyHash);

    /// <summary>Marks key <paramref name="id"/> revoked at <paramref name="at"/>; false when no such key or already revoked.</summary>
    bool RevokeKey(long id, DateTimeOffset at);

    /// <summary>Appends one access record (its id is assigned here; <see cref="AccessRecord.Id"/> is ignored).</summary>
    void LogAccess(AccessRecord record);

    /// <summary>The access log in id order, the last <paramref name="limit"/> records when given.</summary>
    IReadOnlyList<AccessRecord> AccessLog(int? limit = null);
}
