using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>Each of our tokens reaches the home instance with the upstream token of its own login,
/// our own endpoints check its scopes, and revoking it revokes that upstream token too.</summary>
public sealed class UpstreamGrantTests : ClientApiFixture
{
    private async Task<string> LoginAsync(string scopes)
    {
        var (id, secret) = await RegisterAppAsync($"App {scopes}", "read write follow");
        var response = await ExchangeAsync(id, secret, await AuthorizeAsync(id, scope: scopes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private async Task<string?> UpstreamTokenOfAsync(string token)
    {
        using var app = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        return MastodonStandIn.TokenOf(Remote.Received.Last(r => r.Path == "/api/v1/accounts/verify_credentials"));
    }

    [Fact]
    public async Task Two_apps_of_one_person_each_reach_the_home_instance_with_their_own_upstream_token()
    {
        var reader = await LoginAsync("read");
        var writer = await LoginAsync("read write");

        var readerUpstream = await UpstreamTokenOfAsync(reader);
        var writerUpstream = await UpstreamTokenOfAsync(writer);

        Assert.NotEqual(readerUpstream, writerUpstream);
        Assert.Equal("read", MastodonStandIn.ScopesOf(readerUpstream!));
        Assert.Equal("read write", MastodonStandIn.ScopesOf(writerUpstream!));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM client_accounts"));
    }

    [Fact]
    public async Task A_later_login_does_not_change_what_an_earlier_token_carries()
    {
        var first = await LoginAsync("read write");
        var before = await UpstreamTokenOfAsync(first);

        await LoginAsync("read");

        Assert.Equal(before, await UpstreamTokenOfAsync(first));
        Assert.Equal("read write", MastodonStandIn.ScopesOf(before!));
    }

    [Fact]
    public async Task A_read_only_token_may_read_but_not_change_the_ranking_preference()
    {
        StandInTimeline.Serve(Home, []);
        using var app = ClientWithToken(await LoginAsync("read"));

        var put = await app.PutAsync("/api/v1/preferences/ranking",
            new StringContent("""{"recordInteractions":true}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("This action is outside the authorized scopes", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(0L, await ScalarAsync("SELECT record_interactions FROM client_accounts"));
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/preferences/ranking")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }

    [Theory]
    [InlineData("write:accounts", "/api/v1/timelines/home")]
    [InlineData("write:accounts", "/api/v1/preferences/ranking")]
    [InlineData("read:statuses", "/api/v1/accounts/verify_credentials")]
    public async Task A_token_without_the_read_scope_an_endpoint_needs_gets_403(string scope, string path)
    {
        StandInTimeline.Serve(Home, []);
        using var app = ClientWithToken(await LoginAsync(scope));

        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_write_accounts_token_may_change_the_ranking_preference()
    {
        using var app = ClientWithToken(await LoginAsync("write:accounts"));
        var put = await app.PutAsync("/api/v1/preferences/ranking",
            new StringContent("""{"recordInteractions":true}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task Revoking_our_token_revokes_its_upstream_token_at_the_home_instance()
    {
        var (id, secret) = await RegisterAppAsync();
        var token = (await (await ExchangeAsync(id, secret, await AuthorizeAsync(id))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("access_token").GetString()!;
        var upstream = await UpstreamTokenOfAsync(token);

        var revoke = await Client.PostAsync("/oauth/revoke", OAuthLoginTests.Form(("client_id", id), ("client_secret", secret), ("token", token)));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var upstreamRevoke = Assert.Single(Remote.PostsTo("/oauth/revoke"));
        Assert.Contains($"token={upstream}", upstreamRevoke.Body);
        Assert.Contains("client_id=upstream-client", upstreamRevoke.Body);
        Assert.Null(MastodonStandIn.ScopesOf(upstream!));
        using var app = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_tokens WHERE upstream_token IS NOT NULL"));
    }

    [Fact]
    public async Task A_revoke_still_answers_200_when_the_home_instance_fails()
    {
        Remote.ServeStatus("/oauth/revoke", 500);
        var (id, secret) = await RegisterAppAsync();
        var token = (await (await ExchangeAsync(id, secret, await AuthorizeAsync(id))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("access_token").GetString()!;

        var revoke = await Client.PostAsync("/oauth/revoke", OAuthLoginTests.Form(("client_id", id), ("client_secret", secret), ("token", token)));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Single(Remote.PostsTo("/oauth/revoke"));
    }

    [Fact]
    public async Task A_token_from_before_the_migration_uses_the_accounts_upstream_token()
    {
        var old = await LoginAsync("read");
        await ScalarAsync("UPDATE oauth_tokens SET upstream_token = NULL");
        await LoginAsync("read write"); // the account now holds this newer login's token

        var upstream = await UpstreamTokenOfAsync(old);

        Assert.Equal("read write", MastodonStandIn.ScopesOf(upstream!));
    }
}
