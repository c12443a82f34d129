using Middleware.Server.ClientApi;

namespace Middleware.Server.Web.Admin;

/// <summary>The admin pages under <c>/admin</c>, for the <c>web-admin</c> group of <c>Program.cs</c>:
/// the same stores and checks as the JSON admin API, shown as server-rendered pages whose forms carry
/// antiforgery tokens and work without JavaScript.</summary>
public static class AdminPages
{
    public static IEndpointRouteBuilder MapAdminPages(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(AdminSession.Home);
        admin.MapGet("", () => WebPage.SeeOther(AdminSourcePages.Path));
        admin.MapPost("/logout", AdminSignInEndpoints.SignOutAsync).WithSmallBody();
        admin.MapGet("/recipe-preview.js", RecipePreviewScript.Serve);
        admin.MapAdminSources();
        admin.MapAdminFeeds();
        admin.MapAdminModels();
        return app;
    }

    /// <summary>A page of the admin layout with its parameters.</summary>
    public static IResult Render<TPage>(PageFrame frame, Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK,
        string contentSecurityPolicy = WebPage.ContentSecurityPolicy)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        parameters["Frame"] = frame;
        return WebPage.Render<TPage>(parameters, status, contentSecurityPolicy);
    }
}
