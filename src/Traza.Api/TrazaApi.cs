using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Traza.Api;

/// <summary>
/// <c>traza serve</c>'s web application (docs/api.md): minimal APIs over the App use cases, an API-key scheme, the
/// authority access log, OpenAPI at <c>/openapi/v1.json</c>, the Scalar explorer at <c>/scalar/v1</c> and the dashboard at
/// <c>/dashboard</c> (docs/dashboard.md).
/// </summary>
public static class TrazaApi
{
    /// <summary>
    /// Builds the application; <paramref name="configure"/> may adjust the builder before it is built (tests put a test
    /// server or a log capture there). <paramref name="urls"/> is where Kestrel listens.
    /// </summary>
    public static WebApplication Build(ApiSettings settings, string urls, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(TrazaApi).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxUploadBytes);
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = settings.MaxUploadBytes);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // no cookies or antiforgery tokens here
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<StorePool>();
        builder.Services.AddSingleton<Traza.App.Reports.StoredRunCache>();
        builder.Services.AddScoped<RequestStore>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization(ApiPolicies.Add);
        builder.Services.AddOpenApi();
        Dashboard.DashboardSetup.AddServices(builder.Services);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(KeepStore);
        app.Use(Problems.Map);
        app.UseAuthentication();
        app.Use(AccessLogging.Record);
        app.Use(Problems.Map);
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference();
        AccessEndpoints.Map(app);
        ReportEndpoints.Map(app);
        DrillDownEndpoints.Map(app);
        ImportEndpoints.Map(app);
        Dashboard.DashboardSetup.Map(app);
        var display = Display(settings);
        ApiLog.Serving(app.Logger, display, urls);
        return app;
    }

    /// <summary>
    /// Marks the request's store for the <see cref="StorePool"/> once a read (GET, HEAD) ended below 500 — not after an
    /// import nor after a failure, whose store is closed.
    /// </summary>
    private static async Task KeepStore(HttpContext context, RequestDelegate next)
    {
        await next(context).ConfigureAwait(false);
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.Response.StatusCode < StatusCodes.Status500InternalServerError)
        {
            context.RequestServices.GetRequiredService<RequestStore>().Reusable = true;
        }
    }

    private static string Display(ApiSettings settings)
    {
        using var store = settings.Stores.For(settings.Target).Open(settings.Target, settings.Clock);
        return store.Target; // without a PostgreSQL password
    }
}
