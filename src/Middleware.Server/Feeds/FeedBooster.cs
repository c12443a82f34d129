using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Feeds;
using Middleware.Core.Follows;
using Middleware.Core.Posts;
using Middleware.Server.Configuration;

namespace Middleware.Server.Feeds;

/// <summary>The <c>Middleware:Feeds</c> section.</summary>
public sealed class FeedBoostOptions
{
    public const string Section = "Middleware:Feeds";

    /// <summary>How often the booster looks for feeds that are due.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Makes each followed feed account boost the top of its ranking: every
/// <c>boostIntervalSeconds</c> it Announces the best-ranked post it has not boosted before, at most
/// <c>maxBoostsPerHour</c>, to its followers (grouped by sharedInbox, through the durable delivery
/// queue) and the post's author; a boost whose post was deleted is withdrawn with Undo.
/// A feed without followers does nothing.</summary>
public sealed class FeedBooster(
    IFeedStore feeds, IFeedBoostStore boosts, IFollowerStore followers, IPostStore posts, FeedRanker ranker, FeedFollowerDelivery delivery,
    PublicUrlProvider urls, TimeProvider clock, IOptions<FeedBoostOptions> options, ILogger<FeedBooster> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Tick, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Boosting feeds failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every feed: withdraw boosts of deleted posts, then boost where due.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await WithdrawOrphanedAsync(ct);
        foreach (var feed in await feeds.ListAsync(ct))
            await BoostIfDueAsync(feed, ct);
    }

    private async Task BoostIfDueAsync(Feed feed, CancellationToken ct)
    {
        var audience = await followers.ListAsync(feed.Name, ct);
        var now = clock.GetUtcNow();
        if (audience.Count == 0 || feed.MaxBoostsPerHour == 0)
            return;
        if (await boosts.LastBoostAtAsync(feed.Name, ct) is { } last && now - last < TimeSpan.FromSeconds(feed.BoostIntervalSeconds))
            return;
        if (await boosts.CountSinceAsync(feed.Name, now.AddHours(-1), ct) >= feed.MaxBoostsPerHour)
            return;

        var ranking = await ranker.RankAsync(feed, viewer: null, limit: 50, ct);
        var done = await boosts.BoostedPostsAsync(feed.Name, ct);
        if (ranking.Outcome.Result.Items.FirstOrDefault(i => !done.Contains(i.PostUri)) is not { } top)
            return;

        var id = FeedActivities.AnnounceId(urls.Urls, feed.Name, top.PostUri);
        var author = await posts.FindAuthorAsync(top.PostUri, ct);
        var announce = FeedActivities.Announce(urls.Urls, feed.Name, id, top.PostUri, author, now);
        // Recorded before it is queued: a crash in between loses one boost rather than sending it twice.
        if (!await boosts.RecordAsync(new FeedBoost(feed.Name, top.PostUri, id, feed.Version, now), ct))
            return;
        await delivery.SendAsync(feed.Name, audience, announce, ct);
        log.LogInformation("Feed {Feed} boosted {Post} ({Ranker}{Fallback})", feed.Name, top.PostUri, ranking.Outcome.Ranker,
            ranking.Outcome.FallbackReason is null ? "" : ", fallback: " + ranking.Outcome.FallbackReason);
    }

    private async Task WithdrawOrphanedAsync(CancellationToken ct)
    {
        foreach (var boost in await boosts.OrphanedAsync(ct))
        {
            var announce = FeedActivities.Announce(urls.Urls, boost.Feed, boost.ActivityId, boost.PostUri, null, boost.BoostedAt);
            var undo = FeedActivities.Undo(urls.Urls, boost.Feed, announce);
            await delivery.SendAsync(boost.Feed, undo, ct);
            await boosts.MarkUndoneAsync(boost.ActivityId, clock.GetUtcNow(), ct);
        }
    }
}
