using Microsoft.Extensions.Options;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Audit;
using Middleware.Core.Cluster;
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
/// queue), naming the post's author in <c>cc</c>; a boost whose post was deleted is withdrawn with
/// Undo. A feed without followers does nothing; one feed failing does not hold up the others. Only the
/// leading node boosts (ADR 0036); taking a feed's turn is a compare-and-set in the database, so two
/// nodes that both think they lead still send one boost per interval.</summary>
public sealed class FeedBooster(
    IFeedStore feeds, IFeedBoostStore boosts, IFollowerStore followers, IPostStore posts, FeedRanker ranker, FeedFollowerDelivery delivery,
    PublicUrlProvider urls, IServedPositionRecorder audit, TimeProvider clock, IOptions<FeedBoostOptions> options, ILeadership leadership,
    ILogger<FeedBooster> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunWhileLeadingAsync(BoostEveryTickAsync, stoppingToken);

    private async Task BoostEveryTickAsync(CancellationToken stoppingToken)
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
        {
            try
            {
                await BoostIfDueAsync(feed, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Boosting feed {Feed} failed; the other feeds go on, and it is tried again at the next tick", feed.Name);
            }
        }
    }

    private async Task BoostIfDueAsync(Feed feed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (feed.MaxBoostsPerHour == 0)
            return;
        if (await boosts.LastBoostAtAsync(feed.Name, ct) is { } last && now - last < TimeSpan.FromSeconds(feed.BoostIntervalSeconds))
            return;
        if (await boosts.CountSinceAsync(feed.Name, now.AddHours(-1), ct) >= feed.MaxBoostsPerHour)
            return;
        var audience = await followers.ListAsync(feed.Name, ct);
        if (audience.Count == 0)
            return;

        // Ranked one deeper than what was boosted before, so a post not boosted yet is always found
        // when the feed has one, however long the feed has been boosting.
        var done = await boosts.BoostedPostsAsync(feed.Name, ct);
        var ranking = await ranker.RankAsync(feed, viewer: null, limit: done.Count + 1, ct);
        var items = ranking.Outcome.Result.Items;
        var place = 0;
        while (place < items.Count && done.Contains(items[place].PostUri))
            place++;
        if (place == items.Count)
            return;
        var top = items[place];

        var id = FeedActivities.AnnounceId(urls.Urls, feed.Name, top.PostUri);
        var author = await posts.FindAuthorAsync(top.PostUri, ct);
        var announce = FeedActivities.Announce(urls.Urls, feed.Name, id, top.PostUri, author, now);
        // The feed's turn, the record and the deliveries commit together: a node that finds the turn taken
        // (another node boosted in this interval) or the post boosted before writes nothing.
        var boost = new FeedBoost(feed.Name, top.PostUri, id, feed.Version, now);
        if (!await boosts.BoostAsync(boost, TimeSpan.FromSeconds(feed.BoostIntervalSeconds), FeedFollowerDelivery.For(feed.Name, audience, announce), ct))
            return;
        delivery.Queued();
        // One boost is one served position (its place in the ranking), however many followers receive it.
        if (ranking.Audit.Serve(feed.Name, ServedSurface.Boost, [place], now) is { } served)
            audit.Record(served);
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
