using System.Text.Json;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Feeds;
using Middleware.Core.Sources;
using Middleware.Ranking.Engine;

namespace Middleware.Server.Feeds.Open;

/// <summary>A public feed as <c>GET /api/v1/feeds</c> lists it.</summary>
/// <param name="Name">The feed's name, as in its URLs.</param>
/// <param name="DisplayName">Its title.</param>
/// <param name="Description">What it is about.</param>
/// <param name="Url">The feed's card (<c>GET /api/v1/feeds/{name}</c>).</param>
/// <param name="Account">The handle of the feed account that boosts its top posts, <c>@name@host</c>.</param>
public sealed record FeedSummary(string Name, string DisplayName, string Description, string Url, string Account);

/// <summary><c>GET /api/v1/feeds</c> and <c>GET /api/v1/feeds/{name}</c>: what a feed draws from and
/// how it orders posts, in the ranker's own plain words (the main parameters a recommender system
/// must disclose, DSA art. 27).</summary>
public static class OpenFeedCard
{
    public static async Task<IResult> ListAsync(IFeedStore feeds, LocalUrls urls, CancellationToken ct) =>
        TypedResults.Ok((await feeds.ListAsync(ct)).Where(f => f.Public).OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new FeedSummary(f.Name, f.DisplayName, f.Description, CardUrl(urls, f.Name), Handle(urls, f.Name))));

    public static async Task<IResult> GetAsync(
        string name, PublicFeeds feeds, ISourceStore sources, RankerCatalog catalog, LocalUrls urls, CancellationToken ct)
    {
        if (await feeds.FindAsync(name, ct) is not { } feed)
            return OpenFeedErrors.NoFeed(name);
        return TypedResults.Ok(new
        {
            name = feed.Name,
            displayName = feed.DisplayName,
            description = feed.Description,
            url = CardUrl(urls, feed.Name),
            account = Handle(urls, feed.Name),
            actor = urls.Actor(feed.Name),
            skeleton = $"{CardUrl(urls, feed.Name)}/skeleton",
            atom = AtomUrl(urls, feed.Name),
            sources = await SourcesAsync(feed, sources, ct),
            filters = feed.FiltersJson is { } filters ? JsonSerializer.Deserialize<JsonElement>(filters) : (JsonElement?)null,
            ranker = Ranker(feed.Ranker, catalog),
            parameters = JsonSerializer.Deserialize<JsonElement>(feed.ParametersJson),
            version = feed.Version,
            createdAt = feed.CreatedAt,
            updatedAt = feed.UpdatedAt,
            boosts = new { intervalSeconds = feed.BoostIntervalSeconds, maxPerHour = feed.MaxBoostsPerHour },
            homeCandidates = feed.HomeCandidates,
        });
    }

    public static string CardUrl(LocalUrls urls, string name) => $"{urls.Base}/api/v1/feeds/{Uri.EscapeDataString(name)}";

    public static string AtomUrl(LocalUrls urls, string name) => $"{urls.Base}/feeds/{Uri.EscapeDataString(name)}.atom";

    private static string Handle(LocalUrls urls, string name) => Cards.FeedCards.Handle(urls, name);

    /// <summary>"all", or each chosen source that still exists (a deleted source simply drops out,
    /// as it does from the ranking).</summary>
    private static async Task<object> SourcesAsync(Feed feed, ISourceStore sources, CancellationToken ct)
    {
        if (feed.SourceIds is null)
            return "all";
        return (await sources.ListAsync(ct)).Where(s => feed.SourceIds.Contains(s.Id))
            .Select(s => new { id = s.Id, type = s.Type.ToString().ToLowerInvariant(), target = s.Target, local = s.Local })
            .ToList();
    }

    /// <summary>A ranker that is missing or failed to load is stated, with the consequence: the
    /// runner orders the feed chronologically.</summary>
    private static object Ranker(string id, RankerCatalog catalog)
    {
        var entry = catalog.Describe(id);
        if (entry?.Metadata is not { } metadata || entry.State != RankerState.Loaded)
        {
            var chronological = catalog.Describe("chronological")?.Metadata;
            return new
            {
                id,
                state = entry is null ? "unknown" : entry.State.ToString().ToLowerInvariant(),
                fallback = $"The ranker '{id}' is not available{(entry?.Error is { } error ? $" ({error})" : "")}; the feed is shown in chronological order.",
                mainParameters = chronological?.MainParameters,
                usesProfiling = false,
            };
        }
        return new
        {
            id = metadata.Id,
            version = metadata.Version,
            description = metadata.Description,
            mainParameters = metadata.MainParameters,
            usesProfiling = metadata.UsesProfiling,
        };
    }
}
