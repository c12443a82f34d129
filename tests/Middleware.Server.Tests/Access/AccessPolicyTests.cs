using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Middleware.Server.Access;
using Middleware.Server.Tests.Infrastructure;
using Middleware.Server.Web.Admin;
using Middleware.Server.Web.SignIn;

namespace Middleware.Server.Tests.Access;

/// <summary>Every endpoint says who may call it, and one that does not is closed to all but the admin.</summary>
public sealed class AccessPolicyTests : ServiceFixture
{
    private static readonly string[] Policies = [AccessPolicies.Anyone, AccessPolicies.Admin, AccessPolicies.ClientToken, WebSessionHandler.Policy, AdminSession.Policy];

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        _ = Client; // the host is built
        return Service.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
    }

    [Fact]
    public void Every_endpoint_is_mapped_under_a_named_policy()
    {
        var endpoints = Endpoints();

        Assert.NotEmpty(endpoints);
        var unnamed = endpoints
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => Policies.Contains(a.Policy)))
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(unnamed);
    }

    [Fact]
    public void The_admin_api_and_nothing_else_needs_the_admin_token()
    {
        var adminOnly = Endpoints()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == AccessPolicies.Admin))
            .Select(e => e.RoutePattern.RawText!).ToList();

        Assert.NotEmpty(adminOnly);
        Assert.All(adminOnly, pattern => Assert.StartsWith("/api/admin", pattern));
    }

    [Fact]
    public async Task The_fallback_lets_only_the_admin_through()
    {
        var fallback = await Service.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        Assert.Equal([AdminTokenHandler.SchemeName], fallback.AuthenticationSchemes);
        Assert.Contains(fallback.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }

    [Fact]
    public async Task What_matches_no_endpoint_is_routing_s_404_or_405_not_a_request_for_the_admin_token()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/no/such/page.png")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Client.PostAsync(Middleware.Server.Web.SiteStylesheet.Path, null)).StatusCode);
    }

    [Theory]
    [InlineData(null, "/api/admin/stats")]
    [InlineData("Bearer not-the-token", "/api/admin/stats")]
    [InlineData("Basic dGVzdA==", "/api/admin/stats")]
    [InlineData(null, "/api/admin/stats/queues")]
    [InlineData("Bearer not-the-token", "/api/admin/stats/queues")]
    public async Task The_admin_api_refuses_anything_but_the_admin_token(string? authorization, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("A valid admin bearer token is required.",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_person_endpoint_refuses_a_missing_or_unknown_token_as_Mastodon_does()
    {
        foreach (var path in new[] { "/api/v1/timelines/home", "/api/v1/lists", "/api/v1/notifications" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer nope");
            var response = await Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("The access token is invalid",
                JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        // The admin token is not a client token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Admin.GetAsync("/api/v1/timelines/home")).StatusCode);
    }
}
