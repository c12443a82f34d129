using Middleware.ActivityPub.Actors;
using Middleware.ActivityPub.Streams;
using Middleware.Core.Actors;
using Middleware.Core.Feeds;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Feeds;

/// <summary>Keeps each feed's account (a <c>Service</c> actor) in step with its definition: the
/// profile states what the feed ranks and how, in the ranker's own plain words. A change of the
/// profile is sent to the account's followers as an <c>Update</c>.</summary>
public sealed class FeedAccounts(ILocalActorStore actors, RankerCatalog catalog, ActivityWriter writer, FeedFollowerDelivery followers, TimeProvider clock)
{
    /// <summary>True when the name belongs to an account that is not a feed account.</summary>
    public async Task<bool> IsTakenByAnotherKindAsync(string name, CancellationToken ct) =>
        await actors.FindAsync(name, ct) is { Kind: not LocalActorKind.Feed };

    /// <summary>Creates the account or brings its profile in step with the feed.</summary>
    public async Task PublishAsync(Feed feed, CancellationToken ct)
    {
        var summary = Summary(feed);
        var account = await actors.FindAsync(feed.Name, ct) ?? await actors.AddIfMissingAsync(NewAccount(feed, summary), ct);
        await ChangeProfileAsync(account, feed.DisplayName, summary, ct);
    }

    /// <summary>The account stays (its followers keep what it boosted) but says it no longer boosts.</summary>
    public async Task RetireAsync(string name, CancellationToken ct)
    {
        if (await actors.FindAsync(name, ct) is { Kind: LocalActorKind.Feed } account)
            await ChangeProfileAsync(account, account.DisplayName, $"This feed was retired on {clock.GetUtcNow():yyyy-MM-dd}; it no longer boosts posts.", ct);
    }

    /// <summary>Stores a changed profile and tells the followers with an Update of the actor, so their
    /// servers show the new one without re-fetching it. An unchanged profile is left alone.</summary>
    private async Task ChangeProfileAsync(LocalActor account, string displayName, string summary, CancellationToken ct)
    {
        if (account.DisplayName == displayName && account.Summary == summary)
            return;
        await actors.UpdateProfileAsync(account.Username, displayName, summary, ct);
        if (await actors.FindAsync(account.Username, ct) is { } changed)
            await followers.SendAsync(changed.Username, FeedActivities.Update(writer.ActorDocument(changed), clock.GetUtcNow()), ct);
    }

    private LocalActor NewAccount(Feed feed, string summary)
    {
        var (publicPem, privatePem) = LocalActorKeys.Generate();
        return new LocalActor
        {
            Username = feed.Name,
            Kind = LocalActorKind.Feed,
            DisplayName = feed.DisplayName,
            Summary = summary,
            PublicKeyPem = publicPem,
            PrivateKeyPem = privatePem,
            CreatedAt = clock.GetUtcNow(),
        };
    }

    private string Summary(Feed feed)
    {
        var metadata = catalog.Find(feed.Ranker)?.Metadata;
        var how = metadata is null
            ? $"Ranked by '{feed.Ranker}'."
            : $"How it ranks: {metadata.MainParameters} (ranker {metadata.Id} {metadata.Version}, feed version {feed.Version}.)";
        var sources = feed.SourceIds is null ? "all the sources this service follows" : $"{feed.SourceIds.Count} chosen source(s)";
        var description = string.IsNullOrWhiteSpace(feed.Description) ? "" : feed.Description.Trim() + "\n\n";
        return $"{description}Posts from {sources}, only by authors who allow discovery. {how} Follow to get its top posts boosted into your home timeline.";
    }
}
