using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HttpResponseWriting = Microsoft.AspNetCore.Http.HttpResponseWritingExtensions;
using Middleware.Server.Tests.Infrastructure;

namespace Middleware.Server.Tests.ClientApi;

/// <summary>A home instance that fails or never answers, with a short request timeout (5 s): long enough
/// for the login on a loaded machine, short enough to wait for.</summary>
public sealed class HomeInstanceTimeoutTests : ClientApiFixture
{
    protected override void Configure(MiddlewareFactory service) =>
        service.Settings["Middleware:RequestTimeout"] = "00:00:05";

    [Fact]
    public async Task A_home_instance_that_fails_gives_502_or_504_in_bounded_time()
    {
        using var app = ClientWithToken(await LoginAsync());
        Remote.Route("/api/v1/timelines/home", context => { context.Response.StatusCode = 200; return HttpResponseWriting.WriteAsync(context.Response, "<html>"); });
        Assert.Equal(HttpStatusCode.BadGateway, (await app.GetAsync("/api/v1/timelines/home")).StatusCode);

        // An instance that never answers: the 504 can only come from the request timeout, so it is
        // bounded by it; no stopwatch of ours decides.
        Remote.Route("/api/v1/timelines/home", context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        var slow = await app.GetAsync("/api/v1/timelines/home");
        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Contains("did not answer in time", (await slow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        Remote.Route("/api/v1/timelines/home", context => { context.Response.StatusCode = 401; return MastodonStandIn.Json(context, new { error = "The access token is invalid" }); });
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/v1/timelines/home")).StatusCode);
    }
}
