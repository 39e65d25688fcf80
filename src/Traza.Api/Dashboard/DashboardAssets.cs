using Microsoft.AspNetCore.Http;

namespace Traza.Api.Dashboard;

/// <summary>The dashboard's one stylesheet, embedded in the assembly and served by the server (no CDN, no static files folder).</summary>
internal static class DashboardAssets
{
    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Traza.Api.Dashboard.site.css")
            ?? throw new InvalidOperationException("missing embedded resource Traza.Api.Dashboard.site.css");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IResult Css(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(Stylesheet.Value, "text/css; charset=utf-8");
    }
}
