using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Middleware.Server.Web.SignIn;

namespace Middleware.Server.Access;

/// <summary>Who may call what, in ASP.NET Core's pipeline (ADR 0027). Every endpoint is mapped in a
/// group that names its policy in <c>Program.cs</c>: <see cref="Anyone"/> for what the internet may
/// call (inboxes, actors, open feeds, the login, the web pages: each endpoint that needs more asks
/// for it), <see cref="Admin"/> for the admin API, <see cref="ClientToken"/> for the client API calls
/// made for a person, <see cref="WebSessionHandler.Policy"/> for pages of a signed-in person,
/// <c>web-admin</c> (<c>Web/Admin/AdminSession</c>, ADR 0030) for the admin pages. An
/// endpoint mapped outside those groups falls to the fallback policy, which lets only the admin
/// through: forgetting a policy closes an endpoint, it never opens one.</summary>
public static class AccessPolicies
{
    public const string Anyone = "anyone";
    public const string Admin = "admin";
    public const string ClientToken = "client-token";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ClientTokenHandler>(ClientTokenHandler.SchemeName, null);
        var admin = new AuthorizationPolicyBuilder(AdminTokenHandler.SchemeName).RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(Anyone, policy => policy.RequireAssertion(_ => true))
            .AddPolicy(Admin, admin)
            .AddPolicy(ClientToken, policy => policy.AddAuthenticationSchemes(ClientTokenHandler.SchemeName).RequireAuthenticatedUser())
            .SetFallbackPolicy(admin);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoutingAnswers>();
        return services;
    }
}
