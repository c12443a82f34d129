using Middleware.Core.Feeds;

namespace Middleware.Server.Demo;

/// <summary>The feeds a demo starts with: the chronological baseline, the bridging feed, and a
/// recipe that blends the two, so a newcomer can compare them side by side.</summary>
public static class DemoFeeds
{
    public static IReadOnlyList<Feed> All(DateTimeOffset now) =>
    [
        Make(now, "chronological", "Newest first",
            "Every post, newest first: the baseline the other feeds are measured against.", "chronological", "{}"),
        Make(now, "bridging", "Bridging",
            "Posts appreciated across the two communities of the demo audience, with coordinated boosting discounted.", "bridging", "{}"),
        Make(now, "mixed", "Mostly bridging",
            "A recipe: 70% bridging interleaved with 30% newest first, at most two posts per author near the top.", "recipe",
            """{"recipe":{"blend":[{"ranker":"bridging","weight":0.7},{"ranker":"chronological","weight":0.3}],"caps":{"perAuthor":2}}}"""),
    ];

    private static Feed Make(DateTimeOffset now, string name, string title, string description, string ranker, string parameters) => new()
    {
        Name = name, DisplayName = title, Description = description, Ranker = ranker, ParametersJson = parameters,
        Public = true, CreatedAt = now, UpdatedAt = now,
    };
}
