using System.Text.Json;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Feeds;
using Middleware.Core.Follows;
using Middleware.Core.Sources;
using Middleware.Ranking;
using Middleware.Ranking.Engine;
using Middleware.Ranking.Recipes;

namespace Middleware.Server.Feeds.Cards;

/// <summary>Makes a feed's <see cref="FeedCard"/> from its definition, its history, the ranker's
/// metadata and the top of its current ranking.</summary>
public sealed class FeedCards(IFeedStore feeds, ISourceStore sources, IFollowerStore followers, RankerCatalog catalog, LocalUrls urls)
{
    /// <summary>How many of the ranking's top posts the relative importance is measured on (and the page shows).</summary>
    public const int TopPosts = 20;

    public async Task<FeedCard> BuildAsync(Feed feed, IReadOnlyList<RankedItem> ranked, DateTimeOffset? rankedAt, CancellationToken ct)
    {
        var entry = catalog.Describe(feed.Ranker);
        var loaded = entry?.State == RankerState.Loaded ? entry.Metadata : null;
        var ranker = loaded is not null
            ? new FeedCardRanker(loaded.Id, "loaded", loaded.Version, loaded.Description, null)
            : new FeedCardRanker(feed.Ranker, entry is null ? "unknown" : entry.State.ToString().ToLowerInvariant(), null, null,
                $"The ranker '{feed.Ranker}' is not available; the feed is shown in chronological order.");
        // Without its ranker the feed is chronological, so chronological's words are the true ones.
        var metadata = loaded ?? catalog.Describe("chronological")?.Metadata;
        var account = Handle(urls, feed.Name);
        var top = ranked.Take(TopPosts).ToList();
        var factors = Importance(top);
        return new FeedCard(
            feed.Name, feed.DisplayName, feed.Description, account,
            await followers.CountAsync(feed.Name, ct),
            Links(urls, feed.Name),
            ranker,
            FeedCardWording.MainParameters(feed, metadata, ranker, feed.SourceIds is null ? [] : await sources.ListAsync(ct), Definition(feed, loaded)),
            Parameters(feed.ParametersJson, loaded),
            new FeedCardImportance(FeedCardWording.Importance(factors, top.Count), factors, top.Count, rankedAt),
            FeedCardWording.Profiling(feed, metadata),
            FeedCardWording.Options(account),
            feed.Version, feed.CreatedAt, feed.UpdatedAt,
            await FeedHistory.ReadAsync(feed, feeds, ct));
    }

    /// <summary>What the directory shows of a feed: cheap, no ranking and no history.</summary>
    public async Task<FeedListing> ListingAsync(Feed feed, CancellationToken ct)
    {
        var entry = catalog.Describe(feed.Ranker);
        var metadata = entry?.State == RankerState.Loaded ? entry.Metadata : catalog.Describe("chronological")?.Metadata;
        return new FeedListing(feed.Name, feed.DisplayName, feed.Description, Handle(urls, feed.Name), feed.Ranker,
            entry?.State == RankerState.Loaded, FeedCardWording.Profiling(feed, metadata).UsesViewerData, await followers.CountAsync(feed.Name, ct));
    }

    public static string Handle(LocalUrls urls, string name) => $"@{name}@{urls.Host}";

    public static FeedCardLinks Links(LocalUrls urls, string name)
    {
        var escaped = Uri.EscapeDataString(name);
        return new($"{urls.Base}/feeds/{escaped}", $"{urls.Base}/api/v1/feeds/{escaped}/card", urls.Actor(name),
            $"{urls.Base}/feeds/{escaped}.atom", $"{urls.Base}/api/v1/feeds/{escaped}/skeleton", $"{urls.Base}/feeds/{escaped}/vote");
    }

    /// <summary>Each factor's share of the absolute contributions over the given posts.</summary>
    public static IReadOnlyList<FeedCardFactor> Importance(IReadOnlyList<RankedItem> items)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var factor in items.SelectMany(i => i.Explanation.Factors))
            sums[factor.Feature] = sums.GetValueOrDefault(factor.Feature) + Math.Abs(factor.Contribution);
        var total = sums.Values.Sum();
        if (total <= 0 || !double.IsFinite(total))
            return [];
        return sums.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new FeedCardFactor(s.Key, Math.Round(s.Value / total, 3))).ToList();
    }

    /// <summary>This feed's own definition in plain words, where its ranker can say it (a recipe).</summary>
    private IReadOnlyList<PlainText> Definition(Feed feed, RankerMetadata? loaded) =>
        loaded is not null && catalog.Find(feed.Ranker) is RecipeRanker recipes
            ? recipes.Describe(RankerParameters.FromJson(JsonSerializer.Deserialize<JsonElement>(feed.ParametersJson)))
                .Select(line => new PlainText(line.En, line.Nl)).ToList()
            : [];

    /// <summary>Every parameter the ranker declares, with the feed's value or the default, and any
    /// the feed sets that the ranker does not declare.</summary>
    private static IReadOnlyList<FeedCardParameter> Parameters(string json, RankerMetadata? metadata)
    {
        using var doc = JsonDocument.Parse(json);
        var set = doc.RootElement.ValueKind == JsonValueKind.Object
            ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => FeedCardWording.Compact(p.Value), StringComparer.Ordinal)
            : [];
        var list = new List<FeedCardParameter>();
        foreach (var p in metadata?.Parameters ?? [])
            list.Add(set.Remove(p.Name, out var value)
                ? new FeedCardParameter(p.Name, value, false, p.Description)
                : new FeedCardParameter(p.Name, p.Default is null ? "—" : Convert.ToString(p.Default, System.Globalization.CultureInfo.InvariantCulture) ?? "—", true, p.Description));
        list.AddRange(set.Select(s => new FeedCardParameter(s.Key, s.Value, false, "")));
        return list;
    }
}
