using System.Net;
using Microsoft.AspNetCore.Http;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>Whose token a login gives must be clear and belong to the instance that gave it
/// (review M6, H3); the instances a handle may name (M7).</summary>
public sealed class LoginIdentityTests : ClientApiFixture
{
    [Fact]
    public async Task A_numeric_account_id_is_kept_as_its_digits()
    {
        AnswerVerifyCredentials(new { id = 123, acct = "alice", uri = $"{Remote.BaseUrl}/users/alice" });
        await LoginAsync();
        Assert.Equal("123", await ScalarAsync("SELECT upstream_id FROM client_accounts"));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public async Task A_login_without_a_usable_account_id_stores_nothing(string id)
    {
        Remote.Route("/api/v1/accounts/verify_credentials", context =>
            MastodonStandIn.Authorized(context, () => WriteJson(context, $"{{\"id\":{id},\"acct\":\"alice\",\"uri\":\"{Remote.BaseUrl}/users/alice\"}}")));
        await AssertLoginRefusedAsync();
    }

    [Theory]
    [InlineData("https://other.example/users/alice")]
    [InlineData("http://127.0.0.1:1/users/alice")]
    [InlineData("not a uri")]
    public async Task A_login_for_an_actor_on_another_server_stores_nothing(string actor)
    {
        AnswerVerifyCredentials(new { id = "109", acct = "alice", uri = actor, url = actor });
        await AssertLoginRefusedAsync();
    }

    [Fact]
    public async Task A_handle_on_the_service_itself_is_refused_with_a_generic_message()
    {
        var (id, _) = await RegisterAppAsync();
        var state = await LoginSteps.OpenFormAsync(Client, id);
        var answer = await LoginSteps.PostHandleAsync(Client, state, "@alice@localhost");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Could not reach your instance", await answer.Content.ReadAsStringAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM upstream_registrations"));
    }

    private async Task AssertLoginRefusedAsync()
    {
        var (id, _) = await RegisterAppAsync();
        var state = await LoginSteps.OpenFormAsync(Client, id);
        var callback = await LoginSteps.ApproveAtHomeAsync(await LoginSteps.PostHandleAsync(Client, state, Home.Handle));
        var answer = await Client.GetAsync(callback);

        // The login is spent: the app is told (RFC 6749 §4.1.2.1), nothing is stored.
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Contains("error=server_error", answer.Headers.Location!.Query);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM client_accounts"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM oauth_codes"));
    }

    private void AnswerVerifyCredentials(object account) =>
        Remote.Route("/api/v1/accounts/verify_credentials", context => MastodonStandIn.Authorized(context, () => MastodonStandIn.Json(context, account)));

    private static async Task WriteJson(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }
}

/// <summary>Without <c>AllowPrivateNetworks</c>, a handle with a port is refused before any request,
/// and the browser is not told what the service's network looks like (review M7).</summary>
public sealed class HandlePortTests : ClientApiFixture
{
    protected override void Configure(Infrastructure.MiddlewareFactory service) =>
        service.Settings["Middleware:AllowPrivateNetworks"] = "false";

    [Fact]
    public async Task A_handle_with_a_port_is_refused_without_details()
    {
        var (id, _) = await RegisterAppAsync();
        var state = await LoginSteps.OpenFormAsync(Client, id);
        var answer = await LoginSteps.PostHandleAsync(Client, state, Home.Handle);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("Could not reach your instance", page);
        Assert.DoesNotContain("routable", page);
        Assert.Empty(Remote.Received);
    }
}
