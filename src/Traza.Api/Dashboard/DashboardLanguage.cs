using Microsoft.AspNetCore.Http;
using Traza.App.Reports;

namespace Traza.Api.Dashboard;

/// <summary>
/// The dashboard's language (docs/dashboard.md "Language"): the <c>traza_lang</c> cookie the switch sets (<c>es</c> or
/// <c>en</c>); without it, the first of the browser's <c>Accept-Language</c> choices (by quality) that is Spanish or English;
/// without either, Spanish — the language of the people who answer to the SAT for an IMMEX program.
/// </summary>
internal static class DashboardLanguage
{
    public const string CookieName = "traza_lang";

    public static Language Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Languages.TryParse(http.Request.Cookies[CookieName], out var chosen))
        {
            return chosen;
        }

        if (Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(http.Request.Headers.AcceptLanguage, out var list))
        {
            foreach (var choice in list.OrderByDescending(c => c.Quality ?? 1))
            {
                var tag = choice.Value.Value ?? string.Empty;
                var primary = tag.Split('-')[0];
                if (Languages.TryParse(primary, out var language))
                {
                    return language;
                }
            }
        }

        return Language.Spanish;
    }

    /// <summary><c>GET /dashboard/language?lang=es|en&amp;return=PATH</c>: keeps the choice a year and goes back to the page.</summary>
    public static IResult Switch(HttpContext http, string? lang, string? @return)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Languages.TryParse(lang, out var language))
        {
            http.Response.Cookies.Append(CookieName, language.Code(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = DashboardSetup.BasePath,
                MaxAge = TimeSpan.FromDays(365),
                Secure = http.Request.IsHttps,
            });
        }

        return TypedResults.Redirect(@return is { Length: > 0 } && @return.StartsWith(DashboardSetup.BasePath + "/sign-in", StringComparison.Ordinal)
            ? @return
            : DashboardSession.ReturnTo(@return));
    }
}
