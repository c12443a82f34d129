using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>What a web app reads from the browser before logging in: the well-known documents, with
/// CORS for any origin as at Mastodon, and the OAuth server metadata (RFC 8414) as Mastodon 4.3+ serves it.</summary>
public sealed class WellKnownTests : ServiceFixture
{
    private const string Origin = "https://webapp.example";

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/nodeinfo")]
    [InlineData("/.well-known/host-meta")]
    [InlineData("/.well-known/webfinger?resource=acct:instance.actor@localhost")]
    public async Task Any_origin_may_read_the_well_known_documents(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", Origin);
        var response = await Client.SendAsync(request);

        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed), $"{response.StatusCode} without CORS");
        Assert.Equal("*", Assert.Single(allowed));
    }

    [Fact]
    public async Task A_preflight_to_a_well_known_document_is_allowed()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/.well-known/oauth-authorization-server");
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var response = await Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_authorization_server_metadata_names_our_endpoints_and_what_the_token_endpoint_accepts()
    {
        var metadata = await Client.GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server");
        string[] Strings(string name) => metadata.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

        var issuer = MiddlewareFactory.PublicUrl;
        Assert.Equal(issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal($"{issuer}/oauth/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{issuer}/oauth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{issuer}/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal($"{issuer}/api/v1/apps", metadata.GetProperty("app_registration_endpoint").GetString());
        Assert.StartsWith("https://", metadata.GetProperty("service_documentation").GetString());
        Assert.Equal(["code"], Strings("response_types_supported"));
        Assert.Equal(["authorization_code", "client_credentials"], Strings("grant_types_supported"));
        Assert.Equal(["S256"], Strings("code_challenge_methods_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post", "none"], Strings("token_endpoint_auth_methods_supported"));
        Assert.Superset(new HashSet<string> { "read", "write", "follow", "push", "profile", "read:statuses", "write:accounts" },
            Strings("scopes_supported").ToHashSet());
    }
}
