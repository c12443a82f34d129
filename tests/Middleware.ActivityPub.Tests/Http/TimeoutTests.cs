using Middleware.ActivityPub.Http;

namespace Middleware.ActivityPub.Tests.Http;

public sealed class TimeoutTests
{
    private static readonly OutboundHttpOptions ShortTimeout = new()
    {
        AllowPrivateNetworks = true,
        RequestTimeout = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public async Task Server_that_never_answers_times_out()
    {
        await using var server = new LoopbackServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        using var client = GuardedHttpClient.Create(ShortTimeout);

        // The server never answers: only the request deadline can end this, and it says so by its type
        // (HttpClient's own timeout, a second later, would be a TaskCanceledException).
        var error = await Assert.ThrowsAsync<OutboundRequestTimeoutException>(() => client.GetAsync(server.Url("/")));

        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Body_that_stalls_times_out_under_the_same_deadline()
    {
        await using var server = new LoopbackServer(async (_, stream, ct) =>
        {
            await LoopbackServer.WriteRawAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\n{");
            await Task.Delay(Timeout.Infinite, ct);
        });
        // A second for the whole request: the headers come at once, the body never ends. On a machine
        // so busy that even the headers miss the second, the request times out all the same: either
        // way it is one deadline, which is what is asserted.
        using var client = GuardedHttpClient.Create(new OutboundHttpOptions { AllowPrivateNetworks = true, RequestTimeout = TimeSpan.FromSeconds(1) });

        await Assert.ThrowsAsync<OutboundRequestTimeoutException>(async () =>
        {
            using var response = await client.GetAsync(server.Url("/"), HttpCompletionOption.ResponseHeadersRead);
            await BoundedBody.ReadAsBytesAsync(response, 1000);
        });
    }
}
