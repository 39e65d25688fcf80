using Microsoft.AspNetCore.Authorization;
using Traza.App.Access;

namespace Traza.Api;

/// <summary>The authorization policies (docs/api.md "Roles"): what <see cref="ApiRoles.May"/> allows, and program-wide keys only where a client's key cannot be held to its client.</summary>
internal static class ApiPolicies
{
    public const string Read = "read";
    public const string Import = "import";
    public const string AccessLog = "access-log";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allows(c, ApiPermission.Read, clientKeys: true)));
        // An upload carries its own client column: a client's key could not be held to its client, so imports take a
        // program-wide key; so does the access log, which lists every client's reads.
        options.AddPolicy(Import, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allows(c, ApiPermission.Import, clientKeys: false)));
        options.AddPolicy(AccessLog, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allows(c, ApiPermission.ReadAccessLog, clientKeys: false)));
    }

    private static bool Allows(AuthorizationHandlerContext context, ApiPermission permission, bool clientKeys) =>
        ApiCaller.Of(context.User) is { } caller && ApiRoles.May(caller.Role, permission) && (clientKeys || !caller.IsClientKey);
}
