using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Middleware.Server.Admin;
using Middleware.Server.ClientApi;
using Middleware.Server.Edges;

namespace Middleware.Server.Web.Admin;

/// <summary>Signing in to the admin pages with the admin token (ADR 0030): <c>GET /admin/login</c> (the
/// form, open to anyone) and <c>POST /admin/login</c> (rate-limited with the web sign-in, antiforgery
/// checked, the token compared in constant time). Signing out is in the admin pages' own group.</summary>
public static class AdminSignInEndpoints
{
    public static IEndpointRouteBuilder MapAdminSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(AdminSession.LoginPath, ShowAsync);
        app.MapPost(AdminSession.LoginPath, SignInAsync).WithSmallBody().RequireRateLimiting(RateLimitPolicies.SignIn);
        return app;
    }

    /// <summary>Ends the admin session; the form's token was made for the signed-in admin.</summary>
    public static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, PageFrames frames)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), AdminSession.Home);
        await AdminSession.SignOutAsync(http);
        return WebPage.SeeOther(AdminSession.LoginPath);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, PageFrames frames) =>
        await AdminSession.IsSignedInAsync(http) ? WebPage.SeeOther(AdminSession.Home) : Form(frames.For(http));

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, PageFrames frames, AdminToken token,
        IOptions<WebOptions> options, TimeProvider clock, ILogger<AdminToken> log, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), AdminSession.LoginPath);
        var form = await http.Request.ReadFormAsync(ct);
        var given = form["token"].ToString().Trim();
        if (given.Length == 0)
            return Form(frames.For(http), "token: paste the admin token.", StatusCodes.Status400BadRequest);
        if (!token.Is(given))
        {
            log.LogWarning("Admin sign-in with a wrong token from {Address}", ClientAddress.PartitionKey(http));
            return Form(frames.For(http), "That is not the admin token.", StatusCodes.Status401Unauthorized);
        }
        await AdminSession.SignInAsync(http, clock, options.Value.AdminSessionLifetime);
        return WebPage.SeeOther(AdminSession.Home);
    }

    private static IResult Form(PageFrame frame, string? problem = null, int status = StatusCodes.Status200OK) =>
        WebPage.Render<AdminLoginPage>(new Dictionary<string, object?>
        {
            [nameof(AdminLoginPage.Frame)] = frame, [nameof(AdminLoginPage.Problem)] = problem,
        }, status);
}
