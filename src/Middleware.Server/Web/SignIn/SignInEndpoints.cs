using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Accounts;
using Middleware.Server.ClientApi;
using Middleware.Server.Configuration;
using Middleware.Server.Edges;

namespace Middleware.Server.Web.SignIn;

/// <summary>The web sign-in: <c>GET /login?return=</c> (the handle form), <c>POST /login</c> (off to
/// the home instance, asking for <c>read</c> only), and <c>POST /logout</c>. The way back is the
/// client API's <c>/oauth/callback</c> (<see cref="WebSignInCallback"/>).</summary>
public static class SignInEndpoints
{
    /// <summary>The scope asked of the home instance: enough to learn who the person is.</summary>
    public const string Scope = "read";

    public static string SignInPath(string returnPath) => $"/login?return={Uri.EscapeDataString(returnPath)}";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", ShowAsync);
        app.MapPost("/login", StartAsync).WithSmallBody().RequireRateLimiting(RateLimitPolicies.SignIn);
        app.MapPost("/logout", SignOutAsync).WithSmallBody();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, [FromQuery(Name = "return")] string? returnTo, PageFrames frames)
    {
        await AuthenticateAsync(http);
        var frame = frames.For(http);
        if (Target(returnTo) is not { } target)
            return BadReturn(frame);
        // Already signed in: nothing to ask.
        return frame.Person is not null ? Results.LocalRedirect(target) : Form(frame, target);
    }

    /// <summary>Checks the form, registers the service at the home instance if needed, remembers the
    /// sign-in bound to this browser and sends the browser there. Why an instance could not be used is
    /// logged, not shown (the reason may name internal addresses).</summary>
    private static async Task<IResult> StartAsync(HttpContext http, PageFrames frames, IAntiforgery antiforgery,
        HomeInstanceLogin homeLogin, IWebSessionStore sessions, LocalUrls urls, IOptions<MiddlewareOptions> middleware,
        IOptions<WebOptions> options, ILoggerFactory logs, TimeProvider clock, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Messages.FormRefused(frames.For(http), "/login");
        var form = await http.Request.ReadFormAsync(ct);
        var frame = frames.For(http);
        if (Target(form["return"]) is not { } target)
            return BadReturn(frame);
        string? handle = form["handle"];
        if (AccountHandle.InstanceHost(handle) is not { } host)
            return Form(frame, target, handle, "That is not a handle: type it as @you@your.instance.", StatusCodes.Status400BadRequest);

        var unreachable = $"Could not reach your instance {host}. Check your handle, or try again later.";
        var log = logs.CreateLogger(typeof(SignInEndpoints).FullName!);
        if (AccountHandle.Refusal(host, new Uri(urls.Base), middleware.Value.AllowPrivateNetworks) is { } refusal)
        {
            log.LogInformation("Web sign-in refused at {Host}: {Reason}", host, refusal);
            return Form(frame, target, handle, unreachable, StatusCodes.Status400BadRequest);
        }
        var state = WebSignInCallback.StatePrefix + OAuthSecrets.NewSecret();
        Uri authorize;
        try
        {
            authorize = await homeLogin.AuthorizeUriAsync(host, Scope, state, ct);
        }
        catch (UpstreamException e)
        {
            log.LogInformation("Web sign-in could not use {Host}: {Reason}", host, e.Message);
            return Form(frame, target, handle, unreachable, e.Status);
        }
        var lifetime = options.Value.SignInLifetime;
        var binding = LoginBinding.Bind(http, lifetime, SessionCookie.BindingCookieName, "/");
        await sessions.AddSignInAsync(new PendingWebSignIn(state, target, host, binding, clock.GetUtcNow() + lifetime), ct);
        return Results.Redirect(authorize.AbsoluteUri);
    }

    /// <summary>Ends the session (when there is one) and forgets the cookie.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, PageFrames frames, IAntiforgery antiforgery,
        IWebSessionStore sessions, CancellationToken ct)
    {
        // The form's token was made for the signed-in person, so it is checked as them. Without a
        // session (it expired meanwhile) there is nothing to end, and nothing a forged post could do.
        await AuthenticateAsync(http);
        if (WebPerson.From(http.User) is not null)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Messages.FormRefused(frames.For(http), ReturnPath.Home);
            await sessions.DeleteSessionAsync(OAuthSecrets.Hash(SessionCookie.Read(http.Request)!), ct);
        }
        SessionCookie.Clear(http);
        http.User = new System.Security.Claims.ClaimsPrincipal();
        var form = await http.Request.ReadFormAsync(ct);
        var target = Target(form["return"]) ?? ReturnPath.Home;
        return Messages.Show(frames.For(http), StatusCodes.Status200OK, "Signed out",
            "You are signed out on this browser.", SignInPath(target), "Sign in again");
    }

    private static async Task AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(WebSessionHandler.SchemeName);
        if (result.Succeeded)
            http.User = result.Principal;
    }

    /// <summary>The page to return to: home when none is given, null when the one given is not ours.</summary>
    private static string? Target(string? returnTo) => string.IsNullOrEmpty(returnTo) ? ReturnPath.Home : ReturnPath.Local(returnTo);

    private static IResult BadReturn(PageFrame frame) =>
        Messages.Show(frame, StatusCodes.Status400BadRequest, "Sign-in refused",
            "The page to return to after signing in is not a page of this site.", ReturnPath.Home, "Go to the start page");

    private static IResult Form(PageFrame frame, string target, string? handle = null, string? problem = null, int status = StatusCodes.Status200OK) =>
        WebPage.Render<SignInPage>(new Dictionary<string, object?>
        {
            [nameof(SignInPage.Frame)] = frame,
            [nameof(SignInPage.ReturnTo)] = target,
            [nameof(SignInPage.Handle)] = handle,
            [nameof(SignInPage.Problem)] = problem,
        }, status, WebPage.SignInContentSecurityPolicy);
}
