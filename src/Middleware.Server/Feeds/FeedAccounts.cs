using Middleware.ActivityPub.Actors;
using Middleware.Core.Actors;
using Middleware.Core.Feeds;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Feeds;

/// <summary>Keeps each feed's account (a <c>Service</c> actor) in step with its definition: the
/// profile states what the feed ranks and how, in the ranker's own plain words.</summary>
public sealed class FeedAccounts(ILocalActorStore actors, RankerCatalog catalog, TimeProvider clock)
{
    /// <summary>True when the name belongs to an account that is not a feed account.</summary>
    public async Task<bool> IsTakenByAnotherKindAsync(string name, CancellationToken ct) =>
        await actors.FindAsync(name, ct) is { Kind: not LocalActorKind.Feed };

    public async Task PublishAsync(Feed feed, CancellationToken ct)
    {
        var summary = Summary(feed);
        if (await actors.FindAsync(feed.Name, ct) is null)
        {
            var (publicPem, privatePem) = LocalActorKeys.Generate();
            await actors.AddIfMissingAsync(new LocalActor
            {
                Username = feed.Name,
                Kind = LocalActorKind.Feed,
                DisplayName = feed.DisplayName,
                Summary = summary,
                PublicKeyPem = publicPem,
                PrivateKeyPem = privatePem,
                CreatedAt = clock.GetUtcNow(),
            }, ct);
        }
        await actors.UpdateProfileAsync(feed.Name, feed.DisplayName, summary, ct);
    }

    /// <summary>The account stays (its followers keep what it boosted) but says it no longer boosts.</summary>
    public async Task RetireAsync(string name, CancellationToken ct)
    {
        if (await actors.FindAsync(name, ct) is { Kind: LocalActorKind.Feed } actor)
            await actors.UpdateProfileAsync(name, actor.DisplayName, $"This feed was retired on {clock.GetUtcNow():yyyy-MM-dd}; it no longer boosts posts.", ct);
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
