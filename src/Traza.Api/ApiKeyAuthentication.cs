using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Traza.App.Access;

namespace Traza.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> (SPEC §6, §9; docs/api.md): the key's SHA-256 is looked up among the stored keys
/// (<see cref="ApiKeys.Authenticate"/>); a missing, unknown or revoked key is a 401, a role that may not a 403. The key
/// itself is never logged nor kept beyond this call.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RequestStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TrazaKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            ApiLog.KeyRefused(Logger, "not a Bearer credential");
            return Task.FromResult(AuthenticateResult.Fail("not a Bearer credential"));
        }

        var key = ApiKeys.Authenticate(store.Store, header["Bearer ".Length..].Trim());
        if (key is null)
        {
            ApiLog.KeyRefused(Logger, "unknown or revoked key");
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked key"));
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ApiCaller.KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ApiCaller.RoleClaim, key.Role),
            new Claim(ApiCaller.ClientClaim, key.Client),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(Context, StatusCodes.Status401Unauthorized, "unauthorized",
            "a valid API key is required: Authorization: Bearer <key> (traza keys create)");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var caller = ApiCaller.Of(Context.User);
        return Problems.Write(Context, StatusCodes.Status403Forbidden, "forbidden",
            $"a key of role {caller?.Role}{(caller is { IsClientKey: true } ? " for client " + caller.Client : string.Empty)} may not do this");
    }
}
