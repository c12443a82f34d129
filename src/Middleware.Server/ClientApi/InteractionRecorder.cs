using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Accounts;
using Middleware.Core.Ingest;
using Middleware.Core.Posts;
using Middleware.Server.Sources;

namespace Middleware.Server.ClientApi;

/// <summary>Records favourites, boosts and replies that pass through to a home instance, for people
/// who opted in, as interactions the bridging ranker learns from. Only public statuses are stored;
/// anything else passes through and leaves no trace here.</summary>
public sealed partial class InteractionRecorder(IChangeWriter changes, HomeInstanceClient home, TimeProvider clock, ILogger<InteractionRecorder> log)
{
    [GeneratedRegex(@"^/api/v1/statuses/(?<id>[^/]+)/(?<action>favourite|unfavourite|reblog|unreblog)$")]
    private static partial Regex StatusAction();

    /// <summary>Looks at a successful POST and its answer (a Status entity). Never fails the request:
    /// recording is a side effect, and a failure is only logged.</summary>
    public async Task RecordAsync(ClientAccount account, string upstreamToken, string path, byte[] answerBody, CancellationToken ct)
    {
        try
        {
            using var json = JsonDocument.Parse(answerBody);
            var status = json.RootElement;
            var recorded = StatusAction().Match(path) is { Success: true } m
                ? Interact(account, m.Groups["action"].Value, status)
                : path == "/api/v1/statuses" ? await ReplyAsync(account, upstreamToken, status, ct) : [];
            if (recorded.Count > 0)
                await changes.ApplyAsync(recorded, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The home instance has done what was asked; failing here would make the app repeat it.
            log.LogWarning(e, "Not recording the interaction of {Account} on {Path}", account.Acct, path);
        }
    }

    private IReadOnlyList<Change> Interact(ClientAccount account, string action, JsonElement status)
    {
        // The answer to reblog is the boost wrapping the status; to the others, the status itself.
        var target = status.Property("reblog") is { ValueKind: JsonValueKind.Object } inner ? inner : status;
        if (PublicPost(target) is not { } post)
            return [];
        return action switch
        {
            "favourite" => [.. Stored(account, post), new AddInteraction(new Interaction(
                SyntheticId(account, "favourite", post.Uri), InteractionKind.Favourite, account.ActorUri, post.Uri, clock.GetUtcNow()))],
            "reblog" => [.. Stored(account, post), new AddInteraction(new Interaction(
                status.String("uri") ?? SyntheticId(account, "reblog", post.Uri), InteractionKind.Boost, account.ActorUri, post.Uri, clock.GetUtcNow()))],
            "unfavourite" => [new RemoveInteractionOnPost(InteractionKind.Favourite, account.ActorUri, post.Uri)],
            _ => [new RemoveInteractionOnPost(InteractionKind.Boost, account.ActorUri, post.Uri)],
        };
    }

    /// <summary>A new status answering another: the answer only names the parent by its local id, so
    /// the parent is read from the home instance.</summary>
    private async Task<IReadOnlyList<Change>> ReplyAsync(ClientAccount account, string upstreamToken, JsonElement reply, CancellationToken ct)
    {
        if (reply.String("in_reply_to_id") is not { } parentId || reply.String("uri") is not { } replyUri)
            return [];
        var parent = await home.SendForJsonAsync(account.InstanceHost, HttpMethod.Get,
            $"/api/v1/statuses/{Uri.EscapeDataString(parentId)}", upstreamToken, null, ct);
        if (PublicPost(parent) is not { } post)
            return [];
        return [.. Stored(account, post), new AddInteraction(new Interaction(replyUri, InteractionKind.Reply, account.ActorUri, post.Uri, clock.GetUtcNow()))];
    }

    /// <summary>A home instance speaks for its own posts only: anyone can log in with an instance of
    /// their own, so its word on another server's post (content, edit time) is not stored. The
    /// interaction with such a post counts once the post is stored from its own origin (federation
    /// or a source).</summary>
    private static IEnumerable<Change> Stored(ClientAccount account, Post post) =>
        string.Equals(JsonReading.Origin(post.Uri), account.InstanceHost, StringComparison.OrdinalIgnoreCase)
        && JsonReading.SameOrigin(post.Uri, post.AuthorUri)
            ? [new UpsertPost(post, PostOrigin.Poll)]
            : [];

    private static Post? PublicPost(JsonElement status) =>
        status.Property("reblog") is { ValueKind: JsonValueKind.Object } reblogged
            ? PublicPost(reblogged)
            : MastodonStatusReader.ReadPost(status) is { Visibility: Visibility.Public } post ? post : null;

    /// <summary>The home instance's Like id is not in the REST answer; a stable stand-in keeps one
    /// favourite per person and post.</summary>
    private static string SyntheticId(ClientAccount account, string kind, string postUri) =>
        $"{account.ActorUri}#middleware-{kind}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(postUri)))[..24]}";
}
