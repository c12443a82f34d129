using System.Text.Json;
using System.Text.Json.Nodes;
using Middleware.Core.Feeds;
using Middleware.Server.Edges;
using Middleware.Server.Feeds;

namespace Middleware.Server.Web.Admin;

/// <summary>A feed definition as the recipe editor's textarea holds it: exactly the fields
/// <c>PUT /api/admin/feeds/{name}</c> takes, so the text pasted there and the text saved here are one format.</summary>
public static class RecipeText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The editable definition of a stored feed.</summary>
    public static string Of(Feed feed)
    {
        var definition = new JsonObject
        {
            ["name"] = feed.Name,
            ["displayName"] = feed.DisplayName,
            ["description"] = feed.Description,
            ["sources"] = feed.SourceIds is null ? "all" : new JsonArray(feed.SourceIds.Select(id => (JsonNode?)id).ToArray()),
            ["filters"] = feed.FiltersJson is null ? null : JsonNode.Parse(feed.FiltersJson),
            ["ranker"] = feed.Ranker,
            ["parameters"] = JsonNode.Parse(feed.ParametersJson),
            ["boostIntervalSeconds"] = feed.BoostIntervalSeconds,
            ["maxBoostsPerHour"] = feed.MaxBoostsPerHour,
            ["homeCandidates"] = feed.HomeCandidates,
            ["public"] = feed.Public,
        };
        return definition.ToJsonString(Indented);
    }

    /// <summary>The text as the JSON body the API would bind, or the API's own words for a body that
    /// is not JSON (<see cref="ProblemExceptionHandler.MalformedJsonDetail"/>).</summary>
    public static (JsonElement Body, string? Error) Parse(string text)
    {
        try
        {
            return (JsonSerializer.Deserialize<JsonElement>(text), null);
        }
        catch (JsonException e)
        {
            return (default, ProblemExceptionHandler.MalformedJsonDetail(e));
        }
    }

}
