using System.Security.Cryptography;
using System.Text;
using Traza.Storage;

namespace Traza.App.Access;

/// <summary>A key just created: its record and the key itself, which exists only here and on the creator's screen.</summary>
public sealed record CreatedKey(ApiKeyRecord Record, string Secret);

/// <summary>
/// API keys (SPEC §5 <c>traza keys create</c>, §9): created, listed, revoked and checked. Only a key's SHA-256 is stored.
/// A key is <c>trz_</c> and 43 base64url characters: 256 bits from the system's cryptographic generator. A plain SHA-256
/// suffices for such a key: slow, salted hashes (PBKDF2, bcrypt) exist to make guessing a human-chosen password from its
/// hash costly, but 2^256 random keys cannot be enumerated at any hash speed, and an unsalted hash lets a request's key be
/// found by one indexed lookup instead of a slow hash per stored key.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "trz_";

    /// <summary>Creates a key of <paramref name="role"/>, of one registered client when <paramref name="client"/> is given.</summary>
    public static CreatedKey Create(ITrazaStore store, string role, string? client)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ApiRoles.IsRole(role))
        {
            throw AppException.Usage($"option --role: one of {string.Join(", ", ApiRoles.All)}, found '{role}'");
        }

        var id = client?.Trim() ?? string.Empty;
        if (client is not null && id.Length == 0)
        {
            throw AppException.Usage("option --client: a registered client, found an empty value");
        }

        if (id.Length > 0 && !store.LoadClients().Any(c => string.Equals(c.Client, id, StringComparison.Ordinal)))
        {
            throw AppException.Invalid($"option --client: a registered client (traza clients add), found '{id}'");
        }

        if (store.GetProgram() is null)
        {
            throw AppException.Invalid("the --db target holds no program: run traza init first");
        }

        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = store.Access.AddKey(Hash(secret), role, id, store.Clock.GetUtcNow(), store.Operator);
        return new CreatedKey(record, secret);
    }

    /// <summary>The key a request presents, when it is stored and not revoked; null otherwise (the API answers 401).</summary>
    public static ApiKeyRecord? Authenticate(ITrazaStore store, string? secret)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (string.IsNullOrWhiteSpace(secret) || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        return store.Access.FindKey(Hash(secret)) is { RevokedAt: null } key ? key : null;
    }

    /// <summary>Revokes key <paramref name="id"/>: exit 3 when there is no such key; a key revoked already stays as it was.</summary>
    public static bool Revoke(ITrazaStore store, long id)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.Access.Keys().Any(k => k.Id == id))
        {
            throw AppException.Invalid($"key {id}: an existing key id (traza keys list), found none");
        }

        return store.Access.RevokeKey(id, store.Clock.GetUtcNow());
    }

    /// <summary>The SHA-256 of a key's UTF-8 text, lowercase hex: what <c>api_key.key_hash</c> holds.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
