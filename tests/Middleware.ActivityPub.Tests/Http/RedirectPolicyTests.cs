using System.Net;
using Middleware.ActivityPub.Http;

namespace Middleware.ActivityPub.Tests.Http;

/// <summary>Redirect rules checked against a stub transport, with the guard fully on.</summary>
public sealed class RedirectPolicyTests
{
    private sealed class StubTransport(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Seen.Add(request);
            var response = respond(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }

    private static HttpResponseMessage Redirect(string location) =>
        new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static (HttpMessageInvoker Invoker, StubTransport Transport) Guard(string firstLocation)
    {
        var transport = new StubTransport(r => r.RequestUri!.AbsolutePath == "/start"
            ? Redirect(firstLocation)
            : new HttpResponseMessage(HttpStatusCode.OK));
        var handler = new GuardedRedirectHandler(new OutboundHttpOptions()) { InnerHandler = transport };
        return (new HttpMessageInvoker(handler), transport);
    }

    private static HttpRequestMessage Get(string url, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    [Fact]
    public async Task Downgrade_from_https_to_http_is_refused()
    {
        var (invoker, _) = Guard("http://a.example/next");

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => invoker.SendAsync(Get("https://a.example/start"), default));

        Assert.Contains("from https to http", error.Reason);
    }

    [Fact]
    public async Task Every_hop_is_checked_again()
    {
        var (invoker, transport) = Guard("https://169.254.169.254/latest/meta-data/");

        await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => invoker.SendAsync(Get("https://a.example/start"), default));

        Assert.Single(transport.Seen);
    }

    [Fact]
    public async Task Authorization_is_dropped_when_the_host_changes()
    {
        var (invoker, transport) = Guard("https://b.example/next");

        using var response = await invoker.SendAsync(Get("https://a.example/start", "Bearer secret"), default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b.example", transport.Seen[1].RequestUri!.Host);
        Assert.Null(transport.Seen[1].Headers.Authorization);
    }

    [Fact]
    public async Task Authorization_is_kept_on_the_same_host()
    {
        var (invoker, transport) = Guard("/next");

        using var response = await invoker.SendAsync(Get("https://a.example/start", "Bearer secret"), default);

        Assert.Equal("https://a.example/next", transport.Seen[1].RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer secret", transport.Seen[1].Headers.Authorization?.ToString());
    }
}
