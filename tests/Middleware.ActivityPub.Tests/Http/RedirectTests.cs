using System.Net;
using Middleware.ActivityPub.Http;

namespace Middleware.ActivityPub.Tests.Http;

/// <summary>Redirects followed over a real loopback connection (private networks allowed).</summary>
public sealed class RedirectTests
{
    private static Task Respond(LoopbackRequest request, Stream stream, CancellationToken ct)
    {
        var path = request.Path;
        if (path.StartsWith("/hop/", StringComparison.Ordinal))
        {
            var next = int.Parse(path["/hop/".Length..]) + 1;
            return LoopbackServer.WriteAsync(stream, 302, "", $"Location: /hop/{next}");
        }

        return path switch
        {
            "/start" => LoopbackServer.WriteAsync(stream, 301, "", "Location: /end"),
            "/end" => LoopbackServer.WriteAsync(stream, 200, "done"),
            "/loop-a" => LoopbackServer.WriteAsync(stream, 302, "", "Location: /loop-b"),
            "/loop-b" => LoopbackServer.WriteAsync(stream, 302, "", "Location: /loop-a"),
            "/see-other" => LoopbackServer.WriteAsync(stream, 303, "", "Location: /method"),
            "/temporary" => LoopbackServer.WriteAsync(stream, 307, "", "Location: /method"),
            "/method" => LoopbackServer.WriteAsync(stream, 200, request.Method),
            _ => LoopbackServer.WriteAsync(stream, 404, "not found"),
        };
    }

    private static HttpClient Client(int maxRedirects = 5) =>
        GuardedHttpClient.Create(new OutboundHttpOptions { AllowPrivateNetworks = true, MaxRedirects = maxRedirects });

    [Fact]
    public async Task Redirect_is_followed()
    {
        await using var server = new LoopbackServer(Respond);
        using var client = Client();

        using var response = await client.GetAsync(server.Url("/start"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.Url("/end"), response.RequestMessage!.RequestUri);
        Assert.Equal("done", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Redirect_loop_is_refused()
    {
        await using var server = new LoopbackServer(Respond);
        using var client = Client();

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => client.GetAsync(server.Url("/loop-a")));

        Assert.Contains("redirect loop", error.Reason);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task Too_many_redirects_are_refused()
    {
        await using var server = new LoopbackServer(Respond);
        using var client = Client(maxRedirects: 3);

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => client.GetAsync(server.Url("/hop/0")));

        Assert.Contains("more than 3 redirects", error.Reason);
        Assert.Equal(4, server.Connections);
    }

    [Fact]
    public async Task See_other_turns_post_into_get()
    {
        await using var server = new LoopbackServer(Respond);
        using var client = Client();

        using var response = await client.PostAsync(server.Url("/see-other"), new StringContent("{}"));

        Assert.Equal("GET", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Temporary_redirect_keeps_post_and_body()
    {
        await using var server = new LoopbackServer(Respond);
        using var client = Client();

        using var response = await client.PostAsync(server.Url("/temporary"), new StringContent("{}"));

        Assert.Equal("POST", await response.Content.ReadAsStringAsync());
        Assert.Equal("2", server.Requests.Last().Headers["Content-Length"]);
    }

    [Fact]
    public async Task Signed_request_gets_the_redirect_back_instead_of_following_it()
    {
        await using var server = new LoopbackServer(Respond);
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url("/start"));
        request.Headers.TryAddWithoutValidation("Signature", "keyId=\"k\",signature=\"s\"");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(1, server.Connections);
    }
}
