using System.Text.Json;
using Microsoft.Extensions.Options;
using Middleware.Core.Audit;
using Middleware.Core.Feeds;
using Middleware.Core.Ranking;
using Middleware.Core.Sources;
using Middleware.Ranking;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;
using Middleware.Server.Ranking;

namespace Middleware.Server.Feeds;

/// <summary>One ranking of a feed: the outcome and what it was made from.</summary>
/// <param name="Feed">The definition (and so the version) that ranked.</param>
/// <param name="Outcome">Items, the ranker that placed them and any fallback.</param>
/// <param name="Candidates">Posts considered after the feed's sources, consent and filters.</param>
/// <param name="At">The moment ranked for.</param>
/// <param name="Audit">The ranked posts and the same candidates in chronological order, for the audit's baseline.</param>
public sealed record FeedRanking(Feed Feed, RankingOutcome Outcome, int Candidates, DateTimeOffset At, AuditFrame Audit);

/// <summary>Ranks a feed: the candidate window, narrowed to the feed's sources, to authors who
/// consent to discovery (a feed is shown to people who do not follow the author) and to the feed's
/// filters, then ordered by the feed's ranker through the runner (budget and fallback).</summary>
public sealed class FeedRanker(
    ICandidateStore candidates, IDiscoveryConsent consent, ISourceStore sources, IRankingRunner runner,
    IOptions<CandidateWindowOptions> window, TimeProvider clock)
{
    public async Task<FeedRanking> RankAsync(Feed feed, string? viewer, int limit, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var pool = await candidates.GetAsync(new CandidateQuery(now.AddHours(-window.Value.MaxAgeHours), window.Value.MaxCandidates, viewer), ct);
        pool = await FromSourcesAsync(feed, pool, ct);
        var allowed = await consent.ConsentingAsync(pool.Select(c => c.Author).ToHashSet(StringComparer.Ordinal), ct);
        pool = pool.Where(c => allowed.Contains(c.Author)).ToList();
        if (feed.FiltersJson is { } filters)
            pool = CandidateFilter.FromStored(filters).Apply(pool, now);

        var request = new RankingRequest { Feed = feed.Name, Viewer = viewer, Candidates = pool, Limit = limit, Now = now };
        RankingOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(feed.Ranker, request with { Parameters = RankerParameters.FromJson(JsonSerializer.Deserialize<JsonElement>(feed.ParametersJson)) }, ct);
        }
        catch (RankerParameterException e)
        {
            // Parameters were valid when stored; a plugin update may have changed its rules since. The feed
            // must not go dark (for readers, followers or home timelines): chronological, saying why.
            var reason = $"The feed's parameters for the ranker '{feed.Ranker}' are invalid ({e.Field}: {e.Problem}); chronological order instead.";
            var fallback = await runner.RunAsync("chronological", request, ct);
            var items = fallback.Result.Items.Select(i => i with { Explanation = i.Explanation with { Fallback = reason } }).ToList();
            outcome = new RankingOutcome(new RankingResult(items) { Notice = reason }, fallback.Ranker, reason);
        }
        return new FeedRanking(feed, outcome, pool.Count, now, FrameOf(outcome, pool));
    }

    /// <summary>The audit's view of this ranking: its items as the audit keeps posts, beside the same
    /// candidates newest first (ADR 0028).</summary>
    private static AuditFrame FrameOf(RankingOutcome outcome, IReadOnlyList<Candidate> pool)
    {
        var byUri = new Dictionary<string, Candidate>(pool.Count, StringComparer.Ordinal);
        foreach (var candidate in pool)
            byUri.TryAdd(candidate.PostUri, candidate);
        var ranked = outcome.Result.Items.Select(i => byUri.TryGetValue(i.PostUri, out var c) ? ServedPost.Of(c) : null).ToList();
        return AuditFrame.Of(ranked, pool);
    }

    /// <summary>Account sources select their account's posts, timeline sources their instance's.
    /// Relay sources cannot be told apart from others once stored, so a feed takes them with "all".</summary>
    private async Task<IReadOnlyList<Candidate>> FromSourcesAsync(Feed feed, IReadOnlyList<Candidate> pool, CancellationToken ct)
    {
        if (feed.SourceIds is null)
            return pool;
        var chosen = (await sources.ListAsync(ct)).Where(s => feed.SourceIds.Contains(s.Id)).ToList();
        var authors = chosen.Where(s => s.Type == SourceType.Account).Select(s => s.Target).ToHashSet(StringComparer.Ordinal);
        var instances = chosen.Where(s => s.Type == SourceType.Timeline)
            .Select(s => new Uri(s.Target).Host).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return pool.Where(c => authors.Contains(c.Author) || instances.Contains(c.Instance)).ToList();
    }
}
