using System.Net;
using Middleware.ActivityPub.Http;

namespace Middleware.ActivityPub.Tests.Http;

public sealed class AddressGuardTests
{
    private static readonly OutboundHttpOptions Guarded = new();
    private static readonly OutboundHttpOptions Open = new() { AllowPrivateNetworks = true };

    private static Task Ok(LoopbackRequest request, Stream stream, CancellationToken ct) =>
        LoopbackServer.WriteAsync(stream, 200, "hello");

    [Fact]
    public async Task Loopback_literal_is_refused_without_connecting()
    {
        await using var server = new LoopbackServer(Ok);
        using var client = GuardedHttpClient.Create(Guarded);

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => client.GetAsync(server.Url("/", scheme: "https")));

        Assert.Contains("127.0.0.1", error.Reason);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Localhost_name_is_refused_after_resolution_without_connecting()
    {
        await using var server = new LoopbackServer(Ok);
        using var client = GuardedHttpClient.Create(Guarded);

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => client.GetAsync(server.Url("/", scheme: "https", host: "localhost")));

        Assert.Contains("of host localhost is not publicly routable", error.Reason);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task Loopback_is_reached_when_private_networks_are_allowed()
    {
        await using var server = new LoopbackServer(Ok);
        using var client = GuardedHttpClient.Create(Open);

        using var response = await client.GetAsync(server.Url("/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, server.Connections);
        Assert.StartsWith("Middleware/0.1", server.Requests.Single().Headers["User-Agent"]);
    }

    [Fact]
    public async Task Plain_http_is_refused_when_private_networks_are_not_allowed()
    {
        using var client = GuardedHttpClient.Create(Guarded);

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(
            () => client.GetAsync("http://example.com/"));

        Assert.Contains("plain http", error.Reason);
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    public async Task Non_http_schemes_are_refused_even_when_private_networks_are_allowed(string url)
    {
        using var client = GuardedHttpClient.Create(Open);

        var error = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(url));

        Assert.Contains("scheme", error.Reason);
    }

    [Theory]
    [InlineData("https://10.0.0.1/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    public async Task Private_ip_literals_are_refused(string url)
    {
        using var client = GuardedHttpClient.Create(Guarded);

        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => client.GetAsync(url));
    }
}
