using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Middleware.ActivityPub.Signatures;

namespace Middleware.LoadTest;

/// <summary>Remote accounts on a loopback server: their actor documents are served so the service
/// can fetch their keys, and they sign the activities the load generator sends.</summary>
public sealed class PeerAccounts : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA[] _keys;
    private long _sequence;

    private PeerAccounts(WebApplication app, RSA[] keys)
    {
        _app = app;
        _keys = keys;
    }

    public string BaseUrl { get; private set; } = "";

    public static async Task<PeerAccounts> StartAsync(int accounts)
    {
        var keys = Enumerable.Range(0, accounts).Select(_ => RSA.Create(2048)).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var peers = new PeerAccounts(app, keys);
        app.MapGet("/users/{n:int}", (int n) => n < 0 || n >= keys.Length
            ? Results.NotFound()
            : Results.Text(peers.ActorDocument(n), "application/activity+json"));
        await app.StartAsync();
        peers.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return peers;
    }

    private string Actor(int n) => $"{BaseUrl}/users/{n}";

    private string ActorDocument(int n) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["@context"] = new[] { "https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1" },
        ["id"] = Actor(n),
        ["type"] = "Person",
        ["preferredUsername"] = $"user{n}",
        ["inbox"] = $"{Actor(n)}/inbox",
        ["endpoints"] = new { sharedInbox = $"{BaseUrl}/inbox" },
        ["publicKey"] = new { id = $"{Actor(n)}#main-key", owner = Actor(n), publicKeyPem = _keys[n].ExportSubjectPublicKeyInfoPem() },
    });

    /// <summary>Signs <paramref name="count"/> Creates up front, on all cores, so that signing (about
    /// 1 ms each) is not part of what is measured.</summary>
    public PreparedRequest[] Prepare(string inboxUrl, int count)
    {
        var prepared = new PreparedRequest[count];
        Parallel.For(0, count, i => prepared[i] = PreparedRequest.From(NextCreate(inboxUrl)));
        return prepared;
    }

    /// <summary>A signed POST of a new public Create(Note) by a round-robin account.</summary>
    public HttpRequestMessage NextCreate(string inboxUrl)
    {
        var seq = Interlocked.Increment(ref _sequence);
        var n = (int)(seq % _keys.Length);
        var actor = Actor(n);
        var note = $"{actor}/statuses/{seq}-{Guid.NewGuid():N}";
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@context"] = "https://www.w3.org/ns/activitystreams",
            ["id"] = $"{note}/activity",
            ["type"] = "Create",
            ["actor"] = actor,
            ["to"] = new[] { "https://www.w3.org/ns/activitystreams#Public" },
            ["object"] = new Dictionary<string, object>
            {
                ["id"] = note,
                ["type"] = "Note",
                ["attributedTo"] = actor,
                ["published"] = DateTimeOffset.UtcNow.ToString("o"),
                ["to"] = new[] { "https://www.w3.org/ns/activitystreams#Public" },
                ["content"] = $"<p>Load test post {seq} about <a href=\"{BaseUrl}/tags/bench\">#bench</a></p>",
                ["contentMap"] = new Dictionary<string, string> { ["nl"] = $"<p>Load test post {seq}</p>" },
                ["tag"] = new[] { new { type = "Hashtag", name = "#bench", href = $"{BaseUrl}/tags/bench" } },
            },
        });
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, inboxUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/activity+json");
        HttpSignatureSigner.SignDraftCavage(request, $"{actor}#main-key", _keys[n], body, DateTimeOffset.UtcNow);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var key in _keys)
            key.Dispose();
    }
}

/// <summary>A signed request kept as bytes and headers, turned into a message when it is sent.</summary>
public sealed record PreparedRequest(string Url, byte[] Body, KeyValuePair<string, string>[] Headers)
{
    public static PreparedRequest From(HttpRequestMessage message)
    {
        var headers = message.Headers.Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value))).ToArray();
        var body = message.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return new PreparedRequest(message.RequestUri!.ToString(), body, headers);
    }

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Body) };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/activity+json");
        foreach (var (name, value) in Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}
