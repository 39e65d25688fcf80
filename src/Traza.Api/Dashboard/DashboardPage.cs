using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Traza.App;
using Traza.App.Reports;

namespace Traza.Api.Dashboard;

/// <summary>
/// What every signed-in page shares: the request, its language, the caller, the inputs read from the query, and the view
/// built from them (an expected failure — a bad date, an unknown pedimento — is shown on the page, not thrown).
/// </summary>
public abstract class DashboardPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? Http { get; set; }

    internal HttpContext Web => Http ?? throw new InvalidOperationException("the dashboard renders on the server only");

    internal Language Language { get; private set; } = Language.Spanish;

    internal ApiCaller? Caller { get; private set; }

    internal DashboardViews.Inputs? Inputs { get; private set; }

    internal DashboardView? View { get; private set; }

    internal string? Error { get; private set; }

    /// <summary>The clients a program-wide key may pick from; empty for a client's key (it sees its own only).</summary>
    internal IReadOnlyList<string> Clients { get; private set; } = [];

    /// <summary>The view this page shows (<see cref="DashboardViews.Names"/>).</summary>
    internal abstract string ViewName { get; }

    /// <summary>The pedimento of a drill-down page's route; null elsewhere.</summary>
    internal virtual string? RoutePedimento => null;

    /// <summary>The exit of the exit custody page's route; null elsewhere.</summary>
    internal virtual string? RouteExit => null;

    /// <summary>Who is signed in, for the header: the key's id, role and client.</summary>
    internal string Who => Caller is null ? string.Empty
        : T("signed-in-as", Caller.KeyId, Caller.IsClientKey ? $"{Caller.Role} · {Caller.Client}" : Caller.Role);

    [Inject]
    internal NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where to go instead of showing this page (the pedimentos search goes to the pedimento); null: show it.</summary>
    internal virtual string? RedirectTo(DashboardViews.Inputs inputs) => null;

    internal string T(string key, params object?[] args) => DashboardText.Get(Language, key, args);

    protected override void OnInitialized()
    {
        Language = DashboardLanguage.Of(Web);
        Caller = ApiCaller.Of(Web.User);
        try
        {
            if (Caller is { IsClientKey: false })
            {
                Clients = [.. Web.RequestServices.GetRequiredService<RequestStore>().Store.LoadClients().Select(c => c.Client)];
            }

            Inputs = DashboardViews.Read(Web, RoutePedimento, RouteExit);
            if (RedirectTo(Inputs) is { } target)
            {
                Navigation.NavigateTo(target);
                return;
            }

            View = DashboardViews.Build(Web, ViewName, Inputs);
            AccessLogging.SetRows(Web, View.Tables.Sum(t => (long)t.Rows.Count));
        }
        catch (AppException e)
        {
            Error = e.Message;
            Web.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
