using System.Text.Json;
using Middleware.ActivityPub.Actors;
using Middleware.Core.Feeds;

namespace Middleware.Server.Feeds;

/// <summary>How a feed definition looks in the admin API.</summary>
internal static class FeedJson
{
    public static object Describe(Feed feed, LocalUrls urls) => new
    {
        name = feed.Name,
        displayName = feed.DisplayName,
        description = feed.Description,
        sources = feed.SourceIds is null ? (object)"all" : feed.SourceIds,
        filters = feed.FiltersJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(feed.FiltersJson),
        ranker = feed.Ranker,
        parameters = JsonSerializer.Deserialize<JsonElement>(feed.ParametersJson),
        boostIntervalSeconds = feed.BoostIntervalSeconds,
        maxBoostsPerHour = feed.MaxBoostsPerHour,
        homeCandidates = feed.HomeCandidates,
        @public = feed.Public,
        version = feed.Version,
        createdAt = feed.CreatedAt,
        updatedAt = feed.UpdatedAt,
        account = new { id = urls.Actor(feed.Name), handle = $"@{feed.Name}@{urls.Host}" },
    };
}
