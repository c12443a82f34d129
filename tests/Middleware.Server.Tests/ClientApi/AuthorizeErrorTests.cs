using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

public sealed class AuthorizeErrorTests : ClientApiFixture
{
    protected override void Configure(MiddlewareFactory service) =>
        service.Settings["Middleware:RequestTimeout"] = "00:00:01";

    [Fact]
    public async Task Registering_an_app_without_name_or_with_a_bad_redirect_is_refused_and_stores_nothing()
    {
        var noName = await Client.PostAsync("/api/v1/apps", OAuthLoginTests.Form(("redirect_uris", AppRedirect)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        Assert.StartsWith("Validation failed", (await noName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var badRedirect = await Client.PostAsJsonAsync("/api/v1/apps", new { client_name = "x", redirect_uris = "not a uri" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRedirect.StatusCode);
        var badScope = await Client.PostAsJsonAsync("/api/v1/apps", new { client_name = "x", redirect_uris = AppRedirect, scopes = "read everything" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badScope.StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM client_apps"));
    }

    [Fact]
    public async Task Registering_an_app_answers_the_Application_entity()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/apps",
            new { client_name = "Json app", redirect_uris = new[] { AppRedirect, "urn:ietf:wg:oauth:2.0:oob" }, scopes = "read write" });
        var app = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Json app", app.GetProperty("name").GetString());
        Assert.Equal(2, app.GetProperty("redirect_uris").GetArrayLength());
        Assert.Equal($"{AppRedirect}\nurn:ietf:wg:oauth:2.0:oob", app.GetProperty("redirect_uri").GetString());
        Assert.Equal(["read", "write"], app.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.False(string.IsNullOrEmpty(app.GetProperty("client_secret").GetString()));
    }

    [Fact]
    public async Task Authorize_refuses_an_unknown_client_a_foreign_redirect_and_a_wider_scope()
    {
        var (id, _) = await RegisterAppAsync(scopes: "read");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync($"/oauth/authorize?client_id=nobody&redirect_uri={AppRedirect}&response_type=code")).StatusCode);
        var foreign = await Client.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri=https://evil.example/&response_type=code");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("invalid_redirect_uri", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_pending_logins"));
    }

    [Theory]
    [InlineData("scope=write", "invalid_scope")]
    [InlineData("scope=read&response_type=token", "unsupported_response_type")]
    [InlineData("scope=read&code_challenge=short&code_challenge_method=S256", "invalid_request")]
    public async Task Once_the_app_and_its_redirect_are_known_errors_go_back_to_the_app_with_its_state(string query, string error)
    {
        var (id, _) = await RegisterAppAsync(scopes: "read");

        var response = await Client.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri={Uri.EscapeDataString(AppRedirect)}&state=s1&{query}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = response.Headers.Location!;
        Assert.StartsWith(AppRedirect, back.AbsoluteUri);
        Assert.Contains($"error={error}", back.Query);
        Assert.Contains("state=s1", back.Query);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_pending_logins"));
    }

    [Fact]
    public async Task A_home_instance_failing_the_code_exchange_sends_the_app_a_server_error()
    {
        var (id, _) = await RegisterAppAsync();
        using var browser = this.NewBrowser();
        var login = await LoginSteps.OpenFormAsync(browser, id);
        var callback = await LoginSteps.ApproveAtHomeAsync(await LoginSteps.PostHandleAsync(browser, login, Home.Handle));
        Remote.Route("/oauth/token", context => { context.Response.StatusCode = 500; return Task.CompletedTask; });

        var back = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(AppRedirect, back.Headers.Location!.AbsoluteUri);
        Assert.Contains("error=server_error", back.Headers.Location.Query);
        Assert.Contains("state=app-state", back.Headers.Location.Query);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_codes"));
    }

    [Fact]
    public async Task The_handle_form_escapes_what_the_app_sent()
    {
        var (id, _) = await RegisterAppAsync(name: "<script>alert(1)</script>");
        var page = await (await Client.GetAsync($"/oauth/authorize?client_id={id}&redirect_uri={AppRedirect}&scope=read")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("&lt;script&gt;", page);
        Assert.Contains("<form method=\"post\" action=\"/oauth/authorize\">", page);
    }

    [Fact]
    public async Task A_forged_or_reused_form_post_goes_nowhere()
    {
        var forged = await Client.PostAsync("/oauth/authorize", OAuthLoginTests.Form(("login", "guessed"), ("handle", Home.Handle)));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(Remote.PostsTo("/api/v1/apps"));

        var callback = await Client.GetAsync("/oauth/callback?code=x&state=guessed");
        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM client_accounts"));
    }

    [Fact]
    public async Task A_home_instance_that_is_down_gives_502_and_a_slow_one_504_in_bounded_time()
    {
        var down = await RemoteServer.StartAsync();
        var downHost = down.Host;
        await down.DisposeAsync();
        var (id, _) = await RegisterAppAsync();

        Assert.Equal(HttpStatusCode.BadGateway, (await PostHandleAsync(id, $"@alice@{downHost}")).StatusCode);

        // An instance that never answers: a 504 can only come from the request timeout (1 s) giving up on it.
        Remote.Route("/api/v1/apps", context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        var slow = await PostHandleAsync(id, Home.Handle).WaitAsync(TimeSpan.FromMinutes(1)); // a hang guard, not a bound
        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM upstream_registrations"));
    }

    [Fact]
    public async Task A_handle_that_names_no_instance_shows_the_form_again()
    {
        var (id, _) = await RegisterAppAsync();
        var response = await PostHandleAsync(id, "not a handle!");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a handle", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostHandleAsync(string clientId, string handle)
    {
        var page = await (await Client.GetAsync($"/oauth/authorize?client_id={clientId}&redirect_uri={AppRedirect}&scope=read")).Content.ReadAsStringAsync();
        var login = System.Text.RegularExpressions.Regex.Match(page, "name=\"login\" value=\"([^\"]+)\"").Groups[1].Value;
        return await Client.PostAsync("/oauth/authorize", OAuthLoginTests.Form(("login", login), ("handle", handle)));
    }
}
