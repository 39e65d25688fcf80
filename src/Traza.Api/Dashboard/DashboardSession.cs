using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Traza.App.Access;

namespace Traza.Api.Dashboard;

/// <summary>
/// Sign-in and the session cookie (docs/dashboard.md "Sign-in"). A browser cannot send <c>Authorization: Bearer</c>, so the
/// sign-in form takes the key once, checks it as the API does (<see cref="ApiKeys.Authenticate"/>), and sets
/// <c>traza_session</c>: HttpOnly, SameSite=Strict, path <c>/dashboard</c>, holding an encrypted ticket (ASP.NET Core data
/// protection, keys in memory) with the key's id, role, client and SHA-256 — never the key. Every request looks the hash up
/// again, so a revoked key ends its sessions at once. The key is never logged nor kept.
/// </summary>
internal static class DashboardSession
{
    private const string HashClaim = "traza:key-hash";

    public const string CookieName = "traza_session";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // loopback http by default; Secure behind https
        options.Cookie.Path = DashboardSetup.BasePath;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = DashboardSetup.BasePath + "/sign-in";
        options.AccessDeniedPath = DashboardSetup.BasePath + "/sign-in";
        options.ReturnUrlParameter = "return";
        options.Events.OnValidatePrincipal = Validate;
    }

    /// <summary>Signs <paramref name="secret"/> in; false (nothing set, the reason logged without the key) when it is not a live key.</summary>
    public static async Task<bool> SignIn(HttpContext http, string? secret)
    {
        var store = http.RequestServices.GetRequiredService<RequestStore>().Store;
        var key = ApiKeys.Authenticate(store, secret?.Trim());
        var logger = Logger(http);
        if (key is null)
        {
            DashboardLog.SignInRefused(logger);
            return false;
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ApiCaller.KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ApiCaller.RoleClaim, key.Role),
            new Claim(ApiCaller.ClientClaim, key.Client),
            new Claim(HashClaim, key.KeyHash),
        ], DashboardSetup.CookieScheme);
        await http.SignInAsync(DashboardSetup.CookieScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        DashboardLog.SignedIn(logger, key.Id, key.Role);
        return true;
    }

    /// <summary><c>POST /dashboard/sign-out</c>: drops the session cookie and goes to the sign-in page.</summary>
    public static async Task SignOut(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        await http.SignOutAsync(DashboardSetup.CookieScheme).ConfigureAwait(false);
        http.Response.Redirect(DashboardSetup.BasePath + "/sign-in");
    }

    /// <summary>A local dashboard address to return to after sign-in; the status page for anything else (no open redirect).</summary>
    public static string ReturnTo(string? url) =>
        url is { Length: > 0 } && url.StartsWith(DashboardSetup.BasePath, StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal) && !url.StartsWith(DashboardSetup.BasePath + "/sign-in", StringComparison.Ordinal)
            ? url
            : DashboardSetup.BasePath;

    private static async Task Validate(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirst(HashClaim)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<RequestStore>().Store;
        if (hash is null || store.Access.FindKey(hash) is not { RevokedAt: null })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardSetup.CookieScheme).ConfigureAwait(false);
        }
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Traza.Api.Dashboard");
}
