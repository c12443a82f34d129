using System.Collections.Concurrent;
using System.Text.Json;
using Middleware.ActivityPub.Federation;
using Middleware.Core.Actors;

namespace Middleware.ActivityPub.Tests.Federation;

/// <summary>Serves registered documents by URL and counts every fetch, as a remote server would see them.</summary>
internal sealed class CountingFetcher : IDocumentFetcher
{
    private readonly ConcurrentDictionary<string, string> _documents = new();

    public ConcurrentQueue<string> Fetched { get; } = new();

    public void Serve(string url, string json) => _documents[url] = json;

    public Task<FetchResult> FetchAsync(string url, CancellationToken ct = default)
    {
        Fetched.Enqueue(url);
        return Task.FromResult(_documents.TryGetValue(url, out var json)
            ? FetchResult.Ok(JsonDocument.Parse(json))
            : FetchResult.Fail(FetchStatus.Gone, $"{url} answered 404."));
    }
}

/// <summary>The actor store in memory.</summary>
internal sealed class MemoryActorStore : IRemoteActorStore
{
    private readonly ConcurrentDictionary<string, RemoteActor> _actors = new();

    public Task<RemoteActor?> FindAsync(string uri, CancellationToken ct = default) =>
        Task.FromResult(_actors.GetValueOrDefault(uri));

    public Task UpsertAsync(RemoteActor actor, CancellationToken ct = default)
    {
        _actors[actor.Uri] = actor;
        return Task.CompletedTask;
    }

    public Task<bool> IsTombstonedAsync(string uri, CancellationToken ct = default) => Task.FromResult(false);
}

internal static class ActorJson
{
    /// <summary>A Mastodon-shaped actor document publishing one key.</summary>
    public static string Of(string id, string keyId, string pem, string? owner = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["@context"] = new[] { "https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1" },
        ["id"] = id,
        ["type"] = "Person",
        ["preferredUsername"] = id[(id.LastIndexOf('/') + 1)..],
        ["inbox"] = $"{id}/inbox",
        ["publicKey"] = new Dictionary<string, string> { ["id"] = keyId, ["owner"] = owner ?? id, ["publicKeyPem"] = pem },
    });
}
