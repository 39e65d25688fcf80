using System.Globalization;
using System.Security.Claims;

namespace Traza.Api;

/// <summary>Who a request is: the key's id, role and client ('' = program-wide), as the authentication handler found them.</summary>
internal sealed record ApiCaller(long KeyId, string Role, string Client)
{
    public const string KeyIdClaim = "traza:key";
    public const string RoleClaim = "traza:role";
    public const string ClientClaim = "traza:client";

    public bool IsClientKey => Client.Length > 0;

    public static ApiCaller? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(KeyIdClaim)?.Value;
        var role = user.FindFirst(RoleClaim)?.Value;
        return id is null || role is null
            ? null
            : new ApiCaller(long.Parse(id, CultureInfo.InvariantCulture), role, user.FindFirst(ClientClaim)?.Value ?? string.Empty);
    }

    public static ApiCaller Require(ClaimsPrincipal user) =>
        Of(user) ?? throw new InvalidOperationException("an endpoint that requires a key was reached without one");
}
