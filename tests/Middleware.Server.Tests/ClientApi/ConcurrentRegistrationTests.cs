using System.Net;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>Two first logins at once at an instance the service has not registered at (review M5).</summary>
public sealed class ConcurrentRegistrationTests : ClientApiFixture
{
    [Fact]
    public async Task Two_first_logins_at_once_at_a_new_instance_both_succeed()
    {
        await using var fresh = await RemoteServer.StartAsync();
        ServeRacingInstance(fresh);
        var (id, _) = await RegisterAppAsync();
        using var first = this.NewBrowser();
        using var second = this.NewBrowser();
        var states = new[] { await LoginSteps.OpenFormAsync(first, id), await LoginSteps.OpenFormAsync(second, id) };

        var toHome = await Task.WhenAll(
            LoginSteps.PostHandleAsync(first, states[0], $"@alice@{fresh.Host}"),
            LoginSteps.PostHandleAsync(second, states[1], $"@bob@{fresh.Host}"));
        var callbacks = await Task.WhenAll(toHome.Select(LoginSteps.ApproveAtHomeAsync));
        var toApp = new[] { await first.GetAsync(callbacks[0]), await second.GetAsync(callbacks[1]) };

        Assert.Equal(2, fresh.PostsTo("/api/v1/apps").Count());
        foreach (var answer in toApp)
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM upstream_registrations"));
    }

    /// <summary>Registers a new client per request, each once both registrations are under way;
    /// a code is good only with the client it was issued to, as at Mastodon.</summary>
    private static void ServeRacingInstance(RemoteServer server)
    {
        var registrations = 0;
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Route("/api/v1/apps", async context =>
        {
            var n = Interlocked.Increment(ref registrations);
            if (n == 2)
                bothArrived.TrySetResult();
            await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await MastodonStandIn.Json(context, new { client_id = $"client-{n}", client_secret = $"secret-{n}" });
        });
        server.Route("/oauth/authorize", context =>
        {
            var query = context.Request.Query;
            context.Response.Redirect($"{query["redirect_uri"]}?code=code-for-{query["client_id"]}&state={Uri.EscapeDataString(query["state"]!)}");
            return Task.CompletedTask;
        });
        server.Route("/oauth/token", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            var client = form["client_id"].ToString();
            if (form["code"] != $"code-for-{client}" || form["client_secret"] != client.Replace("client", "secret"))
            {
                context.Response.StatusCode = 400;
                await MastodonStandIn.Json(context, new { error = "invalid_grant" });
                return;
            }
            await MastodonStandIn.Json(context, new { access_token = MastodonStandIn.UpstreamToken, token_type = "Bearer" });
        });
        server.Route("/api/v1/accounts/verify_credentials", context =>
            MastodonStandIn.Json(context, new { id = "109", acct = "alice", uri = $"{server.BaseUrl}/users/alice" }));
    }
}
