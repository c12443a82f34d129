using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>Apps that cannot keep a secret: PKCE S256 only, well-formed verifiers and challenges
/// (review M1), revoking their own tokens (M9); secrets only in the body (L13).</summary>
public sealed class PublicClientTests : ClientApiFixture
{
    private static readonly string Verifier = new string('v', 20) + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_public_client_logs_in_with_S256_but_not_with_plain()
    {
        var (id, secret) = await RegisterAppAsync();
        var code = await AuthorizeAsync(id, S256(Verifier), "S256");
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(id, null, code, Verifier)).StatusCode);

        var plain = await AuthorizeAsync(id, Verifier, "plain");
        await OAuthLoginTests.AssertOAuthErrorAsync(await ExchangeAsync(id, null, plain, Verifier), HttpStatusCode.BadRequest, "invalid_grant");
        var withSecret = await AuthorizeAsync(id, Verifier, "plain");
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(id, secret, withSecret, Verifier)).StatusCode);
    }

    [Fact]
    public async Task A_verifier_outside_the_RFC_7636_alphabet_is_refused()
    {
        var (id, secret) = await RegisterAppAsync();
        var bad = Verifier + " +/!";
        var code = await AuthorizeAsync(id, S256(bad), "S256");
        await OAuthLoginTests.AssertOAuthErrorAsync(await ExchangeAsync(id, secret, code, bad), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData("S256", "short")]
    [InlineData("S256", "a-challenge-of-fifty-characters-which-is-not-S256xx")]
    [InlineData("S256", "abcdefghijklmnopqrstuvwxyz0123456789+/ABCDE")]
    [InlineData("plain", "a plain challenge with spaces that is long enough to pass")]
    public async Task A_malformed_challenge_is_refused_at_authorize(string method, string challenge)
    {
        var (id, _) = await RegisterAppAsync();
        var page = await Client.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri={Uri.EscapeDataString(AppRedirect)}&scope=read" +
            $"&code_challenge={Uri.EscapeDataString(challenge)}&code_challenge_method={method}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode); // back to the app, whose redirect URI is known
        Assert.Contains("error=invalid_request", page.Headers.Location!.Query);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_pending_logins"));
    }

    [Fact]
    public async Task A_public_client_revokes_its_own_token_without_a_secret()
    {
        var (id, _) = await RegisterAppAsync();
        var (otherId, _) = await RegisterAppAsync("Other app");
        var token = await TokenAsync(await ExchangeAsync(id, null, await AuthorizeAsync(id, S256(Verifier), "S256"), Verifier));
        using var app = ClientWithToken(token);

        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/oauth/revoke", OAuthLoginTests.Form(("client_id", otherId), ("token", token)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode); // not the other app's to revoke

        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("/oauth/revoke", OAuthLoginTests.Form(("client_id", id), ("token", token)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }

    [Fact]
    public async Task Parameters_in_the_query_string_are_ignored_at_token_and_revoke()
    {
        var (id, secret) = await RegisterAppAsync();
        var code = Uri.UnescapeDataString(await AuthorizeAsync(id));
        var inQuery = await Client.PostAsync($"/oauth/token?client_secret={secret}",
            OAuthLoginTests.Form(("grant_type", "authorization_code"), ("client_id", id), ("code", code), ("redirect_uri", AppRedirect)));
        await OAuthLoginTests.AssertOAuthErrorAsync(inQuery, HttpStatusCode.Unauthorized, "invalid_client");

        var token = await TokenAsync(await ExchangeAsync(id, secret, await AuthorizeAsync(id)));
        await Client.PostAsync($"/oauth/revoke?token={token}", OAuthLoginTests.Form(("client_id", id), ("client_secret", secret)));
        using var app = ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }

    private static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task<string> TokenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
