using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Federation;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Delivery;
using Middleware.Core.Sources;
using Middleware.Server.Configuration;
using Middleware.Server.Inbox;

namespace Middleware.Server.Sources;

/// <summary>The request body of <c>POST /api/admin/sources</c>.</summary>
public sealed record SourceRequest(string? Type, string? Target, bool Local = false);

public sealed record SubscriptionResult(Source? Source, int Status, string? Error);

/// <summary>Adds and removes sources: accounts and relays are followed by the instance actor (the
/// Follow goes to their personal inbox, as Mastodon sends it); timelines are polled.</summary>
public sealed class SourceSubscriptions(
    ISourceStore sources,
    IDeliveryQueue deliveries,
    DeliverySignal signal,
    AccountResolver accounts,
    ActorResolver actors,
    ActivityWriter writer,
    PublicUrlProvider urls,
    TimeProvider clock)
{
    public async Task<SubscriptionResult> AddAsync(SourceRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Target))
            return new SubscriptionResult(null, 400, "'target' is required.");
        return request.Type?.ToLowerInvariant() switch
        {
            "account" => await FollowAsync(SourceType.Account, request.Target, ct),
            "relay" => await FollowAsync(SourceType.Relay, request.Target, ct),
            "timeline" => await AddTimelineAsync(request.Target, request.Local, ct),
            _ => new SubscriptionResult(null, 400, "'type' must be one of: account, relay, timeline."),
        };
    }

    public async Task<bool> RemoveAsync(long id, CancellationToken ct)
    {
        var source = await sources.FindAsync(id, ct);
        if (source is null)
            return false;
        if (source.Type != SourceType.Timeline && source.FollowActivityUri is not null)
        {
            var target = await actors.ResolveAsync(source.Target, refresh: false, ct);
            if (target.Actor is not null)
            {
                var follow = writer.Follow(source.FollowActivityUri, LocalUrls.InstanceActorName, FollowObject(source.Type, source.Target));
                var undo = writer.Undo(LocalUrls.InstanceActorName, follow);
                await deliveries.EnqueueAsync([new NewDelivery(target.Actor.Inbox, LocalUrls.InstanceActorName,
                    undo["id"]!.GetValue<string>(), undo.ToJsonString(ActivityStreams.WriteOptions))], ct);
                signal.Notify();
            }
        }
        return await sources.DeleteAsync(id, ct);
    }

    private async Task<SubscriptionResult> FollowAsync(SourceType type, string target, CancellationToken ct)
    {
        if (type == SourceType.Relay && !JsonReading.IsHttpUri(target))
            return new SubscriptionResult(null, 400, "A relay 'target' must be the relay actor's http(s) URL.");
        var lookup = type == SourceType.Relay
            ? await actors.ResolveAsync(target.Trim(), refresh: true, ct)
            : await accounts.ResolveAsync(target, ct);
        if (lookup.Actor is not { } actor)
            return new SubscriptionResult(null, lookup.Transient ? 504 : 422, lookup.Error);
        if (await sources.FindByTargetAsync(type, actor.Uri, ct) is { } existing)
            return new SubscriptionResult(existing, 409, $"{actor.Uri} is already a source.");

        var followId = urls.Urls.NewActivityId("follow");
        var follow = writer.Follow(followId, LocalUrls.InstanceActorName, FollowObject(type, actor.Uri));
        var now = clock.GetUtcNow();
        var source = await sources.AddAsync(new Source
        {
            Type = type,
            Target = actor.Uri,
            State = SourceState.Pending,
            FollowActivityUri = followId,
            CreatedAt = now,
            UpdatedAt = now,
        }, ct);
        await deliveries.EnqueueAsync([new NewDelivery(actor.Inbox, LocalUrls.InstanceActorName, followId, follow.ToJsonString(ActivityStreams.WriteOptions))], ct);
        signal.Notify();
        return new SubscriptionResult(source, 201, null);
    }

    /// <summary>Relays are subscribed to by following the public collection (Mastodon's way).</summary>
    private static string FollowObject(SourceType type, string target) =>
        type == SourceType.Relay ? ActivityStreams.PublicCollection : target;

    private async Task<SubscriptionResult> AddTimelineAsync(string target, bool local, CancellationToken ct)
    {
        if (!Uri.TryCreate(target.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return new SubscriptionResult(null, 400, "A timeline 'target' must be the instance's base URL, e.g. https://social.overheid.nl.");
        var normalized = uri.GetLeftPart(UriPartial.Authority);
        if (await sources.FindByTargetAsync(SourceType.Timeline, normalized, ct) is { } existing)
            return new SubscriptionResult(existing, 409, $"{normalized} is already a source.");
        var now = clock.GetUtcNow();
        var source = await sources.AddAsync(new Source
        {
            Type = SourceType.Timeline,
            Target = normalized,
            Local = local,
            State = SourceState.Polling,
            NextPollAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        }, ct);
        return new SubscriptionResult(source, 201, null);
    }
}
