using System.Net;
using System.Text;
using Middleware.ActivityPub.Http;

namespace Middleware.ActivityPub.Tests.Http;

public sealed class BoundedBodyTests
{
    private static HttpClient Client() => GuardedHttpClient.Create(new OutboundHttpOptions { AllowPrivateNetworks = true });

    [Fact]
    public async Task Oversize_content_length_is_refused_before_reading()
    {
        // The server declares a large body and then sends nothing: only the header can refuse it.
        await using var server = new LoopbackServer((_, stream, ct) => LoopbackServer.WriteRawAsync(stream,
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5000000\r\n\r\n"));
        using var client = Client();
        using var response = await client.GetAsync(server.Url("/"), HttpCompletionOption.ResponseHeadersRead);

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(
            () => BoundedBody.ReadAsBytesAsync(response, 1000));

        Assert.Equal(5000000, error.DeclaredLength);
    }

    [Fact]
    public async Task Oversize_chunked_body_is_refused_while_streaming()
    {
        var chunk = new string('x', 512);
        await using var server = new LoopbackServer(async (_, stream, ct) =>
        {
            await LoopbackServer.WriteRawAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (var i = 0; i < 100; i++)
            {
                await LoopbackServer.WriteRawAsync(stream, $"{chunk.Length:x}\r\n{chunk}\r\n");
            }

            await LoopbackServer.WriteRawAsync(stream, "0\r\n\r\n");
        });
        using var client = Client();
        using var response = await client.GetAsync(server.Url("/"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Null(response.Content.Headers.ContentLength);
        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(
            () => BoundedBody.ReadAsStringAsync(response, 2000));

        Assert.Null(error.DeclaredLength);
    }

    [Fact]
    public async Task Body_within_the_limit_is_read_with_its_charset()
    {
        var body = "{\"name\":\"Zoë\"}";
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Encoding.Latin1.GetBytes(body))
            {
                Headers = { { "Content-Type", "application/activity+json; charset=iso-8859-1" } },
            },
        };

        Assert.Equal(body, await BoundedBody.ReadAsStringAsync(response, 1000));
    }

    [Fact]
    public async Task Body_exactly_at_the_limit_is_accepted()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1000]) };

        Assert.Equal(1000, (await BoundedBody.ReadAsBytesAsync(response, 1000)).Length);
    }
}
