using System.Diagnostics;
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
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<OutboundRequestTimeoutException>(() => client.GetAsync(server.Url("/")));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Body_that_stalls_times_out_under_the_same_deadline()
    {
        await using var server = new LoopbackServer(async (_, stream, ct) =>
        {
            await LoopbackServer.WriteRawAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\n{");
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var client = GuardedHttpClient.Create(ShortTimeout);
        using var response = await client.GetAsync(server.Url("/"), HttpCompletionOption.ResponseHeadersRead);

        await Assert.ThrowsAsync<OutboundRequestTimeoutException>(() => BoundedBody.ReadAsBytesAsync(response, 1000));
    }
}
