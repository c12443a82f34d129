using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

public sealed class OAuthLoginTests : ClientApiFixture
{
    [Fact]
    public async Task An_app_logs_in_through_the_home_instance_and_reads_its_own_account()
    {
        var token = await LoginAsync();

        using var app = ClientWithToken(token);
        var response = await app.GetAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("alice", account.GetProperty("acct").GetString());
        Assert.Equal("public", account.GetProperty("source").GetProperty("privacy").GetString());
    }

    [Fact]
    public async Task Tokens_codes_and_upstream_secrets_are_not_stored_in_the_clear()
    {
        var token = await LoginAsync();

        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM oauth_tokens WHERE token_hash = '{token}'"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM oauth_tokens WHERE length(token_hash) = 64"));
        var upstream = (string)(await ScalarAsync("SELECT upstream_token FROM client_accounts"))!;
        Assert.DoesNotContain(MastodonStandIn.UpstreamToken, upstream);
        var secret = (string)(await ScalarAsync("SELECT client_secret FROM upstream_registrations"))!;
        Assert.DoesNotContain("upstream-secret", secret);
        // The key ring that protects them: files on SQLite, a table on PostgreSQL (shared by the nodes).
        if (TestPostgresDatabase.Selected)
            Assert.True((long)(await ScalarAsync("SELECT COUNT(*) FROM data_protection_keys"))! > 0);
        else
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(Service.DataDirectory, "keys")));
    }

    [Fact]
    public async Task The_service_registers_once_per_home_instance()
    {
        await LoginAsync();
        await LoginAsync();
        Assert.Single(Remote.PostsTo("/api/v1/apps"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM client_accounts"));
    }

    [Fact]
    public async Task A_code_is_single_use()
    {
        var (id, secret) = await RegisterAppAsync();
        var code = await AuthorizeAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(id, secret, code)).StatusCode);

        var again = await ExchangeAsync(id, secret, code);
        await AssertOAuthErrorAsync(again, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task An_expired_code_is_an_invalid_grant()
    {
        var (id, secret) = await RegisterAppAsync();
        var code = await AuthorizeAsync(id);
        await ScalarAsync("UPDATE oauth_codes SET expires_at = 0");

        await AssertOAuthErrorAsync(await ExchangeAsync(id, secret, code), HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_tokens"));
    }

    [Fact]
    public async Task A_code_for_another_app_or_redirect_is_an_invalid_grant()
    {
        var (id, secret) = await RegisterAppAsync();
        var (otherId, otherSecret) = await RegisterAppAsync("Other app");
        var code = await AuthorizeAsync(id);
        await AssertOAuthErrorAsync(await ExchangeAsync(otherId, otherSecret, code), HttpStatusCode.BadRequest, "invalid_grant");

        var second = await AuthorizeAsync(id);
        var wrongRedirect = await Client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = id, ["client_secret"] = secret,
            ["code"] = Uri.UnescapeDataString(second), ["redirect_uri"] = "https://evil.example/cb",
        }));
        await AssertOAuthErrorAsync(wrongRedirect, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_tokens"));
    }

    [Fact]
    public async Task An_unknown_client_or_wrong_secret_is_an_invalid_client()
    {
        var (id, _) = await RegisterAppAsync();
        var code = await AuthorizeAsync(id);
        await AssertOAuthErrorAsync(await ExchangeAsync("nobody", "x", code), HttpStatusCode.Unauthorized, "invalid_client");
        await AssertOAuthErrorAsync(await ExchangeAsync(id, "wrong-secret", code), HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Theory]
    [InlineData("S256")]
    [InlineData("plain")]
    public async Task Pkce_needs_the_matching_verifier(string method)
    {
        var (id, secret) = await RegisterAppAsync();
        var verifier = new string('v', 20) + Guid.NewGuid().ToString("N");
        var challenge = method == "S256"
            ? Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            : verifier;

        var code = await AuthorizeAsync(id, challenge, method);
        await AssertOAuthErrorAsync(await ExchangeAsync(id, secret, code, verifier + "x"), HttpStatusCode.BadRequest, "invalid_grant");

        var next = await AuthorizeAsync(id, challenge, method);
        await AssertOAuthErrorAsync(await ExchangeAsync(id, secret, next), HttpStatusCode.BadRequest, "invalid_grant"); // no verifier

        var last = await AuthorizeAsync(id, challenge, method);
        var ok = await ExchangeAsync(id, secret, last, verifier);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_with_401()
    {
        var (id, secret) = await RegisterAppAsync();
        var code = await AuthorizeAsync(id);
        var token = (await (await ExchangeAsync(id, secret, code)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var refused = await Client.PostAsync("/oauth/revoke", Form(("client_id", id), ("client_secret", "wrong"), ("token", token)));
        await AssertOAuthErrorAsync(refused, HttpStatusCode.Forbidden, "unauthorized_client");
        using var app = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);

        var revoke = await Client.PostAsync("/oauth/revoke", Form(("client_id", id), ("client_secret", secret), ("token", token)));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var after = await app.GetAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("The access token is invalid", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_app_token_has_no_account()
    {
        var (id, secret) = await RegisterAppAsync();
        var response = await Client.PostAsync("/oauth/token",
            Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret), ("scope", "read")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        using var app = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        using var nobody = ClientWithToken("made-up");
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }

    [Fact]
    public async Task An_unsupported_grant_type_is_refused()
    {
        var (id, secret) = await RegisterAppAsync();
        var response = await Client.PostAsync("/oauth/token",
            Form(("grant_type", "password"), ("client_id", id), ("client_secret", secret), ("username", "a"), ("password", "b")));
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    internal static FormUrlEncodedContent Form(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value));

    internal static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }
}
