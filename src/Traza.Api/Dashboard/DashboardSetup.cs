using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Traza.App.Access;

namespace Traza.Api.Dashboard;

/// <summary>
/// The dashboard (issue 16 item 4; docs/dashboard.md): server-rendered Razor components (Blazor static SSR, no
/// interactivity, no script) under <c>/dashboard</c>, signed in with an API key that becomes an HttpOnly, SameSite=Strict
/// session cookie. <see cref="AddServices"/> before the app is built, <see cref="Map"/> after the API's endpoints.
/// </summary>
public static class DashboardSetup
{
    /// <summary>The session cookie's scheme.</summary>
    public const string CookieScheme = "TrazaDashboard";

    /// <summary>The default scheme: the cookie under <c>/dashboard</c>, the Bearer key everywhere else.</summary>
    private const string SelectorScheme = "TrazaSelect";

    /// <summary>The policy of every dashboard page and download: a signed-in key whose role may read.</summary>
    public const string Policy = "dashboard";

    public const string BasePath = "/dashboard";

    public static void AddServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Keys live in memory: a session ends when the server stops, and nothing is written to the user's profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "traza_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(o =>
            {
                // The API's Bearer scheme stays what /api sees; the selector only hands /dashboard to the cookie, so the
                // access log (AccessLogging) knows the caller of a dashboard page as it knows an API caller's.
                o.DefaultScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
            })
            // Routing matches paths without case (/DASHBOARD/pedimentos is the pedimentos page), so the selector must too: an
            // ordinal test sent /Dashboard/… to the Bearer scheme, and the page's own policy then read the cookie after the
            // access log had found no caller — an authority's read went unrecorded.
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase) ? CookieScheme : ApiKeyAuthentication.SchemeName)
            .AddCookie(CookieScheme, DashboardSession.Configure);
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => ApiCaller.Of(c.User) is { } caller && ApiRoles.May(caller.Role, ApiPermission.Read))));
    }

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapGet(BasePath + "/site.css", DashboardAssets.Css).ExcludeFromDescription().AllowAnonymous();
        app.MapGet(BasePath + "/language", DashboardLanguage.Switch).ExcludeFromDescription().AllowAnonymous();
        app.MapPost(BasePath + "/sign-out", DashboardSession.SignOut).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        app.MapGet(BasePath + "/download/{view}", DashboardDownload.Get).ExcludeFromDescription().RequireAuthorization(Policy);
        app.MapRazorComponents<DashboardApp>();
    }
}
