using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Middleware.Server.Tests.Infrastructure;

/// <summary>A stand-in for a remote Mastodon instance on loopback: serves the documents a test
/// registers (actor documents, notes, WebFinger, REST timelines, all in Mastodon's shapes) and
/// records every request it receives, such as our deliveries to its inboxes.</summary>
public sealed class RemoteServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();
    private readonly WebApplication _app;

    private RemoteServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Host with port, as in acct: handles.</summary>
    public string Host => new Uri(BaseUrl).Authority;

    public ConcurrentQueue<RecordedRequest> Received { get; } = new();

    public static async Task<RemoteServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new RemoteServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Answers GET (and POST) of <paramref name="pathAndQuery"/> with this body.</summary>
    public void Serve(string pathAndQuery, string body, string contentType = "application/activity+json", int status = 200,
        IDictionary<string, string>? headers = null) =>
        _routes[pathAndQuery] = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            await context.Response.WriteAsync(body);
        };

    public void ServeStatus(string pathAndQuery, int status) =>
        _routes[pathAndQuery] = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };

    public void Route(string pathAndQuery, Func<HttpContext, Task> handler) => _routes[pathAndQuery] = handler;

    public IEnumerable<RecordedRequest> PostsTo(string path) =>
        Received.Where(r => r.Method == "POST" && r.Path == path);

    private async Task HandleAsync(HttpContext context)
    {
        // Buffered and rewound, so a route handler can read the body (e.g. a form) again.
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var pathAndQuery = $"{context.Request.Path}{context.Request.QueryString}";
        Received.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, pathAndQuery, headers, body));

        if (_routes.TryGetValue(pathAndQuery, out var handler) || _routes.TryGetValue(context.Request.Path, out handler))
        {
            await handler(context);
            return;
        }
        // Inboxes accept whatever is posted, as a Mastodon inbox does.
        context.Response.StatusCode = context.Request.Method == "POST" ? 202 : 404;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record RecordedRequest(string Method, string Path, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
