using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Middleware.Interop.Tests.Service;
using Middleware.Interop.Tests.Support;

namespace Middleware.Interop.Tests.Cluster;

/// <summary>The reverse proxy in front of several nodes, as a deployment has one (see the compose
/// file's postgres profile): one public origin on loopback, each request forwarded with its Host header
/// kept (so HTTP signatures made for the public origin verify on any node) to the first node in the
/// <see cref="Route"/>'s order that accepts the connection. A node that is down is skipped, as a
/// proxy's health check would; when none answers, 502.</summary>
public sealed class FrontDoor : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    private FrontDoor(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The public origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Url { get; }

    /// <summary>The nodes a request may go to, in the order to try them.</summary>
    public Func<HttpRequest, IReadOnlyList<MiddlewareProcess>> Route { get; set; } = _ => [];

    /// <summary>How many requests each node (by port) answered.</summary>
    public Dictionary<int, int> Answered { get; } = [];

    public static async Task<FrontDoor> StartAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var door = new FrontDoor(app, new Uri($"http://127.0.0.1:{port}"));
        app.Run(door.ForwardAsync);
        await app.StartAsync();
        return door;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        // Buffered once, so it can be sent again to the next node when the first refuses the connection.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        foreach (var node in Route(request))
        {
            using var forward = new HttpRequestMessage(new HttpMethod(request.Method),
                new Uri(node.BaseUrl, request.Path.Value + request.QueryString.Value));
            if (body.Length > 0 || request.ContentLength is not null)
                forward.Content = new ByteArrayContent(body.ToArray());
            foreach (var (name, values) in request.Headers)
            {
                if (HopByHop.Contains(name) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
                    forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
            forward.Headers.Host = request.Host.Value;
            HttpResponseMessage answer;
            try
            {
                answer = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                continue; // down: the next node
            }
            using (answer)
            {
                lock (Answered)
                    Answered[node.Port] = Answered.GetValueOrDefault(node.Port) + 1;
                context.Response.StatusCode = (int)answer.StatusCode;
                foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
                {
                    if (!HopByHop.Contains(name))
                        context.Response.Headers[name] = values.ToArray();
                }
                await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            }
        }
        context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
