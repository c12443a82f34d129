using Microsoft.AspNetCore.Authentication;
using Middleware.Server.ClientApi;
using Middleware.Server.Web.Admin;
using Middleware.Server.Web.Audit;
using Middleware.Server.Web.Feeds;
using Middleware.Server.Web.Settings;
using Middleware.Server.Web.SignIn;
using Middleware.Server.Web.Votes;

namespace Middleware.Server.Web;

/// <summary>The service's web pages: Razor components rendered on the server, one layout and one
/// stylesheet, sign-in with a fediverse handle into a cookie session, antiforgery on every form, and
/// the vote page (ADR 0021).</summary>
public static class WebSetup
{
    public static IServiceCollection AddWebPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebOptions>(configuration.GetSection(WebOptions.Section));
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mw_csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Our pages send X-Frame-Options: DENY themselves; the default would be SAMEORIGIN.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, WebSessionHandler>(WebSessionHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(WebSessionHandler.Policy, policy => policy
            .AddAuthenticationSchemes(WebSessionHandler.SchemeName)
            .RequireAuthenticatedUser());

        services.AddSingleton<SiteStylesheet>();
        services.AddSingleton<PageFrames>();
        services.AddSingleton<PostHtml>();
        services.AddSingleton<ISignInCallback, WebSignInCallback>();
        services.AddSingleton<VoteBallots>();
        services.AddSingleton<FeedPreview>();
        services.AddAdminSession();
        return services;
    }

    /// <summary>Authentication (only pages that ask for a person run it) and authorization.</summary>
    public static IApplicationBuilder UseWebPages(this IApplicationBuilder app) =>
        app.UseAuthentication().UseAuthorization();

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(SiteStylesheet.Path, (HttpContext http, SiteStylesheet css) => css.Serve(http));
        app.MapGet(SiteIcon.Path, (HttpContext http) => SiteIcon.Serve(http));
        app.MapSignIn();
        app.MapVotes();
        app.MapFeedPages();
        app.MapAuditPages();
        app.MapSettingsPages();
        app.MapAdminSignIn();
        return app;
    }
}
